/**
 * An item's state in two sets of the log's events (the time machine's base and its target), folded
 * from the item's events the same way the projection writer reaches them (a fold in time order).
 */
import type { DossierContext } from '../domain/dossier.js';
import { applyDossierEventInPlace, copyDossierState, foldDossier } from '../domain/dossier.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import { applyTaskEvent, foldTask } from '../domain/task.js';
import type { DossierEvent, DossierState, TaskEvent, TaskState } from '../domain/types.js';
import type { ReplayEventRow, ReplayRepo } from '../db/replay-repo.js';
import { putDossier, putTask, type CheckpointState, type ItemChange, type ItemKind } from '../metrics/replay-state.js';

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

/** The item's state in the base set and in the target set, from its events (in time order); each event parsed once. */
export function itemChange(
  kind: ItemKind,
  id: string,
  rows: readonly ReplayEventRow[],
  base: EventSet,
  target: EventSet,
  ctx: DossierContext,
): ItemChange {
  const inBase = rows.map(base);
  const inTarget = rows.map(target);
  const pick = <E>(events: E[], set: boolean[]) => events.filter((_, i) => set[i]);
  if (kind === 'dossier') {
    const events = rows.map((r) => parseLoggedDossierEvent(r.payload));
    const fold = (es: DossierEvent[]) => (es.length === 0 ? null : foldDossier(es, ctx, id));
    return { kind, id, prev: fold(pick(events, inBase)), next: fold(pick(events, inTarget)) };
  }
  const events = rows.map((r) => parseLoggedTaskEvent(r.payload));
  const fold = (es: TaskEvent[]) => (es.length === 0 ? null : foldTask(es, id));
  return { kind, id, prev: fold(pick(events, inBase)), next: fold(pick(events, inTarget)) };
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

/**
 * Puts one item's state after its `fresh` events into the checkpoint; answers the latest time among all
 * its events. Folded on from the state it holds when that is exact; else refolded from its events up
 * to `cut`: before, those the state held (`base`: by default every one up to the state's seq).
 */
export function foldItem(
  repo: ReplayRepo,
  ctx: DossierContext,
  state: CheckpointState,
  fresh: ReplayEventRow[],
  cut: number,
  base: (e: ReplayEventRow) => boolean = (e) => e.seq <= state.seq,
  target: (e: ReplayEventRow) => boolean = () => true,
): number {
  const { kind, itemId } = fresh[0];
  if (kind === 'dossier') {
    const held = state.openDossiers.get(itemId);
    const on = held && foldOnDossier(held, fresh, ctx);
    if (held && on) {
      putDossier(state, held, on, ctx);
      return on.lastEventAt;
    }
  } else {
    const held = state.tasks.get(itemId);
    const on = held && foldOnTask(held, fresh);
    if (held && on) {
      putTask(state, held, on);
      return on.lastEventAt;
    }
  }
  const rows = repo.ofItem(kind, itemId, cut).filter(target);
  const before = rows.filter(base);
  if (kind === 'dossier') putDossier(state, foldDossierRows(itemId, before, ctx), foldDossierRows(itemId, rows, ctx)!, ctx);
  else putTask(state, foldTaskRows(itemId, before), foldTaskRows(itemId, rows)!);
  return rows.reduce((m, e) => Math.max(m, e.at), -Infinity);
}
