/**
 * The checkpoint writer's fold of the log (issue 16): moves a checkpoint state on by the events received
 * after it, read back from the log. Used to catch up (a first start, a restart, a backlog) and to hand
 * the state over to the live follower; in slices that yield to the event loop.
 */
import type { DossierContext } from '../domain/dossier.js';
import { compressCheckpoint, type ReplayEventRow, type ReplayRepo } from '../db/replay-repo.js';
import { deltaToCompact } from '../metrics/replay-delta.js';
import { checkpointToCompactSliced } from '../metrics/replay-sliced.js';
import { noteAhead, type CheckpointState } from '../metrics/replay-state.js';
import { foldItem } from './item-changes.js';

/** Brotli quality of a delta checkpoint: a third less CPU than 5 for ≈ 10 % more bytes (BENCHMARKS.md §14). */
const DELTA_QUALITY = 4;

/** Log rows read per statement. */
const READ_ROWS = 2_000;

export interface LogFoldDeps {
  repo: ReplayRepo;
  ctx: DossierContext;
  /** Items folded per slice before yielding. */
  slice: number;
  yieldNow: () => Promise<void>;
}

/**
 * Folds the items received in (state.seq, cut] into the state (mutates it); `ahead` is kept against
 * `at`. The window's events come from one scan of the log; an item the state holds (open dossiers,
 * open tasks) folds them on, when they are not older than what it holds; any other item is refolded
 * from its events.
 */
export async function foldReceived(deps: LogFoldDeps, state: CheckpointState, cut: number, at: number): Promise<void> {
  const { repo, ctx, slice } = deps;
  const fresh = new Map<string, ReplayEventRow[]>();
  // Read a slice of rows at a time: a backlog's window (a seeded history's arrivals) is the whole log.
  for (let from = state.seq; from < cut;) {
    const rows = repo.eventsIn(from, cut, READ_ROWS);
    if (rows.length === 0) break;
    for (const row of rows) {
      const key = `${row.kind}:${row.itemId}`;
      const list = fresh.get(key);
      if (list) list.push(row);
      else fresh.set(key, [row]);
    }
    from = rows[rows.length - 1].seq;
    if (from < cut) await deps.yieldNow();
  }
  let i = 0;
  for (const [key, rows] of fresh) {
    if (i > 0 && i % slice === 0) await deps.yieldNow();
    i++;
    noteAhead(state, key, foldItem(repo, ctx, state, rows, cut), at);
  }
  state.seq = cut;
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

/** Encodes (a whole state in slices), compresses and stores a checkpoint (a whole state, or the changes since the last stored one). */
export async function storeCheckpoint(
  repo: ReplayRepo,
  transaction: (fn: () => void) => void,
  state: CheckpointState,
  whole: boolean,
  yieldNow: () => Promise<void>,
): Promise<void> {
  const text = whole ? await checkpointToCompactSliced(state, yieldNow) : deltaToCompact(state);
  // Deltas are most of what a live writer stores, as ingest runs: brotli quality 4 (replay-repo.ts).
  const stored = await compressCheckpoint(text, whole ? 5 : DELTA_QUALITY);
  transaction(() => repo.insert(state.at, state.seq, stored, whole));
}
