/** Column keys (also the URL `sort` values and the server's sort keys) of the unit page's lists. */
import type { DossierListItem, DossierListStatus, TaskListItem } from '../../../shared/contract/api';
import { sortRows } from './sorting';
import type { SortState, SortValue } from './sorting';

export const DOSSIER_SORT_KEYS = ['id', 'procedureName', 'field', 'holderName', 'dueAt', 'daysOverdue'] as const;
export const TASK_SORT_KEYS = ['title', 'documentNumber', 'issuer', 'assignedAt', 'dueAt', 'daysOverdue', 'extensions'] as const;
export { BREAKDOWN_SORT_KEYS } from '../../../shared/contract/api';
export const OFFICIAL_SORT_KEYS = [
  'name',
  'holdingNow',
  'overdueHeldNow',
  'stepsDone',
  'stepOnTimeShare',
  'medianHoldDays',
  'buckPassingCases',
] as const;

/** Default order of each dossier list: the most urgent first. */
export const DOSSIER_DEFAULT_SORT: Record<'overdue' | 'due_soon' | 'awaiting_supplement', SortState> = {
  overdue: { key: 'daysOverdue', dir: 'desc' },
  due_soon: { key: 'dueAt', dir: 'asc' },
  awaiting_supplement: { key: 'dueAt', dir: 'asc' },
};
export const TASK_DEFAULT_SORT: SortState = { key: 'daysOverdue', dir: 'desc' };
/** Breakdowns: most overdue first. */
export const BREAKDOWN_DEFAULT_SORT: SortState = { key: 'overdue', dir: 'desc' };
/** Officials: null = the worst-first order (see officials.ts). */
export const OFFICIAL_DEFAULT_SORT: SortState = { key: null, dir: 'desc' };

/** Rows per page of the server-paged lists and of the client-paged breakdowns. */
export const LIST_PAGE_SIZE = 20;
export const BREAKDOWN_PAGE_SIZE = 10;

export type DossierTab = Extract<DossierListStatus, 'overdue' | 'due_soon' | 'awaiting_supplement'>;

const instant = (iso: string | null): number | null => (iso ? Date.parse(iso) : null);

/** Sort value of a dossier row per column key (client-side order within a page). */
export const DOSSIER_SORT_VALUE: Record<(typeof DOSSIER_SORT_KEYS)[number], (d: DossierListItem) => SortValue> = {
  id: (d) => d.id,
  procedureName: (d) => d.procedureName,
  field: (d) => d.field,
  holderName: (d) => d.holderName,
  dueAt: (d) => instant(d.dueAt),
  daysOverdue: (d) => d.daysOverdue,
};

/** Sort value of a task row per column key. */
export const TASK_SORT_VALUE: Record<(typeof TASK_SORT_KEYS)[number], (x: TaskListItem) => SortValue> = {
  title: (x) => x.title,
  documentNumber: (x) => x.documentNumber,
  issuer: (x) => x.issuer,
  assignedAt: (x) => instant(x.assignedAt),
  dueAt: (x) => instant(x.dueAt),
  daysOverdue: (x) => x.daysOverdue,
  extensions: (x) => x.extensions,
};

/**
 * Orders one page's rows by the chosen column. The server is asked for the same order (`sort`,
 * `dir`); until it honours them, this keeps at least the visible rows consistent with the header.
 */
export function sortPage<T>(rows: readonly T[], sort: SortState, values: Record<string, (row: T) => SortValue>): T[] {
  const value = sort.key ? values[sort.key] : undefined;
  return value ? sortRows(rows, value, sort.dir) : [...rows];
}
