/**
 * An item's state in two sets of the log's events (the time machine's base and its target), folded
 * from the item's events the same way the projection writer reaches them (a fold in time order).
 */
import type { DossierContext } from '../domain/dossier.js';
import { applyDossierEventInPlace, copyDossierState, foldDossier } from '../domain/dossier.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import { applyTaskEvent, foldTask } from '../domain/task.js';
import type { DossierState, TaskState } from '../domain/types.js';
import type { ReplayEventRow } from '../db/replay-repo.js';
import type { ItemChange, ItemKind } from '../metrics/replay-state.js';

/** Which of an item's events a state counts. */
export type EventSet = (e: ReplayEventRow) => boolean;

export function foldDossierRows(id: string, rows: readonly ReplayEventRow[], ctx: DossierContext): DossierState | null {
  return rows.length === 0
    ? null
    : foldDossier(
        rows.map((r) => parseLoggedDossierEvent(r.payload)),
        ctx,
        id,
      );
}

export function foldTaskRows(id: string, rows: readonly ReplayEventRow[]): TaskState | null {
  return rows.length === 0
    ? null
    : foldTask(
        rows.map((r) => parseLoggedTaskEvent(r.payload)),
        id,
      );
}

/** The item's state in the base set and in the target set, from its events (any order). */
export function itemChange(
  kind: ItemKind,
  id: string,
  rows: readonly ReplayEventRow[],
  base: EventSet,
  target: EventSet,
  ctx: DossierContext,
): ItemChange {
  const inBase = rows.filter(base);
  const inTarget = rows.filter(target);
  if (kind === 'dossier') return { kind, id, prev: foldDossierRows(id, inBase, ctx), next: foldDossierRows(id, inTarget, ctx) };
  return { kind, id, prev: foldTaskRows(id, inBase), next: foldTaskRows(id, inTarget) };
}

/**
 * `prev` (the fold of an item's earlier events) with `fresh` (its later arrivals, in log order) folded
 * on, when that equals a fold of all of them: every fresh event is at or after the latest time folded
 * (a fold sorts by time, then arrival). Null when one is older: the caller refolds from the log.
 */
export function foldOnDossier(prev: DossierState, fresh: readonly ReplayEventRow[], ctx: DossierContext): DossierState | null {
  const rows = inTimeOrderAfter(prev.lastEventAt, fresh);
  if (rows === null) return null;
  const next = copyDossierState(prev);
  for (const r of rows) applyDossierEventInPlace(next, parseLoggedDossierEvent(r.payload), ctx);
  return next;
}

/** As foldOnDossier, for a task. */
export function foldOnTask(prev: TaskState, fresh: readonly ReplayEventRow[]): TaskState | null {
  const rows = inTimeOrderAfter(prev.lastEventAt, fresh);
  if (rows === null) return null;
  let next = prev;
  for (const r of rows) next = applyTaskEvent(next, parseLoggedTaskEvent(r.payload));
  return next;
}

/** `fresh` sorted by time then arrival, or null if one is before `after`. */
function inTimeOrderAfter(after: number, fresh: readonly ReplayEventRow[]): ReplayEventRow[] | null {
  for (const r of fresh) if (r.at < after) return null;
  return fresh.slice().sort((a, b) => a.at - b.at || a.seq - b.seq);
}
