import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import type { Db } from './connection.js';
import { createReplayLateRepo } from './replay-late-repo.js';
import { asciiJsonBytes, storedText } from './replay-text.js';

/** A stored checkpoint's place in the log (replay_checkpoints, migration 022). */
export interface CheckpointMark {
  at: number;
  seq: number;
}

/** A checkpoint's JSON compressed for the store, and its size before. */
export interface CompressedCheckpoint {
  bytes: number;
  blob: Buffer;
}

const brotli = promisify(brotliCompress);

/** replay_checkpoints.codec: how a row's text is compressed and written (migration 027). */
const CODEC = { deflate: 0, brotli: 1, compact: 2 } as const;

/**
 * Compresses a checkpoint's JSON (as ASCII: replay-text.ts) with brotli on libuv's thread pool, off the
 * main thread. Quality 5 by default (a quarter smaller than deflate on this JSON, inflated as fast;
 * quality 9 saves a little more for 4 times the CPU); the live deltas take 4 (a third less CPU for
 * ≈ 10 % more bytes: they are written as ingest runs).
 */
export async function compressCheckpoint(json: string, quality = 5): Promise<CompressedCheckpoint> {
  const raw = asciiJsonBytes(json);
  const params = { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length };
  return { bytes: raw.length, blob: await brotli(raw, { params }) };
}

/** A stored checkpoint's text: a whole state, or a delta from the checkpoint before it; compact or plain JSON. */
export interface StoredCheckpoint {
  whole: boolean;
  json: string;
  compact: boolean;
}

/** An event of the log as the time machine folds it. */
export interface ReplayEventRow {
  seq: number;
  kind: 'dossier' | 'task';
  itemId: string;
  at: number;
  payload: string;
}

/** A log row as the time machine folds it (ReplayEventRow). */
const ROW = 'seq, kind, item_id AS itemId, at, payload';

/** The statements on the checkpoints' own table. */
function checkpointStatements(db: Db) {
  const latest = db.prepare('SELECT at, seq FROM replay_checkpoints ORDER BY at DESC LIMIT 1');
  const markAtOrBefore = db.prepare('SELECT at, seq FROM replay_checkpoints WHERE at <= ? ORDER BY at DESC LIMIT 1');
  // The latest whole state at or before T and every delta after it up to T, oldest first.
  const chainAtOrBefore = db.prepare(
    `SELECT at, seq, whole, codec, state FROM replay_checkpoints
     WHERE at <= @t AND at >= COALESCE((SELECT MAX(at) FROM replay_checkpoints WHERE at <= @t AND whole = 1), 0)
     ORDER BY at`,
  );
  const insert = db.prepare('INSERT INTO replay_checkpoints (at, seq, bytes, state, whole, codec) VALUES (?, ?, ?, ?, ?, ?)');
  const sizes = db.prepare(
    `SELECT COUNT(*) AS count, COALESCE(SUM(whole), 0) AS whole, COALESCE(SUM(length(state)), 0) AS stored,
     COALESCE(SUM(bytes), 0) AS bytes FROM replay_checkpoints`,
  );
  // The log's own pages, for the storage ratio.
  const logBytes = db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name = 'events'").pluck();
  return { latest, markAtOrBefore, chainAtOrBefore, insert, sizes, logBytes };
}

/** The restored counters' rows beside the checkpoints (replay_counters, migration 031). */
function countersStatements(db: Db) {
  const insert = db.prepare('INSERT OR REPLACE INTO replay_counters (at, seq, until, bytes, state) VALUES (?, ?, ?, ?, ?)');
  const at = db.prepare('SELECT seq, until, state FROM replay_counters WHERE at = ?');
  const last = db.prepare('SELECT MAX(at) FROM replay_counters').pluck();
  const after = db.prepare('SELECT at, seq, whole, codec FROM replay_checkpoints WHERE at > ? ORDER BY at LIMIT ?');
  const one = db.prepare('SELECT whole, codec, state FROM replay_checkpoints WHERE at = ?');
  const clear = db.prepare('DELETE FROM replay_counters');
  const sizes = db.prepare(
    'SELECT COUNT(*) AS count, COALESCE(SUM(length(state)), 0) AS stored, COALESCE(SUM(bytes), 0) AS bytes FROM replay_counters',
  );
  return {
    /** Stores the counters of the checkpoint at `at` (compressed by compressCheckpoint). */
    insertCounters(row: { at: number; seq: number; until: number }, state: CompressedCheckpoint): void {
      insert.run(row.at, row.seq, row.until, state.bytes, state.blob);
    },
    /** The counters' JSON stored for the checkpoint at `t` exactly (null: none). */
    countersAt(t: number): { seq: number; until: number; json: string } | null {
      const r = at.get(t) as { seq: number; until: number; state: Buffer } | undefined;
      return r ? { seq: r.seq, until: r.until, json: storedText(brotliDecompressSync(r.state)) } : null;
    },
    /** The latest checkpoint instant with counters (null: none). */
    lastCountersAt(): number | null {
      return (last.get() as number | null) ?? null;
    },
    /** The checkpoints after `t`, oldest first, at most `limit`. */
    checkpointsAfter(t: number, limit: number): (CheckpointMark & { whole: boolean; compact: boolean })[] {
      const rows = after.all(t, limit) as (CheckpointMark & { whole: number; codec: number })[];
      return rows.map((r) => ({ at: r.at, seq: r.seq, whole: r.whole === 1, compact: r.codec === CODEC.compact }));
    },
    /** The stored text of the checkpoint at `t` alone (a whole state or a delta). */
    checkpointText(t: number): StoredCheckpoint {
      const r = one.get(t) as { whole: number; codec: number; state: Buffer };
      const json = storedText(r.codec === CODEC.deflate ? inflateRawSync(r.state) : brotliDecompressSync(r.state));
      return { whole: r.whole === 1, json, compact: r.codec === CODEC.compact };
    },
    /** Drops every counters row (they are rewritten from the checkpoints: bench/replay.ts --counters rewrite). */
    clearCounters(): void {
      clear.run();
    },
    /** Counters rows kept, their stored (compressed) and JSON bytes. */
    countersSizes(): { count: number; stored: number; bytes: number } {
      return sizes.get() as { count: number; stored: number; bytes: number };
    },
  };
}

/**
 * ReplayRepo.ofItem for each of `ids` (of one kind), read in two statements instead of two per item: id →
 * its events up to `maxSeq` in time order then arrival order (an id without events is absent).
 */
function ofItemsReader(db: Db) {
  // As ofItem's two parts, the ids as a JSON array.
  const ofItemsIndexed = db.prepare(
    `SELECT e.seq, e.kind, e.item_id AS itemId, e.at, e.payload FROM item_events i CROSS JOIN events e ON e.seq = i.seq
     WHERE i.kind = ? AND i.item_id IN (SELECT value FROM json_each(?)) AND i.seq <= ?`,
  );
  const ofItemsTail = db.prepare(
    `SELECT seq, kind, item_id AS itemId, at, payload FROM events
     WHERE seq > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projections.seq') AND seq <= ? AND kind = ?
     AND item_id IN (SELECT value FROM json_each(?))`,
  );
  return (kind: 'dossier' | 'task', ids: readonly string[], maxSeq: number): Map<string, ReplayEventRow[]> => {
    const out = new Map<string, ReplayEventRow[]>();
    if (ids.length === 0) return out;
    const list = JSON.stringify(ids);
    const seen = new Set<number>();
    const add = (rows: ReplayEventRow[]) => {
      for (const row of rows) {
        if (seen.size === seen.add(row.seq).size) continue;
        const mine = out.get(row.itemId);
        if (mine) mine.push(row);
        else out.set(row.itemId, [row]);
      }
    };
    add(ofItemsIndexed.all(kind, list, maxSeq) as ReplayEventRow[]);
    add(ofItemsTail.all(maxSeq, kind, list) as ReplayEventRow[]);
    for (const rows of out.values()) rows.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return out;
  };
}

/**
 * The time machine's reads of the log and its checkpoints (issue 16). Checkpoints are written by the
 * checkpoint writer only, compressed here (brotli; rows written before: raw deflate).
 * "Received by T" is the log's prefix before the first event that arrived after T: seq is the
 * arrival order, so no index on arrival time is needed.
 */
// The log's prepared statements and their readers in one object (the checkpoints' and counters' are apart).
// eslint-disable-next-line max-lines-per-function
export function createReplayRepo(db: Db) {
  const { latest, markAtOrBefore, chainAtOrBefore, insert, sizes, logBytes } = checkpointStatements(db);
  const firstAfter = db.prepare('SELECT seq FROM events WHERE seq > ? AND received_at > ? ORDER BY seq LIMIT 1').pluck();
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
  const receivedAtOf = db.prepare('SELECT received_at FROM events WHERE seq = ?').pluck();
  const firstReceived = db.prepare('SELECT received_at FROM events ORDER BY seq LIMIT 1').pluck();
  const itemsAbout = db.prepare('SELECT DISTINCT kind, item_id AS itemId FROM events WHERE seq > ? AND seq <= ? AND at <= ?');
  // As events-repo's ofItem: item_events is complete up to the projections' mark; the tail past it is scanned.
  const ofItem = db.prepare(
    `SELECT seq, kind, item_id AS itemId, at, payload FROM events
     WHERE seq IN (SELECT seq FROM item_events WHERE kind = ? AND item_id = ? AND seq <= ?)
     UNION
     SELECT seq, kind, item_id AS itemId, at, payload FROM events
     WHERE seq > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projections.seq') AND seq <= ? AND kind = ? AND item_id = ?
     ORDER BY at, seq`,
  );
  const upTo = db.prepare('SELECT seq, kind, item_id AS itemId, at, payload FROM events WHERE seq <= ? ORDER BY seq');
  const between = db.prepare(`SELECT ${ROW} FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`);

  return {
    ...createReplayLateRepo(db),
    ...countersStatements(db),
    latest(): CheckpointMark | null {
      return (latest.get() as CheckpointMark | undefined) ?? null;
    },
    /**
     * The latest checkpoint at or before `t` (null: none) and the chain that makes its state: the whole
     * state before it and the deltas after that, as JSON text, oldest first.
     */
    atOrBefore(t: number): (CheckpointMark & { chain: StoredCheckpoint[] }) | null {
      const rows = chainAtOrBefore.all({ t }) as (CheckpointMark & { whole: number; codec: number; state: Buffer })[];
      if (rows.length === 0) return null;
      const last = rows[rows.length - 1];
      const chain = rows.map((r) => ({
        whole: r.whole === 1,
        json: storedText(r.codec === CODEC.deflate ? inflateRawSync(r.state) : brotliDecompressSync(r.state)),
        compact: r.codec === CODEC.compact,
      }));
      return { at: last.at, seq: last.seq, chain };
    },
    /** The latest checkpoint at or before `t` (null: none), without reading its state. */
    markAtOrBefore(t: number): CheckpointMark | null {
      return (markAtOrBefore.get(t) as CheckpointMark | undefined) ?? null;
    },
    /** The log's prefix received by the latest checkpoint at or before `t` (0: none), without reading its state. */
    checkpointSeq(t: number): number {
      return (markAtOrBefore.get(t) as CheckpointMark | undefined)?.seq ?? 0;
    },
    /**
     * Stores a checkpoint (compressed by compressCheckpoint): a whole state, or a delta from the checkpoint
     * before it; its text compact (replay-codec.ts) or plain JSON.
     */
    insert(at: number, seq: number, state: CompressedCheckpoint, whole = true, compact = true): void {
      insert.run(at, seq, state.bytes, state.blob, whole ? 1 : 0, compact ? CODEC.compact : CODEC.brotli);
    },
    /** Checkpoints kept (of them whole states), their stored (compressed) and JSON bytes. */
    sizes(): { count: number; whole: number; stored: number; bytes: number } {
      return sizes.get() as { count: number; whole: number; stored: number; bytes: number };
    },
    /** The last seq received by `t`, looking from `fromSeq` on (the log's prefix before the first later arrival). */
    receivedBy(fromSeq: number, t: number): number {
      const first = firstAfter.get(fromSeq, t) as number | undefined;
      return first === undefined ? (maxSeq.get() as number) : first - 1;
    },
    maxSeq(): number {
      return maxSeq.get() as number;
    },
    /** When the event with this seq arrived; null for none. */
    receivedAt(seq: number): number | null {
      return (receivedAtOf.get(seq) as number | undefined) ?? null;
    },
    firstReceivedAt(): number | null {
      return (firstReceived.get() as number | undefined) ?? null;
    },
    /** Items with events in (fromSeq, toSeq] about a time ≤ `t`. */
    itemsAbout(fromSeq: number, toSeq: number, t: number): { kind: 'dossier' | 'task'; itemId: string }[] {
      return itemsAbout.all(fromSeq, toSeq, t) as { kind: 'dossier' | 'task'; itemId: string }[];
    },
    /** An item's events up to `maxSeq`, in time order then arrival order. */
    ofItem(kind: 'dossier' | 'task', itemId: string, maxSeq: number): ReplayEventRow[] {
      return ofItem.all(kind, itemId, maxSeq, maxSeq, kind, itemId) as ReplayEventRow[];
    },
    ofItems: ofItemsReader(db),
    /** The events in (fromSeq, toSeq], in log order (one scan of the log by seq); the first `limit` only if given. */
    eventsIn(fromSeq: number, toSeq: number, limit = -1): ReplayEventRow[] {
      return between.all(fromSeq, toSeq, limit) as ReplayEventRow[];
    },
    /** Every event up to `maxSeq`, in log order (the from-scratch fold). */
    upTo(maxSeq: number): IterableIterator<ReplayEventRow> {
      return upTo.iterate(maxSeq) as IterableIterator<ReplayEventRow>;
    },
    /** Bytes of the event log's pages (for the storage ratio); null where SQLite lacks dbstat. */
    logBytes(): number | null {
      try {
        return (logBytes.get() as number | null) ?? null;
      } catch {
        return null;
      }
    },
  };
}

export type ReplayRepo = ReturnType<typeof createReplayRepo>;
