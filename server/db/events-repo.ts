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
  const count = db.prepare('SELECT COUNT(*) FROM events').pluck();
  const countByKind = db.prepare('SELECT kind, COUNT(*) AS n FROM events GROUP BY kind');
  const allOfKind = db.prepare('SELECT item_id AS itemId, payload FROM events WHERE kind = ? ORDER BY item_id, at, seq');

  return {
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
    ): boolean {
      // One statement for the common case (a new event); a duplicate id is told by `changes`.
      return insert.run(sourceId, eventId, kind, itemId, type, at, receivedAt, contentHash, payload).changes === 1;
    },
    /** Content hash of an event already logged under this source and id, if any. */
    existingHash(sourceId: number, eventId: string): string | undefined {
      return hashOf.get(sourceId, eventId) as string | undefined;
    },
    /** Every event of one item, in time order then arrival order. */
    ofItem(kind: EventKind, itemId: string): StoredEvent[] {
      return ofItem.all(itemId, kind) as StoredEvent[];
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
