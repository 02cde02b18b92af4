import { Worker } from 'node:worker_threads';
import type { ReadRepo } from '../db/read-repo.js';
import type { OfficialsRepo } from '../db/officials-repo.js';
import type { CalendarYear, DomainSettings, WorkCalendar } from '../domain/types.js';
import { computeUnitDetail, computeUnitDetailAsync, type UnitDetailArgs, type UnitDetailTables } from './unit-detail.js';
import type { AsyncUnitDetailReads } from '../db/item-store/contract.js';
import {
  computeOfficialsSnapshot,
  computeOfficialsSnapshotAsync,
  type OfficialsSnapshot,
  type OfficialsSnapshotArgs,
  type OfficialsSnapshotReads,
} from './officials-snapshot.js';
import type { DetailJob, DetailReply, DetailResults, DetailTask, DetailWorkerData } from './detail-worker.js';

export interface DetailServiceOptions {
  /** The database file; ':memory:' (tests without a file) computes on the calling thread. */
  dbFile: string;
  /** Used when there is no file to open from a worker. */
  read: ReadRepo;
  /** Used when there is no file to open from a worker (the officials' scorecards). */
  officials?: OfficialsRepo;
  calendar: WorkCalendar;
  /**
   * The calendar years `calendar` was built from, handed to the workers so that they count with the same
   * calendar as this thread (not with files edited since the start); absent, they read the shipped files.
   */
  calendarYears?: readonly CalendarYear[];
  settings: DomainSettings;
  /**
   * Runs on this thread before a computation is handed to a worker: waits for the projections to catch
   * up with the log, so a detail read after a POST sees it (the inline path's reads wait by themselves).
   */
  beforeRead?: () => void;
  /**
   * A unit's detail queries on another engine (PostgreSQL's pool, issue 17): unit tables are computed
   * from them on this thread (the database does the scans), not on workers over the SQLite file.
   */
  unitReads?: AsyncUnitDetailReads;
  /** The officials' reads on another engine (PostgreSQL's pool): the city-wide scorecards are computed from its pages on this thread. */
  officialsReads?: OfficialsSnapshotReads;
  /** Worker threads (default 2: a long city scan on one leaves the other for unit pages). */
  workers?: number;
  /** Wall-clock time: cache ages are about query cost, not city time. */
  realNow?: () => number;
}

export interface DetailRequest extends UnitDetailArgs {
  /** How long an answer is fresh, ms of wall-clock time. */
  ttlMs: number;
}

export interface DetailAnswer {
  tables: UnitDetailTables;
  /** City time the tables were computed at (the body's asOf). */
  computedAt: number;
}

export interface OfficialsRequest extends OfficialsSnapshotArgs {
  /** How long an answer is fresh, ms of wall-clock time. */
  ttlMs: number;
}

export interface OfficialsAnswer {
  snapshot: OfficialsSnapshot;
  /** City time the scorecards were computed at. */
  computedAt: number;
}

/** An answer older than its TTL is still served, while a fresh one is computed, up to this many TTLs. */
const STALE_TTLS = 10;
const MAX_ENTRIES = 1_000;

interface Entry {
  freshUntil: number;
  staleUntil: number;
  answer: unknown;
}

/**
 * Unit and city detail tables, and the officials' city-wide scorecards, computed off the event loop on
 * worker threads and shared: requests for the same view share one computation (in flight or cached),
 * and a view past its TTL is answered from the last result while the next one is computed
 * (stale-while-revalidate), so no request waits on a city-wide scan once the first one is done.
 */
export function createDetailService(opts: DetailServiceOptions) {
  const realNow = opts.realNow ?? Date.now;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<unknown>>();
  const pool =
    opts.dbFile === ':memory:'
      ? null
      : createWorkerPool(opts.dbFile, opts.settings.officeHours, opts.calendarYears ?? null, opts.workers ?? 2);

  function run(task: DetailTask): Promise<unknown> {
    if (task.kind === 'unit' && opts.unitReads) return computeUnitDetailAsync(opts.unitReads, opts.calendar, task.args);
    if (task.kind === 'officials' && opts.officialsReads)
      return computeOfficialsSnapshotAsync(opts.officialsReads, opts.calendar, task.args);
    if (!pool) return Promise.resolve().then(() => runInline(task));
    return Promise.resolve().then(() => {
      opts.beforeRead?.();
      return pool.run(task);
    });
  }

  function runInline(task: DetailTask): DetailResults[DetailTask['kind']] {
    if (task.kind === 'unit') return computeUnitDetail(opts.read, opts.calendar, task.args);
    if (!opts.officials) throw new Error('detail service without an officials repository');
    return computeOfficialsSnapshot(opts.officials, opts.calendar, task.args);
  }

  function compute<A>(key: string, ttlMs: number, task: DetailTask, answer: (result: never) => A): Promise<A> {
    const running = inFlight.get(key);
    if (running) return running as Promise<A>;
    const p = run(task)
      .then((result) => {
        const a = answer(result as never);
        const t = realNow();
        if (cache.size >= MAX_ENTRIES) cache.clear();
        cache.set(key, { freshUntil: t + ttlMs, staleUntil: t + ttlMs * STALE_TTLS, answer: a });
        return a;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  /** Cached if fresh, the last result (refreshing behind it) if stale, else computed. */
  function shared<A>(key: string, ttlMs: number, task: DetailTask, answer: (result: never) => A): Promise<A> {
    const hit = cache.get(key);
    const t = realNow();
    if (hit && hit.freshUntil > t) return Promise.resolve(hit.answer as A);
    if (hit && hit.staleUntil > t) {
      compute(key, ttlMs, task, answer).catch(() => {}); // the next request gets the error, if it persists
      return Promise.resolve(hit.answer as A);
    }
    return compute(key, ttlMs, task, answer);
  }

  return {
    /** The tables of one view: cached if fresh, the last result (refreshing behind it) if stale, else computed. */
    get(req: DetailRequest): Promise<DetailAnswer> {
      const area = req.unit ?? (req.province ? `province:${req.province.code}` : 'city');
      const key = `${area}|${req.window.period}|${req.window.from}|${req.withOfficials ? 1 : 0}`;
      const { unit, province, window, now, withOfficials } = req;
      const args: UnitDetailArgs = { unit, ...(province ? { province } : {}), window, now, withOfficials };
      return shared(key, req.ttlMs, { kind: 'unit', args }, (tables: UnitDetailTables) => ({ tables, computedAt: req.now }));
    },
    /** Every official's scorecards over a window, shared the same way (one city-wide pass per window and TTL). */
    officials(req: OfficialsRequest): Promise<OfficialsAnswer> {
      const key = `officials|${req.window.period}|${req.window.from}`;
      const args: OfficialsSnapshotArgs = { window: req.window, now: req.now };
      return shared(key, req.ttlMs, { kind: 'officials', args }, (snapshot: OfficialsSnapshot) => ({ snapshot, computedAt: req.now }));
    },
    async close(): Promise<void> {
      await pool?.close();
    },
  };
}

/** A few worker threads, each answering one task at a time; tasks queue in order. */
function createWorkerPool(
  dbFile: string,
  officeHours: DomainSettings['officeHours'],
  calendarYears: readonly CalendarYear[] | null,
  size: number,
) {
  interface Job {
    id: number;
    task: DetailTask;
    resolve(result: unknown): void;
    reject(e: Error): void;
  }
  interface Slot {
    worker: Worker;
    job: Job | null;
  }
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const data: DetailWorkerData = { dbFile, officeHours, calendarYears: calendarYears ? [...calendarYears] : null };
    const worker = new Worker(new URL('./detail-worker.boot.mjs', import.meta.url), { workerData: data });
    const slot: Slot = { worker, job: null };
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: DetailReply) => {
      const job = slot.job;
      slot.job = null;
      if (job && job.id === reply.id) {
        if (reply.ok) job.resolve(reply.result);
        else job.reject(new Error(reply.message));
      }
      pump();
    });
    const fail = (err: Error) => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      slot.job?.reject(err);
      slot.job = null;
      if (!closed) pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`detail worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? spawn() : null);
      if (!slot) return;
      const job = queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, task: job.task } satisfies DetailJob);
    }
  }

  return {
    run(task: DetailTask): Promise<unknown> {
      if (closed) return Promise.reject(new Error('detail service closed'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        pump();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const j of queue.splice(0)) j.reject(new Error('detail service closed'));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

export type DetailService = ReturnType<typeof createDetailService>;
