import type { Db } from './connection.js';

export type EventKind = 'dossier' | 'task';

export interface StoredEvent {
  seq: number;
  sourceId: number;
  eventId: string;
  type: string;
  at: number;
  payload: string;
}

/** An event of the log as the projection writer reads it, in log order. */
export interface LoggedEvent {
  seq: number;
  sourceId: number;
  eventId: string;
  kind: EventKind;
  itemId: string;
  at: number;
  /** When it reached us (received_at). */
  arrivedAt: number;
  payload: string;
}

// Long by design: one closure holding the prepared statements (prepared once, STYLE.md) and the short
// methods that run them; each method is small, the factory's length is their sum.
/**
 * The append-only event log (`events`, no secondary index: appending a batch writes only its rows)
 * and its two lookup tables, `event_ids` and `item_events`, which the projection writer fills behind
 * the log up to the projections' mark (migration 004). An item's events past the mark are found by
 * scanning the log's tail (seq > mark: the last moments of ingest).
 */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createEventsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO events (source_id, event_id, kind, item_id, type, at, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const mark = `(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projections.seq')`;
  const payloadAt = db.prepare('SELECT payload FROM events WHERE seq = ?').pluck();
  // The ids arrive as one JSON array: one statement per batch instead of one per event.
  const payloadsOf = db
    .prepare(
      `SELECT i.event_id, e.payload FROM event_ids i JOIN events e ON e.seq = i.seq
       WHERE i.source_id = ? AND i.event_id IN (SELECT value FROM json_each(?))`,
    )
    .raw();
  // Parameters: kind, item id, up to seq (twice each). UNION, not UNION ALL: rows the writer indexed
  // past the mark (a pass is several transactions) are in both halves.
  const ofItem = db.prepare(
    `SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events
     WHERE seq IN (SELECT seq FROM item_events WHERE kind = ? AND item_id = ? AND seq <= ?)
     UNION
     SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events
     WHERE seq > ${mark} AND seq <= ? AND kind = ? AND item_id = ?
     ORDER BY at, seq`,
  );
  // ofItem for a caller that knows the seqs of the item's events past the mark (the ingest path, the
  // projection writer's pass): the log's tail is read by those seqs, not scanned. Parameters: kind,
  // item id, up to seq, then the tail's seqs as a JSON array, up to seq, kind, item id.
  const ofItemWithTail = db.prepare(
    `SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events
     WHERE seq IN (SELECT seq FROM item_events WHERE kind = ? AND item_id = ? AND seq <= ?)
     UNION
     SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events
     WHERE seq IN (SELECT value FROM json_each(?)) AND seq <= ? AND kind = ? AND item_id = ?
     ORDER BY at, seq`,
  );
  // The lookup table alone: for a caller that knows item_events is complete up to `seq` (recovery
  // indexes the log's whole tail first), without the scan of the tail that ofItem's second half makes.
  const ofItemIndexed = db.prepare(
    `SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events
     WHERE seq IN (SELECT seq FROM item_events WHERE kind = ? AND item_id = ? AND seq <= ?)
     ORDER BY at, seq`,
  );
  // An item's events with their arrival, for the data-trust checks: from the lookup table alone (see
  // withArrivalOfItem). Scanning the log's tail instead cost a read of every event past the mark per
  // call (bench/import.ts: a third of the writer's time at 200,000 events).
  const arrivalsOfItem = db.prepare(
    `SELECT seq, source_id AS sourceId, event_id AS eventId, kind, item_id AS itemId, at, received_at AS arrivedAt, payload FROM events
     WHERE seq IN (SELECT seq FROM item_events WHERE kind = ? AND item_id = ? AND seq <= ?)
     ORDER BY seq`,
  );
  const after = db.prepare(
    `SELECT seq, source_id AS sourceId, event_id AS eventId, kind, item_id AS itemId, at, received_at AS arrivedAt, payload FROM events
     WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
  );
  const itemsAfter = db.prepare('SELECT DISTINCT kind, item_id AS itemId FROM events WHERE seq > ? AND seq <= ?');
  const countItemsAfter = db.prepare('SELECT COUNT(*) FROM (SELECT DISTINCT kind, item_id FROM events WHERE seq > ? AND seq <= ?)').pluck();
  // Lookup rows go in INDEX_ROWS at a time: one statement per row would cost more than the row.
  const manyRows = (table: string, n: number) =>
    db.prepare(`INSERT INTO ${table} VALUES ${Array.from({ length: n }, () => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`);
  const indexIds = manyRows('event_ids (source_id, event_id, seq)', INDEX_ROWS);
  const indexId = manyRows('event_ids (source_id, event_id, seq)', 1);
  const indexItems = manyRows('item_events (kind, item_id, seq)', INDEX_ROWS);
  const indexItem = manyRows('item_events (kind, item_id, seq)', 1);
  const indexRange = db.prepare(
    `INSERT INTO event_ids (source_id, event_id, seq) SELECT source_id, event_id, seq FROM events WHERE seq > ? AND seq <= ?
       ORDER BY source_id, event_id ON CONFLICT DO NOTHING`,
  );
  const indexItemRange = db.prepare(
    `INSERT INTO item_events (kind, item_id, seq) SELECT kind, item_id, seq FROM events WHERE seq > ? AND seq <= ?
       ORDER BY kind, item_id, seq ON CONFLICT DO NOTHING`,
  );
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
  const lastArrival = db.prepare('SELECT received_at FROM events ORDER BY seq DESC LIMIT 1').pluck();
  const count = db.prepare('SELECT COUNT(*) FROM events').pluck();
  const countAfter = db.prepare('SELECT COUNT(*) FROM events WHERE seq > ? AND seq <= ?').pluck();
  const countByKind = db.prepare('SELECT kind, COUNT(*) AS n FROM events GROUP BY kind');
  // The log's tail by its primary key, oldest first: no index on source or time is needed (nor kept).
  const tailArrivals = db
    .prepare(
      'SELECT source_id, received_at - at, received_at FROM (SELECT seq, source_id, at, received_at FROM events ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    )
    .raw();

  return {
    /** When the log's last event reached us (null: the log is empty). */
    lastArrival(): number | null {
      return (lastArrival.get() as number | undefined) ?? null;
    },
    /**
     * Logs an event and answers its seq. The caller has checked that this source has not logged this
     * event id (indexedPayloads and the events it logged since): the log has no unique index to do it.
     */
    append(
      sourceId: number,
      eventId: string,
      kind: EventKind,
      itemId: string,
      type: string,
      at: number,
      receivedAt: number,
      payload: string,
    ): number {
      return Number(insert.run(sourceId, eventId, kind, itemId, type, at, receivedAt, payload).lastInsertRowid);
    },
    /**
     * Payloads of the events this source logged under these ids, by id, for those in `event_ids`
     * (logged up to the projections' mark; the ingest path keeps the ids it logged since).
     */
    indexedPayloads(sourceId: number, eventIds: readonly string[]): Map<string, string> {
      const found = new Map<string, string>();
      if (eventIds.length === 0) return found;
      for (const [id, payload] of payloadsOf.all(sourceId, JSON.stringify(eventIds)) as [string, string][]) found.set(id, payload);
      return found;
    },
    /** Payload of the event logged with this seq. */
    payloadAt(seq: number): string | undefined {
      return payloadAt.get(seq) as string | undefined;
    },
    /** Every event of one item (or only those logged up to `maxSeq`), in time order then arrival order. */
    ofItem(kind: EventKind, itemId: string, maxSeq?: number): StoredEvent[] {
      const upTo = maxSeq ?? Number.MAX_SAFE_INTEGER;
      return ofItem.all(kind, itemId, upTo, upTo, kind, itemId) as StoredEvent[];
    },
    /**
     * ofItem for a caller that knows the seqs of the item's events logged past the projections' mark
     * (`tail`; more is harmless, fewer loses events): they are read by seq instead of scanning every
     * event past the mark, which costs as much as the projections lag behind.
     */
    ofItemWithTail(kind: EventKind, itemId: string, tail: readonly number[], maxSeq = Number.MAX_SAFE_INTEGER): StoredEvent[] {
      return ofItemWithTail.all(kind, itemId, maxSeq, JSON.stringify(tail), maxSeq, kind, itemId) as StoredEvent[];
    },
    /**
     * An item's events up to `maxSeq` as item_events lists them, in time order then arrival order:
     * only for a caller that knows the lookup table is complete up to `maxSeq` (ofItem otherwise).
     */
    ofItemIndexed(kind: EventKind, itemId: string, maxSeq: number): StoredEvent[] {
      return ofItemIndexed.all(kind, itemId, maxSeq) as StoredEvent[];
    },
    /**
     * An item's logged events up to `maxSeq` with their arrival, in log order (the data-trust checks'
     * input), as item_events lists them: only for a caller that knows the item has no event past the
     * projections' mark up to `maxSeq` (the projection writer, at an item's first event in a pass).
     */
    withArrivalOfItem(kind: EventKind, itemId: string, maxSeq: number): LoggedEvent[] {
      return arrivalsOfItem.all(kind, itemId, maxSeq) as LoggedEvent[];
    },
    /** At most `limit` events logged after `seq` (and up to `untilSeq`), in log order, one row at a time. */
    after(seq: number, limit: number, untilSeq = Number.MAX_SAFE_INTEGER): IterableIterator<LoggedEvent> {
      return after.iterate(seq, untilSeq, limit) as IterableIterator<LoggedEvent>;
    },
    /** The items that have events logged in (fromSeq, toSeq]. */
    itemsAfter(fromSeq: number, toSeq: number): { kind: EventKind; itemId: string }[] {
      return itemsAfter.all(fromSeq, toSeq) as { kind: EventKind; itemId: string }[];
    },
    /** How many items have events logged in (fromSeq, toSeq]. */
    countItemsAfter(fromSeq: number, toSeq: number): number {
      return countItemsAfter.get(fromSeq, toSeq) as number;
    },
    /** Adds logged events to the lookup tables (the projection writer, in key order). */
    indexIds(events: readonly { sourceId: number; eventId: string; seq: number }[]): void {
      insertRows(events, indexIds, indexId, (e, out) => out.push(e.sourceId, e.eventId, e.seq));
    },
    indexItems(events: readonly { kind: EventKind; itemId: string; seq: number }[]): void {
      insertRows(events, indexItems, indexItem, (e, out) => out.push(e.kind, e.itemId, e.seq));
    },
    /** Adds every event logged in (fromSeq, toSeq] to the lookup tables (recovery at start). */
    indexRange(fromSeq: number, toSeq: number): void {
      indexRange.run(fromSeq, toSeq);
      indexItemRange.run(fromSeq, toSeq);
    },
    /** indexRange's two halves, one statement each: `event_ids`, then `item_events` (a history load's pass). */
    indexIdRange(fromSeq: number, toSeq: number): void {
      indexRange.run(fromSeq, toSeq);
    },
    indexItemRange(fromSeq: number, toSeq: number): void {
      indexItemRange.run(fromSeq, toSeq);
    },
    /** The seq of the last logged event (0 for an empty log). */
    maxSeq(): number {
      return maxSeq.get() as number;
    },
    count(): number {
      return count.get() as number;
    },
    /** How many events are logged in (fromSeq, toSeq]. */
    countAfter(fromSeq: number, toSeq: number): number {
      return countAfter.get(fromSeq, toSeq) as number;
    },
    /** The last `limit` logged events' source, (arrival − at) in ms and arrival, oldest first (clock skew at start). */
    tailSkews(limit: number): IterableIterator<[sourceId: number, skewMs: number, arrivedAt: number]> {
      return tailArrivals.iterate(limit) as IterableIterator<[number, number, number]>;
    },
    countByKind(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const r of countByKind.all() as { kind: string; n: number }[]) out[r.kind] = r.n;
      return out;
    },
  };
}

/** Rows per multi-row INSERT into the lookup tables. */
const INDEX_ROWS = 32;

type Statement = ReturnType<Db['prepare']>;

function insertRows<T>(rows: readonly T[], many: Statement, one: Statement, values: (row: T, out: unknown[]) => void): void {
  let i = 0;
  for (; i + INDEX_ROWS <= rows.length; i += INDEX_ROWS) {
    const args: unknown[] = [];
    for (let j = i; j < i + INDEX_ROWS; j++) values(rows[j], args);
    many.run(args);
  }
  for (; i < rows.length; i++) {
    const args: unknown[] = [];
    values(rows[i], args);
    one.run(args);
  }
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
