/**
 * Wall display soak: drives /wall in headless Chromium for a long time against the real server with
 * the demo simulator at high speed (days of city time per hour), and samples the page's JS heap
 * through the DevTools protocol (garbage collected first) every minute. Memory must stay flat.
 *
 *   npm run soak:wall -- [--duration 3600] [--sample 60] [--speed 60] [--scale 0.5] [--interval 10]
 *                        [--viewport 1920x1080] [--seed-days 10] [--out bench/results] [--keep]
 *
 * Starts `npx tsx server/index.ts` as a child process with its own DASHBOARD_DB in a temp folder and
 * a free PORT, creates a display token (npm run display:add) and a preset rotating every scene
 * (npm run wall:preset), opens /wall?preset=soak&token=…, then samples. Needs the built client
 * (npm run build). Writes bench/results/soak-wall-<time>.json (every sample, start/end/peak, the
 * growth after warm-up) and prints the summary.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 2 ** 20;

interface Sample {
  /** Seconds since the wall was opened. */
  t: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** DOM nodes, JS event listeners and documents alive (Performance.getMetrics). */
  nodes: number;
  listeners: number;
  documents: number;
  scene: string | null;
  freshness: string | null;
  feedItems: number;
  /** Server (city) time of the last clock tick the wall shows. */
  cityTime: string | null;
}

function opts() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '3600' },
      sample: { type: 'string', default: '60' },
      speed: { type: 'string', default: '60' },
      scale: { type: 'string', default: '0.5' },
      interval: { type: 'string', default: '10' },
      viewport: { type: 'string', default: '1920x1080' },
      'seed-days': { type: 'string', default: '10' },
      out: { type: 'string', default: join(ROOT, 'bench/results') },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
      keep: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const num = (name: keyof typeof values, min: number): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min) {
      console.error(`--${name} must be a number ≥ ${min} (got ${values[name]})`);
      process.exit(2);
    }
    return n;
  };
  const vp = /^(\d{3,5})x(\d{3,5})$/.exec(String(values.viewport));
  if (!vp) {
    console.error('--viewport must be WIDTHxHEIGHT, e.g. 1920x1080');
    process.exit(2);
  }
  return {
    durationS: num('duration', 10),
    sampleS: num('sample', 5),
    speed: num('speed', 1),
    scale: num('scale', 0.01),
    intervalS: num('interval', 3),
    seedDays: num('seed-days', 0),
    viewport: { width: Number(vp[1]), height: Number(vp[2]) },
    out: resolve(String(values.out)),
    chromium: String(values.chromium),
    keep: Boolean(values.keep),
  };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

function cli(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync('npx', ['tsx', script, ...args], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}

async function sample(cdp: CDPSession, page: Page, t: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const wall = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="wall"]');
    return {
      scene: el?.getAttribute('data-scene') ?? null,
      freshness: el?.getAttribute('data-freshness') ?? null,
      cityTime: document.querySelector('[data-testid="wall-as-of"]')?.getAttribute('data-as-of') || null,
      feedItems: document.querySelectorAll('[data-testid="wall-alerts"] > li').length,
    };
  });
  return {
    t,
    heapUsedMiB: round(heap.usedSize / MiB),
    heapTotalMiB: round(heap.totalSize / MiB),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
    ...wall,
  };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : NaN;
}

async function main(): Promise<void> {
  const o = opts();
  if (!existsSync(join(ROOT, 'dist/client/index.html'))) {
    console.error('dist/client is missing: build the client first (npm run build).');
    process.exit(2);
  }
  if (!existsSync(o.chromium)) {
    console.error(`no Chromium at ${o.chromium} (apt-get install chromium, or set --chromium / CHROMIUM_PATH)`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bdt-soak-wall-'));
  const dbFile = join(dir, 'dashboard.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DASHBOARD_DB: dbFile,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: '1',
    SIM_SPEED: String(o.speed),
    SIM_SCALE: String(o.scale),
    SEED_DAYS: String(o.seedDays),
    SEED_SCALE: '0.05',
    BOUNDARIES_DIR: join(dir, 'boundaries'),
    LOG_LEVEL: 'warn',
  };

  console.log(
    `soak: ${o.durationS} s, sample every ${o.sampleS} s, SIM_SPEED=${o.speed}, SIM_SCALE=${o.scale}, scenes every ${o.intervalS} s, ${o.viewport.width}×${o.viewport.height}`,
  );
  console.log(`soak: database ${dbFile}, server ${url}`);
  cli(
    'server/cli/wall-preset.ts',
    ['--name', 'soak', '--scenes', 'map,ranking,feed,kpi,departments', '--interval', String(o.intervalS)],
    env,
  );
  const added = cli('server/cli/display-add.ts', ['--name', 'soak-wall', '--scope', 'city'], env);
  const token = /^(bdd_[A-Za-z0-9_-]+)$/m.exec(added)?.[1];
  if (!token) throw new Error(`display:add printed no token:\n${added}`);

  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  let stopping = false;
  const serverLog: string[] = [];
  const cleanup = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await browser?.close().catch(() => {});
    if (server?.pid && server.exitCode === null) {
      // npx starts tsx and node under it: signal the group this script started, and only it.
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        server.kill('SIGTERM');
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

  const startedAt = new Date();
  try {
    server = spawn('npx', ['tsx', 'server/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const keepTail = (b: Buffer) => {
      serverLog.push(b.toString());
      if (serverLog.length > 200) serverLog.splice(0, serverLog.length - 200);
    };
    server.stdout?.on('data', keepTail);
    server.stderr?.on('data', keepTail);
    const tServer = Date.now();
    await waitForHealth(url, server, 10 * 60_000);
    console.log(`soak: server ready in ${((Date.now() - tServer) / 1000).toFixed(1)} s`);

    browser = await launchBrowser(o.chromium);
    const page = await browser.newPage({ viewport: o.viewport });
    let pageErrors = 0;
    let consoleErrors = 0;
    let loads = 0;
    const errors: string[] = [];
    const since = () => `t=${Math.round((Date.now() - tOpen) / 1000)} s`;
    let tOpen = Date.now();
    page.on('pageerror', (e) => {
      pageErrors++;
      console.log(`${since()} page error: ${e.message}`);
      if (errors.length < 20) errors.push(`${since()} pageerror: ${e.message}`);
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      consoleErrors++;
      console.log(`${since()} console error: ${m.text()}`);
      if (errors.length < 20) errors.push(`${since()} console: ${m.text()}`);
    });
    // Full page loads only (the wall's own history.replaceState, hiding the token, is not one).
    page.on('load', () => {
      loads++;
      if (loads > 1) console.log(`${since()} the page reloaded (${page.url()})`);
    });
    tOpen = Date.now();
    await page.goto(`${url}/wall?preset=soak&token=${encodeURIComponent(token)}`);
    await page.waitForSelector('[data-testid="wall"]', { timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');

    const t0 = Date.now();
    const samples: Sample[] = [];
    const scenesSeen = new Set<string>();
    let staleSamples = 0;
    for (;;) {
      const t = Math.round((Date.now() - t0) / 1000);
      let s: Sample;
      try {
        s = await sample(cdp, page, t);
      } catch (err) {
        // A reload (new build, or the wall recovering itself) in the middle of a sample: wait, sample again.
        console.log(`t=${t} s  sample failed (${(err as Error).message.split('\n')[0]}); retrying`);
        await page.waitForSelector('[data-testid="wall"]', { timeout: 60_000 });
        s = await sample(cdp, page, t);
      }
      samples.push(s);
      if (s.scene) scenesSeen.add(s.scene);
      if (s.freshness === 'stale') staleSamples++;
      console.log(
        `t=${String(t).padStart(5)} s  heap ${s.heapUsedMiB.toFixed(2).padStart(7)} MiB (total ${s.heapTotalMiB.toFixed(1)})  nodes ${s.nodes}  listeners ${s.listeners}  scene ${s.scene}  ${s.freshness}  city ${s.cityTime ?? '—'}`,
      );
      if (t >= o.durationS) break;
      const next = t0 + samples.length * o.sampleS * 1000;
      // Between samples, note every scene shown (rotation keeps going).
      while (Date.now() < next) {
        await new Promise((r) => setTimeout(r, Math.min(o.intervalS * 500, next - Date.now())));
        const scene = await page.getAttribute('[data-testid="wall"]', 'data-scene').catch(() => null);
        if (scene) scenesSeen.add(scene);
      }
    }

    const used = samples.map((s) => s.heapUsedMiB);
    // The first minutes fill the feed and trend buffers and JIT caches: the growth is judged after them.
    const warm = samples.filter((s) => s.t >= Math.min(300, o.durationS / 4));
    const first = samples[0];
    const last = samples[samples.length - 1];
    const summary = {
      startMiB: first.heapUsedMiB,
      endMiB: last.heapUsedMiB,
      peakMiB: Math.max(...used),
      minMiB: Math.min(...used),
      afterWarmUp: warm.length
        ? {
            fromT: warm[0].t,
            startMiB: warm[0].heapUsedMiB,
            endMiB: last.heapUsedMiB,
            growthMiB: round(last.heapUsedMiB - warm[0].heapUsedMiB),
            slopeMiBPerHour: round(
              slope(
                warm.map((s) => s.t),
                warm.map((s) => s.heapUsedMiB),
              ) * 3600,
              3,
            ),
          }
        : null,
      nodes: { start: first.nodes, end: last.nodes, peak: Math.max(...samples.map((s) => s.nodes)) },
      listeners: { start: first.listeners, end: last.listeners, peak: Math.max(...samples.map((s) => s.listeners)) },
      cityTime: { start: first.cityTime, end: last.cityTime },
      scenesSeen: [...scenesSeen].sort(),
      staleSamples,
      pageErrors,
      consoleErrors,
      reloads: Math.max(0, loads - 1),
      errors,
    };
    const result = {
      name: 'soak-wall',
      startedAt: startedAt.toISOString(),
      durationS: last.t,
      options: { ...o, out: undefined, keep: undefined },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: round(totalmem() / 2 ** 30, 1), node: process.version },
      summary,
      samples,
    };
    mkdirSync(o.out, { recursive: true });
    const file = join(o.out, `soak-wall-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(o.out, 'soak-wall-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('\nWall display soak');
    console.log(`  duration       ${last.t} s (city time ${first.cityTime} → ${last.cityTime})`);
    console.log(
      `  JS heap        start ${summary.startMiB} MiB, end ${summary.endMiB} MiB, peak ${summary.peakMiB} MiB, min ${summary.minMiB} MiB`,
    );
    if (summary.afterWarmUp) {
      console.log(
        `  after warm-up  from t=${summary.afterWarmUp.fromT} s: ${summary.afterWarmUp.startMiB} → ${summary.afterWarmUp.endMiB} MiB (${summary.afterWarmUp.growthMiB >= 0 ? '+' : ''}${summary.afterWarmUp.growthMiB} MiB, slope ${summary.afterWarmUp.slopeMiBPerHour} MiB/h)`,
      );
    }
    console.log(`  DOM nodes      start ${summary.nodes.start}, end ${summary.nodes.end}, peak ${summary.nodes.peak}`);
    console.log(`  listeners      start ${summary.listeners.start}, end ${summary.listeners.end}, peak ${summary.listeners.peak}`);
    console.log(
      `  scenes seen    ${summary.scenesSeen.join(', ')}; stale samples ${staleSamples}; page errors ${pageErrors}; console errors ${consoleErrors}; reloads ${summary.reloads}`,
    );
    console.log(`  written to     ${file}`);
  } catch (err) {
    console.error(err);
    console.error(`server log tail:\n${serverLog.join('').slice(-4000)}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

void main();
