/**
 * Issue 13: GET /api/v1/index p50/p99 at 168 units (target p99 ≤ 20 ms) for the current month (its
 * previous period is last month, closed), a closed month (and the one before it) and the previous
 * quarter (closed), idle and while events keep arriving. Seeds a realistic history through
 * runtime.ingest in-process, holding back its last `--hold` events; the "ingesting" phase feeds those
 * at `--rate` events/s (batches every 50 ms, in this process like the demo's simulator), which keeps
 * marking last month's figures stale (dossiers received in November finishing now). Requests are
 * sequential fetches (keep-alive) on 127.0.0.1 as a signed-in city leader, round-robin over the paths.
 *   npx tsx bench/index-read.ts [--days 70] [--scale 0.1] [--requests 600] [--rate 400] [--hold 40000]
 */
import { join } from 'node:path';
import type { WireDossierEvent } from '../server/simulator/wire.js';
import { previousNamedPeriod, resolvePeriod } from '../server/metrics/named-periods.js';
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
  type BenchServer,
} from './lib.js';

export const TARGET_P99_MS = 20;
const BATCH_EVERY_MS = 50;

/** `requests` sequential GETs of each path, interleaved; milliseconds per path. */
async function timeGets(url: string, cookie: string, paths: string[], requests: number): Promise<Map<string, number[]>> {
  const ms = new Map(paths.map((p) => [p, [] as number[]]));
  for (let i = 0; i < requests; i++) {
    for (const p of paths) {
      const t0 = performance.now();
      const res = await fetch(url + p, { headers: { cookie } });
      const buf = await res.arrayBuffer();
      ms.get(p)!.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${Buffer.from(buf).toString().slice(0, 300)}`);
    }
  }
  return ms;
}

/** Feeds `events` into the runtime at `rate` events/s until stopped or exhausted; returns how many went in. */
function feed(server: BenchServer, events: WireDossierEvent[], rate: number): { stop(): number } {
  const rt = server.runtime!;
  const perBatch = Math.max(1, Math.round((rate * BATCH_EVERY_MS) / 1000));
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= events.length) return;
    rt.ingest.ingest(server.dossierSource!, 'dossier', events.slice(sent, sent + perBatch));
    sent += perBatch;
  }, BATCH_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.min(sent, events.length);
    },
  };
}

/**
 * Counts and times the closed periods' store reads (each waits for the projection writer first: the
 * read barrier) while `fn` runs: a count that the machine's load does not change, beside the times.
 */
async function withStoreReads<T>(rt: NonNullable<BenchServer['runtime']>, fn: () => Promise<T>) {
  const reads = { calls: 0, ms: 0 };
  const repos = [rt.store.serviceIndex, rt.store.read] as unknown as Record<string, (...a: unknown[]) => unknown>[];
  const names = ['unitCountsBetween', 'overdueAt'];
  const saved = repos.map((repo, i) => repo[names[i]]);
  repos.forEach((repo, i) => {
    repo[names[i]] = (...a: unknown[]) => {
      const t0 = performance.now();
      try {
        return saved[i](...a);
      } finally {
        reads.calls++;
        reads.ms += performance.now() - t0;
      }
    };
  });
  try {
    return { result: await fn(), storeReads: { calls: reads.calls, ms: round(reads.ms, 0) } };
  } finally {
    repos.forEach((repo, i) => (repo[names[i]] = saved[i]));
  }
}

const summaries = (ms: Map<string, number[]>) =>
  Object.fromEntries([...ms].map(([p, xs]) => [p, { ...roundSummary(summarize(xs)), met: summarize(xs).p99 <= TARGET_P99_MS }]));

export async function main(args: Map<string, string>) {
  const days = numArg(args, 'days', 70);
  const scale = numArg(args, 'scale', 0.1);
  const requests = numArg(args, 'requests', 600);
  const rate = numArg(args, 'rate', 400);
  const hold = numArg(args, 'hold', 40_000);
  const tmp = tempDir('bdt-bench-index-read-');
  const server = await startInProcess({ dbFile: join(tmp.dir, 'dashboard.db'), afterWriterStart: true });
  try {
    const rt = server.runtime!;
    const cookie = await benchLeaderCookie(rt, server.url);
    log(`index-read: generating ${days} days at scale ${scale}…`);
    const city = generateCity({ days, scale });
    const held = city.dossiers.slice(-hold);
    for (const b of chunk(city.dossiers.slice(0, -hold), 5_000)) rt.ingest.ingest(server.dossierSource!, 'dossier', b);
    await fetch(`${server.url}/api/v1/overview`, { headers: { cookie } }); // waits for the projection writer
    const month = resolvePeriod('month', Date.now());
    const lastMonth = previousNamedPeriod(month);
    const lastQuarter = previousNamedPeriod(resolvePeriod('quarter', Date.now()));
    const paths = ['month', lastMonth.name, lastQuarter.name].map((p) => `/api/v1/index?period=${p}`);
    log(`index-read: seeded ${rt.store.projections.counts().dossiers} dossiers; ${requests} × ${paths.join(', ')}`);

    await timeGets(server.url, cookie, paths, 30); // warm-up, not counted
    const idle = await measured(() => timeGets(server.url, cookie, paths, requests));
    log(`index-read idle: ${JSON.stringify(summaries(idle.result))}`);

    await timeGets(server.url, cookie, paths, 10);
    const feeder = feed(server, held, rate);
    const { result: loaded, storeReads } = await withStoreReads(rt, () => measured(() => timeGets(server.url, cookie, paths, requests)));
    const fed = feeder.stop();
    const fedPerS = round((fed * 1000) / loaded.wallMs, 0);
    log(`index-read ingesting (${fed} events, ${fedPerS}/s): ${JSON.stringify(summaries(loaded.result))}`);
    log(`index-read ingesting: ${storeReads.calls} closed-period store reads behind the read barrier, ${storeReads.ms} ms in all`);
    return {
      days,
      scale,
      dossiers: rt.store.projections.counts().dossiers,
      units: rt.jurisdiction.units.length,
      departments: rt.jurisdiction.departments.length,
      targetP99Ms: TARGET_P99_MS,
      idle: { perPath: summaries(idle.result), cpuPressurePct: idle.cpuPressurePct },
      ingesting: { eventsPerS: fedPerS, events: fed, perPath: summaries(loaded.result), cpuPressurePct: loaded.cpuPressurePct, storeReads },
    };
  } finally {
    await server.close();
    tmp.remove();
  }
}

if (isMain(import.meta.url)) void runMain('index-read', main);
