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
  kind: EventKind;
  itemId: string;
  at: number;
  payload: string;
}

/** The append-only event log. */
export function createEventsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO events (source_id, event_id, kind, item_id, type, at, received_at, content_hash, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id, event_id) DO NOTHING`,
  );
  const hashOf = db.prepare('SELECT content_hash FROM events WHERE source_id = ? AND event_id = ?').pluck();
  const ofItem = db.prepare(
    'SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events WHERE item_id = ? AND kind = ? ORDER BY at, seq',
  );
  const ofItemUpTo = db.prepare(
    `SELECT seq, source_id AS sourceId, event_id AS eventId, type, at, payload FROM events
     WHERE item_id = ? AND kind = ? AND seq <= ? ORDER BY at, seq`,
  );
  const after = db.prepare('SELECT seq, kind, item_id AS itemId, at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const itemsAfter = db.prepare('SELECT DISTINCT kind, item_id AS itemId FROM events WHERE seq > ? AND seq <= ?');
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
  const count = db.prepare('SELECT COUNT(*) FROM events').pluck();
  const countByKind = db.prepare('SELECT kind, COUNT(*) AS n FROM events GROUP BY kind');
  const allOfKind = db.prepare('SELECT item_id AS itemId, payload FROM events WHERE kind = ? ORDER BY item_id, at, seq');

  return {
    /** Logs an event; answers its seq, or 0 when this source already logged an event with this id. */
    append(
      sourceId: number,
      eventId: string,
      kind: EventKind,
      itemId: string,
      type: string,
      at: number,
      receivedAt: number,
      contentHash: string,
      payload: string,
    ): number {
      // One statement for the common case (a new event); a duplicate id is told by `changes`.
      const r = insert.run(sourceId, eventId, kind, itemId, type, at, receivedAt, contentHash, payload);
      return r.changes === 1 ? Number(r.lastInsertRowid) : 0;
    },
    /** Content hash of an event already logged under this source and id, if any. */
    existingHash(sourceId: number, eventId: string): string | undefined {
      return hashOf.get(sourceId, eventId) as string | undefined;
    },
    /** Every event of one item (or only those logged up to `maxSeq`), in time order then arrival order. */
    ofItem(kind: EventKind, itemId: string, maxSeq?: number): StoredEvent[] {
      return (maxSeq === undefined ? ofItem.all(itemId, kind) : ofItemUpTo.all(itemId, kind, maxSeq)) as StoredEvent[];
    },
    /** At most `limit` events logged after `seq`, in log order. */
    after(seq: number, limit: number): LoggedEvent[] {
      return after.all(seq, limit) as LoggedEvent[];
    },
    /** The items that have events logged in (fromSeq, toSeq]. */
    itemsAfter(fromSeq: number, toSeq: number): { kind: EventKind; itemId: string }[] {
      return itemsAfter.all(fromSeq, toSeq) as { kind: EventKind; itemId: string }[];
    },
    /** The seq of the last logged event (0 for an empty log). */
    maxSeq(): number {
      return maxSeq.get() as number;
    },
    count(): number {
      return count.get() as number;
    },
    countByKind(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const r of countByKind.all() as { kind: string; n: number }[]) out[r.kind] = r.n;
      return out;
    },
    /** Streams every event of a kind grouped by item (for rebuilding projections). */
    iterateByItem(kind: EventKind): IterableIterator<{ itemId: string; payload: string }> {
      return allOfKind.iterate(kind) as IterableIterator<{ itemId: string; payload: string }>;
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
