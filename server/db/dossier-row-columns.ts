/**
 * How a dossier's state becomes its row in the projections: the derived columns the store indexes and
 * the API filters on, their values, and the comparisons that let the writer skip unchanged ones; and a task's row.
 */
import { indexBits, UNKNOWN_INDEX_FIELDS } from '../domain/service-index-facts.js';
import type { DossierState, Hold, TaskState } from '../domain/types.js';
import type { DossierRowExtras, StoredOverdueSpan } from './projections-repo.js';

export const STATE_COLUMNS = [
  'unit',
  'procedure_code',
  'procedure_name',
  'field',
  'channel',
  'received_at',
  'due_at',
  'end_at',
  'bucket',
  'supplement_requests',
  'apologies',
  'holder_id',
  'holder_name',
] as const;
export const BASE_EXTRAS_COLUMNS: readonly string[] = [
  'open',
  'processing_days',
  'outcome',
  'f_received_day',
  'f_online',
  'f_end_day',
  'f_bin',
  'f_apology_days',
];
export const EXTRAS_BIT = 1 << STATE_COLUMNS.length;
/** A dossier's overdue span when it is kept in its row (migration 012): its start, and the working day its lateness began; it ends with end_at. */
export const ROW_SPAN_COLUMNS = ['overdue_from', 'overdue_work_day'] as const;
export const SPAN_BIT = EXTRAS_BIT << 1;
export const INDEX_BIT = SPAN_BIT << 1;

/** The row's index_bits: the dossier's national service index contributions (all unknown → 0). */
export function dossierIndexBits(s: DossierState): number {
  return indexBits(s.index ?? UNKNOWN_INDEX_FIELDS);
}

export type Cell = string | number | null;

/** The values of STATE_COLUMNS, in their order. */
export function stateValues(s: DossierState): Cell[] {
  const holder = currentHolder(s.holds);
  const p = s.procedure;
  return [
    s.unit,
    p?.code ?? null,
    p?.name ?? null,
    p?.field ?? null,
    s.channel,
    s.receivedAt,
    s.dueAt,
    s.endAt,
    s.bucket,
    s.supplementRequests,
    s.apologies.length,
    holder?.handlerId ?? null,
    holder?.handlerName ?? null,
  ];
}

/** The values of BASE_EXTRAS_COLUMNS, in their order. */
export function baseExtrasValues(e: DossierRowExtras): Cell[] {
  const f = e.facts;
  return [
    e.open ? 1 : 0,
    e.processingDays,
    e.outcome,
    f?.receivedDay ?? null,
    f?.online ?? null,
    f?.endDay ?? null,
    f?.processingBin ?? null,
    f?.apologyDays ?? null,
  ];
}

/**
 * Where a dossier's spans are kept: a single one that lasts until the dossier ends (to = end_at, or
 * open while it is) in its row, when the file has the columns; any other shape as rows of
 * overdue_spans. A dossier without a unit is counted nowhere, so nothing is kept for it.
 */
export function placeSpans(
  unit: string | null,
  endAt: number | null,
  list: readonly StoredOverdueSpan[],
  rowSpans: boolean,
): { row: StoredOverdueSpan | null; table: readonly StoredOverdueSpan[] } {
  if (unit === null) return { row: null, table: [] };
  if (rowSpans && list.length === 1 && list[0].to === endAt) return { row: list[0], table: [] };
  return { row: null, table: list };
}

export function rowSpanValues(row: StoredOverdueSpan | null): Cell[] {
  return row === null ? [null, null] : [row.from, row.workDay];
}

function currentHolder(holds: Hold[]): Hold | null {
  const last = holds[holds.length - 1];
  return last && last.to === null ? last : null;
}

export function sameHold(a: Hold | undefined, b: Hold): boolean {
  return (
    !!a &&
    a.handlerId === b.handlerId &&
    a.handlerName === b.handlerName &&
    a.handlerUnit === b.handlerUnit &&
    a.from === b.from &&
    a.to === b.to &&
    a.stepDueAt === b.stepDueAt
  );
}

export function* mapIter<A, B>(it: IterableIterator<A>, f: (a: A) => B): IterableIterator<B> {
  for (const a of it) yield f(a);
}

/** A task's row in the projections' `tasks` table, in its columns' order: one definition for both engines' writers. */
export function taskRowValues(t: TaskState): Cell[] {
  return [t.id, t.assignee, t.title, t.assignedAt, t.dueAt, t.completedAt, t.status, t.extensions, JSON.stringify(t)];
}
