/**
 * Writes the time machine's checkpoints behind the log (issue 16): every `everyMs` of log time, the
 * state of the events received by then, built from the previous checkpoint plus the items received
 * since. A checkpoint is written once the log has moved `settleMs` past its instant (arrivals are
 * then final: seq is the arrival order). Works in slices that yield to the event loop, so that live
 * ingest and reads wait at most one slice; the log being append-only, a checkpoint never changes.
 */
import type { DossierContext } from '../domain/dossier.js';
import type { ReplayRepo } from '../db/replay-repo.js';
import { checkpointFromChain } from '../metrics/replay-delta.js';
import { emptyCheckpoint, noneTouched, type CheckpointState } from '../metrics/replay-state.js';
import { writeHistory } from './history-writer.js';
import { catchUpLateIndex } from './late-index.js';
import { createLiveFollower, type AppliedBatch, type LiveFollower } from './live-follower.js';
import { advanceTo, foldReceived, storeCheckpoint, type LogFoldDeps } from './log-fold.js';

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
  /** Whether, once caught up, it follows the live stream (applied) instead of folding the log (default true). */
  follow?: boolean;
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
  const isWholeAt = (t: number) => (t + VN_OFFSET_MS) % wholeEveryMs === 0;
  const follower = createLiveFollower({
    ctx,
    everyMs,
    wholeEveryMs,
    wholeAt: isWholeAt,
    instantBefore: (t) => boundaryAtOrAfter(t) - everyMs,
  });

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

  const fold = { repo, ctx, slice, yieldNow };
  const store = (state: CheckpointState, whole: boolean) => storeCheckpoint(repo, opts.transaction, state, whole, yieldNow);

  /** Writes the checkpoints the log has settled past (at most `max`), folding the log; answers how many, and the state reached. */
  async function writeFromLog(max: number): Promise<{ written: number; state: CheckpointState | null }> {
    let written = 0;
    const state = current();
    for (; state !== null && written < max; written++) {
      const next = state.at + everyMs;
      const lastArrival = repo.receivedAt(repo.maxSeq());
      if (lastArrival === null || lastArrival < next + settleMs) break;
      try {
        // A delta needs a stored checkpoint before it; the writer's first one is whole.
        const whole = isWholeAt(next) || repo.latest() === null;
        await advanceTo(fold, state, next);
        await store(state, whole);
        state.touched = noneTouched();
      } catch (err) {
        cp = null; // half advanced: start again from the stored checkpoint
        throw err;
      }
    }
    return { written, state };
  }

  return {
    /** A committed batch's item changes (ingest/service.ts onApplied): followed once the writer caught up. */
    applied: (b: AppliedBatch) => follower.applied(b),
    /** Whether it follows the live stream now (else it folds the log). */
    following: () => follower.followingSeq() !== null,
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
        // Following the live stream: store what it captured, unless a batch was logged unseen.
        if (follower.followingSeq() !== null && follower.followingSeq() !== repo.maxSeq()) follower.drop();
        if (follower.followingSeq() !== null) return await storeCaptured(follower, store);
        const { written, state } = await writeFromLog(max);
        if (opts.follow === false || written >= max) return written;
        if (state === null) follower.followEmpty();
        // Not while an arrival is past the next checkpoint's instant (written from the log once settled).
        else if (repo.receivedBy(state.seq, state.at + everyMs) === repo.maxSeq()) {
          cp = null; // the state moves past its instant: a fallback starts again from the stored checkpoint
          await handOver(fold, follower, state);
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
 * Hands the state over to the live follower: folds the log up to its last event, the batches
 * committed meanwhile kept by the follower.
 */
async function handOver(fold: LogFoldDeps, follower: LiveFollower, state: CheckpointState): Promise<void> {
  const target = fold.repo.maxSeq();
  follower.beginHandover();
  try {
    await foldReceived(fold, state, target, state.at);
  } catch (err) {
    follower.drop();
    throw err;
  }
  follower.follow(state, fold.repo.latest() !== null);
}

/** Stores what the follower captured, in order; answers how many. */
async function storeCaptured(follower: LiveFollower, store: (state: CheckpointState, whole: boolean) => Promise<void>): Promise<number> {
  let written = 0;
  for (let batch = follower.take(); batch.length > 0; batch = follower.take())
    for (const c of batch) {
      try {
        await store(c.state, c.whole);
      } catch (err) {
        follower.drop(); // the chain broke: the log's path writes from the last stored one
        throw err;
      }
      written++;
    }
  return written;
}

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

/** The server's checkpoint writer over its store, at the server's spacing (REPLAY_CHECKPOINTS). */
export function serverCheckpointWriter(store: { replay: ReplayRepo; transaction: (fn: () => void) => void }, ctx: DossierContext) {
  return createCheckpointWriter({ repo: store.replay, ctx, transaction: (fn) => store.transaction(fn), ...REPLAY_CHECKPOINTS });
}
