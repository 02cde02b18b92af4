import { Worker } from 'node:worker_threads';
import type { ReadRepo } from '../db/read-repo.js';
import type { DomainSettings, WorkCalendar } from '../domain/types.js';
import { computeUnitDetail, type UnitDetailArgs, type UnitDetailTables } from './unit-detail.js';
import type { DetailJob, DetailReply, DetailWorkerData } from './detail-worker.js';

export interface DetailServiceOptions {
  /** The database file; ':memory:' (tests without a file) computes on the calling thread. */
  dbFile: string;
  /** Used when there is no file to open from a worker. */
  read: ReadRepo;
  calendar: WorkCalendar;
  settings: DomainSettings;
  /**
   * Runs on this thread before a computation is handed to a worker: waits for the projections to catch
   * up with the log, so a detail read after a POST sees it (the inline path's reads wait by themselves).
   */
  beforeRead?: () => void;
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

/** An answer older than its TTL is still served, while a fresh one is computed, up to this many TTLs. */
const STALE_TTLS = 10;
const MAX_ENTRIES = 1_000;

interface Entry {
  freshUntil: number;
  staleUntil: number;
  answer: DetailAnswer;
}

/**
 * Unit and city detail tables, computed off the event loop on worker threads and shared: requests for
 * the same view share one computation (in flight or cached), and a view past its TTL is answered from
 * the last result while the next one is computed (stale-while-revalidate), so no request waits on a
 * city-wide scan once the first one is done.
 */
export function createDetailService(opts: DetailServiceOptions) {
  const realNow = opts.realNow ?? Date.now;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<DetailAnswer>>();
  const pool = opts.dbFile === ':memory:' ? null : createWorkerPool(opts.dbFile, opts.settings.officeHours, opts.workers ?? 2);

  function compute(key: string, req: DetailRequest): Promise<DetailAnswer> {
    const running = inFlight.get(key);
    if (running) return running;
    const args: UnitDetailArgs = { unit: req.unit, window: req.window, now: req.now, withOfficials: req.withOfficials };
    const p = (
      pool
        ? Promise.resolve().then(() => {
            opts.beforeRead?.();
            return pool.run(args);
          })
        : Promise.resolve().then(() => computeUnitDetail(opts.read, opts.calendar, args))
    )
      .then((tables) => {
        const answer = { tables, computedAt: req.now };
        const t = realNow();
        if (cache.size >= MAX_ENTRIES) cache.clear();
        cache.set(key, { freshUntil: t + req.ttlMs, staleUntil: t + req.ttlMs * STALE_TTLS, answer });
        return answer;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  return {
    /** The tables of one view: cached if fresh, the last result (refreshing behind it) if stale, else computed. */
    get(req: DetailRequest): Promise<DetailAnswer> {
      const key = `${req.unit ?? 'city'}|${req.window.period}|${req.window.from}|${req.withOfficials ? 1 : 0}`;
      const hit = cache.get(key);
      const t = realNow();
      if (hit && hit.freshUntil > t) return Promise.resolve(hit.answer);
      if (hit && hit.staleUntil > t) {
        compute(key, req).catch(() => {}); // the next request gets the error, if it persists
        return Promise.resolve(hit.answer);
      }
      return compute(key, req);
    },
    async close(): Promise<void> {
      await pool?.close();
    },
  };
}

/** A few worker threads, each answering one job at a time; jobs queue in order. */
function createWorkerPool(dbFile: string, officeHours: DomainSettings['officeHours'], size: number) {
  interface Job {
    id: number;
    args: UnitDetailArgs;
    resolve(t: UnitDetailTables): void;
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
    const data: DetailWorkerData = { dbFile, officeHours };
    const worker = new Worker(new URL('./detail-worker.boot.mjs', import.meta.url), { workerData: data });
    const slot: Slot = { worker, job: null };
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: DetailReply) => {
      const job = slot.job;
      slot.job = null;
      if (job && job.id === reply.id) {
        if (reply.ok) job.resolve(reply.tables);
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
      slot.worker.postMessage({ id: job.id, args: job.args } satisfies DetailJob);
    }
  }

  return {
    run(args: UnitDetailArgs): Promise<UnitDetailTables> {
      if (closed) return Promise.reject(new Error('detail service closed'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, args, resolve, reject });
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
