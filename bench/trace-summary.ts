/**
 * Where a page's main thread spent a Chromium trace (devtools.timeline, e.g. from `bench/map-frames.ts
 * --trace`): the time of each kind of event (script, style, layout, paint, …) on the renderer's main
 * thread, self time (a child's time is not counted again in its parent), and how many of each.
 * With a mark's name (e.g. `bdt:polygons`, from `bench/page-load-breakdown.ts --trace`), also the main thread's
 * busy time and CPU time (trace events' thread time: comparable under load, unlike wall time) before it.
 * Run: npx tsx bench/trace-summary.ts TRACE.json [MARK]
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { startTime?: number } };
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/trace-summary.ts TRACE.json');
const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(raw) ? raw : raw.traceEvents;

// The renderer's main thread is named CrRendererMain (one page: the thread with the most complete events).
const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const count = (pid: number, tid: number) => events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').length;
const main = mains.sort((a, b) => count(b.pid, b.tid) - count(a.pid, a.tid))[0];
if (!main) throw new Error('no CrRendererMain thread in the trace');
const onMain = events
  .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

/** Self time per event name: each event's duration less its direct children's. */
const self = new Map<string, { ms: number; n: number }>();
const stack: TraceEvent[] = [];
const childTime = new Map<TraceEvent, number>();
const close = (e: TraceEvent) => {
  const s = self.get(e.name) ?? { ms: 0, n: 0 };
  s.ms += (e.dur! - (childTime.get(e) ?? 0)) / 1000;
  s.n += 1;
  self.set(e.name, s);
};
for (const e of onMain) {
  while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) close(stack.pop()!);
  const parent = stack[stack.length - 1];
  if (parent) childTime.set(parent, (childTime.get(parent) ?? 0) + e.dur!);
  stack.push(e);
}
while (stack.length) close(stack.pop()!);
const first = onMain[0]?.ts ?? 0;
const last = onMain.reduce((m, e) => Math.max(m, e.ts + e.dur!), first);
const rows = [...self].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
console.log(`main thread, ${((last - first) / 1e6).toFixed(1)} s of trace`);
for (const [name, s] of rows) console.log(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(6)}×  ${name}`);

const markName = process.argv[3];
if (markName) {
  const mark = events.find((e) => e.name === markName && e.pid === main.pid);
  if (!mark) throw new Error(`no mark ${markName} in the trace`);
  // Top-level events only (a child's time is its parent's), from the page's navigation (the mark's own clock).
  const navAt = mark.ts - (mark.args?.data?.startTime ?? 0) * 1000;
  let end = 0;
  let busy = 0;
  let cpu = 0;
  for (const e of onMain) {
    if (e.ts < navAt || e.ts >= mark.ts || e.ts < end) continue;
    end = e.ts + e.dur!;
    busy += e.dur!;
    cpu += e.tdur ?? 0;
  }
  console.log(
    `until ${markName} (${((mark.ts - navAt) / 1000).toFixed(0)} ms): main thread busy ${(busy / 1000).toFixed(0)} ms, CPU ${(cpu / 1000).toFixed(0)} ms`,
  );
}
