/**
 * A batch decided and folded in memory, from what was read before (the asynchronous ingest path,
 * async-ingest.ts): each valid event is a duplicate or a conflict of one already logged from the source
 * (or earlier in the batch), refused by the source's unit limit or the dossier's order, or new, and
 * then folded onto its item's state. No I/O of its own: what it reads comes through `reads`, and the
 * caller logs the outcome after.
 * Both engines decide through it: SQLite's synchronous path (service.ts) as well, reading the store in
 * its transaction, so both answer a batch the same way.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { DossierContext } from '../domain/dossier.js';
import { advanceDossier, advanceOwnedDossier, advanceTask } from '../domain/fold.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../domain/logged-events.js';
import type { DossierEvent, DossierState, TaskEvent, TaskState } from '../domain/types.js';
import { conflictError, type NewEvent, type RefusedRecord, type StoredEvent } from '../db/write-store/contract.js';
import { sameContent } from './canonical-json.js';
import type { EventResult } from './service.js';
import { toVnIso } from '../domain/time.js';
import { rawEventId, type IngestKind, type Validated } from './validate.js';
import { unitLimitErrors } from './unit-limit.js';

/**
 * What the store held before the batch, read by the caller: maps read in advance (the asynchronous
 * path), or readers of the store within the batch's transaction (service.ts's synchronous path).
 */
export interface BatchReads {
  /** Payloads the source logged under the batch's ids. */
  logged: Lookup<string, string>;
  /** Each named item's state before the batch (null: none). */
  before: Lookup<string, DossierState | TaskState | null> & Pick<ReadonlyMap<string, unknown>, 'has'>;
  /** The logged events of the items read from the log (time order, then arrival): a late event's refold reads them. */
  events: Lookup<string, readonly StoredEvent[]>;
}

/** What the decision asks of a map. */
export type Lookup<K, V> = Pick<ReadonlyMap<K, V>, 'get'>;

/** The events of an item whose log was not read: the caller reads it and decides the batch again. */
export class NeedsItemLog extends Error {
  constructor(readonly itemId: string) {
    super(`the log of item ${itemId} was not read before the batch was decided`);
  }
}

export interface DecidedBatch {
  results: EventResult[];
  /** The new events to log, in batch order. */
  fresh: NewEvent[];
  /** Every refused record, in batch order (the raw event as sent). */
  refused: RefusedRecord[];
  dossierPrev: Map<string, DossierState | null>;
  dossierNext: Map<string, DossierState>;
  taskPrev: Map<string, TaskState | null>;
  taskNext: Map<string, TaskState>;
  /** The `at` of each new event (the source's clock skew). */
  acceptedAts: number[];
}

export interface DecideInput {
  kind: IngestKind;
  rawEvents: readonly unknown[];
  validated: readonly Validated[];
  /** The source's units when it is limited to some (null: any). */
  units: readonly string[] | null;
  domain: DossierContext;
}

/** The item ids a batch names (valid events or not): whose states and logs the decision may read. */
export function itemIdsOf(kind: IngestKind, rawEvents: readonly unknown[]): string[] {
  const field = kind === 'dossier' ? 'dossierId' : 'taskId';
  const ids = new Set<string>();
  for (const raw of rawEvents) {
    const id = (raw as Record<string, unknown> | null)?.[field];
    if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/**
 * The items one of whose valid events is earlier than the item's last event so far (before the batch
 * or earlier in it): their folds read the log, so it is read for them before deciding.
 */
export function lateItems(validated: readonly Validated[], before: ReadonlyMap<string, { lastEventAt: number } | null>): Set<string> {
  const last = new Map<string, number>();
  const late = new Set<string>();
  for (const v of validated) {
    if (!v.ok) continue;
    const id = v.kind === 'dossier' ? v.event.dossierId : v.event.taskId;
    const upTo = last.get(id) ?? before.get(id)?.lastEventAt ?? -Infinity;
    if (v.event.at < upTo) late.add(id);
    if (v.event.at > upTo) last.set(id, v.event.at);
  }
  return late;
}

/** See the module's comment. Throws NeedsItemLog when a refold needs a log that `reads` lacks. */
export function decideBatch(input: DecideInput, reads: BatchReads): DecidedBatch {
  const { kind, rawEvents, validated } = input;
  const d: DecidedBatch = {
    results: new Array(rawEvents.length),
    fresh: [],
    refused: [],
    dossierPrev: new Map(),
    dossierNext: new Map(),
    taskPrev: new Map(),
    taskNext: new Map(),
    acceptedAts: [],
  };
  const state = (id: string) => reads.before.get(id) ?? null;
  const outside = input.units
    ? unitLimitErrors(kind, rawEvents, input.units, {
        dossierUnit: (id) => (reads.before.has(id) ? ((state(id) as DossierState | null)?.unit ?? undefined) : undefined),
        taskAssignee: (id) => (reads.before.has(id) ? ((state(id) as TaskState | null)?.assignee ?? undefined) : undefined),
      })
    : null;
  const inBatch = new Map<string, string>();
  const logs = new BatchLogs(reads);
  const refuse = (index: number, id: string | null, errors: FieldError[]) => {
    d.results[index] = { index, id, status: 'rejected', errors };
    d.refused.push({ eventId: id, raw: safeStringify(rawEvents[index]), errors });
  };
  validated.forEach((v, index) => {
    const outsideErrors = outside?.[index];
    if (outsideErrors) return refuse(index, rawEventId(rawEvents[index]), outsideErrors);
    if (!v.ok) return refuse(index, v.eventId, v.errors);
    const id = v.event.id;
    const earlier = inBatch.get(id) ?? reads.logged.get(id);
    if (earlier !== undefined) {
      if (sameContent(earlier, v.payload)) d.results[index] = { index, id, status: 'duplicate' };
      else refuse(index, id, [conflictError(id)]);
      return;
    }
    const folded = v.kind === 'dossier' ? foldDossierEvent(d, input.domain, reads, logs, v.event) : foldTaskEvent(d, reads, logs, v.event);
    if (folded) return refuse(index, id, [folded]);
    inBatch.set(id, v.payload);
    const itemId = v.kind === 'dossier' ? v.event.dossierId : v.event.taskId;
    d.fresh.push({ eventId: id, kind: v.kind, itemId, type: v.event.type, at: v.event.at, payload: v.payload });
    d.acceptedAts.push(v.event.at);
    d.results[index] = { index, id, status: 'accepted' };
  });
  return d;
}

const state = (reads: BatchReads, id: string) => reads.before.get(id) ?? null;

/**
 * What a late event's refold reads: an item's logged events and this batch's new ones (the current one
 * included), in time order. One reader per batch and kind, pointed at the event's item (ofDossier, ofTask), not a
 * closure per event: the fold calls it at once or never, and rarely.
 */
class BatchLogs {
  private readonly batchEvents = new Map<string, (DossierEvent | TaskEvent)[]>();
  private id = '';
  private readonly dossier = () => this.read(parseLoggedDossierEvent);
  private readonly task = () => this.read(parseLoggedTaskEvent);

  constructor(private readonly reads: BatchReads) {}

  /** Notes the dossier's new event, and answers the reader of its log for the fold. */
  ofDossier(id: string, e: DossierEvent): () => DossierEvent[] {
    this.point(id, e);
    return this.dossier;
  }

  /** The same for a task. */
  ofTask(id: string, e: TaskEvent): () => TaskEvent[] {
    this.point(id, e);
    return this.task;
  }

  private point(id: string, e: DossierEvent | TaskEvent): void {
    const list = this.batchEvents.get(id);
    if (list) list.push(e);
    else this.batchEvents.set(id, [e]);
    this.id = id;
  }

  private read<E extends { at: number }>(parse: (payload: string) => E): E[] {
    const { id, reads } = this;
    const logged = reads.events.get(id);
    if (!logged && state(reads, id) !== null) throw new NeedsItemLog(id);
    // Stable: of two events at the same instant, the logged one (an earlier seq) stays first.
    return [...(logged ?? []).map((e) => parse(e.payload)), ...((this.batchEvents.get(id) ?? []) as unknown as E[])].sort(
      (a, b) => a.at - b.at,
    );
  }
}

/** Folds a new dossier event; answers the order error that refuses it instead, if any. */
function foldDossierEvent(d: DecidedBatch, domain: DossierContext, reads: BatchReads, logs: BatchLogs, e: DossierEvent): FieldError | null {
  const id = e.dossierId;
  // A state this batch already advanced is its own until the log has it: folded onto in place.
  const owned = d.dossierNext.get(id);
  if (!owned && !d.dossierPrev.has(id)) d.dossierPrev.set(id, state(reads, id) as DossierState | null);
  const prev = owned ?? d.dossierPrev.get(id) ?? null;
  const orderError = checkDossierOrder(prev?.receivedAt ?? null, e);
  if (orderError) return orderError;
  const logged = logs.ofDossier(id, e);
  d.dossierNext.set(id, owned ? advanceOwnedDossier(owned, e, domain, logged) : advanceDossier(prev, e, domain, logged));
  return null;
}

function foldTaskEvent(d: DecidedBatch, reads: BatchReads, logs: BatchLogs, e: TaskEvent): null {
  const id = e.taskId;
  if (!d.taskNext.has(id) && !d.taskPrev.has(id)) d.taskPrev.set(id, state(reads, id) as TaskState | null);
  const prev = d.taskNext.get(id) ?? d.taskPrev.get(id) ?? null;
  d.taskNext.set(id, advanceTask(prev, e, logs.ofTask(id, e)));
  return null;
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
