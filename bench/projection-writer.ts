/**
 * The projection writer alone: what it costs per event to fold the log into the projections, without
 * the ingest path competing for the CPU or the write lock.
 *
 * Logs --events generator events (scale 1, from 10 days ago, batches of 500) through the ingest
 * service once, then, --reps times: empties the projections and the lookup tables, and replays the
 * log into them in passes of --pass events (at 20,000 events/s, the writer's 500 ms flush sees about
 * 10,000), timing only the Projector's work on this thread. Reports its CPU µs per event and the WAL
 * bytes it wrote per event (a count, not a time: it does not depend on the machine's load, so it
 * tells changes to the write pattern apart where CPU times on a shared machine cannot).
 *   npx tsx bench/projection-writer.ts [--events 50000] [--pass 10000] [--reps 3] [--without-index <name>] [--data-trust compare] [--rows-only]
 *
 * With --data-trust compare, every rep replays the same log twice, with the data-trust checks off and on
 * (alternating which goes first): the checks' own cost per event on the writer's thread, the ingest
 * path's overhead (the checks run there and nowhere else). On a shared machine the reps' CPU times
 * spread more than the checks cost, so it reports each rep's on/off ratio (the two replays of a rep
 * meet about the same load) with their median and range, in process CPU and in this thread's own CPU
 * (Linux /proc: without the GC's helper threads, at 10 ms resolution).
 *
 * The writer also ends a transaction after 20 ms (projector.ts), so on a loaded machine it commits more
 * often and writes more WAL: --rows-only bounds transactions by their rows alone, so that the WAL bytes
 * are the same on a quiet machine and a busy one (compare two versions of the code with it).
 *
 * With --without-index, every rep replays the same log twice, with that index dropped and then with
 * it, one after the other: the index's own cost, on the same events and under the same machine load.
 */
import { readFileSync, statSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { openDatabase } from '../server/db/connection.js';
import { createStore } from '../server/db/store.js';
import { WriteGate } from '../server/db/write-gate.js';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings } from '../server/domain/types.js';
import { jurisdictionIndex, loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { validateEvent } from '../server/ingest/validate.js';
import { Projector } from '../server/projection/projector.js';
import { HISTORY_UNTIL_KEY } from '../server/projection/data-trust-rows.js';
import { chunk, generateCity, isMain, log, median, numArg, round, runMain, startInProcess, tempDir } from './lib.js';

// overdue_spans too: a rep that found the previous rep's spans would replace rows instead of inserting them.
const PROJECTION_TABLES = [
  'dossiers',
  'holds',
  'tasks',
  'event_ids',
  'item_events',
  'overdue_spans',
  'buck_passing_cases',
  'buck_passing_parties',
  'data_trust_flags',
  'data_trust_completions',
  'data_trust_unit_days',
];
const settingsWithTrust = (enabled: boolean): DomainSettings => ({
  ...DEFAULT_DOMAIN_SETTINGS,
  accountability: {
    ...DEFAULT_DOMAIN_SETTINGS.accountability,
    dataTrust: { ...DEFAULT_DOMAIN_SETTINGS.accountability.dataTrust, enabled },
  },
});

export async function main(args: Map<string, string>) {
  const maxEvents = numArg(args, 'events', 50_000);
  const pass = numArg(args, 'pass', 10_000);
  const reps = numArg(args, 'reps', 3);
  const ablated = args.get('without-index') ?? null;
  const compareTrust = args.get('data-trust') === 'compare';
  const budgetMs = args.get('rows-only') === 'true' ? Infinity : undefined;
  historyPasses = args.get('history') === 'true';

  const city = generateCity({ days: 10, scale: 1, maxEvents });
  const jurisdiction = loadJurisdiction();
  const codes = jurisdictionIndex(jurisdiction);
  const vctx = { now: Date.now(), isKnownCode: (c: string) => codes.scopeOf(c) !== null, jurisdictionName: jurisdiction.name };
  const events = city.dossiers.filter((e) => validateEvent('dossier', e, vctx).ok);

  const tmp = tempDir('bdt-bench-writer-');
  try {
    const dbFile = join(tmp.dir, 'dashboard.db');
    const server = await startInProcess({ dbFile, noListen: true });
    for (const b of chunk(events, 500)) server.runtime!.ingest.ingest(server.dossierSource!, 'dossier', b);
    await server.close();
    log(`projection-writer: ${events.length} events logged; replaying in passes of ${pass}`);

    const runs: Run[] = [];
    const without: Run[] = [];
    const trustOff: Run[] = [];
    // The ablated index as the migrations created it, to put it back after a run without it.
    const indexes = ablated ? indexDefinitions(dbFile, ablated) : [];
    const withIt = (db: Db) => indexes.forEach((i) => db.exec(i.sql.replace(/^CREATE INDEX/i, 'CREATE INDEX IF NOT EXISTS')));
    const withoutIt = (db: Db) => indexes.forEach((i) => db.exec(`DROP INDEX IF EXISTS ${i.name}`));
    for (let rep = 0; compareTrust && rep < reps; rep++) {
      for (const enabled of rep % 2 ? [true, false] : [false, true]) {
        const run = replay(dbFile, pass, () => {}, settingsWithTrust(enabled), budgetMs);
        (enabled ? runs : trustOff).push(run);
        log(
          `projection-writer: rep ${rep + 1} data trust ${enabled ? 'on' : 'off'}: ${run.cpuUsPerEvent} CPU µs/event (thread ${run.threadCpuUsPerEvent}), ${run.walBytesPerEvent} WAL bytes/event, ${run.allocatedBytesPerEvent} heap bytes allocated/event, ${run.gcs} GCs`,
        );
      }
    }
    for (let rep = 0; !compareTrust && rep < reps; rep++) {
      // With an ablated index, both variants each rep, in alternating order (neither always runs warm).
      const order = !ablated ? [true] : rep % 2 ? [true, false] : [false, true];
      for (const withIndex of order) {
        const run = replay(dbFile, pass, withIndex ? withIt : withoutIt, DEFAULT_DOMAIN_SETTINGS, budgetMs);
        (withIndex ? runs : without).push(run);
        if (!withIndex) {
          // What building the indexes on the finished rows costs (a load that drops them pays it once at its end).
          const db = openDatabase(dbFile);
          const c0 = process.cpuUsage();
          withIt(db);
          const c = process.cpuUsage(c0);
          db.close();
          run.rebuildCpuUsPerEvent = round((c.user + c.system) / events.length, 1);
        }
        const what = withIndex ? '' : ` without ${ablated} (then building it: ${run.rebuildCpuUsPerEvent} CPU µs/event)`;
        log(`projection-writer: rep ${rep + 1}${what}: ${run.cpuUsPerEvent} CPU µs/event, ${run.walBytesPerEvent} WAL bytes/event`);
      }
    }
    const overhead = (cpu: (r: Run) => number | null) => {
      const pcts = runs.map((r, i) => {
        const on = cpu(r);
        const off = trustOff[i] === undefined ? null : cpu(trustOff[i]);
        return on === null || off === null ? NaN : round((100 * (on - off)) / off, 1);
      });
      return { medianPct: median(pcts), minPct: Math.min(...pcts), maxPct: Math.max(...pcts), pairsPct: pcts };
    };
    return {
      name: 'projection-writer',
      events: events.length,
      pass,
      cpuUsPerEventMedian: median(runs.map((r) => r.cpuUsPerEvent)),
      walBytesPerEventMedian: median(runs.map((r) => r.walBytesPerEvent)),
      runs,
      ...(compareTrust
        ? {
            dataTrustOverhead: {
              processCpu: overhead((r) => r.cpuUsPerEvent),
              threadCpu: overhead((r) => r.threadCpuUsPerEvent),
              allocatedBytes: overhead((r) => r.allocatedBytesPerEvent),
            },
            dataTrustOff: {
              cpuUsPerEventMedian: median(trustOff.map((r) => r.cpuUsPerEvent)),
              walBytesPerEventMedian: median(trustOff.map((r) => r.walBytesPerEvent)),
              runs: trustOff,
            },
          }
        : {}),
      ...(ablated
        ? {
            withoutIndex: {
              index: ablated,
              cpuUsPerEventMedian: median(without.map((r) => r.cpuUsPerEvent)),
              walBytesPerEventMedian: median(without.map((r) => r.walBytesPerEvent)),
              runs: without,
            },
          }
        : {}),
    };
  } finally {
    tmp.remove();
  }
}

let historyPasses = false;

interface Run {
  cpuUsPerEvent: number;
  /** --without-index: building the dropped indexes on the replay's rows afterwards, CPU µs per event. */
  rebuildCpuUsPerEvent?: number;
  /**
   * Bytes the replay allocated on this thread's JS heap per event, and its garbage collections: counts,
   * not times, so they tell two versions apart on a loaded machine (what the GC costs follows them).
   */
  allocatedBytesPerEvent: number;
  gcs: number;
  /** This thread's CPU alone (null where /proc is not there). */
  threadCpuUsPerEvent: number | null;
  walBytesPerEvent: number;
}

/** This thread's CPU time in µs (Linux: /proc/self/task/<tid>/stat, clock ticks of 10 ms); null elsewhere. */
function threadCpuUs(): number | null {
  try {
    // The main thread's task id is the process id. Fields 14 and 15 (utime, stime) follow the ')' of the name.
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10_000;
  } catch {
    return null;
  }
}

/**
 * Starts counting what the JS heap allocates: the used heap's growth between collections (each
 * collection's before minus the previous one's after, from V8's GC profiler), and the collections.
 */
function heapMeter(): () => { allocated: number; gcs: number } {
  const profiler = new GCProfiler();
  const start = getHeapStatistics().used_heap_size;
  profiler.start();
  return () => {
    const end = getHeapStatistics().used_heap_size;
    const { statistics } = profiler.stop();
    let used = start;
    let allocated = 0;
    for (const gc of statistics) {
      allocated += gc.beforeGC.heapStatistics.usedHeapSize - used;
      used = gc.afterGC.heapStatistics.usedHeapSize;
    }
    return { allocated: allocated + end - used, gcs: statistics.length };
  };
}

type Db = ReturnType<typeof openDatabase>;

/** `name`'s CREATE INDEX; `table:*`: every secondary index of that table, one statement each. */
function indexDefinitions(dbFile: string, name: string): { name: string; sql: string }[] {
  const db = openDatabase(dbFile);
  try {
    const all = name.endsWith(':*');
    const rows = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND ${all ? 'tbl_name' : 'name'} = ?`)
      .all(all ? name.slice(0, -2) : name) as { name: string; sql: string }[];
    if (!rows.length) throw new Error(`no index named ${name}`);
    return rows;
  } finally {
    db.close();
  }
}

/**
 * Empties the projections and replays the logged events into them in passes of `pass` (the first
 * replay keeps the log aside); `prepare` may change the schema first. Times only the Projector's work.
 */
function replay(dbFile: string, pass: number, prepare: (db: Db) => unknown, settings = DEFAULT_DOMAIN_SETTINGS, budgetMs?: number): Run {
  const db = openDatabase(dbFile);
  // As the writer's own connection (projection/worker.ts).
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE IF NOT EXISTS logged AS SELECT * FROM events');
  const present = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  const emptied = PROJECTION_TABLES.filter((t) => present.has(t));
  db.exec(`DELETE FROM events; ${emptied.map((t) => `DELETE FROM ${t};`).join(' ')} DELETE FROM meta WHERE key = 'projections.seq';`);
  prepare(db);
  // The generated days are logged at once, days after their instants: a history load (data-trust.ts),
  // as the demo marks its seeded weeks; otherwise every dossier would be flagged back-dated.
  db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`).run(HISTORY_UNTIL_KEY, String(Date.now()));
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const store = createStore(db, dbFile, { gate: new WriteGate(WriteGate.createBuffer()), priority: false });
  const projector = new Projector(store, { calendar: loadWorkCalendar(undefined, settings.officeHours), settings }, budgetMs);
  // --history: a history load's passes and transactions (projector.ts HISTORY_EVENTS_PER_PASS).
  projector.setHistoryLoad(historyPasses);
  const last = db.prepare('SELECT MAX(seq) FROM logged').pluck().get() as number;
  const copy = db.prepare('INSERT INTO events SELECT * FROM logged WHERE seq > ? AND seq <= ?');
  let cpuUs = 0;
  let threadUs: number | null = 0;
  let walBytes = 0;
  const heap = { allocated: 0, gcs: 0 };
  for (let from = 0; from < last; from += pass) {
    copy.run(from, from + pass);
    const walBefore = statSync(`${dbFile}-wal`).size;
    const c0 = process.cpuUsage();
    const t0 = threadCpuUs();
    const meter = heapMeter();
    projector.catchUp();
    const c = process.cpuUsage(c0);
    const t1 = threadCpuUs();
    const h = meter();
    heap.allocated += h.allocated;
    heap.gcs += h.gcs;
    cpuUs += c.user + c.system;
    threadUs = threadUs === null || t0 === null || t1 === null ? null : threadUs + t1 - t0;
    // No checkpoint runs (wal_autocheckpoint = 0): the WAL only grows.
    walBytes += statSync(`${dbFile}-wal`).size - walBefore;
  }
  db.close();
  return {
    cpuUsPerEvent: round(cpuUs / last, 1),
    threadCpuUsPerEvent: threadUs === null ? null : round(threadUs / last, 1),
    walBytesPerEvent: Math.round(walBytes / last),
    allocatedBytesPerEvent: Math.round(heap.allocated / last),
    gcs: heap.gcs,
  };
}

if (isMain(import.meta.url)) void runMain('projection-writer', main);
