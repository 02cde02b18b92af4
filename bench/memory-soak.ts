/**
 * Server memory over a day of the demo (issue 15: RSS ≤ 400 MB after 24 h of the simulator at the real
 * city's volume, flat over the last 12 h). Runs the server as `npm start` does (server/index.ts, the demo
 * seeding its history, then the live simulator at --scale of the real volume) on a fresh temp database,
 * with its clock --speed times faster than real time, for --sim-hours of city time, and samples the
 * process's resident set (/proc/PID/status) every --sample-s seconds. Reports the series, the RSS at the
 * end, and the least-squares slope over the last half (MiB per city hour): flat means |slope| small.
 *   npx tsx bench/memory-soak.ts [--sim-hours 24] [--speed 48] [--scale 1] [--seed-days 35] [--sample-s 10] [--port 5431]
 * Every 6 city hours (and at the end) the server writes a diagnostic report (SIGUSR2, --report-on-signal):
 * the V8 heap of each thread (main, projection writer, detail worker, checkpoint writer), reserved and
 * used, so the RSS splits into V8 heaps and the rest (SQLite's page caches, native buffers, code).
 * --heap-snapshots 6,18,24: the main thread's heap snapshot at those city hours (SIGPWR, --heapsnapshot-signal;
 * the server stops for the seconds it takes), kept in --snapshot-dir (default: the run's temp dir, removed);
 * bench/heap-summary.ts compares them by constructor.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, log, numArg, ROOT, round, runMain, tempDir } from './lib.js';

export const TARGET_RSS_MIB = 400;

/** VmRSS of a process in MiB, or null once it is gone. */
function rssMiB(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface HeapReport {
  cityH: number;
  rssMiB: number;
  /** Reserved / used MiB per thread: the main thread first, then each worker. */
  heaps: { totalMiB: number; usedMiB: number }[];
}

/** Asks the server for a diagnostic report and reads each thread's V8 heap from it (null if none came). */
async function heapReport(pid: number, dir: string, cityH: number): Promise<HeapReport | null> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.json'));
    if (!file) continue;
    try {
      type Heap = { javascriptHeap?: { totalMemory: number; usedMemory: number } };
      const r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Heap & { workers?: Heap[]; resourceUsage?: { rss?: number } };
      const mib = (h: Heap) => ({
        totalMiB: round((h.javascriptHeap?.totalMemory ?? 0) / 2 ** 20),
        usedMiB: round((h.javascriptHeap?.usedMemory ?? 0) / 2 ** 20),
      });
      return { cityH: round(cityH, 1), rssMiB: round(rssMiB(pid) ?? NaN), heaps: [r, ...(r.workers ?? [])].map(mib) };
    } catch {
      // still being written
    }
  }
  return null;
}

/** Asks the server for a heap snapshot of its main thread and waits until the file stops growing. */
async function heapSnapshot(pid: number, dir: string, cityH: number): Promise<void> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGPWR');
  let size = -1;
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    const now = statSync(join(dir, file)).size;
    if (now === size && now > 0) {
      log(`city hour ${round(cityH, 1)}: heap snapshot ${join(dir, file)} (${round(now / 2 ** 20)} MiB)`);
      return;
    }
    size = now;
  }
}

/** Least-squares slope of y over x. */
export function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function waitReady(url: string, child: ReturnType<typeof spawn>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the server was not ready in time');
}

export async function main(args: Map<string, string>) {
  const simHours = numArg(args, 'sim-hours', 24);
  const speed = numArg(args, 'speed', 48);
  const sampleS = numArg(args, 'sample-s', 10);
  const port = numArg(args, 'port', 5431);
  const tmp = tempDir('bdt-bench-soak-');
  const url = `http://127.0.0.1:${port}`;
  const reportDir = join(tmp.dir, 'reports');
  mkdirSync(reportDir);
  const snapshotHours = (args.get('heap-snapshots') ?? '').split(',').filter(Boolean).map(Number);
  const snapshotDir = args.get('snapshot-dir') ?? reportDir;
  mkdirSync(snapshotDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      '--report-on-signal',
      '--report-signal=SIGUSR2',
      `--report-directory=${reportDir}`,
      '--heapsnapshot-signal=SIGPWR',
      `--diagnostic-dir=${snapshotDir}`,
      '--import',
      'tsx',
      'server/index.ts',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DASHBOARD_DB: join(tmp.dir, 'dashboard.db'),
        BOUNDARIES_DIR: join(tmp.dir, 'boundaries'),
        SIM_SPEED: String(speed),
        SIM_SCALE: String(numArg(args, 'scale', 1)),
        SEED_DAYS: String(numArg(args, 'seed-days', 35)),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const t0 = performance.now();
    await waitReady(url, child, 30 * 60_000);
    const readyS = (performance.now() - t0) / 1000;
    log(`ready in ${readyS.toFixed(0)} s; running ${simHours} city hours at ${speed}×`);
    const samples: [number, number][] = [];
    const reports: HeapReport[] = [];
    const report = async (cityH: number) => {
      const r = await heapReport(child.pid as number, reportDir, cityH);
      if (r) reports.push(r);
      if (r)
        log(
          `city hour ${r.cityH}: RSS ${r.rssMiB} MiB; heaps (reserved/used) ${r.heaps.map((h) => `${h.totalMiB}/${h.usedMiB}`).join(', ')}`,
        );
    };
    await report(0);
    const start = performance.now();
    const wallMs = (simHours * 3_600_000) / speed;
    while (performance.now() - start < wallMs) {
      await new Promise((r) => setTimeout(r, sampleS * 1000));
      const rss = rssMiB(child.pid as number);
      if (rss === null) throw new Error('the server is gone');
      const cityH = ((performance.now() - start) * speed) / 3_600_000;
      samples.push([round(cityH, 2), round(rss)]);
      if (Math.floor(cityH / 6) > reports.length - 1 && cityH < simHours) await report(cityH);
      if (snapshotHours.length && cityH >= snapshotHours[0] && snapshotHours[0] < simHours) {
        snapshotHours.shift();
        await heapSnapshot(child.pid as number, snapshotDir, cityH);
      }
    }
    await report(simHours);
    if (snapshotHours.length) await heapSnapshot(child.pid as number, snapshotDir, simHours);
    const lastHalf = samples.filter(([h]) => h >= simHours / 2);
    const end = samples[samples.length - 1]?.[1] ?? NaN;
    const result = {
      simHours,
      speed,
      readyS: round(readyS),
      rssAtReadyMiB: samples[0]?.[1],
      rssEndMiB: end,
      rssMaxLastHalfMiB: Math.max(...lastHalf.map(([, r]) => r)),
      rssMinLastHalfMiB: Math.min(...lastHalf.map(([, r]) => r)),
      slopeLastHalfMiBPerCityHour: round(slope(lastHalf), 2),
      ratioEndToTarget: round(end / TARGET_RSS_MIB, 2),
      heapReports: reports,
      samples,
    };
    log(`RSS at the end ${end} MiB; last ${simHours / 2} h: slope ${result.slopeLastHalfMiBPerCityHour} MiB/h`);
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    tmp.remove();
  }
}

if (isMain(import.meta.url)) await runMain('memory-soak', main);
