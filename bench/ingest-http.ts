/**
 * Target 1: ingest ≥ 20,000 events/s over HTTP in batches of 500, durably (each batch committed with
 * synchronous=FULL before the answer).
 *
 * Realistic valid events come from the seeded city generator at scale 1 (the real city's volume),
 * starting --days 10 days ago; the first --events 50,000 dossier events (≈ 2.5 working days) are sent.
 * (--events 0 sends all 10 days, ≈ 490,000 events: several minutes per run on a loaded machine.)
 * Batches keep the generator's time order, so every dossier's events arrive in order: one connection
 * sends them sequentially, or --conns N connections each send the events of their own dossiers
 * (partitioned by dossier id). Every run starts on a fresh temp DB file.
 *
 * Modes (--modes, comma-separated, default http,direct,child):
 *  - http:   runtime in this process, fetch (keep-alive) from this process, as the brief asks; client
 *            and server share one event loop, so the client's cost is in the number.
 *  - direct: runtime.ingest.ingest(source, 'dossier', batch) in-process, no HTTP/JSON: store + engine
 *            alone, with a breakdown of where the time goes (lookups, row writes, commit).
 *  - child:  the server alone in its own process (bench/server-child.ts), fetch from here: the
 *            production shape, the client on the other core.
 * Every run reports wall time and CPU time: on a shared machine wall time includes waiting for a CPU
 * (the run's cpuPressurePct says how much of the time some task was waiting). In-process modes also
 * split the CPU time between the main thread (the one that answers) and the others (the projection
 * writer's thread, V8's GC helpers). The projections are written behind the answers: after the last
 * answer, each run also times how long the projection writer takes to catch up with the log
 * (projectionCatchUpMs; a read waits for it), and reports events/s with that time included.
 * Bodies are sent as UTF-8 bytes, serialised before the clock starts, as a source would send them.
 * Also measured once: JSON.parse of every body alone, and what one durable commit (fsync) costs here.
 * --after-writer-start: each in-process run starts timing once the projection writer's thread has started
 * (about a second of CPU, counted in "other threads" otherwise: a start-up cost, not a per-event one).
 * --profile: one more in-process http run and one direct run under the CPU profiler, summarised.
 * --experiments: the direct path over store variants (bench/variants.ts) to size candidate fixes.
 * --data-trust off: the in-process modes with the data-trust checks switched off (the checks run on the
 *   projection writer's thread: compare eventsPerSWithProjections and the other threads' CPU µs per event).
 *   npx tsx bench/ingest-http.ts [--days 10] [--events 50000] [--scale 1] [--runs 3] [--batch 500] [--conns 1] [--after-writer-start] [--profile] [--experiments]
 */
import Database from 'better-sqlite3';
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WireDossierEvent } from '../server/simulator/wire.js';
import type { Store } from '../server/db/store.js';
import type { IngestService } from '../server/ingest/service.js';
import type { SourceRow } from '../server/db/sources-repo.js';
import {
  chunk,
  generateCity,
  isMain,
  log,
  measured,
  median,
  numArg,
  postIngest,
  round,
  roundSummary,
  runMain,
  startChild,
  startInProcess,
  summarize,
  summarizeProfile,
  tempDir,
  threadCpuDelta,
  threadCpuMs,
  withCpuProfile,
  type BenchServer,
  type Summary,
} from './lib.js';
import { BASELINE, createIngestStack, variantApplies, type StoreVariant } from './variants.js';
import { jurisdictionIndex, loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { validateEvent } from '../server/ingest/validate.js';
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings } from '../server/domain/types.js';

export const TARGET_EVENTS_PER_S = 20_000;

interface RunResult {
  mode: string;
  run: number;
  events: number;
  batches: number;
  /** Batches sent again after a 503 with Retry-After (backpressure); 0 when the writer kept up. */
  resentBatches?: number;
  wallMs: number;
  eventsPerS: number;
  /** Events per second of CPU time of the server side (this process in http/direct, the child in child mode). */
  eventsPerCpuS: number;
  serverCpuMs: number;
  clientCpuMs?: number;
  cpuPressurePct: number;
  /** events/s over the first and the second half of the batches (does it slow as the DB grows?). */
  firstHalfEventsPerS: number;
  secondHalfEventsPerS: number;
  batchMs: Summary;
  dbMiB: number;
  /** The WAL file's largest size seen (sampled every 20 ms and at the end, through the catch-up). */
  walPeakMiB: number;
  breakdown?: Record<string, number>;
  /** In-process modes: CPU µs per event of the main thread and of all other threads. */
  mainThreadCpuUsPerEvent?: number;
  otherThreadsCpuUsPerEvent?: number;
  /** In-process modes: the batches' transactions that found the write gate held by the projection writer, and their wait in all. */
  gateWaits?: number;
  gateWaitMs?: number;
  /** After the last answer: until the projections hold every accepted event. */
  projectionCatchUpMs: number;
  /** events ÷ (wall time + projectionCatchUpMs). */
  eventsPerSWithProjections: number;
}

function dbSizeMiB(dbFile: string): number {
  let bytes = 0;
  for (const f of [dbFile, `${dbFile}-wal`]) if (existsSync(f)) bytes += statSync(f).size;
  return round(bytes / 2 ** 20, 1);
}

/**
 * Samples the size of the database's WAL file while a run goes on: the WAL must stay bounded under
 * sustained ingest (checkpoints). A synchronous run (direct mode) starves the timer; the last sample,
 * taken at the end, still sees its peak, because SQLite reuses a WAL file from its start rather than
 * shrinking it (journal_size_limit is not set), so the file's size is its high-water mark.
 */
function walSampler(dbFile: string): { stop(): number } {
  const wal = `${dbFile}-wal`;
  let peak = 0;
  const sample = () => {
    if (existsSync(wal)) peak = Math.max(peak, statSync(wal).size);
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return round(peak / 2 ** 20, 1);
    },
  };
}

/** Partitions events by dossier (stable hash), keeping their order, then batches each partition. */
function partition(events: WireDossierEvent[], parts: number, batch: number): WireDossierEvent[][][] {
  const buckets: WireDossierEvent[][] = Array.from({ length: parts }, () => []);
  for (const e of events) {
    let h = 0;
    for (let i = 0; i < e.dossierId.length; i++) h = (h * 31 + e.dossierId.charCodeAt(i)) | 0;
    buckets[Math.abs(h) % parts].push(e);
  }
  return buckets.map((b) => chunk(b, batch));
}

function halves(batchMs: number[], batchSizes: number[]): [number, number] {
  const mid = batchMs.length >> 1;
  const rate = (a: number, b: number) => {
    let ev = 0;
    let ms = 0;
    for (let i = a; i < b; i++) {
      ev += batchSizes[i];
      ms += batchMs[i];
    }
    return Math.round((ev / ms) * 1000);
  };
  return [rate(0, mid), rate(mid, batchMs.length)];
}

async function sendAll(
  server: BenchServer,
  parts: Uint8Array<ArrayBuffer>[][],
  total: number,
): Promise<{ batchMs: number[]; sizes: number[]; resends: number }> {
  const batchMs: number[] = [];
  const sizes: number[] = [];
  let accepted = 0;
  let resends = 0;
  await Promise.all(
    parts.map(async (bodies) => {
      for (const body of bodies) {
        const s = performance.now();
        const r = await postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, body);
        batchMs.push(performance.now() - s);
        if (r.status !== 200 || r.rejected) throw new Error(`ingest answered ${r.status}: ${r.text.slice(0, 500)}`);
        sizes.push(r.accepted);
        accepted += r.accepted;
        resends += r.resends;
      }
    }),
  );
  if (accepted !== total) throw new Error(`accepted ${accepted} of ${total} events`);
  return { batchMs, sizes, resends };
}

/**
 * Wraps the store and engine functions the ingest service calls (looked up at call time) to time
 * each phase: the commit is the transaction's time minus its body's.
 */
function instrument(store: Store, engine: { applyDossier: (...a: never[]) => void }) {
  const acc: Record<string, number> = {};
  const add = (k: string, ms: number) => (acc[k] = (acc[k] ?? 0) + ms);
  const wrap = (obj: Record<string, unknown>, name: string, label: string) => {
    const f = obj[name] as (...a: unknown[]) => unknown;
    obj[name] = function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      try {
        return f.apply(this, a);
      } finally {
        add(label, performance.now() - t);
      }
    };
  };
  // Whichever of these the server's store has (the projections are written on another thread now).
  const projections = store.projections as unknown as Record<string, unknown>;
  const events = store.events as unknown as Record<string, unknown>;
  if (projections.getDossier) wrap(projections, 'getDossier', 'getDossier (SELECT state + JSON.parse)');
  if (projections.saveDossier) wrap(projections, 'saveDossier', 'saveDossier (upsert row + holds)');
  wrap(events, 'append', 'events.append (INSERT)');
  if (events.existingHash) wrap(events, 'existingHash', 'events.existingHash (dedup lookup)');
  if (events.indexedPayload) wrap(events, 'indexedPayload', 'events.indexedPayload (dedup lookup)');
  if (events.indexedPayloads) wrap(events, 'indexedPayloads', 'events.indexedPayloads (dedup lookup, one per batch)');
  wrap(engine as unknown as Record<string, unknown>, 'applyDossier', 'engine.applyDossier');
  const tx = store.transaction.bind(store);
  store.transaction = <T>(fn: () => T): T => {
    let inner = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = tx(() => {
      const t = performance.now();
      try {
        return fn();
      } finally {
        inner = performance.now() - t;
      }
    });
    const total = performance.now() - t0;
    const c = process.cpuUsage(c0);
    add('transaction (wall)', total);
    add('transaction (cpu)', (c.user + c.system) / 1000);
    add('commit (wall)', total - inner);
    return r;
  };
  return acc;
}

/** Ingests every batch in-process; per-batch times and the phase breakdown. */
function ingestDirect(
  ingest: IngestService,
  source: SourceRow,
  batches: WireDossierEvent[][],
  total: number,
): { batchMs: number[]; sizes: number[] } {
  const batchMs: number[] = [];
  const sizes: number[] = [];
  let accepted = 0;
  for (const b of batches) {
    const s = performance.now();
    const res = ingest.ingest(source, 'dossier', b);
    batchMs.push(performance.now() - s);
    sizes.push(b.length);
    for (const x of res) if (x.status === 'accepted') accepted++;
  }
  if (accepted !== total) throw new Error(`direct: accepted ${accepted} of ${total}`);
  return { batchMs, sizes };
}

/** ms until the projections hold every event accepted so far (in-process: the runtime's own wait). */
function catchUp(server: BenchServer): number {
  const p = (server.runtime as unknown as { projections?: { sync(): void } }).projections;
  if (!p) return 0; // a server that writes its projections in the answer's transaction
  const t = performance.now();
  p.sync();
  return round(performance.now() - t, 0);
}

/** The same through a read over HTTP (a read waits for the projections), minus one idle read's time. */
async function catchUpOverHttp(server: BenchServer): Promise<number> {
  const read = async () => {
    const t = performance.now();
    const res = await fetch(`${server.url}/api/v1/units/city/dossiers?status=overdue&pageSize=1`);
    await res.text();
    return performance.now() - t;
  };
  const first = await read();
  const idle = await read();
  return round(Math.max(0, first - idle), 0);
}

/** The main thread's waits at the write gate since `before` (in-process modes; see WriteGate.waits). */
function gateWaitsSince(server: BenchServer, before?: { count: number; ms: number }) {
  const now = server.runtime?.store.gateWaits();
  if (!now || !before) return {};
  return { gateWaits: now.count - before.count, gateWaitMs: round(now.ms - before.ms, 0) };
}

function threadsPerEvent(t: { main: number; other: number }, events: number) {
  return { mainThreadCpuUsPerEvent: round((t.main * 1000) / events, 1), otherThreadsCpuUsPerEvent: round((t.other * 1000) / events, 1) };
}

/** Cost of one durable commit on this disk: tiny transactions in WAL mode, FULL vs NORMAL. */
function fsyncProbe(dir: string): { fullCommitMs: number; normalCommitMs: number } {
  const db = new Database(join(dir, 'fsync-probe.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  const one = db.transaction((v: string) => ins.run(v));
  const measure = (mode: string, n: number) => {
    db.pragma(`synchronous = ${mode}`);
    for (let i = 0; i < 10; i++) one('warm');
    const t = performance.now();
    for (let i = 0; i < n; i++) one('x'.repeat(100));
    return (performance.now() - t) / n;
  };
  const fullCommitMs = measure('FULL', 200);
  const normalCommitMs = measure('NORMAL', 200);
  db.close();
  return { fullCommitMs: round(fullCommitMs, 3), normalCommitMs: round(normalCommitMs, 3) };
}

function breakdownPerEvent(acc: Record<string, number>, events: number): Record<string, number> {
  return Object.fromEntries(Object.entries(acc).map(([k, ms]) => [`${k} µs/event`, round((ms * 1000) / events, 1)]));
}

export const EXPERIMENTS: StoreVariant[] = [
  BASELINE,
  { name: 'synchronous=NORMAL (not durable on power loss: shows the fsync share only)', synchronous: 'NORMAL' },
  { name: 'dossiers as a rowid table (no WITHOUT ROWID)', rowidDossiers: true },
  { name: 'page_size=8192', pageSize: 8192 },
  { name: 'page_size=16384', pageSize: 16384 },
  { name: 'rowid dossiers + page_size=8192', rowidDossiers: true, pageSize: 8192 },
  { name: 'wal_autocheckpoint=1000 (SQLite default: checkpoint every 4 MiB of WAL)', walAutocheckpoint: 1000 },
];

export async function main(args: Map<string, string>) {
  const days = numArg(args, 'days', 10);
  const maxEvents = numArg(args, 'events', 50_000) || Infinity;
  const scale = numArg(args, 'scale', 1);
  const runs = numArg(args, 'runs', 3);
  const batch = numArg(args, 'batch', 500);
  const conns = numArg(args, 'conns', 1);
  const modes = (args.get('modes') ?? 'http,direct,child')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const profile = args.get('profile') === 'true';
  const experiments = args.get('experiments') === 'true';
  const dataTrust = args.get('data-trust') !== 'off';
  const settings: DomainSettings = {
    ...DEFAULT_DOMAIN_SETTINGS,
    accountability: {
      ...DEFAULT_DOMAIN_SETTINGS.accountability,
      dataTrust: { ...DEFAULT_DOMAIN_SETTINGS.accountability.dataTrust, enabled: dataTrust },
    },
  };
  if (!dataTrust && modes.includes('child')) throw new Error('--data-trust off applies to the in-process modes: pass --modes http,direct');
  const afterWriterStart = args.get('after-writer-start') === 'true';

  log(`ingest: generating up to ${maxEvents} events from ${days} days ago at scale ${scale}…`);
  const city = generateCity({ days, scale, maxEvents });
  // The generator emits a few events the server rejects (e.g. a step due date before its assignment,
  // from the fourth day on at scale 1): leave them out, so that every batch is all accepted.
  const jurisdiction = loadJurisdiction();
  const codes = jurisdictionIndex(jurisdiction);
  const vctx = { now: Date.now(), isKnownCode: (c: string) => codes.scopeOf(c) !== null, jurisdictionName: jurisdiction.name };
  const events = city.dossiers.filter((e) => validateEvent('dossier', e, vctx).ok);
  const invalidLeftOut = city.dossiers.length - events.length;
  log(`ingest: ${events.length} dossier events generated in ${Math.round(city.generateMs)} ms (${invalidLeftOut} invalid ones left out)`);
  const batches = chunk(events, batch);
  const encoder = new TextEncoder();
  const parts = partition(events, conns, batch).map((bs) => bs.map((b) => encoder.encode(JSON.stringify({ events: b }))));
  const allBodies = parts.flat();
  const bodyBytes = allBodies.reduce((a, b) => a + b.byteLength, 0);

  // What express.json does to every body, alone (CPU time, so contention does not count).
  const decoder = new TextDecoder();
  const jsonParse = await measured(() => {
    for (const b of allBodies) JSON.parse(decoder.decode(b));
  });

  const probeDir = tempDir('bdt-bench-fsync-');
  const fsync = fsyncProbe(probeDir.dir);
  probeDir.remove();
  log(`ingest: one durable commit ≈ ${fsync.fullCommitMs} ms (FULL) vs ${fsync.normalCommitMs} ms (NORMAL)`);

  const results: RunResult[] = [];
  for (let r = 1; r <= runs; r++) {
    for (const mode of modes) {
      const tmp = tempDir('bdt-bench-ingest-');
      const dbFile = join(tmp.dir, 'dashboard.db');
      try {
        let res: RunResult;
        if (mode === 'direct') {
          const server = await startInProcess({ dbFile, noListen: true, settings, afterWriterStart });
          const rt = server.runtime!;
          const acc = instrument(rt.store, rt.engine as never);
          const wal = walSampler(dbFile);
          const gate0 = rt.store.gateWaits();
          const t0 = threadCpuMs();
          // The early-warning index applies the batches' states at the next clock step, which this
          // synchronous loop never yields to: apply them inside the measurement, where the server does that work.
          const m = await measured(() => {
            const result = ingestDirect(rt.ingest, server.dossierSource!, batches, events.length);
            rt.warnings.advance();
            return result;
          });
          const threads = threadCpuDelta(t0, threadCpuMs());
          const catchUpMs = catchUp(server);
          const walPeakMiB = wal.stop();
          const [h1, h2] = halves(m.result.batchMs, m.result.sizes);
          res = {
            mode,
            run: r,
            events: events.length,
            batches: batches.length,
            wallMs: m.wallMs,
            eventsPerS: (events.length / m.wallMs) * 1000,
            eventsPerCpuS: (events.length / m.cpuMs) * 1000,
            serverCpuMs: m.cpuMs,
            cpuPressurePct: m.cpuPressurePct,
            firstHalfEventsPerS: h1,
            secondHalfEventsPerS: h2,
            batchMs: summarize(m.result.batchMs),
            dbMiB: dbSizeMiB(dbFile),
            walPeakMiB,
            breakdown: breakdownPerEvent(acc, events.length),
            ...threadsPerEvent(threads, events.length),
            ...gateWaitsSince(server, gate0),
            projectionCatchUpMs: catchUpMs,
            eventsPerSWithProjections: (events.length / (m.wallMs + catchUpMs)) * 1000,
          };
          await server.close();
        } else {
          const server = mode === 'child' ? await startChild({ dbFile }) : await startInProcess({ dbFile, settings, afterWriterStart });
          const pid = mode === 'child' ? (server as Awaited<ReturnType<typeof startChild>>).child.pid : undefined;
          const wal = walSampler(dbFile);
          const gate0 = server.runtime?.store.gateWaits();
          const t0 = threadCpuMs();
          const m = await measured(async () => {
            const result = await sendAll(server, parts, events.length);
            // What the last clock step has not applied yet to the early-warning index (see direct).
            server.runtime?.warnings.advance();
            return result;
          }, pid);
          const threads = threadCpuDelta(t0, threadCpuMs());
          const catchUpMs = mode === 'child' ? await catchUpOverHttp(server) : catchUp(server);
          const walPeakMiB = wal.stop();
          const [h1, h2] = halves(m.result.batchMs, m.result.sizes);
          const serverCpu = mode === 'child' ? m.otherCpuMs : m.cpuMs;
          res = {
            mode,
            run: r,
            events: events.length,
            batches: allBodies.length,
            // Batches sent again after a 503 with Retry-After (the writer lagged over INGEST_MAX_LAG_EVENTS).
            resentBatches: m.result.resends,
            wallMs: m.wallMs,
            eventsPerS: (events.length / m.wallMs) * 1000,
            eventsPerCpuS: (events.length / serverCpu) * 1000,
            serverCpuMs: serverCpu,
            clientCpuMs: mode === 'child' ? m.cpuMs : undefined,
            cpuPressurePct: m.cpuPressurePct,
            firstHalfEventsPerS: h1,
            secondHalfEventsPerS: h2,
            batchMs: summarize(m.result.batchMs),
            dbMiB: dbSizeMiB(dbFile),
            walPeakMiB,
            ...(mode === 'child' ? {} : threadsPerEvent(threads, events.length)),
            ...gateWaitsSince(server, gate0),
            projectionCatchUpMs: catchUpMs,
            eventsPerSWithProjections: (events.length / (m.wallMs + catchUpMs)) * 1000,
          };
          await server.close();
        }
        results.push(res);
        log(
          `ingest: run ${r} ${mode}: ${Math.round(res.eventsPerS)} events/s wall (${Math.round(res.eventsPerSWithProjections)} with the projections' catch-up of ${res.projectionCatchUpMs} ms), ` +
            `${Math.round(res.eventsPerCpuS)} events per CPU-s` +
            (res.mainThreadCpuUsPerEvent === undefined
              ? ' '
              : ` (main thread ${res.mainThreadCpuUsPerEvent} µs/event, others ${res.otherThreadsCpuUsPerEvent}) `) +
            (res.gateWaits === undefined ? '' : `(waited at the write gate ${res.gateWaits}× for ${res.gateWaitMs} ms) `) +
            `(${Math.round(res.wallMs)} ms, batch p50 ${round(res.batchMs.p50, 1)} ms, cpu pressure ${res.cpuPressurePct}%, WAL peak ${res.walPeakMiB} MiB)`,
        );
      } finally {
        tmp.remove();
      }
    }
  }

  const profiles: Record<string, unknown> = {};
  if (profile) {
    for (const mode of ['http', 'direct']) {
      const tmp = tempDir('bdt-bench-ingest-prof-');
      try {
        const server = await startInProcess({ dbFile: join(tmp.dir, 'dashboard.db'), noListen: mode === 'direct' });
        const t0 = performance.now();
        const { profile: p } = await withCpuProfile(async () =>
          mode === 'http'
            ? sendAll(server, parts, events.length)
            : ingestDirect(server.runtime!.ingest, server.dossierSource!, batches, events.length),
        );
        const ms = performance.now() - t0;
        await server.close();
        profiles[mode] = { eventsPerSUnderProfiler: Math.round((events.length / ms) * 1000), ...summarizeProfile(p) };
        log(`ingest: profiled ${mode} run done`);
      } finally {
        tmp.remove();
      }
    }
  }

  const experimentResults = [];
  if (experiments) {
    for (const v of EXPERIMENTS) {
      if (!variantApplies(v)) {
        experimentResults.push({ variant: v.name, skipped: 'the server schema already has this' });
        continue;
      }
      const tmp = tempDir('bdt-bench-ingest-exp-');
      try {
        const dbFile = join(tmp.dir, 'dashboard.db');
        const stack = createIngestStack(dbFile, v);
        const acc = instrument(stack.store, stack.engine as never);
        const m = await measured(() => ingestDirect(stack.ingest, stack.dossierSource, batches, events.length));
        const pageSize = stack.db.pragma('page_size', { simple: true }) as number;
        const pages = stack.db.pragma('page_count', { simple: true }) as number;
        stack.close();
        const row = {
          variant: v.name,
          eventsPerS: Math.round((events.length / m.wallMs) * 1000),
          eventsPerCpuS: Math.round((events.length / m.cpuMs) * 1000),
          cpuUsPerEvent: round((m.cpuMs * 1000) / events.length, 1),
          commitWallMsPerBatch: round(acc['commit (wall)'] / batches.length, 1),
          cpuPressurePct: m.cpuPressurePct,
          dbMiB: round((pages * pageSize) / 2 ** 20, 1),
          breakdown: breakdownPerEvent(acc, events.length),
        };
        experimentResults.push(row);
        log(`ingest: experiment "${v.name}": ${row.eventsPerS} events/s wall, ${row.eventsPerCpuS} per CPU-s, ${row.dbMiB} MiB`);
      } finally {
        tmp.remove();
      }
    }
  }

  const byMode = Object.fromEntries(
    modes.map((m) => {
      const rs = results.filter((x) => x.mode === m);
      const eps = rs.map((x) => x.eventsPerS);
      const med = median(eps);
      const cpuMed = median(rs.map((x) => x.eventsPerCpuS));
      return [
        m,
        {
          eventsPerS: { median: Math.round(med), min: Math.round(Math.min(...eps)), max: Math.round(Math.max(...eps)) },
          ratioToTarget: round(med / TARGET_EVENTS_PER_S, 3),
          eventsPerCpuSecondMedian: Math.round(cpuMed),
          cpuRatioToTarget: round(cpuMed / TARGET_EVENTS_PER_S, 3),
          serverCpuUsPerEvent: round(1e6 / cpuMed, 1),
          eventsPerSWithProjectionsMedian: Math.round(median(rs.map((x) => x.eventsPerSWithProjections))),
          projectionCatchUpMsMedian: Math.round(median(rs.map((x) => x.projectionCatchUpMs))),
          walPeakMiBMax: Math.max(...rs.map((x) => x.walPeakMiB)),
          mainThreadCpuUsPerEventMedian:
            rs[0]?.mainThreadCpuUsPerEvent === undefined ? undefined : round(median(rs.map((x) => x.mainThreadCpuUsPerEvent as number)), 1),
          otherThreadsCpuUsPerEventMedian:
            rs[0]?.otherThreadsCpuUsPerEvent === undefined
              ? undefined
              : round(median(rs.map((x) => x.otherThreadsCpuUsPerEvent as number)), 1),
          batchMsP50Median: round(median(rs.map((x) => x.batchMs.p50)), 1),
          batchMsP99Median: round(median(rs.map((x) => x.batchMs.p99)), 1),
          cpuPressurePctMedian: median(rs.map((x) => x.cpuPressurePct)),
        },
      ];
    }),
  );
  const direct = results.filter((x) => x.mode === 'direct');
  const breakdownMedian = direct.length
    ? Object.fromEntries(Object.keys(direct[0].breakdown!).map((k) => [k, round(median(direct.map((x) => x.breakdown![k])), 1)]))
    : undefined;
  return {
    target: { eventsPerS: TARGET_EVENTS_PER_S, batch },
    dataTrustChecks: dataTrust,
    workload: {
      fromDaysAgo: days,
      spanDays: round((city.to - city.from) / 86_400_000, 1),
      scale,
      events: events.length,
      invalidLeftOut,
      batches: allBodies.length,
      conns,
      bodyMiB: round(bodyBytes / 2 ** 20, 1),
      bytesPerEvent: Math.round(bodyBytes / events.length),
      generateMs: Math.round(city.generateMs),
    },
    jsonParseCpuUsPerEvent: round((jsonParse.cpuMs * 1000) / events.length, 2),
    fsync,
    byMode,
    directBreakdownMedian: breakdownMedian,
    runs: results.map((x) => ({
      ...x,
      wallMs: Math.round(x.wallMs),
      eventsPerS: Math.round(x.eventsPerS),
      eventsPerSWithProjections: Math.round(x.eventsPerSWithProjections),
      eventsPerCpuS: Math.round(x.eventsPerCpuS),
      serverCpuMs: Math.round(x.serverCpuMs),
      clientCpuMs: x.clientCpuMs === undefined ? undefined : Math.round(x.clientCpuMs),
      batchMs: roundSummary(x.batchMs),
    })),
    experiments: experimentResults.length ? experimentResults : undefined,
    profiles: profile ? profiles : undefined,
  };
}

if (isMain(import.meta.url)) void runMain('ingest', main);
