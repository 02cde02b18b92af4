/** Sorting and client-side paging of table rows: pure helpers shared by every drill-down table. */

export type SortDir = 'asc' | 'desc';
export type SortValue = string | number | null | undefined;

/** The sort a table shows: the column key (null = the table's natural order) and direction. */
export interface SortState {
  key: string | null;
  dir: SortDir;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Orders two cell values ascending: numbers numerically, text by Vietnamese collation; null/undefined/NaN are "missing". */
export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

function isMissing(v: SortValue): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Returns a sorted copy (stable). Missing values go last in both directions, so "worst first"
 * never starts with blanks.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const am = isMissing(a.v);
      const bm = isMissing(b.v);
      if (am || bm) return am === bm ? a.index - b.index : am ? 1 : -1;
      return sign * compareValues(a.v, b.v) || a.index - b.index;
    })
    .map((x) => x.row);
}

/**
 * The sort after a click on a column header: a new column starts in its preferred direction;
 * clicking the sorted column flips it.
 */
export function nextSort(current: SortState, clicked: string, firstDir: SortDir = 'asc'): SortState {
  if (current.key !== clicked) return { key: clicked, dir: firstDir };
  return { key: clicked, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

/** The aria-sort value of a column header. */
export function ariaSort(sort: SortState, column: string): 'ascending' | 'descending' | 'none' {
  if (sort.key !== column) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

/** One page of rows (pages count from 1); the page is clamped into range. */
export function paginate<T>(
  rows: readonly T[],
  page: number,
  pageSize: number,
): { items: T[]; page: number; pageCount: number; total: number } {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  return { items: rows.slice((p - 1) * pageSize, p * pageSize), page: p, pageCount, total: rows.length };
}

/** Number of pages for a server-paged list (at least 1). */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}
