/** Runs the checkpoint writer behind the log on a timer, a few checkpoints per run (issue 16). */
import type { Logger } from 'pino';
import type { CheckpointWriter } from './checkpoint-writer.js';

export interface CheckpointLoopOptions {
  writer: CheckpointWriter;
  /** How often it looks for checkpoints to write, ms. */
  periodMs: number;
  /** Checkpoints written per run at most (a first start catches up over several runs). */
  perRun?: number;
  logger: Pick<Logger, 'warn'>;
}

export function startCheckpointLoop(opts: CheckpointLoopOptions) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = opts.writer.catchUp(opts.perRun ?? 4).catch((err: unknown) => opts.logger.warn({ err }, 'replay checkpoint not written'));
  };
  const timer = setInterval(run, opts.periodMs);
  timer.unref();
  return {
    /** Stops the timer and waits for the run in progress (before the store closes). */
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
