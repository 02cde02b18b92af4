/**
 * The projection writer's thread (started by writer.ts): its own connection to the database file,
 * one Projector that first recovers what an unclean stop left unprojected (reporting its progress),
 * and a flush of the projections every `flushMs` while the log grows, or at once when
 * the main thread waits for them (sync) or closes.
 */
import { statSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { WriteGate } from '../db/write-gate.js';
import { createWorkCalendar } from '../domain/calendar.js';
import { loadWireSchemas, WireSchemasNotLoaded } from '../domain/logged-events.js';
import type { DomainSettings } from '../domain/types.js';
import { HISTORY_EVENTS_PER_PASS, Projector, type RecoveryProgress } from './projector.js';
import type { ToWorker, FromWorker, WorkerInit, WriterHeap } from './writer.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

const settings: DomainSettings = init.settings;

/**
 * The WAL's bound. A PASSIVE checkpoint never resets the WAL while commits keep coming (it must
 * catch up with the last frame, and the main thread commits meanwhile), so under sustained ingest
 * the file grew without limit (bench: 1.5 GiB for 300,000 events; RESTART did not reset it either).
 * Past this size, after any commit of this thread, a TRUNCATE checkpoint runs holding the write
 * gate: no commit can slip in, the WAL is copied back in full and cut to nothing.
 */
const WAL_BOUND_BYTES = 64 * 2 ** 20;
/**
 * The bound during a history load: a TRUNCATE copies the whole WAL back, and a pass of 100,000 events
 * writes ≈ 170 MiB of it, mostly pages it rewrites several times: fewer, larger checkpoints copy each
 * page once per period (the import's profile: 9 % of the writer's time in TRUNCATE checkpoints at 64 MiB).
 */
const HISTORY_WAL_BOUND_BYTES = 512 * 2 ** 20;
/**
 * During a history load the writer waits for a full pass (HISTORY_EVENTS_PER_PASS) or this long. (Starting
 * a pass at 25,000 events, so that the writer would not idle through the load's first 100,000, was
 * tried: smaller passes write an open dossier's row more often (0.76 row writes per event at 5,000,
 * 0.31 at 100,000), and the loaded runs did not show the earlier start paying for it: bench/HISTORY.md 7 Dec.)
 */
const HISTORY_FLUSH_MS = 5_000;
/** How long the TRUNCATE waits for readers to leave the WAL (it holds the gate meanwhile); else next flush. */
const WAL_TRUNCATE_WAIT_MS = 200;
const walFile = `${init.dbFile}-wal`;

const db = openDatabase(init.dbFile);
// No fsync at the writer's commits: the log is the durable record. A commit lost in a power cut takes
// the mark written with it, and the next start refolds those items from the log. (The main thread's
// next FULL commit, or a checkpoint, syncs these pages anyway.)
db.pragma('synchronous = NORMAL');
// Checkpoints are run below, outside the write gate, so that the ingest path never waits for one.
db.pragma('wal_autocheckpoint = 0');
const gate = new WriteGate(init.gate);
const store = createStore(db, init.dbFile, { gate, priority: false, afterCommit: boundWal });
const projector = new Projector(store, { calendar: createWorkCalendar(init.calendarYears, settings.officeHours), settings });
const projected = new BigInt64Array(init.projectedSeq);

// A recovery refolds whatever the log holds, in passes that must not stop halfway: with the schemas
// loaded, every payload parses. (Before the message handler is attached: messages wait meanwhile.)
if (store.events.maxSeq() > projector.projectedSeq) await loadWireSchemas();

/** Progress reports of a recovery: often enough for /health, rarely enough to cost nothing. */
const RECOVERY_REPORT_EVERY_MS = 250;

/**
 * How often the WAL is copied back into the database file. Rarely, so that a page written in every
 * flush is copied once per period; from this thread, after a flush, so that no ingest commit waits.
 */
const CHECKPOINT_EVERY_MS = 5_000;

/**
 * While reads wait for the projections (a reader's sync in the last READING_MS), the log is flushed
 * five times as often as every `flushMs`: a read waits for the events logged since the last flush,
 * which it must see (read-your-writes), so fewer pending events make its wait shorter (bench/
 * index-read.ts at 400 events/s: ≈ 200 pending events at most with 500 ms, ≈ 40 with 100 ms). Without
 * reads, flushes stay long (fewer commits: less WAL and CPU per event).
 */
const READING_FLUSH_DIVISOR = 5;
const READING_MS = 2_000;

let timer: NodeJS.Timeout | null = null;
let lastCheckpoint = performance.now();
let lastSync = -Infinity;
/** A history load runs (ToWorker `history`): flush per full pass, larger WAL bound. */
let historyLoad = false;

/** Wakes a waiting sync with the failure; the thread then dies with the error. */
function failed(err: Error): never {
  Atomics.store(projected, 0, -1n);
  Atomics.notify(projected, 0);
  send({ type: 'failed', message: err.message });
  throw err;
}

/** Projects what the log holds past the mark, then calls `then`. */
function flush(then?: () => void): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const before = projector.projectedSeq;
  let seq: number;
  try {
    seq = projector.catchUp();
  } catch (err) {
    // A payload only zod's schemas parse: a pass stops before it writes anything (it parses while it
    // folds, its writes come after), so load them and take it up again. A waiting sync keeps waiting.
    if (err instanceof WireSchemasNotLoaded) {
      void loadWireSchemas().then(() => flush(then), failed);
      return;
    }
    failed(err as Error);
  }
  // The main thread may be blocked in Atomics.wait on this cell (sync): publish, then wake it.
  Atomics.store(projected, 0, BigInt(seq));
  Atomics.notify(projected, 0);
  if (seq !== before) send({ type: 'projected', seq });
  checkpoint();
  then?.();
}

function walBytes(): number {
  try {
    return statSync(walFile).size;
  } catch {
    return 0;
  }
}

/** Past the bound, the WAL is copied back in full and cut to nothing (after any commit of this thread). */
function boundWal(): void {
  if (walBytes() <= (historyLoad ? HISTORY_WAL_BOUND_BYTES : WAL_BOUND_BYTES)) return;
  gate.run(false, () => {
    db.pragma(`busy_timeout = ${WAL_TRUNCATE_WAIT_MS}`);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.pragma('busy_timeout = 5000');
    }
  });
  lastCheckpoint = performance.now();
}

/** Copies the WAL back into the database file: PASSIVE every period, TRUNCATE past the bound. */
function checkpoint(): void {
  boundWal();
  if (performance.now() - lastCheckpoint >= CHECKPOINT_EVERY_MS) {
    // PASSIVE: copies what it can without waiting for readers or blocking the writer.
    db.pragma('wal_checkpoint(PASSIVE)');
    lastCheckpoint = performance.now();
  }
}

const MiB = 2 ** 20;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** This thread's V8 heap, after a full collection when asked and possible (bench/memory-phases.ts). */
function heapNow(collect: boolean): WriterHeap {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) gc();
  const h = getHeapStatistics();
  const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return {
    usedMiB: mib(h.used_heap_size),
    totalMiB: mib(h.total_heap_size),
    newSpaceMiB: mib(newSpace?.space_size ?? 0),
    collected: collect && gc !== undefined,
  };
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'logged': {
      if (historyLoad) {
        // A full pass waits to be folded at once: flush now; else soon enough for the lists to follow.
        if (m.seq - projector.projectedSeq >= HISTORY_EVENTS_PER_PASS) flush();
        else timer ??= setTimeout(() => flush(), HISTORY_FLUSH_MS);
        break;
      }
      const reading = performance.now() - lastSync < READING_MS;
      timer ??= setTimeout(() => flush(), reading ? init.flushMs / READING_FLUSH_DIVISOR : init.flushMs);
      break;
    }
    case 'history':
      if (!m.on) {
        // The load ended: what it left pending (up to HISTORY_MAX_LAG_EVENTS) is projected now, still in
        // a history load's passes (one row write per item per 100,000 events, not per 50,000: the settle
        // after a 1M-event import was 29 s); data trust reads the load's end mark, set before this message.
        flush();
      }
      historyLoad = m.on;
      projector.setHistoryLoad(m.on);
      break;
    case 'sync':
      // (Ingest held back by the lag bound is no reader: a bulk load keeps its long flushes.)
      if (m.read) lastSync = performance.now();
      flush();
      break;
    case 'heap':
      send({ type: 'heap', heap: heapNow(m.gc) });
      break;
    case 'close':
      flush(() => {
        db.close();
        send({ type: 'closed' });
        port.close();
      });
      break;
  }
});

// Before any message is handled: the main thread answers 503 meanwhile and logs nothing.
let lastReport = 0;
let recovered: RecoveryProgress;
try {
  recovered = projector.recover((progress) => {
    const now = performance.now();
    if (now - lastReport < RECOVERY_REPORT_EVERY_MS) return;
    lastReport = now;
    send({ type: 'recovering', progress });
  });
} catch (err) {
  send({ type: 'failed', message: (err as Error).message });
  throw err;
}
Atomics.store(projected, 0, BigInt(projector.projectedSeq));
send({ type: 'recovered', seq: projector.projectedSeq, progress: recovered });
send({ type: 'ready', seq: projector.projectedSeq });
