/**
 * Attributes the difference between two kinds of runs (e.g. a writer on and off) per function: the
 * sampling profiles of each kind summed, then one kind's milliseconds minus the other's, self time by
 * function and inclusive time of the project's own functions (server/). Main thread only (the
 * inspector samples it); threadCpuMs splits the process's CPU into the main thread and the others
 * (libuv's pool: compression; V8's helpers: GC; worker threads: projections).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CpuProfile } from './lib.js';
import { round } from './lib.js';

/** CPU ms of this process's main thread and of all its other threads together (Linux /proc). */
export function threadCpuMs(): { main: number; other: number } {
  let main = 0;
  let other = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    if (Number(tid) === process.pid) main += ms;
    else other += ms;
  }
  return { main, other };
}

type FnMs = Map<string, number>;

const shortUrl = (url: string) => {
  const p = url.replace(/^file:\/\//, '');
  const at = p.lastIndexOf('/server/');
  if (at >= 0) return p.slice(at + 1);
  const nm = p.lastIndexOf('node_modules/');
  return nm >= 0 ? p.slice(nm + 'node_modules/'.length) : p;
};

/** Self and inclusive (server/ functions, once per stack) ms by function of one profile. */
export function profileMaps(profile: CpuProfile): { self: FnMs; inclusive: FnMs; totalMs: number } {
  type Node = CpuProfile['nodes'][number];
  const byId = new Map<number, Node>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url ? ` ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`;
  const self: FnMs = new Map();
  const inclusive: FnMs = new Map();
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i])!;
    if (leaf.callFrame.functionName === '(idle)') continue;
    totalMs += ms;
    const k = keyOf(leaf);
    self.set(k, (self.get(k) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = leaf.id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const u = n.callFrame.url;
      if (!u.includes('/server/') || u.includes('node_modules')) continue;
      const key = keyOf(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  return { self, inclusive, totalMs };
}

function add(into: FnMs, from: FnMs, sign: number): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + sign * v);
}

export interface ProfileDiff {
  /** Main-thread ms sampled (no idle), per run of each kind. */
  aMsPerRun: number;
  bMsPerRun: number;
  /** Largest differences a − b per run, self time by function. */
  self: { fn: string; ms: number }[];
  /** Largest differences a − b per run, inclusive time of server/ functions. */
  inclusive: { fn: string; ms: number }[];
  /** The inclusive differences of the functions whose name or file matches `focus` (all of them, largest first). */
  focus: { fn: string; ms: number }[];
}

/** The per-run difference a − b by function (each kind's profiles summed), the `top` largest either way. */
export function diffProfiles(a: readonly CpuProfile[], b: readonly CpuProfile[], focus = /replay/, top = 25): ProfileDiff {
  const self: FnMs = new Map();
  const inclusive: FnMs = new Map();
  let aMs = 0;
  let bMs = 0;
  for (const [list, sign] of [
    [a, 1],
    [b, -1],
  ] as const)
    for (const p of list) {
      const m = profileMaps(p);
      add(self, m.self, sign / list.length);
      add(inclusive, m.inclusive, sign / list.length);
      if (sign > 0) aMs += m.totalMs / list.length;
      else bMs += m.totalMs / list.length;
    }
  const largest = (m: FnMs, n = top) =>
    [...m]
      .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))
      .slice(0, n)
      .map(([fn, ms]) => ({ fn, ms: round(ms, 1) }));
  const focused = new Map([...inclusive].filter(([fn, ms]) => focus.test(fn) && Math.abs(ms) >= 0.5));
  return {
    aMsPerRun: round(aMs, 0),
    bMsPerRun: round(bMs, 0),
    self: largest(self),
    inclusive: largest(inclusive),
    focus: largest(focused, focused.size),
  };
}
