/**
 * What each slow request of a read benchmark waited for (issue 15: the overview's p99 ≤ 5 ms). The client
 * (bench/overview-client.ts, in this process or another) stamps each request's start and end on the
 * system's monotonic clock (process.hrtime, CLOCK_MONOTONIC: the same in every process, and the clock of
 * V8's CPU profiles); the server's process records when each request reached its HTTP server and when its
 * answer was written, and its GC pauses (perf_hooks). With a CPU profile of the same span, every sample
 * taken while a slow request was open is put in a category by its stack (the checkpoint writer, GC, the
 * live path's flush or clock tick, the detail worker's or the projection writer's messages, the overview's
 * rebuild, HTTP), so a request over the threshold is tagged with what ran on the main thread meanwhile.
 */
import type { Server } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { round, summarize } from './lib.js';

/** Requests slower than this are tagged (issue 15's target for the overview's p99). */
export const SLOW_MS = 5;

/** Microseconds on the monotonic clock shared by every process and by V8's CPU profiles. */
export const monoUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface ServerMarks {
  /** When each request of the path reached the HTTP server, and when its answer was handed to the socket. */
  arrivedUs: number[];
  finishedUs: number[];
  gc: { startUs: number; endUs: number }[];
}

/** Records requests to paths starting with `prefix` on `http`, and GC pauses, until `stop()`. */
export function recordServerMarks(http: Server, prefix: string): { stop(): ServerMarks } {
  const marks: ServerMarks = { arrivedUs: [], finishedUs: [], gc: [] };
  const onRequest = (req: { url?: string }, res: { once(e: 'finish', f: () => void): void }) => {
    // First of the server's listeners (prepended): Express has not yet cut its mount path off req.url.
    if (!req.url?.startsWith(prefix)) return;
    marks.arrivedUs.push(monoUs());
    res.once('finish', () => marks.finishedUs.push(monoUs()));
  };
  // performance.now()'s origin on the monotonic clock, to place the GC entries.
  const originUs = monoUs() - performance.now() * 1000;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      marks.gc.push({ startUs: originUs + e.startTime * 1000, endUs: originUs + (e.startTime + e.duration) * 1000 });
  });
  obs.observe({ entryTypes: ['gc'] });
  http.prependListener('request', onRequest);
  return {
    stop() {
      http.off('request', onRequest);
      obs.disconnect();
      return marks;
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** What a stack (root first) was doing, by the first rule that matches any of its frames. */
const RULES: [string, (f: ProfileNode['callFrame']) => boolean][] = [
  ['gc', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
  ['program', (f) => f.functionName === '(program)'],
  ['checkpoint writer', (f) => f.url.includes('/server/replay/')],
  ['heap mode', (f) => f.url.includes('/server/heap-mode')],
  ['flush or clock tick', (f) => f.url.includes('/server/scheduler') || f.url.includes('/server/realtime/')],
  ['overview rebuild', (f) => f.functionName === 'overviewFigures' || f.functionName === 'overviewBytes'],
  ['detail worker', (f) => f.url.includes('/server/http/detail-')],
  ['projection writer messages', (f) => f.url.includes('/server/projection/')],
  ['engine', (f) => f.url.includes('/server/metrics/')],
  [
    'http',
    (f) =>
      /node:_http|node:net|node:internal\/(stream|http|streams)|node_modules\/(express|helmet|compression|router|cookie|on-finished|finalhandler|send)/.test(
        f.url,
      ) || f.url.includes('/server/http/'),
  ],
];

/** A category per profile node, from its whole stack. */
function categorise(profile: CpuProfile): Map<number, string> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<number, string>();
  for (const n of profile.nodes) {
    const stack: ProfileNode['callFrame'][] = [];
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!.callFrame);
    const rule = RULES.find(([, test]) => stack.some(test));
    const top = stack.find((f) => f.url && !f.url.startsWith('node:'));
    out.set(n.id, rule?.[0] ?? (top ? `other: ${top.url.replace(/^.*\/(server|node_modules)\//, '$1/')}` : 'other: node'));
  }
  return out;
}

/** Each sample's time (µs, monotonic) and category, in order; a sample stands for the time to the next one. */
function samplesOf(profile: CpuProfile): { atUs: number[]; spanUs: number[]; category: string[] } {
  const cat = categorise(profile);
  const atUs: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) atUs.push((t += d));
  const spanUs = atUs.map((a, i) => Math.min(2_000, (atUs[i + 1] ?? a) - a));
  return { atUs, spanUs, category: profile.samples.map((id) => cat.get(id) ?? '?') };
}

export interface ClientStamps {
  startUs: number[];
  endUs: number[];
}

/** Per category: ms sampled during slow requests, and in how many of them it was the largest other than the request's own. */
export function slowRequestReport(client: ClientStamps, server: ServerMarks, profile?: CpuProfile, slowMs = SLOW_MS) {
  const n = client.startUs.length;
  const slow = [...Array(n).keys()].filter((i) => (client.endUs[i] - client.startUs[i]) / 1000 > slowMs);
  // Sequential requests on one connection: the server's marks are in the client's order.
  const aligned = server.arrivedUs.length === n && server.finishedUs.length === n;
  const gcMsIn = (a: number, b: number) =>
    server.gc.reduce((s, g) => s + Math.max(0, Math.min(b, g.endUs) - Math.max(a, g.startUs)), 0) / 1000;
  const samples = profile ? samplesOf(profile) : null;
  const own = new Set(['http', 'idle', 'overview rebuild']);
  const byCategory: Record<string, { ms: number; largestIn: number }> = {};
  const worst = slow
    .map((i) => {
      const [a, b] = [client.startUs[i], client.endUs[i]];
      const cats: Record<string, number> = {};
      if (samples)
        for (let k = lowerBound(samples.atUs, a); k < samples.atUs.length && samples.atUs[k] < b; k++)
          cats[samples.category[k]] = (cats[samples.category[k]] ?? 0) + samples.spanUs[k] / 1000;
      const other = Object.entries(cats)
        .filter(([c]) => !own.has(c))
        .sort((x, y) => y[1] - x[1]);
      for (const [c, ms] of Object.entries(cats)) (byCategory[c] ??= { ms: 0, largestIn: 0 }).ms += ms;
      if (other[0]) byCategory[other[0][0]].largestIn++;
      return {
        ms: round((b - a) / 1000, 2),
        queuedMs: aligned ? round((server.arrivedUs[i] - a) / 1000, 2) : null,
        serverMs: aligned ? round((server.finishedUs[i] - server.arrivedUs[i]) / 1000, 2) : null,
        // From the answer handed to the socket to its last byte read by the client: the client's side.
        clientMs: aligned ? round((b - server.finishedUs[i]) / 1000, 2) : null,
        gcMs: round(gcMsIn(a, b), 2),
        sampled: Object.fromEntries(Object.entries(cats).map(([c, ms]) => [c, round(ms, 2)])),
      };
    })
    .sort((x, y) => y.ms - x.ms);
  const med = (f: (w: (typeof worst)[number]) => number | null) => round(summarize(worst.map((w) => f(w) ?? NaN)).p50, 2);
  return {
    thresholdMs: slowMs,
    slow: slow.length,
    of: n,
    serverMarks: { aligned, arrived: server.arrivedUs.length, finished: server.finishedUs.length },
    withGc: worst.filter((w) => w.gcMs > 0).length,
    // Slow on the server's side: over the threshold from the request's start to its answer handed to the socket.
    slowAtServer: aligned ? worst.filter((w) => (w.queuedMs ?? 0) + (w.serverMs ?? 0) > slowMs).length : null,
    medianMs: {
      total: med((w) => w.ms),
      queued: med((w) => w.queuedMs),
      server: med((w) => w.serverMs),
      client: med((w) => w.clientMs),
      gc: med((w) => w.gcMs),
    },
    byCategory: Object.fromEntries(
      Object.entries(byCategory)
        .sort((x, y) => y[1].ms - x[1].ms)
        .map(([c, v]) => [c, { ms: round(v.ms, 1), largestIn: v.largestIn }]),
    ),
    worst: worst.slice(0, 8),
  };
}

function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
