/**
 * The projection writer's thread (started by writer.ts): its own connection to the database file,
 * one Projector that first recovers what an unclean stop left unprojected (reporting its progress),
 * and a flush of the projections every `flushMs` while the log grows, or at once when
 * the main thread waits for them (sync) or closes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { WriteGate } from '../db/write-gate.js';
import { createWorkCalendar } from '../domain/calendar.js';
import { loadWireSchemas, WireSchemasNotLoaded } from '../domain/logged-events.js';
import type { DomainSettings } from '../domain/types.js';
import { Projector, type RecoveryProgress } from './projector.js';
import type { ToWorker, FromWorker, WorkerInit } from './writer.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

const settings: DomainSettings = init.settings;
const db = openDatabase(init.dbFile);
// No fsync at the writer's commits: the log is the durable record. A commit lost in a power cut takes
// the mark written with it, and the next start refolds those items from the log. (The main thread's
// next FULL commit, or a checkpoint, syncs these pages anyway.)
db.pragma('synchronous = NORMAL');
// Checkpoints are run below, outside the write gate, so that the ingest path never waits for one.
db.pragma('wal_autocheckpoint = 0');
const store = createStore(db, init.dbFile, { gate: new WriteGate(init.gate), priority: false });
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

let timer: NodeJS.Timeout | null = null;
let lastCheckpoint = performance.now();

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
  if (performance.now() - lastCheckpoint >= CHECKPOINT_EVERY_MS) {
    // PASSIVE: copies what it can without waiting for readers or blocking the writer.
    db.pragma('wal_checkpoint(PASSIVE)');
    lastCheckpoint = performance.now();
  }
  then?.();
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'logged':
      timer ??= setTimeout(() => flush(), init.flushMs);
      break;
    case 'sync':
      flush();
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
