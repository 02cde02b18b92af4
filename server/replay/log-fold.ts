/**
 * The checkpoint writer's fold of the log (issue 16): moves a checkpoint state on by the events received
 * after it, read back from the log. Used to catch up (a first start, a restart, a backlog) and to hand
 * the state over to the live follower; in slices that yield to the event loop.
 */
import type { DossierContext } from '../domain/dossier.js';
import { compressCheckpoint, type ReplayEventRow, type ReplayRepo } from '../db/replay-repo.js';
import { checkpointToCompactSliced } from '../metrics/replay-sliced.js';
import { noteAhead, type CheckpointState } from '../metrics/replay-state.js';
import { createDeltaText } from './delta-text.js';
import { foldItem } from './item-changes.js';

/** Brotli quality of a delta checkpoint: a third less CPU than 5 for ≈ 10 % more bytes (BENCHMARKS.md §14). */
const DELTA_QUALITY = 4;

/** Log rows read per statement. */
const READ_ROWS = 2_000;
/** Log rows read per statement without their payloads. */
const READ_KEYS = 10_000;

export interface LogFoldDeps {
  repo: ReplayRepo;
  ctx: DossierContext;
  /** Items folded per slice before yielding. */
  slice: number;
  yieldNow: () => Promise<void>;
  /** Above this many events in a window, read its payloads a slice of items at a time (default HELD_ROWS). */
  heldRows?: number;
}

/**
 * Above this many events received in a window, their payloads are read a slice of items at a time:
 * a seeded history's first window is the whole log (≈ 130,000 payloads held at once, issue 15).
 */
const HELD_ROWS = 10_000;

/**
 * Folds the items received in (state.seq, cut] into the state (mutates it); `ahead` is kept against
 * `at`. The window's events come from one scan of the log; an item the state holds (open dossiers,
 * open tasks) folds them on, when they are not older than what it holds; any other item is refolded
 * from its events. Items in the order of their first event in the window, either way.
 */
export async function foldReceived(deps: LogFoldDeps, state: CheckpointState, cut: number, at: number): Promise<void> {
  const { repo, ctx, slice } = deps;
  const fold = (key: string, rows: ReplayEventRow[]) => noteAhead(state, key, foldItem(repo, ctx, state, rows, cut), at);
  if (cut - state.seq > (deps.heldRows ?? HELD_ROWS)) {
    const seqs = await receivedSeqs(deps, state.seq, cut);
    const keys = [...seqs.keys()];
    for (let i = 0; i < keys.length; i += slice) {
      if (i > 0) await deps.yieldNow();
      const part = keys.slice(i, i + slice);
      const rows = byItem(repo.eventsOfSeqs(part.flatMap((k) => seqs.get(k)!)));
      for (const key of part) fold(key, rows.get(key)!);
    }
  } else {
    let i = 0;
    for (const [key, rows] of await receivedRows(deps, state.seq, cut)) {
      if (i > 0 && i % slice === 0) await deps.yieldNow();
      i++;
      fold(key, rows);
    }
  }
  state.seq = cut;
}

const keyOf = (row: { kind: string; itemId: string }) => `${row.kind}:${row.itemId}`;

function byItem(rows: readonly ReplayEventRow[], into = new Map<string, ReplayEventRow[]>()): Map<string, ReplayEventRow[]> {
  for (const row of rows) {
    const list = into.get(keyOf(row));
    if (list) list.push(row);
    else into.set(keyOf(row), [row]);
  }
  return into;
}

/** The events received in (from, cut] by item, in log order, read a slice of rows at a time. */
async function receivedRows(deps: LogFoldDeps, from: number, cut: number): Promise<Map<string, ReplayEventRow[]>> {
  const fresh = new Map<string, ReplayEventRow[]>();
  while (from < cut) {
    const rows = deps.repo.eventsIn(from, cut, READ_ROWS);
    if (rows.length === 0) break;
    byItem(rows, fresh);
    from = rows[rows.length - 1].seq;
    if (from < cut) await deps.yieldNow();
  }
  return fresh;
}

/** As receivedRows, each item's seqs only. */
async function receivedSeqs(deps: LogFoldDeps, from: number, cut: number): Promise<Map<string, number[]>> {
  const seqs = new Map<string, number[]>();
  while (from < cut) {
    const rows = deps.repo.eventKeysIn(from, cut, READ_KEYS);
    if (rows.length === 0) break;
    for (const row of rows) {
      const list = seqs.get(keyOf(row));
      if (list) list.push(row.seq);
      else seqs.set(keyOf(row), [row.seq]);
    }
    from = rows[rows.length - 1].seq;
    if (from < cut) await deps.yieldNow();
  }
  return seqs;
}

/** Moves the state to the events received by `at` (mutates it). */
export async function advanceTo(deps: LogFoldDeps, state: CheckpointState, at: number): Promise<void> {
  await foldReceived(deps, state, deps.repo.receivedBy(state.seq, at), at);
  pruneAhead(state, at);
  state.at = at;
}

/** Drops from `ahead` the items with no event after `at` (touched). */
export function pruneAhead(state: CheckpointState, at: number): void {
  for (const [key, latestAt] of state.ahead)
    if (latestAt <= at) {
      state.ahead.delete(key);
      state.touched.ahead.add(key);
    }
}

/** A delta's stored text (ASCII: delta-text.ts), its string table's escapes kept from one delta to the next. */
const deltaText = createDeltaText();

/** Encodes (a whole state in slices), compresses and stores a checkpoint (a whole state, or the changes since the last stored one). */
export async function storeCheckpoint(
  repo: ReplayRepo,
  transaction: (fn: () => void) => void,
  state: CheckpointState,
  whole: boolean,
  yieldNow: () => Promise<void>,
): Promise<void> {
  const text = whole ? await checkpointToCompactSliced(state, yieldNow) : deltaText(state);
  // Deltas are most of what a live writer stores, as ingest runs: brotli quality 4 (replay-repo.ts).
  const stored = await compressCheckpoint(text, whole ? 5 : DELTA_QUALITY);
  transaction(() => repo.insert(state.at, state.seq, stored, whole));
}
