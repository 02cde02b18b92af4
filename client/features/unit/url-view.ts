/**
 * Table view state kept in the URL (`?tab=overdue&sort=daysOverdue&dir=desc&page=2`), so a copied
 * link opens the same view. Pure read/write on URLSearchParams; other keys (period, lang…) are kept.
 */
import type { SortDir, SortState } from './sorting';

export const UNIT_TABS = ['overdue', 'due_soon', 'at_risk', 'awaiting_supplement', 'tasks'] as const;
export type UnitTab = (typeof UNIT_TABS)[number];

/** Sort and page of one table. */
export interface TableView extends SortState {
  page: number;
}

/** URL keys of a table: the main list uses `sort`, `dir`, `page`; others are prefixed (`fieldSort`…). */
export function tableKeys(prefix: string): { sort: string; dir: string; page: string } {
  if (!prefix) return { sort: 'sort', dir: 'dir', page: 'page' };
  return { sort: `${prefix}Sort`, dir: `${prefix}Dir`, page: `${prefix}Page` };
}

/** Reads a table's view; unknown sort keys and bad pages fall back to the defaults. */
export function readTableView(params: URLSearchParams, prefix: string, sortKeys: readonly string[], defaults: SortState): TableView {
  const k = tableKeys(prefix);
  const rawSort = params.get(k.sort);
  const sort = rawSort && sortKeys.includes(rawSort) ? rawSort : null;
  const rawDir = params.get(k.dir);
  const dir: SortDir = rawDir === 'asc' || rawDir === 'desc' ? rawDir : defaults.dir;
  const page = Number.parseInt(params.get(k.page) ?? '', 10);
  return {
    key: sort ?? defaults.key,
    dir: sort ? dir : defaults.dir,
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** Returns new params with a table's view changed; page 1 and the defaults are left out of the URL. */
export function writeTableView(params: URLSearchParams, prefix: string, view: Partial<TableView>): URLSearchParams {
  const next = new URLSearchParams(params);
  const k = tableKeys(prefix);
  if (view.key !== undefined) {
    if (view.key === null) next.delete(k.sort);
    else next.set(k.sort, view.key);
  }
  if (view.dir !== undefined) next.set(k.dir, view.dir);
  if (view.key === null) next.delete(k.dir);
  if (view.page !== undefined) {
    if (view.page <= 1) next.delete(k.page);
    else next.set(k.page, String(view.page));
  }
  return next;
}

/** The open tab; unknown values fall back to "overdue". */
export function readTab(params: URLSearchParams): UnitTab {
  const tab = params.get('tab');
  return (UNIT_TABS as readonly string[]).includes(tab ?? '') ? (tab as UnitTab) : 'overdue';
}

/** Switches tab and resets the main list's sort and page (columns differ between tabs). */
export function writeTab(params: URLSearchParams, tab: UnitTab): URLSearchParams {
  const next = writeTableView(params, '', { key: null, page: 1 });
  next.set('tab', tab);
  return next;
}
