/**
 * Target 3: GET /api/v1/overview?period=month answers in under 20 ms (p99) for 168 units; and the
 * heavier unit detail GET /api/v1/units/<code>?period=month (SQL breakdowns), measured alongside.
 *
 * Seeds a realistic history first through runtime.ingest.ingest in-process (default 30 days at scale
 * 0.25, batches of 5,000 as the demo seeds), then issues sequential requests with fetch (keep-alive)
 * on 127.0.0.1: --requests overview requests; unit detail over every unit in turn (--unit-requests,
 * ≈ 2 passes), each unit asked again only after the route's 5 s detail cache expired, so these are
 * cache misses (the SQL work), then as many cache hits; and the city detail (/units/city), --city-misses
 * misses 30 s apart (its cache TTL) with hits in between. Latency is measured at the client.
 * The unit detail's SQL queries are also timed one by one (store.read.*) to show which one dominates.
 *   npx tsx bench/overview.ts [--days 30] [--scale 0.25] [--requests 2000] [--unit-requests 336] [--city-misses 2]
 *     [--jurisdiction hcmc|vn] [--profile FILE.cpuprofile] [--overview-only] [--client child|in-process|child,in-process]
 *     [--heap-mode adaptive|v8] [--checkpoints on|off] [--after-catch-up] [--http node|fetch] [--settle]
 * --settle starts the requests once the projection writer has written the whole seed (for A/B runs of
 * the CPU per request). --profile writes a CPU profile of the overview requests alone; --overview-only skips the detail parts.
 * Requests over 5 ms are tagged with what ran on the server's main thread meanwhile (bench/slow-requests.ts:
 * queueing, GC; with --profile, each sampled category). --after-catch-up runs the requests again once the
 * checkpoint writer has caught up with the seeded history (both figures reported).
 * --http node|fetch: the client's HTTP (bench/overview-client.ts): node:http, bodies as sent (default since
 * 7 Dec night), or fetch, decoding them as before (its brotli decoding is CPU on the cores the server shares).
 * --client: where the HTTP client runs (bench/overview-client.ts): `child` (default since 7 Dec afternoon)
 * a process of its own, so the main thread's CPU, GC pauses and profile are the server's alone; `in-process`
 * the server's own event loop, as before. A list runs the overview requests through each in turn
 * (`overviewByClient`), the first also the detail phases. --heap-mode: `adaptive` (default since 7 Dec
 * afternoon) switches V8's heaps as `npm start` does (server/heap-mode.ts: favouring memory while ingest is
 * quiet, as during these requests); `v8` keeps V8's defaults, as the benchmark ran before. --checkpoints off:
 * the time machine's checkpoint writer never runs (`on`: every 30 s, as the server does; after the seed its
 * backlog runs on the main thread during the requests), to tell its share of the p99 from the rest.
 * With --jurisdiction vn (34 provinces, 3,321 communes; issue 15's target: p99 ≤ 30 ms) the default
 * scale is 0.0125 of the country's volume: the same ≈3,700 dossiers a working day as HCMC at 0.25.
 */
import { join } from 'node:path';
import {
  chunk,
  generateCity,
  isMain,
  log,
  measured,
  numArg,
  round,
  roundSummary,
  runMain,
  startInProcess,
  benchLeaderCookie,
  type BenchServer,
  summarize,
  tempDir,
} from './lib.js';
import { readFileSync, statSync } from 'node:fs';
import { recordServerMarks, slowRequestReport, SLOW_MS, type CpuProfile } from './slow-requests.js';
import { probeMainThread } from './loop-probe.js';
import { CLIENT_MODES, HTTP_CLIENTS, overviewClient, type ClientMode, type HttpClient, type OverviewClient } from './overview-client.js';
import Database from 'better-sqlite3';
import { createReadRepo } from '../server/db/read-repo.js';
import { allForecasts, forecastView } from '../server/http/forecast-view.js';
import type { ScopeKey, ScopeMetrics } from '../server/metrics/types.js';

const UNIT_OR = '(@unit IS NULL OR unit = @unit)';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The read repository's SQL as the server prepares it (captured on a second connection) for a unit and
 * for the city, each with its query plan and time (unit: p50/p99 over every unit; city: once). Where a
 * query filters by `(@unit IS NULL OR unit = @unit)` (defeats the unit indexes), it is also timed with
 * that filter split into `unit = @unit` and no filter: the what-if of that fix.
 */
function unitFilterWhatIf(dbFile: string, units: string[], w: { from: number; to: number }, now: number) {
  const db = new Database(dbFile, { readonly: true });
  db.pragma('cache_size = -262144');
  const sqls: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    sqls.push(sql);
    return prepare(sql);
  };
  const read = createReadRepo(db);
  const q = { unit: units[0], from: w.from, to: w.to, now };
  read.finishedProcessing(q);
  read.byField(q);
  read.byProcedure(q);
  read.holds({ unit: units[0], from: w.from, now });
  read.dailyFlows({ unit: units[0], from: now - 31 * 86_400_000, to: now + 1 });
  read.overdueSpans({ unit: units[0], from: now - 31 * 86_400_000, now });
  read.processingHistogram(q);
  // The city variants (unit null) are other SQL texts; capture them too.
  const cq = { unit: null, from: w.from, to: w.to, now };
  const citySqlStart = sqls.length;
  read.finishedProcessing(cq);
  read.byField(cq);
  read.byProcedure(cq);
  read.holds({ unit: null, from: w.from, now });
  read.dailyFlows({ unit: null, from: now - 31 * 86_400_000, to: now + 1 });
  read.overdueSpans({ unit: null, from: now - 31 * 86_400_000, now });
  read.processingHistogram(cq);
  const citySqls = new Set(sqls.slice(citySqlStart).map((x) => x.replace(/\s+/g, ' ').trim()));
  const norm = (x: string) => x.replace(/\s+/g, ' ').trim();
  const params = (sql: string, unit: string | null) => {
    const all: Record<string, unknown> = { unit, from: w.from, to: w.to, now, at: now, dueSoonUntil: now + 86_400_000 };
    return Object.fromEntries(Object.entries(all).filter(([k]) => sql.includes(`@${k}`)));
  };
  const plan = (sql: string, unit: string | null) =>
    (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params(sql, unit)) as { detail: string }[]).map((r) => r.detail).join('; ');
  const timeUnits = (sql: string) => {
    const st = prepare(sql);
    const ms: number[] = [];
    for (const u of units) {
      const t = performance.now();
      st.all(params(sql, u));
      ms.push(performance.now() - t);
    }
    return {
      unitP50Ms: round(summarize(ms).p50, 2),
      unitP99Ms: round(summarize(ms).p99, 2),
      unitSumMs: round(
        ms.reduce((a, b) => a + b, 0),
        0,
      ),
    };
  };
  const out = [...new Set(sqls.map(norm))].map((sql) => {
    const short = sql.length > 160 ? `${sql.slice(0, 160)}…` : sql;
    // A statement whose parameters this what-if does not know is listed, not timed.
    if (sql.includes('?')) return { sql: short, skipped: 'positional parameters' };
    if (!sql.includes('@unit') && citySqls.has(sql)) {
      const t = performance.now();
      const n = (prepare(sql).all(params(sql, null)) as unknown[]).length;
      return { scope: 'city', sql: short, plan: plan(sql, null), ms: round(performance.now() - t, 1), rows: n };
    }
    const row: Record<string, unknown> = { scope: 'unit', sql: short, planUnit: plan(sql, units[0]), asIs: timeUnits(sql) };
    if (sql.includes(UNIT_OR)) {
      const unitSql = sql.split(UNIT_OR).join('unit = @unit');
      const citySql = sql.split(UNIT_OR).join('1');
      row.splitPlanUnit = plan(unitSql, units[0]);
      row.splitUnit = timeUnits(unitSql);
      const t0 = performance.now();
      prepare(sql).all(params(sql, null));
      const cityAsIs = performance.now() - t0;
      const t1 = performance.now();
      prepare(citySql).all(params(citySql, null));
      row.city = { asIsMs: round(cityAsIs, 1), splitMs: round(performance.now() - t1, 1), splitPlan: plan(citySql, null) };
    }
    return row;
  });
  db.close();
  return out;
}

export const TARGET_P99_MS = 20;
/** At national scale (3,321 units), issue 15. */
export const NATIONAL_TARGET_P99_MS = 30;

/** The client of the run's phases (set in main); `--client` picks where it runs. */
let client: OverviewClient | undefined;
/** `--http`: the client's HTTP implementation (bench/overview-client.ts). */
let http: HttpClient = 'node';
const timeGets = (_url: string, paths: string[]) => client!.gets(paths);

/** The overview requests through each client of `--client` in turn (each warmed up first), probed on the server's main thread. */
async function overviewPhase(server: BenchServer, cookie: string, modes: ClientMode[], requests: number, profile?: string) {
  const url = server.url;
  const paths = Array.from({ length: requests }, () => '/api/v1/overview?period=month');
  type Probed = Awaited<ReturnType<typeof probeOnce>>;
  const byClient: Record<string, { probed: Probed; s: ReturnType<typeof summarize>; slow: ReturnType<typeof slowRequestReport> }> = {};
  const probeOnce = (c: OverviewClient, file?: string) => probeMainThread(() => measured(() => c.gets(paths)), file);
  for (const [i, mode] of modes.entries()) {
    const c = i === 0 && client ? client : overviewClient(mode, url, cookie, http);
    // Warm-up (JIT on both ends, statement caches), not counted.
    await c.gets(paths.slice(0, 50));
    const file = profile && modes.length > 1 ? profile.replace(/(\.cpuprofile)?$/, `.${mode}$1`) : profile;
    const marks = recordServerMarks(server.runtime!.app.http, '/api/v1/overview');
    const probed = await probeOnce(c, file);
    const timed = probed.result.result;
    const slow = slowRequestReport(timed, marks.stop(), file ? (JSON.parse(readFileSync(file, 'utf8')) as CpuProfile) : undefined);
    if (c !== client) c.close();
    const s = summarize(timed.ms);
    log(`overview (client ${mode}): p50 ${round(s.p50, 2)} ms, p99 ${round(s.p99, 2)} ms (cpu pressure ${probed.result.cpuPressurePct}%)`);
    log(
      `overview (client ${mode}): ${slow.slow} of ${requests} over ${SLOW_MS} ms (${slow.slowAtServer} of them on the server's side), ${slow.withGc} with a GC pause; ${JSON.stringify(slow.medianMs)}`,
    );
    byClient[mode] = { probed, s, slow };
  }
  const report = (mode: ClientMode) => {
    const { probed, s, slow } = byClient[mode];
    const p = { ...probed.probe, cpuMsPerRequest: round(probed.probe.mainThreadCpuMs / requests, 3) };
    return {
      client: mode,
      http,
      latencyMs: roundSummary(s, 2),
      bytes: probed.result.result.bytes,
      cpuMsPerRequest: round(probed.result.cpuMs / requests, 3),
      cpuPressurePct: probed.result.cpuPressurePct,
      mainThread: p,
      slowRequests: slow,
    };
  };
  return modes.map(report);
}

/**
 * `--after-catch-up`: the same requests again once the time machine's checkpoint writer has caught up with
 * the seeded history and follows the live stream (the first phase runs during its catch-up, as a server
 * does for minutes after a history arrived at once).
 */
async function overviewAfterCatchUp(server: BenchServer, cookie: string, mode: ClientMode, requests: number) {
  const rt = server.runtime!;
  const t0 = performance.now();
  while (!rt.replay.following() && performance.now() - t0 < 900_000) {
    // A run already under way (the server's timer) answers 0 at once: wait for it.
    if ((await rt.replay.catchUp()) === 0 && !rt.replay.following()) await sleep(1_000);
  }
  const caughtUpMs = Math.round(performance.now() - t0);
  log(`overview: checkpoint writer ${rt.replay.following() ? 'caught up' : 'NOT caught up'} after ${caughtUpMs} ms; requests again…`);
  const [after] = await overviewPhase(server, cookie, [mode], requests);
  return { writerFollowing: rt.replay.following(), waitedMs: caughtUpMs, ...after };
}

export async function main(args: Map<string, string>) {
  const jurisdiction = args.get('jurisdiction') ?? 'hcmc';
  if (jurisdiction !== 'hcmc' && jurisdiction !== 'vn') throw new Error(`--jurisdiction must be hcmc or vn (got ${jurisdiction})`);
  const targetMs = jurisdiction === 'vn' ? NATIONAL_TARGET_P99_MS : TARGET_P99_MS;
  const days = numArg(args, 'days', 30);
  const scale = numArg(args, 'scale', jurisdiction === 'vn' ? 0.0125 : 0.25);
  const requests = numArg(args, 'requests', 2_000);
  const unitRequests = numArg(args, 'unit-requests', 336);
  const cityMisses = numArg(args, 'city-misses', 2);
  // TTLs of the route's shared detail cache (server/http/read-routes.ts DETAIL_TTL_MS).
  const unitTtlMs = numArg(args, 'unit-ttl-ms', 5_000);
  const cityTtlMs = numArg(args, 'city-ttl-ms', 30_000);

  const tmp = tempDir('bdt-bench-overview-');
  const dbFile = join(tmp.dir, 'dashboard.db');
  // As `npm start` runs it (HEAP_MODE=adaptive: V8's heaps favour memory while ingest is quiet) unless --heap-mode v8.
  const heapMode = args.get('heap-mode') ?? 'adaptive';
  if (heapMode !== 'adaptive' && heapMode !== 'v8') throw new Error(`--heap-mode must be adaptive or v8 (got ${heapMode})`);
  // --checkpoints off: no time-machine checkpoints (after a seed they catch up on the main thread for minutes).
  const checkpoints = args.get('checkpoints') ?? 'on';
  if (checkpoints !== 'on' && checkpoints !== 'off') throw new Error(`--checkpoints must be on or off (got ${checkpoints})`);
  const server = await startInProcess({ dbFile, jurisdiction, heapMode, replayCheckpointPeriodMs: checkpoints === 'off' ? 0 : undefined });
  try {
    const rt = server.runtime!;
    const cookie = await benchLeaderCookie(rt, server.url);
    log(`overview: generating ${days} days at scale ${scale}…`);
    const city = generateCity({ days, scale, jurisdiction });
    log(`overview: ${city.dossiers.length} dossier + ${city.tasks.length} task events in ${Math.round(city.generateMs)} ms; seeding…`);
    const seedM = await measured(async () => {
      for (const b of chunk(city.dossiers, 5_000)) {
        // Far behind, the writer would hold ingest synchronously, and give up after 120 s on a loaded machine.
        while (rt.projections.lag() > 50_000) await sleep(200);
        rt.ingest.ingest(server.dossierSource!, 'dossier', b);
      }
      for (const b of chunk(city.tasks, 5_000)) rt.ingest.ingest(server.taskSource!, 'task', b);
    });
    // --settle: the requests start once the projection writer has written the seed (else it runs beside
    // them, and the CPU per request of two runs depends on how much of the seed was left).
    if (args.has('settle')) while (rt.projections.lag() > 0) await sleep(200);
    const counts = rt.store.projections.counts();
    log(`overview: seeded ${counts.dossiers} dossiers in ${Math.round(seedM.wallMs)} ms; ${requests} overview requests…`);

    const modes = (args.get('client') ?? 'child').split(',') as ClientMode[];
    const bad = modes.find((m) => !CLIENT_MODES.includes(m));
    if (bad !== undefined) throw new Error(`--client takes ${CLIENT_MODES.join(', ')} (got ${bad})`);
    http = (args.get('http') ?? 'node') as HttpClient;
    if (!HTTP_CLIENTS.includes(http)) throw new Error(`--http takes ${HTTP_CLIENTS.join(', ')} (got ${http})`);
    client = overviewClient(modes[0], server.url, cookie, http);
    const phase = await overviewPhase(server, cookie, modes, requests, args.get('profile'));
    const ov = phase[0];
    const afterCatchUp = args.has('after-catch-up') ? await overviewAfterCatchUp(server, cookie, modes[0], requests) : null;
    // National pack: the page after a drill into Hà Nội (126 communes), the province level's other answer.
    const drill =
      jurisdiction === 'vn'
        ? await measured(() =>
            timeGets(
              server.url,
              Array.from({ length: requests }, () => '/api/v1/overview?period=month&province=01'),
            ),
          )
        : null;
    const drillS = drill ? summarize(drill.result.ms) : null;
    if (drillS) log(`overview?province=01: p50 ${round(drillS.p50, 2)} ms, p99 ${round(drillS.p99, 2)} ms`);
    for (const r of phase)
      log(
        `overview (client ${r.client}): server main thread ${r.mainThread.cpuMsPerRequest} ms CPU/request, GC ${JSON.stringify(r.mainThread.gc)}`,
      );
    if (args.has('overview-only'))
      return {
        jurisdiction,
        overview: { requests, ...ov },
        ...(phase.length > 1 ? { overviewByClient: phase } : {}),
        ...(afterCatchUp ? { overviewAfterCatchUp: afterCatchUp } : {}),
      };

    // Handler without HTTP: the same work the route does, to split engine time from transport.
    const units = rt.jurisdiction.units.map((u) => u.code);
    const engineMs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      const out: Record<string, unknown> = {};
      for (const u of units) out[u] = rt.engine.metrics(`unit:${u}`, 'month');
      for (const d of rt.jurisdiction.departments) out[d.code] = rt.engine.metrics(`department:${d.code}`, 'month');
      out.city = rt.engine.metrics('city', 'month');
      out.prev = rt.engine.previousMetrics('city', 'month');
      JSON.stringify(out);
      engineMs.push(performance.now() - t0);
    }

    // The forecast (issue 12), alone: the city's, which the overview adds, and every scope's (GET /forecast),
    // each with its JSON. Routes share each scope's metrics with the figures: computed once, outside the timing.
    const cityForecastMs: number[] = [];
    const forecastMs: number[] = [];
    const depts = rt.jurisdiction.departments.map((d) => d.code);
    const shared = new Map<string, ScopeMetrics>();
    for (const key of ['city', ...units.map((u) => `unit:${u}`), ...depts.map((d) => `department:${d}`)] as ScopeKey[]) {
      shared.set(key, rt.engine.metrics(key, 'month'));
    }
    const sharedMetrics = { metrics: (scope: ScopeKey) => shared.get(scope) ?? rt.engine.metrics(scope, 'month') };
    const forecastDeps = { warnings: rt.warnings, metrics: sharedMetrics, calendar: rt.calendar, settings: rt.settings };
    for (let i = 0; i < 500; i++) {
      let t0 = performance.now();
      JSON.stringify(forecastView(forecastDeps, rt.engine.now, 'month', 'city'));
      cityForecastMs.push(performance.now() - t0);
      t0 = performance.now();
      JSON.stringify(allForecasts(forecastDeps, rt.engine.now, 'month', { city: true, units, departments: depts }));
      forecastMs.push(performance.now() - t0);
    }

    // Unit detail. The route shares answers for a few seconds (a TTL cache per unit and period), so
    // misses (the SQL work) and hits are measured apart: a unit is asked again only after its TTL.
    // More units than --unit-requests (the country's 3,321): an evenly spread sample of that many, once each.
    const step = Math.max(1, Math.floor(units.length / unitRequests));
    const detailUnits = units.filter((_, i) => i % step === 0);
    const unitPaths = detailUnits.map((u) => `/api/v1/units/${u}?period=month`);
    await timeGets(server.url, ['/api/v1/units/' + units[0] + '?period=month']);
    const passes = Math.max(1, Math.round(unitRequests / detailUnits.length));
    log(`overview: unit detail, ${passes} pass(es) over ${detailUnits.length} units (cache misses), then hits…`);
    const lastAsked = new Map<string, number>();
    const missMs: number[] = [];
    const ud = await measured(async () => {
      for (let pass = 0; pass < passes; pass++) {
        for (const p of unitPaths) {
          const wait = (lastAsked.get(p) ?? -Infinity) + unitTtlMs + 250 - performance.now();
          if (wait > 0) await sleep(wait);
          lastAsked.set(p, performance.now());
          missMs.push(...(await timeGets(server.url, [p])).ms);
        }
      }
    });
    const hits = await timeGets(
      server.url,
      unitPaths.flatMap((p) => [p, p]).filter((_, i) => i % 2 === 1),
    );
    const udS = summarize(missMs);
    log(
      `overview: unit detail misses p50 ${round(udS.p50, 1)} ms, p99 ${round(udS.p99, 1)} ms; hits p50 ${round(summarize(hits.ms).p50, 2)} ms`,
    );

    // City detail: a miss every city TTL; the rest are hits.
    const cityPath = '/api/v1/units/city?period=month';
    const cityMiss: number[] = [];
    const cityHit: number[] = [];
    for (let i = 0; i < cityMisses; i++) {
      if (i > 0) await sleep(cityTtlMs + 500);
      cityMiss.push(...(await timeGets(server.url, [cityPath])).ms);
      cityHit.push(
        ...(
          await timeGets(
            server.url,
            Array.from({ length: 10 }, () => cityPath),
          )
        ).ms,
      );
    }
    // The same city page without the officials table (?officials=0: no holds query): its own cache key, a miss.
    const cityNoOfficials = (await timeGets(server.url, ['/api/v1/units/city?period=month&officials=0'])).ms[0];
    log(
      `overview: city detail misses ${cityMiss.map((x) => Math.round(x)).join(', ')} ms (${Math.round(cityNoOfficials)} ms without officials); hits p50 ${round(summarize(cityHit).p50, 2)} ms`,
    );

    // Each SQL query of the unit detail alone, over the same units (median ms per call).
    const now = Date.now();
    const w = rt.engine.window('month');
    const sample = units.slice(0, 168);
    const q = (unit: string | null) => ({ unit, from: w.from, to: w.to, now });
    const timeQuery = (name: string, f: (unit: string | null) => unknown) => {
      const unitMs: number[] = [];
      for (const u of sample) {
        const t0 = performance.now();
        f(u);
        unitMs.push(performance.now() - t0);
      }
      const t0 = performance.now();
      const rows = f(null) as unknown[];
      const cityMs = performance.now() - t0;
      return [
        name,
        {
          unitP50Ms: round(summarize(unitMs).p50, 2),
          unitP99Ms: round(summarize(unitMs).p99, 2),
          cityMs: round(cityMs, 1),
          cityRows: rows.length,
        },
      ];
    };
    const trendFrom = now - 31 * 86_400_000;
    const read = rt.store.read;
    const sql = Object.fromEntries([
      timeQuery('finishedProcessing', (u) => read.finishedProcessing(q(u))),
      timeQuery('byField', (u) => read.byField(q(u))),
      timeQuery('byProcedure', (u) => read.byProcedure(q(u))),
      timeQuery('holds', (u) => read.holds({ unit: u, from: w.from, now })),
      timeQuery('officialTotals', (u) => read.officialTotals(q(u))),
      timeQuery('dailyFlows', (u) => read.dailyFlows({ unit: u, from: trendFrom, to: now + 1 })),
      timeQuery('overdueSpans', (u) => read.overdueSpans({ unit: u, from: trendFrom, now })),
      timeQuery('processingHistogram', (u) => read.processingHistogram(q(u))),
    ]);

    log('overview: the read SQL, its plans and times…');
    const whatIf = unitFilterWhatIf(dbFile, sample, w, now);

    return {
      target: { overviewP99Ms: targetMs },
      jurisdiction: { name: jurisdiction, units: rt.jurisdiction.units.length },
      heapMode,
      checkpoints,
      seed: {
        days,
        scale,
        dossierEvents: city.dossiers.length,
        taskEvents: city.tasks.length,
        dossiers: counts.dossiers,
        tasks: counts.tasks,
        openDossiers: rt.engine.openCount.dossiers,
        seedMs: Math.round(seedM.wallMs),
        dbMiB: round((statSync(dbFile).size + statSync(`${dbFile}-wal`).size) / 2 ** 20, 1),
      },
      overview: {
        requests,
        ...ov,
        ratioP99ToTarget: round(ov.latencyMs.p99 / targetMs, 3),
        ...(drill && drillS
          ? {
              provinceDrill: {
                path: '/api/v1/overview?period=month&province=01',
                latencyMs: roundSummary(drillS, 2),
                bytes: drill.result.bytes,
                cpuMsPerRequest: round(drill.cpuMs / requests, 3),
              },
            }
          : {}),
        ...(afterCatchUp ? { afterCatchUp } : {}),
        handlerWithoutHttpMs: roundSummary(summarize(engineMs), 2),
        cityForecastWithoutHttpMs: roundSummary(summarize(cityForecastMs), 2),
        allForecastsWithoutHttpMs: roundSummary(summarize(forecastMs), 2),
      },
      unitDetail: {
        cacheMisses: { latencyMs: roundSummary(udS, 2), ratioP99ToTarget: round(udS.p99 / targetMs, 3) },
        cacheHits: { latencyMs: roundSummary(summarize(hits.ms), 2) },
        bytes: hits.bytes,
        cpuPressurePct: ud.cpuPressurePct,
      },
      cityDetail: {
        // A miss is computed synchronously: it blocks the event loop (ingest, live pushes) that long.
        cacheMissesMs: cityMiss.map((x) => round(x, 0)),
        cacheMissWithoutOfficialsMs: round(cityNoOfficials, 0),
        cacheHits: { latencyMs: roundSummary(summarize(cityHit), 2) },
      },
      unitDetailSqlMs: sql,
      readRepoSql: whatIf,
    };
  } finally {
    client?.close();
    await server.close();
    tmp.remove();
  }
}

if (isMain(import.meta.url)) void runMain('overview', main);
