import type { DossierEvent, DossierState, TaskEvent, TaskState } from '../domain/types.js';
import { applyDossierEvent, emptyDossierState, foldDossier } from '../domain/dossier.js';
import { applyTaskEvent, emptyTaskState, foldTask } from '../domain/task.js';
import { toVnIso } from '../domain/time.js';
import type { Store } from '../db/store.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { FieldError } from '../db/quarantine-repo.js';
import { contentHash } from './canonical-json.js';
import { validateEvent, type IngestKind, type ValidationContext } from './validate.js';
import { dossierEventSchema, taskEventSchema } from './wire-schemas.js';
import type { DomainContext, DossierRowExtrasFn } from './projection-extras.js';
import { StateCache } from './state-cache.js';

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
  /** Derives the indexed columns of a dossier row (open, outcome, restart facts). */
  dossierExtras: DossierRowExtrasFn;
  /** Called after the batch's transaction committed, with every changed item (before → after). */
  onApplied(changes: AppliedChanges): void;
}

/**
 * The one writer path: every event — pushed over HTTP, imported, or simulated — is validated, logged,
 * folded into its item's projection in one transaction per batch, then handed to the metrics engine.
 */
export function createIngestService(deps: IngestDeps) {
  const { store, domain } = deps;
  const dossierCache = new StateCache<DossierState>(STATE_CACHE_ITEMS);
  const taskCache = new StateCache<TaskState>(STATE_CACHE_ITEMS / 8);

  function ingest(source: SourceRow, kind: IngestKind, rawEvents: unknown[]): EventResult[] {
    const now = deps.now();
    const vctx: ValidationContext = { now, isKnownCode: deps.isKnownCode, jurisdictionName: deps.jurisdictionName };
    const results: EventResult[] = new Array(rawEvents.length);
    const rejects: { index: number; id: string | null; raw: unknown; errors: FieldError[] }[] = [];
    const seenInBatch = new Map<string, string>();

    const dossierPrev = new Map<string, DossierState | null>();
    const dossierNext = new Map<string, DossierState>();
    const taskPrev = new Map<string, TaskState | null>();
    const taskNext = new Map<string, TaskState>();
    let maxAt = 0;

    const reject = (index: number, id: string | null, raw: unknown, errors: FieldError[]) => {
      results[index] = { index, id, status: 'rejected', errors };
      rejects.push({ index, id, raw, errors });
    };
    const duplicateOrConflict = (index: number, id: string, raw: unknown, earlier: string | undefined, hash: string) => {
      if (earlier === hash) results[index] = { index, id, status: 'duplicate' };
      else
        reject(index, id, raw, [
          { path: 'id', message: `conflict: event id "${id}" was already accepted from this source with different content` },
        ]);
    };

    store.transaction(() => {
      rawEvents.forEach((raw, index) => {
        const v = validateEvent(kind, raw, vctx);
        if (!v.ok) return reject(index, v.eventId, raw, v.errors);
        const hash = contentHash(v.canonical);
        const inBatch = seenInBatch.get(v.event.id);
        if (inBatch !== undefined) return duplicateOrConflict(index, v.event.id, raw, inBatch, hash);
        if (v.kind === 'dossier') {
          const e = v.event;
          const prev = currentDossier(e.dossierId);
          const orderError = checkDossierOrder(prev, e);
          if (orderError) {
            const earlier = store.events.existingHash(source.id, e.id);
            if (earlier !== undefined) return duplicateOrConflict(index, e.id, raw, earlier, hash);
            return reject(index, e.id, raw, [orderError]);
          }
          if (!store.events.append(source.id, e.id, 'dossier', e.dossierId, e.type, e.at, now, hash, v.canonical)) {
            return duplicateOrConflict(index, e.id, raw, store.events.existingHash(source.id, e.id), hash);
          }
          dossierNext.set(e.dossierId, advanceDossier(prev, e));
        } else {
          const e = v.event;
          if (!store.events.append(source.id, e.id, 'task', e.taskId, e.type, e.at, now, hash, v.canonical)) {
            return duplicateOrConflict(index, e.id, raw, store.events.existingHash(source.id, e.id), hash);
          }
          taskNext.set(e.taskId, advanceTask(currentTask(e.taskId), e));
        }
        seenInBatch.set(v.event.id, hash);
        if (v.event.at > maxAt) maxAt = v.event.at;
        results[index] = { index, id: v.event.id, status: 'accepted' };
      });

      for (const [id, next] of dossierNext) store.projections.saveDossier(dossierPrev.get(id) ?? null, next, deps.dossierExtras(next));
      for (const next of taskNext.values()) store.projections.saveTask(next);
      for (const r of rejects) store.quarantine.add(source.id, kind, now, r.id, safeStringify(r.raw), r.errors);
      if (maxAt > 0) store.sources.markSeen(source.id, now, maxAt);
    });

    // Committed: the cache may now hold the new states (finished items leave it: they rarely change again).
    for (const [id, next] of dossierNext) {
      if (next.endAt === null) dossierCache.set(id, next);
      else dossierCache.delete(id);
    }
    for (const [id, next] of taskNext) {
      if (next.status === 'open') taskCache.set(id, next);
      else taskCache.delete(id);
    }
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
      if (!dossierPrev.has(id)) dossierPrev.set(id, dossierCache.get(id) ?? store.projections.getDossier(id));
      return dossierPrev.get(id) ?? null;
    }

    function currentTask(id: string): TaskState | null {
      const inBatch = taskNext.get(id);
      if (inBatch) return inBatch;
      if (!taskPrev.has(id)) taskPrev.set(id, taskCache.get(id) ?? store.projections.getTask(id));
      return taskPrev.get(id) ?? null;
    }
  }

  /** In-order events extend the fold; a late-arriving earlier event refolds the item from its log. */
  function advanceDossier(prev: DossierState | null, e: DossierEvent): DossierState {
    if (!prev) return applyDossierEvent(emptyDossierState(e.dossierId), e, domain);
    if (e.at >= prev.lastEventAt) return applyDossierEvent(prev, e, domain);
    const events = store.events.ofItem('dossier', e.dossierId).map((s) => dossierEventSchema.parse(JSON.parse(s.payload)) as DossierEvent);
    return foldDossier(events, domain);
  }

  function advanceTask(prev: TaskState | null, e: TaskEvent): TaskState {
    if (!prev) return applyTaskEvent(emptyTaskState(e.taskId), e);
    if (e.at >= prev.lastEventAt) return applyTaskEvent(prev, e);
    const events = store.events.ofItem('task', e.taskId).map((s) => taskEventSchema.parse(JSON.parse(s.payload)) as TaskEvent);
    return foldTask(events);
  }

  return { ingest };
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
