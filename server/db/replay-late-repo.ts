import { brotliDecompressSync } from 'node:zlib';
import type { Db } from './connection.js';
import { storedText } from './replay-text.js';
import type { CheckpointMark, CompressedCheckpoint, ReplayEventRow, StoredCheckpoint } from './replay-repo.js';

/** An event's times as the late index reads them (no item, no payload). */
export interface EventTimes {
  seq: number;
  at: number;
  receivedAt: number;
}

/** How far the late index has read the log, and the latest arrival up to there. */
export interface LateMark {
  seq: number;
  maxReceivedAt: number;
}

export type ItemKey = { kind: 'dossier' | 'task'; itemId: string };

const MARK_KEY = 'replay.late';
const COMPACT = 2;

/** A backlog's received events named without their payloads, then a slice of items' payloads by seq (log-fold.ts). */
function backlogReads(db: Db) {
  const keysIn = db.prepare('SELECT seq, kind, item_id AS itemId FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?');
  const rowsOfSeqs = db.prepare(
    'SELECT seq, kind, item_id AS itemId, at, payload FROM events WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq',
  );
  return {
    /** The events in (fromSeq, toSeq], in log order, without their times and payloads; the first `limit`. */
    eventKeysIn(fromSeq: number, toSeq: number, limit: number): { seq: number; kind: 'dossier' | 'task'; itemId: string }[] {
      return keysIn.all(fromSeq, toSeq, limit) as { seq: number; kind: 'dossier' | 'task'; itemId: string }[];
    },
    /** The events with these seqs, in log order. */
    eventsOfSeqs(seqs: readonly number[]): ReplayEventRow[] {
      return seqs.length === 0 ? [] : (rowsOfSeqs.all(JSON.stringify(seqs)) as ReplayEventRow[]);
    },
  };
}

/**
 * The time machine's time index of late events and its checkpoints of the log's history by event time
 * (replay_late, replay_history: migration 029). Written by the checkpoint writer only.
 */
export function createReplayLateRepo(db: Db) {
  const markGet = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const markSet = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  // The times only, as arrays: the live writer reads every event back once (item ids were half its cost).
  const times = db.prepare('SELECT seq, at, received_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?').raw();
  const lateInsert = db.prepare('INSERT INTO replay_late (seq, at) VALUES (?, ?)');
  // CROSS JOIN: the late rows drive (SQLite would otherwise scan the log's seq range and look each up here).
  const lateItems = 'SELECT DISTINCT e.kind, e.item_id AS itemId FROM replay_late l CROSS JOIN events e ON e.seq = l.seq';
  const lateBySeq = db.prepare(`${lateItems} WHERE l.seq > ? AND l.seq <= ? AND l.at <= ?`);
  const lateByAt = db.prepare(`${lateItems} WHERE l.at > ? AND l.at <= ? AND l.seq <= ?`);
  const aboutBetween = db.prepare('SELECT DISTINCT kind, item_id AS itemId FROM events WHERE seq > ? AND seq <= ? AND at > ? AND at <= ?');
  // A window of the history's events, in event-time order, with their payloads (the history writer).
  const historyWindow = db.prepare(
    `SELECT e.seq, e.kind, e.item_id AS itemId, e.at, e.payload FROM replay_late l JOIN events e ON e.seq = l.seq
     WHERE l.at > ? AND l.at <= ? AND l.seq <= ? ORDER BY l.at, l.seq`,
  );
  const historyFirstAt = db.prepare('SELECT MIN(at) FROM replay_late WHERE seq <= ?').pluck();
  const historyLatest = db.prepare('SELECT at, seq FROM replay_history ORDER BY at DESC LIMIT 1');
  const historyChain = db.prepare(
    `SELECT at, seq, whole, state FROM replay_history
     WHERE at <= @t AND at >= COALESCE((SELECT MAX(at) FROM replay_history WHERE at <= @t AND whole = 1), 0)
     ORDER BY at`,
  );
  const historyInsert = db.prepare('INSERT INTO replay_history (at, seq, bytes, state, whole, codec) VALUES (?, ?, ?, ?, ?, ?)');
  const lateBytes = db.prepare(
    "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ('replay_late', 'replay_late_by_at', 'replay_history')",
  );

  return {
    ...backlogReads(db),
    lateMark(): LateMark {
      const v = markGet.get(MARK_KEY) as string | undefined;
      return v === undefined ? { seq: 0, maxReceivedAt: -Infinity } : (JSON.parse(v) as LateMark);
    },
    /** The next `limit` events after `seq`, their times only. */
    eventTimes(seq: number, limit: number): EventTimes[] {
      return (times.all(seq, limit) as [number, number, number][]).map(([s, at, receivedAt]) => ({ seq: s, at, receivedAt }));
    },
    /** Adds late events and moves the mark (in the caller's transaction). */
    addLate(rows: readonly EventTimes[], mark: LateMark): void {
      for (const r of rows) lateInsert.run(r.seq, r.at);
      markSet.run(MARK_KEY, JSON.stringify(mark));
    },
    /** Items with a late event in (fromSeq, toSeq] about a time ≤ `t`. */
    lateItemsBySeq(fromSeq: number, toSeq: number, t: number): ItemKey[] {
      return toSeq <= fromSeq ? [] : (lateBySeq.all(fromSeq, toSeq, t) as ItemKey[]);
    },
    /** Items with a late event about a time in (fromAt, toAt], received by `maxSeq`. */
    lateItemsByAt(fromAt: number, toAt: number, maxSeq: number): ItemKey[] {
      return toAt <= fromAt ? [] : (lateByAt.all(fromAt, toAt, maxSeq) as ItemKey[]);
    },
    /** Items with an event in (fromSeq, toSeq] about a time in (fromAt, toAt] (a scan of the log by seq). */
    itemsAboutBetween(fromSeq: number, toSeq: number, fromAt: number, toAt: number): ItemKey[] {
      return toSeq <= fromSeq || toAt <= fromAt ? [] : (aboutBetween.all(fromSeq, toSeq, fromAt, toAt) as ItemKey[]);
    },
    /** The late events about a time in (fromAt, toAt] received by `maxSeq`, in time then arrival order. */
    historyWindow(fromAt: number, toAt: number, maxSeq: number): ReplayEventRow[] {
      return historyWindow.all(fromAt, toAt, maxSeq) as ReplayEventRow[];
    },
    /** The earliest time a late event received by `maxSeq` is about (null: none). */
    historyFirstAt(maxSeq: number): number | null {
      return (historyFirstAt.get(maxSeq) as number | null) ?? null;
    },
    historyLatest(): CheckpointMark | null {
      return (historyLatest.get() as CheckpointMark | undefined) ?? null;
    },
    /** The latest history checkpoint at or before `t` and its chain (as ReplayRepo.atOrBefore). */
    historyAtOrBefore(t: number): (CheckpointMark & { chain: StoredCheckpoint[] }) | null {
      const rows = historyChain.all({ t }) as (CheckpointMark & { whole: number; state: Buffer })[];
      if (rows.length === 0) return null;
      const last = rows[rows.length - 1];
      const chain = rows.map((r) => ({ whole: r.whole === 1, json: storedText(brotliDecompressSync(r.state)), compact: true }));
      return { at: last.at, seq: last.seq, chain };
    },
    historyInsert(at: number, seq: number, state: CompressedCheckpoint, whole: boolean): void {
      historyInsert.run(at, seq, state.bytes, state.blob, whole ? 1 : 0, COMPACT);
    },
    /** Bytes of the late index and the history checkpoints (0 where SQLite lacks dbstat). */
    lateBytes(): number {
      try {
        return lateBytes.pluck().get() as number;
      } catch {
        return 0;
      }
    },
  };
}

export type ReplayLateRepo = ReturnType<typeof createReplayLateRepo>;
