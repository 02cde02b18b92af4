/**
 * The write store on SQLite against PostgreSQL on one machine (issue 17): appends --events events in
 * batches of --batch through the WriteStore contract (server/db/write-store), one batch after another,
 * into a fresh store each run, engines alternated (A/B, then B/A) so both meet the same load.
 * Both durable: SQLite synchronous=FULL in WAL mode (openDatabase), PostgreSQL with fsync and
 * synchronous_commit on (a throwaway cluster of Debian's postgresql started here, a new database per run).
 * Reports events/s (wall) per run and the median, and this process's CPU ms per 1,000 events
 * (PostgreSQL's server CPU is not in it: it is another process).
 * --pg-fsync 0 starts PostgreSQL with fsync and synchronous commit off instead: what the commits' syncs cost.
 *   npx tsx bench/store-engines.ts [--events 100000] [--batch 500] [--runs 3] [--pg-fsync 0]
 */
import { join } from 'node:path';
import type { NewEvent, WriteStore } from '../server/db/write-store/contract.js';
import { openWriteStore } from '../server/db/write-store/open-write-store.js';
import { hashSourceKey } from '../server/ingest/keys.js';
import { startPostgres } from '../tests/helpers/postgres-server.js';
import { chunk, isMain, log, median, numArg, round, runMain, tempDir } from './lib.js';

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

/** Dossier events shaped like the simulator's (about 230 bytes of JSON each), 5 per dossier. */
function events(n: number): NewEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const dossierId = `HS-${String(Math.floor(i / 5)).padStart(8, '0')}`;
    const at = T0 + i * 1_000;
    const payload = {
      id: `ev-${i}`,
      dossierId,
      type: ['received', 'assigned', 'transferred', 'approved', 'returned'][i % 5],
      at: new Date(at).toISOString(),
      unit: String(26734 + (i % 168)),
      procedure: `1.00${(i % 900) + 100}`,
      channel: i % 3 ? 'online' : 'counter',
      handler: `cb-${i % 4000}`,
    };
    return { eventId: payload.id, kind: 'dossier', itemId: dossierId, type: payload.type, at, payload: JSON.stringify(payload) };
  });
}

async function appendAll(store: WriteStore, batches: NewEvent[][]): Promise<{ ms: number; cpuMs: number }> {
  const sourceId = await store.addSource('bench', 'dossier', hashSourceKey('bench-source-key-0123456789'), T0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const b of batches) await store.appendBatch({ sourceId, kind: 'dossier', receivedAt: Date.now(), events: b });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if ((await store.maxSeq()) !== batches.flat().length) throw new Error(`${store.engine}: not every event was logged`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(args: Map<string, string>) {
  const n = numArg(args, 'events', 100_000);
  const batch = numArg(args, 'batch', 500);
  const runs = numArg(args, 'runs', 3);
  const batches = chunk(events(n), batch);
  const tmp = tempDir('store-engines-');
  const server = await startPostgres({ durable: numArg(args, 'pg-fsync', 1) !== 0 });
  const results: Record<'sqlite' | 'postgres', { eventsPerSec: number; cpuMsPer1000: number }[]> = { sqlite: [], postgres: [] };
  try {
    for (let r = 0; r < runs; r++) {
      const order = r % 2 === 0 ? (['sqlite', 'postgres'] as const) : (['postgres', 'sqlite'] as const);
      for (const engine of order) {
        const databaseUrl =
          engine === 'postgres' ? (server ? await server.createDatabase(`bench_${r}`) : args.get('database-url')) : undefined;
        const store = await openWriteStore({ databaseUrl, sqliteFile: join(tmp.dir, `run-${r}.db`) });
        try {
          const { ms, cpuMs } = await appendAll(store, batches);
          const row = { eventsPerSec: round(n / (ms / 1000), 0), cpuMsPer1000: round((cpuMs / n) * 1000, 1) };
          results[engine].push(row);
          log(`run ${r + 1} ${engine}: ${row.eventsPerSec} events/s, ${row.cpuMsPer1000} ms node CPU per 1,000 events`);
        } finally {
          await store.close();
        }
      }
    }
  } finally {
    await server.stop();
    tmp.remove();
  }
  const med = (e: 'sqlite' | 'postgres') => median(results[e].map((x) => x.eventsPerSec));
  return {
    events: n,
    batch,
    runs: results,
    medianEventsPerSec: { sqlite: med('sqlite'), postgres: med('postgres') },
    postgresOverSqlite: round(med('postgres') / med('sqlite'), 2),
  };
}

if (isMain(import.meta.url)) await runMain('store-engines', main);
