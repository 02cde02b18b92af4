import type { DossierEvent, DossierState, TaskEvent, TaskState } from './types.js';
import { applyDossierEvent, applyDossierEventInPlace, emptyDossierState, foldDossier, type DossierContext } from './dossier.js';
import { applyTaskEvent, emptyTaskState, foldTask } from './task.js';

/**
 * A dossier's state after one more logged event. In-order events extend the fold; a late-arriving
 * earlier event refolds the dossier from its log (`logged`: its events up to and including this one,
 * in time order). The ingest path and the projection writer both advance states with this rule, so
 * they reach the same state as a fold of the whole log.
 */
export function advanceDossier(
  prev: DossierState | null,
  e: DossierEvent,
  ctx: DossierContext,
  logged: () => DossierEvent[],
): DossierState {
  if (!prev) return applyDossierEvent(emptyDossierState(e.dossierId), e, ctx);
  if (e.at >= prev.lastEventAt) return applyDossierEvent(prev, e, ctx);
  return foldDossier(logged(), ctx);
}

/**
 * advanceDossier for a state the caller owns: one that advanceDossier (or this) answered and that the
 * caller has not handed to anyone yet. An in-order event is applied in place; answers the new state,
 * which may be `owned` itself.
 */
export function advanceOwnedDossier(owned: DossierState, e: DossierEvent, ctx: DossierContext, logged: () => DossierEvent[]): DossierState {
  if (e.at < owned.lastEventAt) return foldDossier(logged(), ctx);
  applyDossierEventInPlace(owned, e, ctx);
  return owned;
}

/** A task's state after one more logged event (see advanceDossier). */
export function advanceTask(prev: TaskState | null, e: TaskEvent, logged: () => TaskEvent[]): TaskState {
  if (!prev) return applyTaskEvent(emptyTaskState(e.taskId), e);
  if (e.at >= prev.lastEventAt) return applyTaskEvent(prev, e);
  return foldTask(logged());
}
