/**
 * The SQL of the dossier and task lists shared by both engines (read-repo.ts on SQLite,
 * item-store/pg-item-store.ts on PostgreSQL): each filter's condition and default order, the sortable
 * columns. Written in the dialect both accept; named parameters (@now) are bound by each engine.
 */
export type DossierFilter = 'overdue' | 'due_soon' | 'in_progress' | 'paused' | 'awaiting_supplement' | 'late' | 'done';
export type TaskFilter = 'open_in_term' | 'open_overdue' | 'done_on_time' | 'done_late' | 'no_deadline' | 'cancelled';

/**
 * SQL conditions that mirror domain/dossier.ts classifyDossier for open dossiers (kept side by side with
 * the engine's counts by a test): overdue = open in progress past due, or open with more than one
 * supplement request (the national index rule).
 */
export const OVERDUE_SQL = `(open = 1 AND ((bucket = 'in_progress' AND due_at < @now) OR (supplement_requests > 1 AND bucket IN ('in_progress', 'awaiting_supplement'))))`;
/** An overdue span [from, to) (to null: still running) holds instant @at: the backlog's definition at a past instant. */
export const spanHoldsSql = (from: string, to: string): string => `(${from} <= @at AND (${to} IS NULL OR ${to} > @at))`;
export const DUE_SOON_SQL = `(open = 1 AND bucket = 'in_progress' AND supplement_requests <= 1 AND due_at >= @now AND due_at <= @dueSoonUntil)`;

export const DOSSIER_FILTERS: Record<DossierFilter, { where: string; order: string }> = {
  overdue: { where: OVERDUE_SQL, order: 'due_at ASC, id' },
  due_soon: { where: DUE_SOON_SQL, order: 'due_at ASC, id' },
  in_progress: { where: `(open = 1 AND bucket = 'in_progress')`, order: 'due_at ASC, id' },
  awaiting_supplement: { where: `(open = 1 AND bucket = 'awaiting_supplement')`, order: 'due_at ASC, id' },
  paused: { where: `(bucket = 'paused')`, order: 'end_at DESC, id' },
  late: { where: `(open = 0 AND outcome = 'late')`, order: 'end_at DESC, id' },
  done: { where: `(open = 0 AND bucket = 'done')`, order: 'end_at DESC, id' },
};

export const TASK_FILTERS: Record<TaskFilter, { where: string; order: string }> = {
  open_overdue: { where: `(status = 'open' AND due_at IS NOT NULL AND due_at < @now)`, order: 'due_at ASC, id' },
  open_in_term: { where: `(status = 'open' AND due_at IS NOT NULL AND due_at >= @now)`, order: 'due_at ASC, id' },
  no_deadline: { where: `(status = 'open' AND due_at IS NULL)`, order: 'assigned_at DESC, id' },
  done_on_time: { where: `(status = 'completed' AND (due_at IS NULL OR completed_at <= due_at))`, order: 'completed_at DESC, id' },
  done_late: { where: `(status = 'completed' AND due_at IS NOT NULL AND completed_at > due_at)`, order: 'completed_at DESC, id' },
  cancelled: { where: `(status = 'cancelled')`, order: 'assigned_at DESC, id' },
};

/** Sortable columns of dossier lists (API sort key → SQL). daysOverdue sorts by due date, reversed. */
export const DOSSIER_SORTS: Record<string, { sql: string; invert?: boolean }> = {
  id: { sql: 'id' },
  procedureName: { sql: 'procedure_name' },
  field: { sql: 'field' },
  holderName: { sql: 'holder_name' },
  receivedAt: { sql: 'received_at' },
  dueAt: { sql: 'due_at' },
  endAt: { sql: 'end_at' },
  daysOverdue: { sql: 'due_at', invert: true },
};

export const TASK_SORTS: Record<string, { sql: string; invert?: boolean }> = {
  title: { sql: 'title' },
  documentNumber: { sql: "json_extract(state, '$.document.number')" },
  issuer: { sql: "json_extract(state, '$.issuer')" },
  assignedAt: { sql: 'assigned_at' },
  dueAt: { sql: 'due_at' },
  completedAt: { sql: 'completed_at' },
  daysOverdue: { sql: 'due_at', invert: true },
  extensions: { sql: 'extensions' },
};

export const DOSSIER_SORT_KEYS = Object.keys(DOSSIER_SORTS);
export const TASK_SORT_KEYS = Object.keys(TASK_SORTS);

export function orderBy(
  sorts: Record<string, { sql: string; invert?: boolean }>,
  fallback: string,
  sort?: string,
  dir?: 'asc' | 'desc',
): string {
  const s = sort ? sorts[sort] : undefined;
  if (!s) return fallback;
  const asc = (dir ?? 'asc') === 'asc';
  // Keys come from a fixed map, never from the request: safe to interpolate.
  return `${s.sql} ${asc !== !!s.invert ? 'ASC' : 'DESC'} NULLS LAST, id`;
}
