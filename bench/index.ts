/**
 * Issue 13: GET /api/v1/index?period=month (the service index of every unit and department, ranked)
 * answers in under 20 ms (p99) for 168 units. Seeds a realistic history (default 45 days at scale 0.1,
 * so the previous month has data) through runtime.ingest in-process, then issues sequential requests
 * with fetch (keep-alive) on 127.0.0.1 as a signed-in city leader. Also times, without HTTP, the
 * store's SQL for a closed month (a cache miss: the first ranking of a past period) and the engine's
 * counts of every scope.
 *   npx tsx bench/index.ts [--days 45] [--scale 0.1] [--requests 1000]
 */
import { join } from 'node:path';
import {
  benchLeaderCookie,
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
  summarize,
  tempDir,
} from './lib.js';
import { previousNamedPeriod, resolvePeriod } from '../server/metrics/named-periods.js';

export const TARGET_P99_MS = 20;

async function timeGets(url: string, cookie: string, paths: string[]): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (const p of paths) {
    const t0 = performance.now();
    const res = await fetch(url + p, { headers: { cookie } });
    const buf = await res.arrayBuffer();
    ms.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${Buffer.from(buf).toString().slice(0, 300)}`);
    bytes = buf.byteLength;
  }
  return { ms, bytes };
}

export async function main(args: Map<string, string>) {
  const days = numArg(args, 'days', 45);
  const scale = numArg(args, 'scale', 0.1);
  const requests = numArg(args, 'requests', 1_000);
  const tmp = tempDir('bdt-bench-index-');
  const server = await startInProcess({ dbFile: join(tmp.dir, 'dashboard.db') });
  try {
    const rt = server.runtime!;
    const cookie = await benchLeaderCookie(rt, server.url);
    log(`index: generating ${days} days at scale ${scale}…`);
    const city = generateCity({ days, scale });
    await measured(() => {
      for (const b of chunk(city.dossiers, 5_000)) rt.ingest.ingest(server.dossierSource!, 'dossier', b);
    });
    const counts = rt.store.projections.counts();
    log(`index: seeded ${counts.dossiers} dossiers; ${requests} requests…`);

    // The closed month's SQL alone (what a first ranking of a past period, or the previous month, costs).
    await timeGets(server.url, cookie, ['/api/v1/overview']); // waits for the projection writer
    const previous = previousNamedPeriod(resolvePeriod('month', Date.now()));
    const codes = [...rt.jurisdiction.units.map((u) => u.code), ...rt.jurisdiction.departments.map((d) => d.code)];
    const sqlMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      rt.store.serviceIndex.indexCountsBetween(previous.from, previous.to, Date.now(), codes);
      sqlMs.push(performance.now() - t0);
    }
    // The engine's counts of every scope for the current month.
    const scopes = rt.engine.scopes();
    const engineMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      for (const s of scopes) rt.engine.indexCounts(s, 'month');
      engineMs.push(performance.now() - t0);
    }

    const path = '/api/v1/index?period=month';
    await timeGets(
      server.url,
      cookie,
      Array.from({ length: 50 }, () => path),
    ); // warm-up, not counted
    const run = await measured(() =>
      timeGets(
        server.url,
        cookie,
        Array.from({ length: requests }, () => path),
      ),
    );
    const s = summarize(run.result.ms);
    log(`index: p50 ${round(s.p50, 2)} ms, p99 ${round(s.p99, 2)} ms (cpu pressure ${run.cpuPressurePct}%)`);
    return {
      days,
      scale,
      dossiers: counts.dossiers,
      units: rt.jurisdiction.units.length,
      departments: rt.jurisdiction.departments.length,
      indexRoute: { ...roundSummary(s), bytes: run.result.bytes, targetP99Ms: TARGET_P99_MS, met: s.p99 <= TARGET_P99_MS },
      cpuPressurePct: run.cpuPressurePct,
      closedMonthSqlMs: roundSummary(summarize(sqlMs)),
      engineCountsAllScopesMs: roundSummary(summarize(engineMs)),
    };
  } finally {
    await server.close();
    tmp.remove();
  }
}

if (isMain(import.meta.url)) void runMain('index', main);
