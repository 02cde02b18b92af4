/** A table's sort and page, read from and written to the URL. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { nextSort } from './sorting';
import type { SortDir, SortState } from './sorting';
import { readTab, readTableView, writeTab, writeTableView } from './url-view';
import type { TableView, UnitTab } from './url-view';

export interface TableViewControls extends TableView {
  /** Header click: sort by this column, or flip the direction if it is already sorted by it. */
  onSort: (key: string, firstDir?: SortDir) => void;
  onPage: (page: number) => void;
}

/**
 * Sort and page of one table in the URL (`prefix` '' → `sort`, `dir`, `page`).
 * Sorting goes back to page 1. Other query parameters are kept.
 */
export function useTableView(prefix: string, sortKeys: readonly string[], defaults: SortState): TableViewControls {
  const [params, setParams] = useSearchParams();
  const keysId = sortKeys.join('|');
  const view = useMemo(
    () => readTableView(params, prefix, keysId.split('|'), defaults),
    [params, prefix, keysId, defaults.key, defaults.dir],
  );
  const onSort = useCallback(
    (key: string, firstDir: SortDir = 'asc') => {
      setParams(
        (prev) => {
          const current = readTableView(prev, prefix, keysId.split('|'), defaults);
          const next = nextSort(current, key, firstDir);
          return writeTableView(prev, prefix, { key: next.key, dir: next.dir, page: 1 });
        },
        { replace: true, preventScrollReset: true },
      );
    },
    [setParams, prefix, keysId, defaults.key, defaults.dir],
  );
  const onPage = useCallback(
    (page: number) => {
      setParams((prev) => writeTableView(prev, prefix, { page }), { preventScrollReset: true });
    },
    [setParams, prefix],
  );
  return { ...view, onSort, onPage };
}

/** The open tab of the unit page, from the URL. */
export function useUnitTab(): [UnitTab, (tab: UnitTab) => void] {
  const [params, setParams] = useSearchParams();
  const tab = readTab(params);
  const setTab = useCallback((next: UnitTab) => setParams((prev) => writeTab(prev, next), { preventScrollReset: true }), [setParams]);
  return [tab, setTab];
}
