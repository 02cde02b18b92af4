import type { DossierEvent, DossierState, TaskEvent, TaskState } from '../domain/types.js';
import type { DossierContext } from '../domain/dossier.js';
import { toVnIso } from '../domain/time.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import { advanceDossier, advanceOwnedDossier, advanceTask } from '../domain/fold.js';
import type { Store } from '../db/store.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { FieldError } from '../../shared/contract/errors.js';
import type { WriteBehind } from '../projection/write-behind.js';
import { itemKey } from '../projection/item-key.js';
import { sameContent } from './canonical-json.js';
import { conflictError } from '../db/write-store/contract.js';
import { rawEventId, validateEvent, type IngestKind, type Validated, type ValidationContext } from './validate.js';
import { unitLimitErrors, type ItemUnits } from './unit-limit.js';
import type { ClockSkewTracker, SkewWindow } from '../metrics/clock-skew.js';

export type EventResult =
  | { index: number; id: string | null; status: 'accepted' }
  | { index: number; id: string | null; status: 'duplicate' }
  | { index: number; id: string | null; status: 'rejected'; errors: FieldError[] };

export interface AppliedChanges {
  dossiers: { prev: DossierState | null; next: DossierState }[];
  tasks: { prev: TaskState | null; next: TaskState }[];
  /** The batch came in history-load mode (history-load.ts): the live screens' per-batch work may wait for the load's end. */
  history: boolean;
  /** The seqs the batch logged (every one in [firstSeq, lastSeq]) and their arrival time: the time machine follows the log with them. */
  firstSeq: number;
  lastSeq: number;
  receivedAt: number;
}

export interface IngestOptions {
  /** An admin's replay of a quarantined record: see `ingest`. */
  replay?: boolean;
  /** A batch of a history load (`X-Ingest-Mode: history`, history-load.ts); the caller checked the source may. */
  history?: boolean;
}

export interface IngestDeps {
  store: Store;
  domain: DossierContext;
  now: () => number;
  isKnownCode(code: string): boolean;
  jurisdictionName: string;
  /** The latest known states and event ids (projection/write-behind.ts): read here, told of each commit. */
  latest: WriteBehind;
  /** Called after the batch's transaction committed, with every changed item (before → after). */
  onApplied(changes: AppliedChanges): void;
  /** Per-source clock skew (metrics/clock-skew.ts): each accepted event's (arrival − at) is pushed to its source's window. */
  clockSkew?: Pick<ClockSkewTracker, 'window'>;
  /**
   * A history-load batch committed events of these dossiers without folding them (id → the seq of its
   * last): the projection writer folds them; called before the write-behind learns of it, so that a
   * dossier's state before the load is still readable (metrics/history-rows.ts).
   */
  onHistoryLogged?(dossiers: ReadonlyMap<string, { seq: number }>): void;
  /**
   * In a history-load batch's transaction, before it logs its first event of this dossier: the rows read
   * then are those of the events logged before the batch alone, which the writer cannot fold past until
   * the batch commits (metrics/history-rows.ts reads the state the engine had of the dossier).
   */
  beforeHistoryLog?(dossierId: string): void;
}

/**
 * The one writer path: every event — pushed over HTTP, imported, or simulated — is validated, then in
 * one durable transaction the batch's events outside a unit-limited source's units and its invalid
 * ones go to quarantine and the rest are appended to the log, folded in memory onto their items'
 * latest states. Once committed, the new states are published: to the write-behind projections
 * (projection/write-behind.ts, which owns the latest states and tells the projection writer) and to
 * the metrics engine (onApplied). Nothing here waits for the projection writer.
 */
export function createIngestService(deps: IngestDeps) {
  const { store, latest } = deps;
  /** Where an item already stored belongs, by its latest known state (undefined: no such item). */
  const itemUnits: ItemUnits = {
    dossierUnit: (id) => latest.dossier(id)?.unit,
    taskAssignee: (id) => latest.task(id)?.assignee,
  };

  /**
   * opts.replay: an admin re-submits a quarantined record for the source (the data-quality review):
   * the same path, except that a refusal is answered only (the record is already in quarantine) and
   * the source is not marked as heard from (it sent nothing).
   */
  function ingest(source: SourceRow, kind: IngestKind, rawEvents: unknown[], opts: IngestOptions = {}): EventResult[] {
    const now = deps.now();
    const vctx: ValidationContext = { now, isKnownCode: deps.isKnownCode, jurisdictionName: deps.jurisdictionName };
    const batch = newBatch(deps, source, now, rawEvents.length, deps.clockSkew?.window(source.id) ?? null);

    // Validation reads nothing from the store: the whole batch is validated before the transaction,
    // so the write lock (which the projection writer waits for) is held for the log's work only.
    const validated = rawEvents.map((raw) => validateEvent(kind, raw, vctx));
    const ids: string[] = [];
    for (const v of validated) if (v.ok) ids.push(v.event.id);
    // A history load's dossier events are logged, not folded (appendHistory): the writer folds them.
    // (A unit-limited source's need the states: its limit is checked against them.)
    const foldLater = opts.history === true && kind === 'dossier' && !source.units;
    if (!foldLater && kind === 'dossier') latest.syncIfFolding(dossierIdsOf(rawEvents));

    store.transaction(() => {
      // A unit-limited source's events outside its units are refused first, whatever else is wrong
      // with them (read in the transaction, from the latest states: the projections may be behind).
      const outside = source.units ? unitLimitErrors(kind, rawEvents, source.units, itemUnits) : null;
      // One lookup for the batch's ids, not one statement per event (in the transaction: the writer
      // may index more ids until it starts).
      const indexed = store.events.indexedPayloads(source.id, ids);
      rawEvents.forEach((raw, index) => {
        const outsideErrors = outside?.[index];
        if (outsideErrors) return reject(batch, index, rawEventId(raw), raw, outsideErrors);
        const v = validated[index];
        if (!v.ok) return reject(batch, index, v.eventId, raw, v.errors);
        if (foldLater) appendHistory(deps, batch, index, raw, v, indexed);
        else appendValid(deps, batch, index, raw, v, indexed);
      });

      if (opts.replay) return;
      for (const r of batch.rejects) store.quarantine.add(source.id, kind, now, r.id, safeStringify(r.raw), r.errors);
      if (batch.maxAt > 0) store.sources.markSeen(source.id, now, batch.maxAt);
    });

    // Committed: publish. (A batch that rolled back threw above and published nothing.)
    const { dossierNext, taskNext, dossierPrev, taskPrev, folding } = batch;
    if (folding.size) deps.onHistoryLogged?.(folding);
    latest.committed({
      sourceId: source.id,
      seq: batch.lastSeq,
      eventIds: batch.accepted,
      dossiers: dossierNext,
      tasks: taskNext,
      folding,
    });
    if (dossierNext.size || taskNext.size) {
      deps.onApplied({
        dossiers: [...dossierNext].map(([id, next]) => ({ prev: dossierPrev.get(id) ?? null, next })),
        tasks: [...taskNext].map(([id, next]) => ({ prev: taskPrev.get(id) ?? null, next })),
        history: opts.history === true,
        firstSeq: batch.firstSeq,
        lastSeq: batch.lastSeq,
        receivedAt: now,
      });
    }
    return batch.results;
  }

  /** A dossier's latest known state (every accepted event folded in; null: unknown), for adapters that compare snapshots with it. */
  const dossier = (id: string): DossierState | null => latest.dossier(id);

  return { ingest, dossier };
}

/** One batch's working state, from validation to publication. */
interface Batch {
  source: SourceRow;
  now: number;
  results: EventResult[];
  rejects: { index: number; id: string | null; raw: unknown; errors: FieldError[] }[];
  /**
   * Event ids this batch accepted (a repeat within the batch is a duplicate or a conflict), with their
   * seq and item (itemKey). Not their payloads: the write-behind keeps these entries until the writer
   * has indexed them, and a payload held that long outlived many collections (a repeat reads it back).
   */
  accepted: Map<string, { seq: number; item: string }>;
  /** The seqs this batch logged, per item (itemKey): with the write-behind's, the item's events past the mark. */
  itemSeqs: Map<string, number[]>;
  /** Items before the batch (null: new) and after it: what is published once committed. */
  dossierPrev: Map<string, DossierState | null>;
  dossierNext: Map<string, DossierState>;
  taskPrev: Map<string, TaskState | null>;
  taskNext: Map<string, TaskState>;
  /** Dossiers of a history-load batch logged without a fold (appendHistory): the seq of each one's last event, its receipt after it. */
  folding: Map<string, { seq: number; receivedAt: number | null }>;
  maxAt: number;
  firstSeq: number;
  lastSeq: number;
  /** The source's clock-skew window (null: not tracked). Pushed to in the transaction: a rolled-back batch's events did arrive. */
  skew: SkewWindow | null;
  /** What a late event's refold reads: the item's logged events (see itemRefolds). */
  refold: ItemRefolds;
}

/**
 * An item's logged events for a refold (a late-arriving earlier event), as the fold asks for them:
 * `dossier(id, item)` answers the reader for that item. One reader per batch, pointed at the current
 * event's item, not a closure per event: the fold calls it at once or never, and rarely (a closure and
 * its name cost ≈ 1 µs per event under tsx).
 */
interface ItemRefolds {
  dossier(id: string, item: string): () => DossierEvent[];
  task(id: string, item: string): () => TaskEvent[];
}

function itemRefolds(deps: IngestDeps, b: { itemSeqs: Map<string, number[]> }): ItemRefolds {
  let kind: 'dossier' | 'task' = 'dossier';
  let id = '';
  let item = '';
  // The lookup table's events and those past the mark, by their seqs (the write-behind's and this batch's).
  const events = () => deps.store.events.ofItemWithTail(kind, id, [...deps.latest.unindexedSeqs(item), ...(b.itemSeqs.get(item) ?? [])]);
  const dossierEvents = () => events().map((s) => parseLoggedDossierEvent(s.payload));
  const taskEvents = () => events().map((s) => parseLoggedTaskEvent(s.payload));
  const point = (k: 'dossier' | 'task', itemId: string, key: string) => {
    kind = k;
    id = itemId;
    item = key;
  };
  return {
    dossier(itemId, key) {
      point('dossier', itemId, key);
      return dossierEvents;
    },
    task(itemId, key) {
      point('task', itemId, key);
      return taskEvents;
    },
  };
}

function newBatch(deps: IngestDeps, source: SourceRow, now: number, size: number, skew: SkewWindow | null): Batch {
  const itemSeqs = new Map<string, number[]>();
  return {
    source,
    now,
    results: new Array(size),
    rejects: [],
    accepted: new Map(),
    itemSeqs,
    dossierPrev: new Map(),
    dossierNext: new Map(),
    taskPrev: new Map(),
    taskNext: new Map(),
    folding: new Map(),
    maxAt: 0,
    firstSeq: 0,
    lastSeq: 0,
    skew,
    refold: itemRefolds(deps, { itemSeqs }),
  };
}

function reject(b: Batch, index: number, id: string | null, raw: unknown, errors: FieldError[]): void {
  b.results[index] = { index, id, status: 'rejected', errors };
  b.rejects.push({ index, id, raw, errors });
}

/**
 * A valid event, in the transaction: a duplicate (or a conflict) of one already logged or earlier in
 * the batch; else appended to the log and folded onto its item's latest state.
 */
function appendValid(
  deps: IngestDeps,
  b: Batch,
  index: number,
  raw: unknown,
  v: Validated & { ok: true },
  indexed: ReadonlyMap<string, string>,
): void {
  const { store, domain, latest } = deps;
  const { source, now } = b;
  const { payload } = v;
  if (loggedBefore(deps, b, index, raw, v, indexed)) return;
  let seq: number;
  let item: string;
  if (v.kind === 'dossier') {
    const e = v.event;
    // A state this batch already advanced is its own until the commit: fold onto it in place.
    const owned = b.dossierNext.get(e.dossierId);
    const prev = owned ?? currentDossier(b, latest, e.dossierId);
    const orderError = checkDossierOrder(prev?.receivedAt ?? null, e);
    if (orderError) return reject(b, index, e.id, raw, [orderError]);
    seq = store.events.append(source.id, e.id, 'dossier', e.dossierId, e.type, e.at, now, payload);
    item = logItemSeq(b, 'dossier', e.dossierId, seq);
    const logged = b.refold.dossier(e.dossierId, item);
    b.dossierNext.set(e.dossierId, owned ? advanceOwnedDossier(owned, e, domain, logged) : advanceDossier(prev, e, domain, logged));
  } else {
    const e = v.event;
    seq = store.events.append(source.id, e.id, 'task', e.taskId, e.type, e.at, now, payload);
    item = logItemSeq(b, 'task', e.taskId, seq);
    b.taskNext.set(e.taskId, advanceTask(currentTask(b, latest, e.taskId), e, b.refold.task(e.taskId, item)));
  }
  accepted(b, index, v, seq, item);
}

/** A valid event already logged (a duplicate, answered so) or re-using a logged id (a conflict, rejected): nothing to append. */
function loggedBefore(
  deps: IngestDeps,
  b: Batch,
  index: number,
  raw: unknown,
  v: Validated & { ok: true },
  indexed: ReadonlyMap<string, string>,
): boolean {
  const eventId = v.event.id;
  // Repeated within the batch (rare): the payload is read back from the log, in the batch's transaction.
  const inBatch = b.accepted.get(eventId);
  const earlier =
    inBatch !== undefined ? (deps.store.events.payloadAt(inBatch.seq) as string) : deps.latest.loggedPayload(b.source.id, eventId, indexed);
  if (earlier === undefined) return false;
  if (sameContent(earlier, v.payload)) b.results[index] = { index, id: eventId, status: 'duplicate' };
  else reject(b, index, eventId, raw, [conflictError(eventId)]);
  return true;
}

function accepted(b: Batch, index: number, v: Validated & { ok: true }, seq: number, item: string): void {
  const eventId = v.event.id;
  if (b.firstSeq === 0) b.firstSeq = seq;
  b.lastSeq = seq;
  b.accepted.set(eventId, { seq, item });
  if (v.event.at > b.maxAt) b.maxAt = v.event.at;
  b.skew?.push(b.now - v.event.at, b.now);
  b.results[index] = { index, id: eventId, status: 'accepted' };
}

/**
 * A valid dossier event of a history-load batch, in the transaction: appendValid without the fold. The
 * projection writer folds the log into the dossier's row (once per pass, however many of its events
 * the pass holds), and the metrics engine takes that row (metrics/history-rows.ts): folding here too
 * was the same work twice. The order check needs only the dossier's receipt instant, kept per dossier.
 */
function appendHistory(
  deps: IngestDeps,
  b: Batch,
  index: number,
  raw: unknown,
  v: Validated & { ok: true },
  indexed: ReadonlyMap<string, string>,
): void {
  if (v.kind !== 'dossier') throw new Error('a history load folds later only dossier events');
  if (loggedBefore(deps, b, index, raw, v, indexed)) return;
  const e = v.event;
  const held = b.folding.get(e.dossierId);
  const receivedAt = held ? held.receivedAt : deps.latest.receivedAt(e.dossierId);
  const orderError = checkDossierOrder(receivedAt, e);
  if (orderError) return reject(b, index, e.id, raw, [orderError]);
  if (!held) deps.beforeHistoryLog?.(e.dossierId);
  const seq = deps.store.events.append(b.source.id, e.id, 'dossier', e.dossierId, e.type, e.at, b.now, v.payload);
  // A fold sets the receipt at each `received` in time order: the latest such instant is the state's.
  const nextReceived = e.type === 'received' && (receivedAt === null || e.at > receivedAt) ? e.at : receivedAt;
  if (held) {
    held.seq = seq;
    held.receivedAt = nextReceived;
  } else b.folding.set(e.dossierId, { seq, receivedAt: nextReceived });
  accepted(b, index, v, seq, logItemSeq(b, 'dossier', e.dossierId, seq));
}

/** The dossier ids a batch names (valid or not): whose states its checks may read. Lazy: rarely read at all. */
function* dossierIdsOf(rawEvents: readonly unknown[]): Iterable<string> {
  for (const raw of rawEvents) {
    const id = (raw as { dossierId?: unknown } | null)?.dossierId;
    if (typeof id === 'string') yield id;
  }
}

/** Notes that the batch logged `seq` for the item; answers the item's key. */
function logItemSeq(b: Batch, kind: 'dossier' | 'task', id: string, seq: number): string {
  const key = itemKey(kind, id);
  const seqs = b.itemSeqs.get(key);
  if (seqs) seqs.push(seq);
  else b.itemSeqs.set(key, [seq]);
  return key;
}

/** A dossier's state as this batch sees it: as it left it, else the latest known (remembered as its state before the batch). */
function currentDossier(b: Batch, latest: WriteBehind, id: string): DossierState | null {
  const inBatch = b.dossierNext.get(id);
  if (inBatch) return inBatch;
  if (!b.dossierPrev.has(id)) b.dossierPrev.set(id, latest.dossier(id));
  return b.dossierPrev.get(id) ?? null;
}

function currentTask(b: Batch, latest: WriteBehind, id: string): TaskState | null {
  const inBatch = b.taskNext.get(id);
  if (inBatch) return inBatch;
  if (!b.taskPrev.has(id)) b.taskPrev.set(id, latest.task(id));
  return b.taskPrev.get(id) ?? null;
}

/** Nothing happens to a dossier before it is received: such an event is a logic error, not an early arrival. */
export function checkDossierOrder(receivedAt: number | null, e: DossierEvent): FieldError | null {
  if (receivedAt === null || e.type === 'received') return null;
  if (e.at < receivedAt) {
    return {
      path: 'at',
      message: `${toVnIso(e.at)} is before the dossier was received (${toVnIso(receivedAt)})`,
    };
  }
  return null;
}

export function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}

export type IngestService = ReturnType<typeof createIngestService>;
