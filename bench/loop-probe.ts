/**
 * What a phase of an in-process benchmark is made of on the main thread: its CPU (the main thread's
 * own, from /proc, not the process's: the projection writer and the workers are other threads), V8's
 * collection pauses (count, total, longest, by kind), the event loop's delay (how late a timer ran),
 * and optionally a CPU profile of just that phase (node:inspector, written as a .cpuprofile that
 * Chrome DevTools opens).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import { round } from './lib.js';

/** The main thread's CPU time in ms (its task in /proc has the process's id; clock ticks of 10 ms). */
export function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

export interface MainThreadProbe {
  mainThreadCpuMs: number;
  gc: { count: number; totalMs: number; maxMs: number; byKind: Record<string, { count: number; totalMs: number }> };
  loopDelayMs: { p50: number; p99: number; max: number };
}

/** Runs `fn` and reports its main thread's CPU, GC pauses and loop delay; `profileFile`: a CPU profile of it. */
export async function probeMainThread<T>(fn: () => Promise<T>, profileFile?: string): Promise<{ result: T; probe: MainThreadProbe }> {
  const pauses: { kind: string; ms: number }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1;
      pauses.push({ kind: GC_KINDS[kind] ?? String(kind), ms: e.duration });
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let session: Session | null = null;
  if (profileFile) {
    session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
  }
  delay.enable();
  const c0 = mainThreadCpuMs();
  const result = await fn();
  const cpu = mainThreadCpuMs() - c0;
  delay.disable();
  if (session && profileFile) {
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    session.disconnect();
  }
  // Entries of the last collections arrive on a later tick.
  await new Promise((r) => setImmediate(r));
  obs.disconnect();
  const byKind: MainThreadProbe['gc']['byKind'] = {};
  for (const p of pauses) {
    const k = (byKind[p.kind] ??= { count: 0, totalMs: 0 });
    k.count++;
    k.totalMs = round(k.totalMs + p.ms, 2);
  }
  const ms = (ns: number) => round(ns / 1e6, 2);
  return {
    result,
    probe: {
      mainThreadCpuMs: cpu,
      gc: {
        count: pauses.length,
        totalMs: round(
          pauses.reduce((s, p) => s + p.ms, 0),
          1,
        ),
        maxMs: round(Math.max(0, ...pauses.map((p) => p.ms)), 2),
        byKind,
      },
      loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    },
  };
}
