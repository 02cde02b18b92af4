/**
 * Worker thread that answers unit-detail queries (breakdowns, officials, trend) on its own read-only
 * connection, so a city-wide scan never blocks the server's event loop: ingest, live pushes and clock
 * ticks go on while it runs. Started by detail-service.ts through detail-worker.boot.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore } from '../db/store.js';
import { loadWorkCalendar } from '../domain/calendar-loader.js';
import type { DomainSettings } from '../domain/types.js';
import { computeUnitDetail, type UnitDetailArgs, type UnitDetailTables } from './unit-detail.js';

export interface DetailWorkerData {
  dbFile: string;
  officeHours: DomainSettings['officeHours'];
}
export interface DetailJob {
  id: number;
  args: UnitDetailArgs;
}
export type DetailReply = { id: number; ok: true; tables: UnitDetailTables } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('detail-worker must run as a worker thread');
const data = workerData as DetailWorkerData;
const store = openReadOnlyStore(data.dbFile);
const calendar = loadWorkCalendar(undefined, data.officeHours);

port.on('message', (job: DetailJob) => {
  let reply: DetailReply;
  try {
    reply = { id: job.id, ok: true, tables: computeUnitDetail(store.read, calendar, job.args) };
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
