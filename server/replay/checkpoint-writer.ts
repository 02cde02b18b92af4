/**
 * Writes the time machine's checkpoints behind the log (issue 16): every `everyMs` of log time, the
 * state of the events received by then, built from the previous checkpoint plus the items received
 * since. A checkpoint is written once the log has moved `settleMs` past its instant (arrivals are
 * then final: seq is the arrival order). Works in slices that yield to the event loop, so that live
 * ingest and reads wait at most one slice; the log being append-only, a checkpoint never changes.
 */
import type { DossierContext } from '../domain/dossier.js';
import { compressCheckpoint, type ReplayEventRow, type ReplayRepo } from '../db/replay-repo.js';
import { checkpointFromChain, checkpointToCompact, deltaToCompact } from '../metrics/replay-delta.js';
import { emptyCheckpoint, noneTouched, type CheckpointState } from '../metrics/replay-state.js';
import { writeHistory } from './history-writer.js';
import { foldItem } from './item-changes.js';
import { catchUpLateIndex } from './late-index.js';

export interface CheckpointWriterOptions {
  repo: ReplayRepo;
  ctx: DossierContext;
  /** Runs a write in the store's transaction (the write gate). */
  transaction: (fn: () => void) => void;
  /** Log time between checkpoints, ms (a divisor of a day). */
  everyMs: number;
  /** Log time between whole states, ms (a multiple of everyMs; the checkpoints between are deltas). Default: everyMs. */
  wholeEveryMs?: number;
  /** How far the log must be past a checkpoint's instant before it is written, ms. */
  settleMs: number;
  /** Items folded per slice before yielding to the event loop. */
  sliceItems?: number;
}

const VN_OFFSET_MS = 7 * 3_600_000;
/** Rest after a slice, per ms the slice took, and at most (ms). */
const REST_PER_BUSY = 3;
const MAX_REST_MS = 250;

/**
 * The server's spacing: a checkpoint every 2 hours of log time, written once the log is 5 minutes
 * past it; a whole state every other Vietnam midnight, deltas between (BENCHMARKS.md §14: whole
 * states every hour would hold several times the log's own size; daily ones 14 % of it).
 */
export const REPLAY_CHECKPOINTS = { everyMs: 2 * 3_600_000, wholeEveryMs: 48 * 3_600_000, settleMs: 5 * 60_000 };

export function createCheckpointWriter(opts: CheckpointWriterOptions) {
  const { repo, ctx, everyMs, settleMs } = opts;
  const wholeEveryMs = opts.wholeEveryMs ?? everyMs;
  const slice = opts.sliceItems ?? 100;
  let cp: CheckpointState | null = null;
  let running = false;
  const yieldNow = restingYield();
  /** The first boundary at or after `t`, in Vietnam time (boundaries from midnight). */
  const boundaryAtOrAfter = (t: number) => Math.ceil((t + VN_OFFSET_MS) / everyMs) * everyMs - VN_OFFSET_MS;

  function current(): CheckpointState | null {
    if (cp !== null) return cp;
    const last = repo.latest();
    if (last !== null) cp = checkpointFromChain(repo.atOrBefore(last.at)!.chain);
    else {
      const first = repo.firstReceivedAt();
      if (first === null) return null;
      // Nothing was received before the first arrival: an empty state stands for the boundary before it.
      cp = emptyCheckpoint(boundaryAtOrAfter(first) - everyMs);
    }
    return cp;
  }

  /**
   * Folds the items received in (state.seq, received by `at`] into the state (mutates it). The window's
   * events come from one scan of the log; an item the state holds (open dossiers, open tasks) folds them
   * on, when they are not older than what it holds; any other item is refolded from its events.
   */
  async function advance(state: CheckpointState, at: number): Promise<void> {
    const cut = repo.receivedBy(state.seq, at);
    const fresh = new Map<string, ReplayEventRow[]>();
    for (const row of repo.eventsIn(state.seq, cut)) {
      const key = `${row.kind}:${row.itemId}`;
      const rows = fresh.get(key);
      if (rows) rows.push(row);
      else fresh.set(key, [row]);
    }
    let i = 0;
    for (const [key, rows] of fresh) {
      if (i > 0 && i % slice === 0) await yieldNow();
      i++;
      const latestAt = foldItem(repo, ctx, state, rows, cut);
      if (latestAt > at) state.ahead.set(key, latestAt);
      else state.ahead.delete(key);
      state.touched.ahead.add(key);
    }
    for (const [key, latestAt] of state.ahead)
      if (latestAt <= at) {
        state.ahead.delete(key);
        state.touched.ahead.add(key);
      }
    state.at = at;
    state.seq = cut;
  }

  return {
    /**
     * Writes every checkpoint the log has settled past (at most `max`); answers how many it wrote.
     * One run at a time: a call while one runs answers 0.
     */
    async catchUp(max = Number.MAX_SAFE_INTEGER): Promise<number> {
      if (running) return 0;
      running = true;
      try {
        // The late events' time index first, then (once) the history's checkpoints by event time.
        const lateSeq = await catchUpLateIndex(repo, opts.transaction, yieldNow);
        const first = repo.firstReceivedAt();
        if (first !== null) {
          const historyOpts = { ...opts, wholeEveryMs, boundaryAtOrAfter, yieldNow, slice };
          await writeHistory(historyOpts, boundaryAtOrAfter(first) - everyMs, lateSeq);
        }
        let written = 0;
        for (let state = current(); state !== null && written < max; written++) {
          const next = state.at + everyMs;
          const end = repo.maxSeq();
          const lastArrival = repo.receivedAt(end);
          if (lastArrival === null || lastArrival < next + settleMs) break;
          try {
            // A delta needs a stored checkpoint before it; the writer's first one is whole.
            const whole = (next + VN_OFFSET_MS) % wholeEveryMs === 0 || repo.latest() === null;
            await advance(state, next);
            const stored = await compressCheckpoint(whole ? checkpointToCompact(state) : deltaToCompact(state));
            opts.transaction(() => repo.insert(state.at, state.seq, stored, whole));
            state.touched = noneTouched();
          } catch (err) {
            cp = null; // half advanced: start again from the stored checkpoint
            throw err;
          }
        }
        return written;
      } finally {
        running = false;
      }
    },
  };
}

export type CheckpointWriter = ReturnType<typeof createCheckpointWriter>;

/**
 * The writer shares the main thread with ingest and reads: after each slice it rests three times as
 * long as the slice took (≤ 1/4 of the thread), so a backlog (a seeded history, a first start) does
 * not crowd out requests for minutes; live, a run is a few slices every 2 hours of log time.
 */
export function restingYield(): () => Promise<void> {
  let resumedAt = performance.now();
  return () =>
    new Promise<void>((resolve) => {
      const rest = Math.min(MAX_REST_MS, (performance.now() - resumedAt) * REST_PER_BUSY);
      const resume = () => {
        resumedAt = performance.now();
        resolve();
      };
      if (rest < 1) setImmediate(resume);
      else setTimeout(resume, rest);
    });
}
