import type { DossierState, TaskState } from '../domain/types.js';
import type { DossierContext } from '../domain/dossier.js';
import type { Store } from '../db/store.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { FieldError } from '../../shared/contract/errors.js';
import type { WriteBehind } from '../projection/write-behind.js';
import { itemKey } from '../projection/item-key.js';
import { sameContent } from './canonical-json.js';
import { conflictError } from '../db/write-store/contract.js';
import { validateEvent, type IngestKind, type Validated, type ValidationContext } from './validate.js';
import { checkDossierOrder, decideBatch, safeStringify, type BatchReads } from './decide-batch.js';
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
  /**
   * opts.replay: an admin re-submits a quarantined record for the source (the data-quality review):
   * the same path, except that a refusal is answered only (the record is already in quarantine) and
   * the source is not marked as heard from (it sent nothing).
   */
  function ingest(source: SourceRow, kind: IngestKind, rawEvents: unknown[], opts: IngestOptions = {}): EventResult[] {
    const now = deps.now();
    const vctx: ValidationContext = { now, isKnownCode: deps.isKnownCode, jurisdictionName: deps.jurisdictionName };
    const batch = newBatch(source, now, rawEvents.length, deps.clockSkew?.window(source.id) ?? null);

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
      // One lookup for the batch's ids, not one statement per event (in the transaction: the writer
      // may index more ids until it starts).
      const indexed = store.events.indexedPayloads(source.id, ids);
      if (foldLater) {
        // (No unit limit: a unit-limited source's batches are folded, below.)
        rawEvents.forEach((raw, index) => {
          const v = validated[index];
          if (!v.ok) return reject(batch, index, v.eventId, raw, v.errors);
          appendHistory(deps, batch, index, raw, v, indexed);
        });
      } else decideAndAppend(deps, batch, kind, rawEvents, validated, indexed);

      if (opts.replay) return;
      for (const r of batch.rejects) store.quarantine.add(source.id, kind, now, r.id, r.raw, r.errors);
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
  /** Refused records, the raw event as sent (stringified), for the quarantine. */
  rejects: { id: string | null; raw: string; errors: FieldError[] }[];
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
}

function newBatch(source: SourceRow, now: number, size: number, skew: SkewWindow | null): Batch {
  return {
    source,
    now,
    results: new Array(size),
    rejects: [],
    accepted: new Map(),
    itemSeqs: new Map(),
    dossierPrev: new Map(),
    dossierNext: new Map(),
    taskPrev: new Map(),
    taskNext: new Map(),
    folding: new Map(),
    maxAt: 0,
    firstSeq: 0,
    lastSeq: 0,
    skew,
  };
}

function reject(b: Batch, index: number, id: string | null, raw: unknown, errors: FieldError[]): void {
  b.results[index] = { index, id, status: 'rejected', errors };
  b.rejects.push({ id, raw: safeStringify(raw), errors });
}

/**
 * A batch that folds (every batch but a history load's dossier events), in the transaction: decided by
 * the rules both engines share (decide-batch.ts: unit limit, duplicate or conflict, order, fold) from
 * the store as this transaction reads it, lazily (an item's state when the batch names it, its log only
 * for a late event's refold), then its new events appended in batch order.
 */
function decideAndAppend(
  deps: IngestDeps,
  b: Batch,
  kind: IngestKind,
  rawEvents: readonly unknown[],
  validated: readonly Validated[],
  indexed: ReadonlyMap<string, string>,
): void {
  const { store } = deps;
  const { source, now } = b;
  const d = decideBatch(
    { kind, rawEvents, validated, units: source.units ?? null, domain: deps.domain },
    syncReads(deps, kind, source.id, indexed),
  );
  b.results = d.results;
  for (const r of d.refused) b.rejects.push({ id: r.eventId, raw: r.raw, errors: r.errors });
  for (let i = 0; i < d.fresh.length; i++) {
    const e = d.fresh[i];
    const seq = store.events.append(source.id, e.eventId, e.kind, e.itemId, e.type, e.at, now, e.payload);
    const item = logItemSeq(b, e.kind, e.itemId, seq);
    if (b.firstSeq === 0) b.firstSeq = seq;
    b.lastSeq = seq;
    b.accepted.set(e.eventId, { seq, item });
    if (e.at > b.maxAt) b.maxAt = e.at;
    b.skew?.push(now - e.at, now);
  }
  b.dossierPrev = d.dossierPrev;
  b.dossierNext = d.dossierNext;
  b.taskPrev = d.taskPrev;
  b.taskNext = d.taskNext;
}

/**
 * What decideBatch reads, from this transaction's view of the store: a payload the source logged under
 * an id (the write-behind's unindexed ids, else the batch's lookup), an item's latest state (the
 * write-behind's), an item's logged events (the lookup table and the write-behind's seqs past the mark).
 * Read when asked and kept for the batch: most batches never read a log.
 */
function syncReads(deps: IngestDeps, kind: IngestKind, sourceId: number, indexed: ReadonlyMap<string, string>): BatchReads {
  const { store, latest } = deps;
  const states = new Map<string, DossierState | TaskState | null>();
  const state = (id: string) => {
    let s = states.get(id);
    if (s === undefined) {
      s = kind === 'dossier' ? latest.dossier(id) : latest.task(id);
      states.set(id, s);
    }
    return s;
  };
  return {
    logged: { get: (eventId) => latest.loggedPayload(sourceId, eventId, indexed) },
    before: { get: state, has: () => true },
    events: { get: (id) => store.events.ofItemWithTail(kind, id, latest.unindexedSeqs(itemKey(kind, id))) },
  };
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

export type IngestService = ReturnType<typeof createIngestService>;
