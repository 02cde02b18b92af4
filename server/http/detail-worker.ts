/**
 * Worker thread that answers unit-detail queries (breakdowns, officials, trend) and the officials'
 * city-wide scorecards on its own read-only
 * connection, so a city-wide scan never blocks the server's event loop: ingest, live pushes and clock
 * ticks go on while it runs. Started by detail-service.ts through detail-worker.boot.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore } from '../db/store.js';
import { loadWorkCalendar } from '../config/calendar-loader.js';
import { createWorkCalendar } from '../domain/calendar.js';
import type { CalendarYear, DomainSettings } from '../domain/types.js';
import { computeUnitDetail, type UnitDetailArgs, type UnitDetailTables } from './unit-detail.js';
import { computeOfficialsSnapshot, type OfficialsSnapshot, type OfficialsSnapshotArgs } from './officials-snapshot.js';

export interface DetailWorkerData {
  dbFile: string;
  officeHours: DomainSettings['officeHours'];
  /** The years the server loaded at start (null: read the shipped files). */
  calendarYears: CalendarYear[] | null;
}
/** What a worker computes: a unit's detail tables, or every official's scorecards over a window. */
export type DetailTask = { kind: 'unit'; args: UnitDetailArgs } | { kind: 'officials'; args: OfficialsSnapshotArgs };
/** The answer of each kind of task. */
export interface DetailResults {
  unit: UnitDetailTables;
  officials: OfficialsSnapshot;
}
export interface DetailJob {
  id: number;
  task: DetailTask;
}
export type DetailReply = { id: number; ok: true; result: DetailResults[DetailTask['kind']] } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('detail-worker must run as a worker thread');
const data = workerData as DetailWorkerData;
const store = openReadOnlyStore(data.dbFile);
// The server's years, not the files: a worker started after a calendar edit counts as the server does until a restart.
const calendar = data.calendarYears
  ? createWorkCalendar(data.calendarYears, data.officeHours)
  : loadWorkCalendar(undefined, data.officeHours);

port.on('message', (job: DetailJob) => {
  let reply: DetailReply;
  try {
    const t = job.task;
    const result =
      t.kind === 'unit' ? computeUnitDetail(store.read, calendar, t.args) : computeOfficialsSnapshot(store.officials, calendar, t.args);
    reply = { id: job.id, ok: true, result };
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
