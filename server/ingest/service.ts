import type { DossierEvent, DossierState, TaskState } from '../domain/types.js';
import { toVnIso } from '../domain/time.js';
import type { Store } from '../db/store.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { FieldError } from '../../shared/contract/errors.js';
import { sameContent } from './canonical-json.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent, validateEvent, type IngestKind, type ValidationContext } from './validate.js';
import type { DomainContext } from './projection-extras.js';
import { StateCache } from './state-cache.js';
import { advanceDossier, advanceOwnedDossier, advanceTask } from './fold.js';

/** Items whose states stay in memory between batches (≈ the open backlog of a large city). */
const STATE_CACHE_ITEMS = 400_000;

export type EventResult =
  | { index: number; id: string | null; status: 'accepted' }
  | { index: number; id: string | null; status: 'duplicate' }
  | { index: number; id: string | null; status: 'rejected'; errors: FieldError[] };

export interface AppliedChanges {
  dossiers: { prev: DossierState | null; next: DossierState }[];
  tasks: { prev: TaskState | null; next: TaskState }[];
}

export interface IngestDeps {
  store: Store;
  domain: DomainContext;
  now: () => number;
  isKnownCode(code: string): boolean;
  jurisdictionName: string;
  /** The projection writer: told when the log grew, it tells when the projections caught up. */
  projections: { logged(seq: number): void; onProjected(listener: (seq: number) => void): void };
  /** Called after the batch's transaction committed, with every changed item (before → after). */
  onApplied(changes: AppliedChanges): void;
}

/**
 * The one writer path: every event — pushed over HTTP, imported, or simulated — is validated, then
 * the batch's accepted events are appended to the log (with its rejected ones in quarantine) in one
 * durable transaction, folded in memory into their items' states and handed to the metrics engine.
 * The projection writer folds the same log into the projections shortly after (projection/); the
 * states it has not written yet stay here, so the next event of an item folds onto its latest state.
 */
export function createIngestService(deps: IngestDeps) {
  const { store, domain } = deps;
  const dossierCache = new StateCache<DossierState>(STATE_CACHE_ITEMS);
  const taskCache = new StateCache<TaskState>(STATE_CACHE_ITEMS / 8);
  // What the projection writer has not written yet (it works up to a seq of the log, see
  // projection/projector.ts), each with the seq of its last event, dropped once the writer passed it:
  // - the latest states of items (their rows in the store are behind);
  // - the ids of logged events, with their seq (event_ids does not have them yet). Their payloads stay
  //   in the log: held here they would outlive many collections, and a resend is rare.
  // Each map is kept in seq order (an entry moves to the end when updated), so dropping stops early.
  const unprojectedDossiers = new Map<string, { state: DossierState; seq: number }>();
  const unprojectedTasks = new Map<string, { state: TaskState; seq: number }>();
  const unindexedIds = new Map<string, number>();
  deps.projections.onProjected((seq) => {
    dropUpTo(unprojectedDossiers, seq);
    dropUpTo(unprojectedTasks, seq);
    for (const [key, at] of unindexedIds) {
      if (at > seq) break;
      unindexedIds.delete(key);
    }
  });
  const idKey = (sourceId: number, eventId: string) => `${sourceId}\u0000${eventId}`;
  /**
   * Payload of the event this source logged under this id, if any: logged since the projections' mark
   * (read from the log by its seq), else in `indexed` (what event_ids held for the batch's ids).
   */
  const loggedPayload = (sourceId: number, eventId: string, indexed: Map<string, string>): string | undefined => {
    const seq = unindexedIds.get(idKey(sourceId, eventId));
    return seq !== undefined ? store.events.payloadAt(seq) : indexed.get(eventId);
  };

  function ingest(source: SourceRow, kind: IngestKind, rawEvents: unknown[]): EventResult[] {
    const now = deps.now();
    const vctx: ValidationContext = { now, isKnownCode: deps.isKnownCode, jurisdictionName: deps.jurisdictionName };
    const results: EventResult[] = new Array(rawEvents.length);
    const rejects: { index: number; id: string | null; raw: unknown; errors: FieldError[] }[] = [];
    const accepted = new Map<string, { payload: string; seq: number }>();

    const dossierPrev = new Map<string, DossierState | null>();
    const dossierNext = new Map<string, DossierState>();
    const taskPrev = new Map<string, TaskState | null>();
    const taskNext = new Map<string, TaskState>();
    let maxAt = 0;
    let lastSeq = 0;

    const reject = (index: number, id: string | null, raw: unknown, errors: FieldError[]) => {
      results[index] = { index, id, status: 'rejected', errors };
      rejects.push({ index, id, raw, errors });
    };
    const duplicateOrConflict = (index: number, id: string, raw: unknown, earlier: string, payload: string) => {
      if (sameContent(earlier, payload)) results[index] = { index, id, status: 'duplicate' };
      else
        reject(index, id, raw, [
          { path: 'id', message: `conflict: event id "${id}" was already accepted from this source with different content` },
        ]);
    };

    // Validation reads nothing from the store: the whole batch is validated before the transaction,
    // so the write lock (which the projection writer waits for) is held for the log's work only.
    const validated = rawEvents.map((raw) => validateEvent(kind, raw, vctx));
    const ids: string[] = [];
    for (const v of validated) if (v.ok) ids.push(v.event.id);

    store.transaction(() => {
      // One lookup for the batch's ids, not one statement per event (in the transaction: the writer
      // may index more ids until it starts).
      const indexed = store.events.indexedPayloads(source.id, ids);
      rawEvents.forEach((raw, index) => {
        const v = validated[index];
        if (!v.ok) return reject(index, v.eventId, raw, v.errors);
        const { payload } = v;
        const eventId = v.event.id;
        const earlier = accepted.get(eventId)?.payload ?? loggedPayload(source.id, eventId, indexed);
        if (earlier !== undefined) return duplicateOrConflict(index, eventId, raw, earlier, payload);
        let seq: number;
        if (v.kind === 'dossier') {
          const e = v.event;
          // A state this batch already advanced is its own until the commit: fold onto it in place.
          const owned = dossierNext.get(e.dossierId);
          const prev = owned ?? currentDossier(e.dossierId);
          const orderError = checkDossierOrder(prev, e);
          if (orderError) return reject(index, e.id, raw, [orderError]);
          seq = store.events.append(source.id, e.id, 'dossier', e.dossierId, e.type, e.at, now, payload);
          const logged = () => store.events.ofItem('dossier', e.dossierId).map((s) => parseLoggedDossierEvent(s.payload));
          dossierNext.set(e.dossierId, owned ? advanceOwnedDossier(owned, e, domain, logged) : advanceDossier(prev, e, domain, logged));
        } else {
          const e = v.event;
          seq = store.events.append(source.id, e.id, 'task', e.taskId, e.type, e.at, now, payload);
          taskNext.set(
            e.taskId,
            advanceTask(currentTask(e.taskId), e, () => store.events.ofItem('task', e.taskId).map((s) => parseLoggedTaskEvent(s.payload))),
          );
        }
        lastSeq = seq;
        accepted.set(eventId, { payload, seq });
        if (v.event.at > maxAt) maxAt = v.event.at;
        results[index] = { index, id: eventId, status: 'accepted' };
      });

      for (const r of rejects) store.quarantine.add(source.id, kind, now, r.id, safeStringify(r.raw), r.errors);
      if (maxAt > 0) store.sources.markSeen(source.id, now, maxAt);
    });

    // Committed: the cache may now hold the new states (finished items leave it: they rarely change
    // again), and every changed item stays reachable here until the projections have it.
    for (const [eventId, a] of accepted) unindexedIds.set(idKey(source.id, eventId), a.seq);
    for (const [id, next] of dossierNext) {
      unprojectedDossiers.delete(id);
      unprojectedDossiers.set(id, { state: next, seq: lastSeq });
      if (next.endAt === null) dossierCache.set(id, next);
      else dossierCache.delete(id);
    }
    for (const [id, next] of taskNext) {
      unprojectedTasks.delete(id);
      unprojectedTasks.set(id, { state: next, seq: lastSeq });
      if (next.status === 'open') taskCache.set(id, next);
      else taskCache.delete(id);
    }
    if (lastSeq > 0) deps.projections.logged(lastSeq);
    if (dossierNext.size || taskNext.size) {
      deps.onApplied({
        dossiers: [...dossierNext].map(([id, next]) => ({ prev: dossierPrev.get(id) ?? null, next })),
        tasks: [...taskNext].map(([id, next]) => ({ prev: taskPrev.get(id) ?? null, next })),
      });
    }
    return results;

    function currentDossier(id: string): DossierState | null {
      const inBatch = dossierNext.get(id);
      if (inBatch) return inBatch;
      if (!dossierPrev.has(id)) dossierPrev.set(id, latestDossier(id));
      return dossierPrev.get(id) ?? null;
    }

    function currentTask(id: string): TaskState | null {
      const inBatch = taskNext.get(id);
      if (inBatch) return inBatch;
      if (!taskPrev.has(id)) taskPrev.set(id, latestTask(id));
      return taskPrev.get(id) ?? null;
    }
  }

  /** The state of a dossier after every event accepted so far (its store row may be behind). */
  function latestDossier(id: string): DossierState | null {
    return unprojectedDossiers.get(id)?.state ?? dossierCache.get(id) ?? store.projections.getDossier(id);
  }

  function latestTask(id: string): TaskState | null {
    return unprojectedTasks.get(id)?.state ?? taskCache.get(id) ?? store.projections.getTask(id);
  }

  return { ingest, latestDossier, latestTask };
}

/** Drops the entries of a map kept in seq order up to `seq`. */
function dropUpTo(m: Map<string, { seq: number }>, seq: number): void {
  for (const [key, v] of m) {
    if (v.seq > seq) return;
    m.delete(key);
  }
}

/** Nothing happens to a dossier before it is received: such an event is a logic error, not an early arrival. */
function checkDossierOrder(state: DossierState | null, e: DossierEvent): FieldError | null {
  if (!state || state.receivedAt === null || e.type === 'received') return null;
  if (e.at < state.receivedAt) {
    return {
      path: 'at',
      message: `${toVnIso(e.at)} is before the dossier was received (${toVnIso(state.receivedAt)})`,
    };
  }
  return null;
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}

export type IngestService = ReturnType<typeof createIngestService>;
