/**
 * The write path's store, engine-neutral and asynchronous (issue 17, "Several nodes"): the event log
 * with per-source idempotency and its arrival sequence, and the quarantine of rejected records. Two
 * engines implement it: SQLite (the existing repositories wrapped, sqlite-write-store.ts) and
 * PostgreSQL (pg-write-store.ts). tests/server/db/write-store.shared.ts proves both give the same answers.
 */
import type { FieldError } from '../../../shared/contract/errors.js';
import type { QuarantineRule, QuarantineState } from '../../../shared/contract/quarantine.js';
import type { EventKind, LoggedEvent, StoredEvent } from '../events-repo.js';
import type { QuarantineFilter, QuarantineRow } from '../quarantine-repo.js';

export type { EventKind, LoggedEvent, StoredEvent, QuarantineFilter, QuarantineRow };

/** A validated event to log: its payload is the event as the source sent it (JSON text). */
export interface NewEvent {
  eventId: string;
  kind: EventKind;
  itemId: string;
  type: string;
  at: number;
  payload: string;
}

/** A record the caller refused (validation): quarantined in the batch's transaction. */
export interface RefusedRecord {
  eventId: string | null;
  raw: string;
  errors: FieldError[];
}

export interface AppendBatch {
  sourceId: number;
  /** The source's kind: what the quarantine records as the batch's kind. */
  kind: EventKind;
  receivedAt: number;
  events: readonly NewEvent[];
  refused?: readonly RefusedRecord[];
}

/**
 * Per event of the batch, in its order: accepted (logged under `seq`), duplicate (that id was logged
 * from this source with the same content), or rejected as a conflict (same id, different content),
 * which is quarantined with the error the ingest path gives (conflictError).
 */
export type AppendOutcome =
  | { eventId: string; status: 'accepted'; seq: number }
  | { eventId: string; status: 'duplicate' }
  | { eventId: string; status: 'rejected'; errors: FieldError[] };

/**
 * A batch its caller decided (the asynchronous ingest path, server/ingest/async-ingest.ts): every event
 * is new as of the caller's read of loggedPayloads, and the refused records are quarantined as `kind`.
 */
export interface DecidedBatch {
  sourceId: number;
  kind: EventKind;
  receivedAt: number;
  events: readonly NewEvent[];
  refused: readonly RefusedRecord[];
}

export type DismissOutcome = 'dismissed' | 'not_found' | { alreadyReviewed: QuarantineState };

/** Quarantined records per source and rule, with how many are still open (most first, then by source and rule). */
export interface QuarantineSourceRuleCount {
  source: string | null;
  rule: QuarantineRule;
  total: number;
  open: number;
}

/** What a successful replay of a quarantined record writes on it. */
export interface ReplayMark {
  at: number;
  by: string;
  /** The ids the replay logged (or found logged: a duplicate). */
  eventIds: readonly string[];
  /** The fixed copy that was sent (JSON text). */
  raw: string;
}

export interface WriteStore {
  readonly engine: 'sqlite' | 'postgres';
  /** A source to write as (name unique); answers its id. Tests and the benchmark use it; keys stay in the sources repository. */
  addSource(name: string, kind: EventKind, keyHash: string, now: number): Promise<number>;
  /**
   * Appends a batch in one transaction: every accepted event and quarantined record, the source's
   * last-seen mark, or nothing (a failure rolls the whole batch back and rejects).
   */
  appendBatch(batch: AppendBatch): Promise<AppendOutcome[]>;
  /**
   * Logs a decided batch in one transaction (its events, its refused records, the source's last-seen
   * mark) and answers the events' seqs in batch order; or writes nothing and answers null when one of
   * its ids was logged from the source since the caller read loggedPayloads (another node won the
   * race, under the same per-source lock as appendBatch): the caller decides the batch again.
   */
  appendDecided(batch: DecidedBatch): Promise<number[] | null>;
  /** The payloads this source logged under these ids (absent: not logged). */
  loggedPayloads(sourceId: number, eventIds: readonly string[]): Promise<Map<string, string>>;
  /** Several items' events (each in time order then arrival order), by item id; an item without events is absent. */
  eventsOfItems(kind: EventKind, itemIds: readonly string[]): Promise<Map<string, StoredEvent[]>>;
  /** Quarantines records refused before they became events (a DVCQG record: kind `dvcqg`), in one transaction. */
  quarantineRecords(sourceId: number, kind: string, receivedAt: number, records: readonly RefusedRecord[]): Promise<void>;
  /** One item's events, in time order then arrival order. */
  eventsOfItem(kind: EventKind, itemId: string): Promise<StoredEvent[]>;
  /** At most `limit` events logged after `seq`, in arrival order. */
  eventsAfter(seq: number, limit: number): Promise<LoggedEvent[]>;
  /** The last event's arrival sequence (0: empty log). */
  maxSeq(): Promise<number>;
  /** The source's (last seen, last event at), null when it has not been heard from. */
  sourceSeen(sourceId: number): Promise<{ lastSeenAt: number | null; lastEventAt: number | null }>;
  listQuarantine(f: QuarantineFilter & { limit: number; offset: number }): Promise<{ total: number; items: QuarantineRow[] }>;
  /** One quarantined record; null: no such id. */
  quarantineRecord(id: number): Promise<QuarantineRow | null>;
  /** The review's counts per source and rule (QuarantineSourceRuleCount's order). */
  quarantineBySourceRule(f: QuarantineFilter): Promise<QuarantineSourceRuleCount[]>;
  /** The review's counts per Vietnam day (index: days since 1970-01-01, Vietnam time), by day; days without any are absent. */
  quarantineByDay(f: QuarantineFilter): Promise<{ day: number; total: number }[]>;
  /** An admin dismisses an open record (the review's rule: only an open record may be dismissed). */
  dismissQuarantine(id: number, r: { at: number; by: string; note: string }): Promise<DismissOutcome>;
  /**
   * Marks an open record replayed (its fixed copy was accepted or found logged); false when it is not
   * open any more (another admin, on any node, reviewed it first) or does not exist: nothing written.
   */
  markReplayed(id: number, r: ReplayMark): Promise<boolean>;
  /** A value kept beside the log (`meta`: the demo's seed, a history load's mark); null: none. */
  meta(key: string): Promise<string | null>;
  /** Sets these `meta` values in one transaction. */
  setMeta(entries: Readonly<Record<string, string>>): Promise<void>;
  close(): Promise<void>;
}

/** The error of an event id re-used from the same source with different content (rule `conflict`). */
export function conflictError(eventId: string): FieldError {
  return { path: 'id', message: `conflict: event id "${eventId}" was already accepted from this source with different content` };
}
