/** A unit's server-paged list as one block: export buttons, load error, the sortable table, the pager. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api';
import { fetchPage } from './api';
import { LIST_PAGE_SIZE, sortPage } from './columns';
import { DataTable } from './DataTable';
import type { Column } from './DataTable';
import { ExportButtons } from './ExportButtons';
import type { ExportRequest } from './ExportButtons';
import { LoadError } from './LoadError';
import { Pager } from './Pager';
import { pageCountOf } from './sorting';
import type { SortState, SortValue } from './sorting';
import { useReloadOn } from './use-reload-on';
import { useTableView } from './use-table-view';
import type { TableView } from './url-view';

export interface PagedListBlockProps<T> {
  /** The table's name (caption and accessible label). */
  caption: string;
  /** The list's API URL for a page of `pageSize` rows in the view's sort. */
  urlOf: (view: TableView & { pageSize: number }) => string;
  /** What the export buttons ask for; the sort follows the table's. None: no export (a list the exports do not serve). */
  exportRequest?: Omit<ExportRequest, 'sort' | 'dir'>;
  sortKeys: readonly string[];
  defaultSort: SortState;
  /** Sort value of each sortable column, to order the page the same way as the server. */
  sortValue: Record<string, (row: T) => SortValue>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowTestId: (row: T) => string;
  /** Text of an empty list. */
  empty: string;
  testId: string;
  /** Changes when live metrics say the list may have changed; the page is then reloaded. */
  refreshToken?: number;
  /** When given, the list's total is written above it in these words. */
  totalText?: (total: number) => string;
}

/** Sort and page live in the URL (`sort`, `dir`, `page`). */
export function PagedListBlock<T>(props: PagedListBlockProps<T>) {
  const { t } = useTranslation('unit');
  const { caption, sortValue } = props;
  const view = useTableView('', props.sortKeys, props.defaultSort);
  const url = props.urlOf({ key: view.key, dir: view.dir, page: view.page, pageSize: LIST_PAGE_SIZE });
  const res = useApi((signal) => fetchPage<T>(url, signal), [url]);
  const { reload } = res;

  useReloadOn(props.refreshToken, reload);

  const data = res.data;
  const rows = useMemo(() => (data ? sortPage(data.items, view, sortValue) : []), [data, view.key, view.dir, sortValue]);
  return (
    <section className="list-block" aria-label={caption}>
      {props.exportRequest && (
        <div className="block-toolbar">
          <ExportButtons label={caption} request={{ ...props.exportRequest, sort: view.key, dir: view.dir }} />
        </div>
      )}
      {data && props.totalText && (
        <p className="list-total" data-testid={`${props.testId}-total`} data-value={data.total}>
          {props.totalText(data.total)}
        </p>
      )}
      {res.error && <LoadError error={res.error} onRetry={reload} />}
      {data === null && res.loading ? (
        <p role="status">{t('loading')}</p>
      ) : data ? (
        <>
          <DataTable
            caption={caption}
            hideCaption
            columns={props.columns}
            rows={rows}
            rowKey={props.rowKey}
            rowTestId={props.rowTestId}
            sort={view}
            onSort={view.onSort}
            empty={props.empty}
            busy={res.loading}
            testId={props.testId}
            cards
          />
          <Pager
            label={caption}
            page={data.page}
            pageCount={pageCountOf(data.total, data.pageSize)}
            total={data.total}
            onPage={view.onPage}
          />
        </>
      ) : null}
    </section>
  );
}
