/**
 * Drives a city generator against the clock and hands its events to the ingest path.
 *
 * The runner knows nothing about HTTP or the store: `submit` is whatever the caller wires in (the
 * in-process ingest service for the demo, an HTTP client for a remote server). Time comes from an
 * injected clock, so SIM_SPEED (a faster clock) needs nothing here.
 */

import type { CityGenerator } from './generator.js';
import type { WireDossierEvent, WireTaskEvent } from './wire.js';

/** Largest batch handed to `submit` (the ingest contract accepts batches of this size). */
export const MAX_BATCH_SIZE = 5_000;

/**
 * Receives one batch of events of one kind, in order. May be async; the runner waits for it
 * before sending the next batch. Batches are of one kind only: 'dossier' carries WireDossierEvent,
 * 'task' carries WireTaskEvent.
 */
export type SimulatorSubmit = (kind: 'dossier' | 'task', events: WireDossierEvent[] | WireTaskEvent[]) => Promise<void> | void;

/** Options of {@link startSimulator}. */
export interface StartSimulatorOptions {
  generator: CityGenerator;
  clock: { now(): number };
  submit: SimulatorSubmit;
  /** Real milliseconds between ticks (default 1000). */
  tickMs?: number;
  /** Events per submitted batch, at most {@link MAX_BATCH_SIZE} (default 5000). */
  batchSize?: number;
  /**
   * Simulated instant to continue from. Default: where the generator stopped (its cursor), or the
   * clock's now for a fresh generator — so a live run picks up exactly where seeded history ended.
   */
  from?: number;
  /** Called when a submit fails; the failed batch is kept and retried first on the next tick. */
  onError?: (error: unknown) => void;
  /**
   * Events kept for retry while submits keep failing before the oldest are dropped (default
   * 500,000), so a dead sink cannot exhaust memory. Drops are reported through onError.
   */
  maxBacklog?: number;
}

/** A running simulator. */
export interface SimulatorHandle {
  /** Stops ticking; resolves once a tick in progress has finished. */
  stop(): Promise<void>;
  /** Runs one tick now (after any tick in progress): generate up to clock.now() and submit. */
  tick(): Promise<void>;
}

/** Raised (through onError) when unsent events are dropped because the backlog is full. */
export class SimulatorBacklogError extends Error {
  override name = 'SimulatorBacklogError';
  readonly code = 'SIMULATOR_BACKLOG_DROPPED';
  constructor(readonly dropped: number) {
    super(`simulator: submit keeps failing; dropped the ${dropped} oldest unsent events`);
  }
}

interface Batch {
  kind: 'dossier' | 'task';
  events: WireDossierEvent[] | WireTaskEvent[];
}

function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new RangeError(`batchSize must be an integer in 1..${MAX_BATCH_SIZE}: ${batchSize}`);
  }
}

function pushBatches(queue: Batch[], kind: 'dossier' | 'task', events: WireDossierEvent[] | WireTaskEvent[], batchSize: number): void {
  for (let i = 0; i < events.length; i += batchSize) {
    queue.push({ kind, events: events.slice(i, i + batchSize) as WireDossierEvent[] | WireTaskEvent[] });
  }
}

/**
 * Starts the live city: every `tickMs` it generates the events from the last instant up to
 * `clock.now()` and submits them — dossiers then tasks, in order, in batches of at most 5,000.
 * Ticks never overlap: the next one is scheduled only after the previous has finished, so a slow
 * sink slows the simulator instead of piling up concurrent submits. A failed batch is retried
 * first on the next tick (ingest is idempotent by event id, so a partly applied batch is safe).
 */
export function startSimulator(options: StartSimulatorOptions): SimulatorHandle {
  const { generator, clock, submit, tickMs = 1000, batchSize = MAX_BATCH_SIZE, onError, maxBacklog = 500_000 } = options;
  checkBatchSize(batchSize);
  if (!(tickMs > 0)) throw new RangeError(`tickMs must be > 0: ${tickMs}`);
  let last = options.from ?? generator.cursor ?? clock.now();
  const queue: Batch[] = [];
  let queued = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  const report = (error: unknown): void => {
    if (onError) onError(error);
  };

  const runTick = async (): Promise<void> => {
    const now = clock.now();
    if (now > last) {
      const { dossiers, tasks } = generator.generate(last, now);
      last = now;
      const before = queue.length;
      pushBatches(queue, 'dossier', dossiers, batchSize);
      pushBatches(queue, 'task', tasks, batchSize);
      for (let i = before; i < queue.length; i++) queued += queue[i]!.events.length;
    }
    while (queue.length > 0 && !stopped) {
      const batch = queue[0]!;
      try {
        await submit(batch.kind, batch.events);
      } catch (error) {
        report(error);
        break;
      }
      queue.shift();
      queued -= batch.events.length;
    }
    if (queued > maxBacklog) {
      let dropped = 0;
      while (queued > maxBacklog && queue.length > 0) {
        const batch = queue.shift()!;
        queued -= batch.events.length;
        dropped += batch.events.length;
      }
      report(new SimulatorBacklogError(dropped));
    }
  };

  /** Serialises ticks: each starts after the previous one settled. */
  const enqueueTick = (): Promise<void> => {
    running = running.then(runTick).catch(report);
    return running;
  };

  // The next tick is scheduled only when the previous has finished; each tick catches up to
  // clock.now() anyway, so a fixed pause between ticks loses nothing.
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void enqueueTick().then(schedule);
    }, tickMs);
  };

  schedule();

  return {
    stop: async () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
    tick: () => enqueueTick(),
  };
}

/** Options of {@link seedHistory}. */
export interface SeedHistoryOptions {
  generator: CityGenerator;
  /** Start of the history (epoch ms); must be where the generator stands if it has run before. */
  from: number;
  /** End of the history (exclusive). */
  to: number;
  submit: SimulatorSubmit;
  /** Events per batch, at most 5,000 (default 5,000). */
  batchSize?: number;
  /** Generated span per step, so a long history never sits in memory at once (default one day). */
  chunkMs?: number;
}

/** What {@link seedHistory} sent. */
export interface SeedHistoryResult {
  dossierEvents: number;
  taskEvents: number;
  batches: number;
}

/**
 * Generates [from, to) chunk by chunk and submits it in batches, awaiting each, in order.
 * Afterwards the generator's cursor is `to`, so {@link startSimulator} continues from there.
 * A failing submit rejects (history is seeded once; the caller decides whether to retry).
 */
export async function seedHistory(options: SeedHistoryOptions): Promise<SeedHistoryResult> {
  const { generator, from, to, submit, batchSize = MAX_BATCH_SIZE, chunkMs = 86_400_000 } = options;
  checkBatchSize(batchSize);
  if (!(chunkMs > 0)) throw new RangeError(`chunkMs must be > 0: ${chunkMs}`);
  const result: SeedHistoryResult = { dossierEvents: 0, taskEvents: 0, batches: 0 };
  for (let a = from; a < to; a += chunkMs) {
    const b = Math.min(to, a + chunkMs);
    const { dossiers, tasks } = generator.generate(a, b);
    const queue: Batch[] = [];
    pushBatches(queue, 'dossier', dossiers, batchSize);
    pushBatches(queue, 'task', tasks, batchSize);
    for (const batch of queue) {
      await submit(batch.kind, batch.events);
      result.batches++;
    }
    result.dossierEvents += dossiers.length;
    result.taskEvents += tasks.length;
  }
  return result;
}
