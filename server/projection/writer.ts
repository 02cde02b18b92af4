import { Worker } from 'node:worker_threads';
import type { CalendarYear, DomainSettings } from '../domain/types.js';
import type { Logger } from '../logger.js';
import type { WriteGate } from '../db/write-gate.js';
import type { RecoveryProgress } from './projector.js';

/**
 * How long projection writes are held back after a batch is logged. Coalesces an item's events of
 * many batches into one row write and lets SQLite write each hot page once per flush instead of once
 * per batch; reads never see the delay (sync).
 */
export const PROJECTION_FLUSH_MS = 500;
/**
 * Events the writer may lag behind the log. Beyond, ingest waits for it (sync): under a backfill
 * faster than the writer, memory for the states it has not written stays bounded.
 */
export const MAX_LAG_EVENTS = 100_000;
/**
 * The same bound during a history load: the writer takes passes of 100,000 events
 * (projector.ts HISTORY_EVENTS_PER_PASS), so the log must be able to run that far ahead of it and
 * further while it folds one (both cores busy). The write-behind pins the states of these events' items.
 */
export const HISTORY_MAX_LAG_EVENTS = 300_000;
/** A sync waiting longer than this means the writer is stuck: fail the read instead of hanging. */
const SYNC_TIMEOUT_MS = 120_000;

export interface WorkerInit {
  /** URL of worker.ts, loaded by worker-boot.mjs. */
  module: string;
  dbFile: string;
  settings: DomainSettings;
  /** The calendar years, validated by the main thread (the worker builds its calendar from them, without loading zod). */
  calendarYears: CalendarYear[];
  flushMs: number;
  /** One BigInt64 cell: the projections' mark, published by the worker after every write. */
  projectedSeq: SharedArrayBuffer;
  /** The write lock shared with the main thread's connection (db/write-gate.ts). */
  gate: SharedArrayBuffer;
}

/** `sync`: flush now; `read`: a reader waits (not ingest held back by the lag bound), see worker.ts READING_MS. */
export type ToWorker =
  | { type: 'logged'; seq: number }
  | { type: 'sync'; read: boolean }
  | { type: 'history'; on: boolean }
  | { type: 'heap'; gc: boolean }
  | { type: 'close' };
export type FromWorker =
  | { type: 'recovering'; progress: RecoveryProgress }
  | { type: 'recovered'; seq: number; progress: RecoveryProgress }
  | { type: 'ready'; seq: number }
  | { type: 'projected'; seq: number }
  | { type: 'failed'; message: string }
  | { type: 'heap'; heap: WriterHeap }
  | { type: 'closed' };

/** The writer thread's V8 heap (MiB): what it holds, what it has reserved, and its new space. */
export interface WriterHeap {
  usedMiB: number;
  totalMiB: number;
  newSpaceMiB: number;
  collected: boolean;
}

/** The main thread's handle on the projection writer (worker.ts, on its own thread and connection). */
export interface ProjectionWriter {
  /**
   * Settles once the writer has recovered what an unclean stop left unprojected (Projector.recover:
   * `done` 0 when there was nothing), before it handles anything else; rejects if it failed.
   */
  recovered: Promise<RecoveryProgress>;
  /** `listener` is called with the recovery's progress a few times a second while it runs. */
  onRecoveryProgress(listener: (p: RecoveryProgress) => void): void;
  /** The log was committed up to `seq`: project it soon (waits when the writer is too far behind). */
  logged(seq: number): void;
  /**
   * Returns once every event logged so far is in the projections (read-your-writes for readers of
   * the store): at once when nothing is pending, else after the writer flushed (this thread blocks).
   */
  sync(): void;
  /** Events logged and not yet in the projections (0 when caught up). */
  lag(): number;
  /**
   * A history load starts (true) or ends (false): the writer takes full passes of the backlog and
   * longer transactions, and may lag up to HISTORY_MAX_LAG_EVENTS; at the end it projects the rest.
   */
  setHistoryLoad(on: boolean): void;
  /** `listener` is called with the projections' mark after each write the main thread learns about. */
  onProjected(listener: (seq: number) => void): void;
  /** The writer thread's heap, after a full collection when `gc` (and the process runs with --expose-gc). */
  heap(gc: boolean): Promise<WriterHeap>;
  /** Flushes what is pending and stops the thread. */
  close(): Promise<void>;
}

/**
 * Blocks this thread until the writer's shared mark reaches `target` (it wakes us after each write);
 * throws if the writer failed (it publishes -1, see worker.ts) or takes longer than SYNC_TIMEOUT_MS.
 */
function waitUntilProjected(projected: BigInt64Array, target: bigint, failure: () => Error | null): bigint {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  let seen = Atomics.load(projected, 0);
  while (seen < target) {
    if (seen < 0n) throw failure() ?? new Error('projection writer failed');
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`projection writer did not catch up with the log within ${SYNC_TIMEOUT_MS} ms`);
    Atomics.wait(projected, 0, seen, left);
    seen = Atomics.load(projected, 0);
  }
  return seen;
}

// Long by design: one handle over the worker and the state it shares with it (the marks, the listeners,
// the failure); each member is short, the function's length is their sum.
/**
 * Starts the projection writer on a worker thread with its own SQLite connection, so that writing
 * the projections (most of the cost of an event) runs on the second core while the main thread
 * validates and logs the next batch. `projectedSeq` is the mark the projections are at; when the log
 * goes further (an unclean stop), the writer first recovers up to its end, on its thread, reporting
 * progress (`recovered`, `onRecoveryProgress`), then continues from there.
 */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function startProjectionWriter(opts: {
  dbFile: string;
  settings: DomainSettings;
  calendarYears: CalendarYear[];
  projectedSeq: number;
  /** The last seq of the log at start: beyond projectedSeq, the writer recovers first (Projector.recover). */
  loggedSeq: number;
  /** The main connection's write gate; the writer's connection takes it too. */
  gate: WriteGate;
  flushMs?: number;
  logger: Logger;
}): ProjectionWriter {
  const cell = new SharedArrayBuffer(8);
  const projected = new BigInt64Array(cell);
  Atomics.store(projected, 0, BigInt(opts.projectedSeq));
  const init: WorkerInit = {
    module: new URL('./worker.ts', import.meta.url).href,
    dbFile: opts.dbFile,
    settings: opts.settings,
    calendarYears: opts.calendarYears,
    flushMs: opts.flushMs ?? PROJECTION_FLUSH_MS,
    projectedSeq: cell,
    gate: opts.gate.buffer,
  };
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: init });
  const listeners: ((seq: number) => void)[] = [];
  const heapAnswers: ((h: WriterHeap) => void)[] = [];
  const progressListeners: ((p: RecoveryProgress) => void)[] = [];
  let settleRecovery!: { resolve(p: RecoveryProgress): void; reject(err: Error): void };
  const recovered = new Promise<RecoveryProgress>((resolve, reject) => (settleRecovery = { resolve, reject }));
  // Failing later is reported by fail(): nobody need be waiting on this one.
  recovered.catch(() => {});
  let recovering = opts.loggedSeq > opts.projectedSeq;
  let lastLogged = opts.projectedSeq;
  let lastReported = opts.projectedSeq;
  let failure: Error | null = null;
  let closing: Promise<void> | null = null;
  let exited = false;
  let maxLag = MAX_LAG_EVENTS;

  const report = (seq: number) => {
    if (seq <= lastReported) return;
    lastReported = seq;
    for (const l of listeners) l(seq);
  };
  const fail = (err: Error) => {
    if (failure) return;
    failure = err;
    settleRecovery.reject(err);
    opts.logger.error({ err }, 'projection writer stopped; the log keeps every event and the next start rebuilds the projections');
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'projected') report(m.seq);
    else if (m.type === 'heap') heapAnswers.shift()?.(m.heap);
    else if (m.type === 'recovering') for (const l of progressListeners) l(m.progress);
    else if (m.type === 'recovered') {
      recovering = false;
      // Everything logged before the start is projected now: reads from here on wait for nothing older.
      lastLogged = Math.max(lastLogged, m.seq);
      report(m.seq);
      settleRecovery.resolve(m.progress);
    } else if (m.type === 'failed') fail(new Error(m.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    exited = true;
    if (!closing) fail(new Error(`projection writer exited with code ${code}`));
  });

  /** Blocks until every event logged so far is projected (`read`: for a reader, see ToWorker). */
  const waitForWriter = (read: boolean) => {
    const target = BigInt(lastLogged);
    const seen = Atomics.load(projected, 0);
    if (seen >= target) return report(Number(seen));
    if (failure) throw failure;
    worker.postMessage({ type: 'sync', read } satisfies ToWorker);
    report(Number(waitUntilProjected(projected, target, () => failure)));
  };

  return {
    recovered,
    onRecoveryProgress(listener) {
      progressListeners.push(listener);
    },
    logged(seq) {
      if (seq <= lastLogged) return;
      lastLogged = seq;
      worker.postMessage({ type: 'logged', seq } satisfies ToWorker);
      // (A failed writer holds nothing back: the log keeps every event for the next start.)
      if (!failure && seq - Number(Atomics.load(projected, 0)) > maxLag) waitForWriter(false);
    },
    sync() {
      waitForWriter(true);
    },
    lag() {
      return Math.max(0, lastLogged - Number(Atomics.load(projected, 0)));
    },
    setHistoryLoad(on) {
      maxLag = on ? HISTORY_MAX_LAG_EVENTS : MAX_LAG_EVENTS;
      if (!exited) worker.postMessage({ type: 'history', on } satisfies ToWorker);
    },
    onProjected(listener) {
      listeners.push(listener);
    },
    heap(gc) {
      return new Promise((resolve) => {
        heapAnswers.push(resolve);
        worker.postMessage({ type: 'heap', gc } satisfies ToWorker);
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        // A recovery stopped in the middle is one more unclean stop: the next start takes it up from
        // its last mark. (Waiting for it would hold a shutdown for as long as the recovery takes.)
        if (recovering) void worker.terminate();
        else worker.postMessage({ type: 'close' } satisfies ToWorker);
      });
      return closing;
    },
  };
}
