/** Runs the checkpoint writer behind the log on a timer, a few checkpoints per run (issue 16). */
import type { Logger } from 'pino';
import type { ReplayRepo } from '../db/replay-repo.js';
import type { DossierContext } from '../domain/dossier.js';
import type { Jurisdiction } from '../domain/types.js';
import type { ScopeKey } from '../metrics/types.js';
import { REPLAY_CHECKPOINTS, restingYield, type CheckpointWriter } from './checkpoint-writer.js';
import { countersPay, createCountersWriter } from './counters-writer.js';
import { scopeKeysOf } from './state-at.js';

export interface CheckpointLoopOptions {
  writer: CheckpointWriter;
  /** How often it looks for checkpoints to write, ms (0: never; the writer is off). */
  periodMs: number;
  /** Checkpoints written per run at most (a first start catches up over several runs). */
  perRun?: number;
  logger: Pick<Logger, 'warn'>;
  /** Run after each writer run (the restored counters behind the checkpoints: counters-writer.ts). */
  after?: () => Promise<unknown>;
  /**
   * While this answers true (a history load runs: ingest/history-load.ts), runs are skipped: a load's
   * arrivals are all settled together once it ended, and a checkpoint depends on the log alone, so it
   * is the same written then; meanwhile its folds would compete with the load for the main thread.
   */
  paused?: () => boolean;
}

export function startCheckpointLoop(opts: CheckpointLoopOptions) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (opts.paused?.()) return;
    running = opts.writer
      .catchUp(opts.perRun ?? 4)
      .then(() => opts.after?.())
      .catch((err: unknown) => opts.logger.warn({ err }, 'replay checkpoint not written'));
  };
  const timer = opts.periodMs > 0 ? setInterval(run, opts.periodMs) : null;
  timer?.unref();
  return {
    /** Stops the timer and waits for the run in progress (before the store closes). */
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await running;
    },
  };
}

/**
 * The server's counters writer behind its checkpoint writer (REPLAY_CHECKPOINTS): due lists reaching two
 * checkpoints' spacing, resting between checkpoints as the checkpoint writer does. Answers its catchUp,
 * which writes nothing while the live engine holds fewer open dossiers than COUNTERS_MIN_OPEN.
 */
export function countersBehind(
  store: { replay: ReplayRepo; transaction: (fn: () => void) => void },
  ctx: DossierContext,
  scopeOf: (code: string) => ScopeKey | null,
  jurisdiction: Jurisdiction,
  openDossiers: () => number,
): () => Promise<number> {
  const writer = createCountersWriter({
    repo: store.replay,
    engine: { ...ctx, scopeOf, scopes: scopeKeysOf(jurisdiction) },
    transaction: (fn) => store.transaction(fn),
    horizonMs: 2 * REPLAY_CHECKPOINTS.everyMs,
    yieldNow: restingYield(),
  });
  return () => (countersPay(openDossiers()) ? writer.catchUp() : Promise.resolve(0));
}
