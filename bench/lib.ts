/**
 * Shared helpers of the benchmarks (bench/*.ts): statistics, starting the server in-process or as a
 * child process, generating a realistic city, CPU profiles, and the JSON result of a run.
 * Benchmarks report medians and ratios; nothing here asserts.
 */
import type { DomainSettings } from '../server/domain/types.js';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector';
import { createUser } from '../server/auth/users.js';
import { createRuntime, type Runtime } from '../server/runtime.js';
import { startHeapMode } from '../server/heap-mode.js';
import { systemClock } from '../server/clock.js';
import { createLogger } from '../server/logger.js';
import { generateSourceKey, hashSourceKey } from '../server/ingest/keys.js';
import type { SourceRow } from '../server/db/sources-repo.js';
import { jurisdictionDirOf, loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { dossiersPerWorkingDayOf } from '../server/simulator/jurisdiction-volume.js';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import { createCityGenerator } from '../server/simulator/generator.js';
import { loadProcedures } from '../server/simulator/procedures.js';
import type { WireDossierEvent, WireTaskEvent } from '../server/simulator/wire.js';
import { MS_PER_DAY, vnStartOfDay } from '../server/domain/time.js';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH_DIR, '..');

// ── statistics ─────────────────────────────────────────────────────────────────────────────────

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (p in 0..100) of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, min: s[0], p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1], mean };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/** Rounds every number of a summary (for printing and JSON). */
export function roundSummary(s: Summary, digits = 2): Summary {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v, digits)])) as unknown as Summary;
}

// ── machine ────────────────────────────────────────────────────────────────────────────────────

/**
 * Which server code a result measured: the commit, a hash of every file under server/ as it is on
 * disk (several people edit the working tree), and the server files changed from the commit.
 */
export function codeVersion(): { head: string; serverHash: string; serverChanges: string[] } {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        hash.update(p.slice(ROOT.length));
        hash.update(readFileSync(p));
      }
    }
  };
  walk(join(ROOT, 'server'));
  return {
    head: git(['rev-parse', '--short', 'HEAD']),
    serverHash: hash.digest('hex').slice(0, 12),
    serverChanges: git(['status', '--porcelain', '--', 'server'])
      .split('\n')
      .filter(Boolean)
      .map((l) => l.trim()),
  };
}

export function machineInfo() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavg: loadavg().map((x) => round(x, 2)),
  };
}

// ── arguments and output ───────────────────────────────────────────────────────────────────────

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[] = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out.set(a.slice(2), argv[++i]);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

export function numArg(args: Map<string, string>, name: string, dflt: number): number {
  const v = args.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got ${v})`);
  return n;
}

/** True when the module is the process's entry point (run directly, not imported by run.ts). */
export function isMain(metaUrl: string): boolean {
  return !!process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === metaUrl;
}

/** Runs a benchmark's main, prints its result, writes it to --json <file> if given. */
export async function runMain(name: string, main: (args: Map<string, string>) => Promise<unknown>): Promise<void> {
  const args = parseArgs();
  const started = Date.now();
  try {
    const code = codeVersion();
    const result = {
      name,
      startedAt: new Date(started).toISOString(),
      machine: machineInfo(),
      code,
      ...((await main(args)) as object),
      wallMs: Date.now() - started,
    };
    const json = JSON.stringify(result, null, 2);
    const out = args.get('json');
    if (out) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, json);
    } else {
      console.log(json);
    }
    process.exit(0);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}

export const log = (...xs: unknown[]): void => {
  console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...xs);
};

/** CPU time (ms) of each thread of this process, by thread id (Linux /proc; empty elsewhere). */
export function threadCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    }
  } catch {
    // not Linux
  }
  return out;
}

/**
 * CPU time (ms) between two threadCpuMs() readings: the main thread's (its tid is the pid) and the
 * other threads' (worker threads, V8's GC and compiler helpers, libuv's pool). A thread that ended
 * in between is not counted.
 */
export function threadCpuDelta(before: Map<number, number>, after: Map<number, number>): { main: number; other: number } {
  let main = 0;
  let other = 0;
  for (const [tid, ms] of after) {
    const d = ms - (before.get(tid) ?? 0);
    if (tid === process.pid) main += d;
    else other += d;
  }
  return after.size ? { main, other } : { main: NaN, other: NaN };
}

/** CPU time (user + system, ms) of this process, or of another process by pid (Linux /proc). */
export function cpuMs(pid?: number): number {
  if (pid === undefined) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 Hz).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** CPU ms of each thread of another process (Linux /proc), by thread id; empty when it is gone. */
export function processThreadCpuMs(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    }
  } catch {
    // the process is gone: nothing to report
  }
  return out;
}

/** Cumulative µs during which some task waited for a CPU (Linux PSI), or NaN. */
export function cpuStallUs(): number {
  try {
    const m = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Measures wall time, this process's CPU time (and optionally another's), and the share of the wall
 * time during which some task on the machine was waiting for a CPU (contention from other work).
 */
export async function measured<T>(
  fn: () => Promise<T> | T,
  otherPid?: number,
): Promise<{ result: T; wallMs: number; cpuMs: number; otherCpuMs: number; cpuPressurePct: number }> {
  const s0 = cpuStallUs();
  const c0 = cpuMs();
  const o0 = otherPid === undefined ? NaN : cpuMs(otherPid);
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const cpu = cpuMs() - c0;
  const other = otherPid === undefined ? NaN : cpuMs(otherPid) - o0;
  const stall = (cpuStallUs() - s0) / 1000;
  return { result, wallMs, cpuMs: cpu, otherCpuMs: other, cpuPressurePct: round((100 * stall) / wallMs, 0) };
}

// Whatever a run leaves behind (temp dirs, server children) is removed even when it is interrupted.
const cleanups = new Set<() => void>();
function cleanupAll(): void {
  for (const c of cleanups) {
    try {
      c();
    } catch {
      // best effort
    }
  }
  cleanups.clear();
}
process.once('exit', cleanupAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    cleanupAll();
    process.exit(130);
  });
}
/** Registers a synchronous cleanup run on exit or interruption; returns its unregistration. */
export function onCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const rm = () => rmSync(dir, { recursive: true, force: true });
  const off = onCleanup(rm);
  return {
    dir,
    remove: () => {
      off();
      rm();
    },
  };
}

// ── the server ─────────────────────────────────────────────────────────────────────────────────

export interface BenchServer {
  url: string;
  dbFile: string;
  /** Secret of a dossier source (Bearer key). */
  dossierKey: string;
  taskKey: string;
  restoreMs: number;
  /** In-process only. */
  runtime?: Runtime;
  dossierSource?: SourceRow;
  taskSource?: SourceRow;
  close(): Promise<void>;
}

export interface StartOptions {
  dbFile: string;
  deltaFlushMs?: number;
  /** Do not listen (in-process ingest only). */
  noListen?: boolean;
  /** The domain settings (default: DEFAULT_DOMAIN_SETTINGS), e.g. with the data-trust checks off. */
  settings?: DomainSettings;
  /**
   * Return only once the projection writer's thread has started (loaded its modules, checked the log):
   * about a second of CPU that is the server's start, not its work, and that otherwise lands in the
   * first seconds of whatever is measured next.
   */
  afterWriterStart?: boolean;
  /** The jurisdiction pack (default hcmc; vn: 3,321 communes). */
  jurisdiction?: string;
  /** `adaptive`: V8's heaps switched as `npm start`'s default HEAP_MODE does (server/heap-mode.ts); default V8's own. */
  heapMode?: 'adaptive' | 'v8';
  /** How often the time machine's checkpoint writer runs, ms (the runtime's default 30 s; 0: never). */
  replayCheckpointPeriodMs?: number;
}

/** Starts the real runtime in this process on 127.0.0.1:0 with a real SQLite file and real source keys. */
export async function startInProcess(opts: StartOptions): Promise<BenchServer> {
  const runtime = createRuntime({
    dbFile: opts.dbFile,
    clock: systemClock,
    logger: createLogger('silent'),
    settings: opts.settings,
    build: 'bench',
    clientDir: null,
    deltaFlushMs: opts.deltaFlushMs ?? 500,
    boundariesDir: join(dirname(opts.dbFile), 'boundaries'),
    jurisdiction: opts.jurisdiction,
    heapMode: opts.heapMode === 'adaptive' ? startHeapMode() : undefined,
    replayCheckpointPeriodMs: opts.replayCheckpointPeriodMs,
  });
  if (opts.afterWriterStart) await runtime.projections.recovered;
  const dossierKey = generateSourceKey();
  const taskKey = generateSourceKey();
  const dossierSource = runtime.store.sources.upsertKey('bench-dossiers', 'dossier', hashSourceKey(dossierKey), Date.now());
  const taskSource = runtime.store.sources.upsertKey('bench-tasks', 'task', hashSourceKey(taskKey), Date.now());
  let url = '';
  if (!opts.noListen) {
    await new Promise<void>((res) => runtime.app.http.listen(0, '127.0.0.1', res));
    url = `http://127.0.0.1:${(runtime.app.http.address() as AddressInfo).port}`;
  }
  return {
    url,
    dbFile: opts.dbFile,
    dossierKey,
    taskKey,
    restoreMs: runtime.restoreMs,
    runtime,
    dossierSource,
    taskSource,
    async close() {
      // Keep-alive sockets of fetch would hold http.close() open.
      runtime.app.http.closeAllConnections?.();
      await runtime.close();
    },
  };
}

/**
 * Signs a city leader in to an in-process bench server and returns the session cookie, so read
 * benchmarks measure the full answers (officials' scorecards included), not the public's.
 */
export async function benchLeaderCookie(runtime: Runtime, url: string): Promise<string> {
  const password = 'bench password 79';
  await createUser(
    runtime.store,
    { username: 'bench-leader', password, role: 'city_leader', scopes: [], displayName: 'bench' },
    Date.now(),
    { replace: true },
  );
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-leader', password }),
  });
  if (res.status !== 200) throw new Error(`bench login answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The server did not get ready within the allowed time (it was killed). */
export class ReadyTimeout extends Error {
  constructor(readonly ms: number) {
    super(`server not ready after ${ms} ms`);
  }
}

export interface ChildReady {
  url: string;
  dossierKey: string;
  taskKey: string;
  restoreMs: number;
  /** ms from the child's process start (performance.timeOrigin) to ready (listening, projections recovered, metrics restored). */
  processReadyMs: number;
  /** ms from the child's process start to listening (earlier than ready while it recovers after an unclean stop). */
  listeningMs?: number;
  createRuntimeMs: number;
  openDossiers: number;
  rssMiB: number;
  cpuMs?: number;
}

/**
 * Starts bench/server-child.ts in its own Node process (the server alone on its event loop, as in
 * production). Resolves when it listens, with `spawnToReadyMs` measured from the spawn call.
 */
export async function startChild(
  opts: StartOptions & { nodeArgs?: string[]; readyTimeoutMs?: number },
): Promise<BenchServer & { ready: ChildReady; spawnToReadyMs: number; child: ChildProcess }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      '--import',
      'tsx',
      join(BENCH_DIR, 'server-child.ts'),
      '--db',
      opts.dbFile,
      '--flush',
      String(opts.deltaFlushMs ?? 500),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const offEarly = onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const ready = await new Promise<ChildReady>((res, rej) => {
    let buf = '';
    const timer = opts.readyTimeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
          rej(new ReadyTimeout(opts.readyTimeoutMs as number));
        }, opts.readyTimeoutMs)
      : undefined;
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = /^READY (.*)$/m.exec(buf);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        res(JSON.parse(m[1]) as ChildReady);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server child exited with ${code} before it was ready`));
    });
  });
  const spawnToReadyMs = performance.now() - t0;
  offEarly();
  const offCleanup = onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return {
    url: ready.url,
    dbFile: opts.dbFile,
    dossierKey: ready.dossierKey,
    taskKey: ready.taskKey,
    restoreMs: ready.restoreMs,
    ready,
    spawnToReadyMs,
    child,
    async close() {
      offCleanup();
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((res) => child.once('exit', () => res()));
      child.stdin?.end();
      // A profiled child (--cpu-prof) writes its profiles on exit: give it time to.
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.nodeArgs?.length ? 120_000 : 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ── the city ───────────────────────────────────────────────────────────────────────────────────

export interface City {
  dossiers: WireDossierEvent[];
  tasks: WireTaskEvent[];
  from: number;
  to: number;
  generateMs: number;
}

/**
 * Realistic, valid wire events of `days` days up to `to` (default now − 1 min, so no event is in
 * the future for the server's clock), from the seeded city generator with no deliberately bad events.
 * With `maxEvents`, generation goes day by day from the start and stops once that many dossier events
 * exist; the list is cut to that prefix (a time-ordered prefix keeps every dossier's events in order).
 */
export function generateCity(opts: {
  days: number;
  /** Share of the jurisdiction's real volume (HCMC ≈ 15,000 dossiers a working day, vn ≈ 296,500). */
  scale: number;
  seed?: number;
  to?: number;
  maxEvents?: number;
  jurisdiction?: string;
}): City {
  const name = opts.jurisdiction ?? 'hcmc';
  const jurisdiction = loadJurisdiction(jurisdictionDirOf(name), name);
  const calendar = loadWorkCalendar(undefined, DEFAULT_DOMAIN_SETTINGS.officeHours);
  const to = opts.to ?? Date.now() - 60_000;
  const from = vnStartOfDay(to) - opts.days * MS_PER_DAY;
  const t0 = performance.now();
  const gen = createCityGenerator({
    seed: opts.seed ?? 79,
    jurisdiction,
    procedures: loadProcedures(),
    calendar,
    officeHours: DEFAULT_DOMAIN_SETTINGS.officeHours,
    scale: opts.scale,
    badEventRate: 0,
    model: { dossiersPerWorkingDay: dossiersPerWorkingDayOf(jurisdiction) },
  });
  const dossiers: WireDossierEvent[] = [];
  const tasks: WireTaskEvent[] = [];
  const max = opts.maxEvents ?? Infinity;
  let end = from;
  for (let a = from; a < to && dossiers.length < max; a += MS_PER_DAY) {
    end = Math.min(to, a + MS_PER_DAY);
    const ev = gen.generate(a, end);
    for (const e of ev.dossiers) dossiers.push(e);
    for (const e of ev.tasks) tasks.push(e);
  }
  if (dossiers.length > max) dossiers.length = max;
  return { dossiers, tasks, from, to: end, generateMs: performance.now() - t0 };
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * POSTs a pre-serialised ingest body (a string, or its UTF-8 bytes: a client that sends bytes spares
 * fetch a scan and an encoding of the string); returns the accepted count (the response is not fully parsed).
 */
/** How many times one batch is sent again after a 503 with Retry-After before the bench gives up. */
const MAX_RESENDS = 20;

/**
 * Sends one ingest batch. Answered 503 with Retry-After (the server's backpressure while its projection
 * writer lags, or its shutdown), it waits as long as asked and sends the batch again, as a source would;
 * `resends` counts those. A reset connection (idle keep-alive closed by the server) is sent again once.
 */
export async function postIngest(
  url: string,
  path: '/api/v1/ingest/dossiers' | '/api/v1/ingest/tasks',
  key: string,
  body: string | Uint8Array<ArrayBuffer>,
): Promise<{ status: number; accepted: number; rejected: number; text: string; resends: number }> {
  const send = () =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  for (let resends = 0; ; resends++) {
    // A kept-alive connection the server closed as idle (its keep-alive timeout, 5 s, races a pause of
    // 5 s between rounds) resets the request: sent again on a new one (ingest is idempotent by event id).
    const res = await send().catch((err: Error & { cause?: { code?: string } }) => {
      if (err.cause?.code === 'ECONNRESET' && resends < MAX_RESENDS) return send();
      throw err;
    });
    const text = await res.text();
    const retryAfterS = Number(res.headers.get('retry-after'));
    if (res.status === 503 && retryAfterS > 0 && resends < MAX_RESENDS) {
      await new Promise((r) => setTimeout(r, retryAfterS * 1000));
      continue;
    }
    const a = /"accepted":(\d+)/.exec(text);
    const r = /"rejected":(\d+)/.exec(text);
    return { status: res.status, accepted: a ? Number(a[1]) : 0, rejected: r ? Number(r[1]) : 0, text, resends };
  }
}

// ── CPU profiles ───────────────────────────────────────────────────────────────────────────────

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Profiles `fn` with the inspector's sampling profiler (this process). */
export async function withCpuProfile<T>(fn: () => Promise<T>, intervalUs = 500): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((res, rej) => session.post(method, params ?? {}, (err, r) => (err ? rej(err) : res(r as R))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await post('Profiler.start');
  const result = await fn();
  const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
  session.disconnect();
  return { result, profile };
}

function shortUrl(url: string): string {
  if (!url) return '';
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) return p.slice(nm + 'node_modules/'.length);
  if (p.startsWith(ROOT + '/')) return p.slice(ROOT.length + 1);
  return p;
}

function category(fn: string, url: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'program (native, outside JS)';
  if (!url) return `native/builtin`;
  const p = shortUrl(url);
  if (p.startsWith('node:')) return p.startsWith('node:internal/deps/undici') ? 'undici (fetch client)' : 'node internals';
  const m = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(p);
  if (url.includes('node_modules/')) return m ? m[1] : p;
  return p;
}

export interface ProfileSummary {
  totalMs: number;
  topSelf: { fn: string; ms: number; pct: number }[];
  byCategory: { category: string; ms: number; pct: number }[];
  topInclusiveProject: { fn: string; ms: number; pct: number }[];
}

/** Self time by function and by package/file, and inclusive time of the project's own functions. */
export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);
  const pct = (ms: number) => round((100 * ms) / totalMs, 1);
  const keyOf = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;

  const selfByFn = new Map<string, number>();
  const selfByCat = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id) as ProfileNode;
    const k = keyOf(n);
    selfByFn.set(k, (selfByFn.get(k) ?? 0) + ms);
    const c = category(n.callFrame.functionName, n.callFrame.url);
    selfByCat.set(c, (selfByCat.get(c) ?? 0) + ms);
  }

  // Inclusive time of project functions (server/ and bench/), counted once per stack (no double count on recursion).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur) as ProfileNode;
      const u = n.callFrame.url;
      if (!u.includes('/server/') || u.includes('node_modules')) continue;
      const k = keyOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + ms);
    }
  }
  const sortTop = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs: round(totalMs, 0),
    topSelf: sortTop(selfByFn, top).map(([fn, ms]) => ({ fn, ms: round(ms, 0), pct: pct(ms) })),
    byCategory: sortTop(selfByCat, 20).map(([c, ms]) => ({ category: c, ms: round(ms, 0), pct: pct(ms) })),
    topInclusiveProject: sortTop(incl, top).map(([fn, ms]) => ({ fn, ms: round(ms, 0), pct: pct(ms) })),
  };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
