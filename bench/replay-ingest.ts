/**
 * The time machine's effect on live ingest (issue 16: ≤ 5 %): the same events ingested in-process
 * (runtime.ingest, as ingest-http's direct mode) with the checkpoint writer on and off, in alternated
 * pairs, each run on a fresh database. The clock follows the events' own time (each batch arrives a
 * minute after its last event), so the writer finds a checkpoint due every 2 hours of log time as it
 * would live; on, it looks for work every --period-ms of real time (live: 30 s for 2 hours of log).
 * Each run: process CPU (every thread: projections, compression) per event, and events/s, from the
 * second batch (the first is the log's history, in before the measure) until the projections and (on) the checkpoints due have caught up.
 * Also each run's main thread against its other threads (CPU per event), and with --profile 1 every
 * run under the sampling profiler: the on − off difference per function (bench/profile-diff.ts).
 *   npx tsx bench/replay-ingest.ts [--days 4] [--scale 0.1] [--pairs 4] [--batch 500] [--period-ms 200] [--profile 1]
 */
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { Clock } from '../server/clock.js';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { MS_PER_DAY, vnStartOfDay } from '../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import { loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { generateSourceKey, hashSourceKey } from '../server/ingest/keys.js';
import { createLogger } from '../server/logger.js';
import { REPLAY_CHECKPOINTS } from '../server/replay/checkpoint-writer.js';
import { createRuntime } from '../server/runtime.js';
import { createCityGenerator } from '../server/simulator/generator.js';
import { dossiersPerWorkingDayOf } from '../server/simulator/jurisdiction-volume.js';
import { loadProcedures } from '../server/simulator/procedures.js';
import { cpuMs, isMain, log, median, numArg, round, runMain, tempDir, withCpuProfile, type CpuProfile } from './lib.js';
import { diffProfiles, threadCpuMs } from './profile-diff.js';

const MINUTE = 60_000;
const VN_OFFSET_MS = 7 * 3_600_000;

interface Batch {
  arrivesAt: number;
  dossiers: unknown[];
  tasks: unknown[];
}

/** The city's events from `from` to `to` in time order, cut into batches of `size`. */
function batchesOf(from: number, to: number, scale: number, size: number): { batches: Batch[]; events: number } {
  const settings = DEFAULT_DOMAIN_SETTINGS;
  const jurisdiction = loadJurisdiction();
  const gen = createCityGenerator({
    seed: 11,
    jurisdiction,
    procedures: loadProcedures(),
    calendar: loadWorkCalendar(undefined, settings.officeHours),
    officeHours: settings.officeHours,
    scale,
    badEventRate: 0,
    model: { dossiersPerWorkingDay: dossiersPerWorkingDayOf(jurisdiction) },
  });
  const { dossiers, tasks } = gen.generate(from, to);
  const all = [
    ...dossiers.map((e) => ({ kind: 'dossier' as const, at: Date.parse(e.at), e })),
    ...tasks.map((e) => ({ kind: 'task' as const, at: Date.parse(e.at), e })),
  ].sort((a, b) => a.at - b.at);
  const batches: Batch[] = [];
  for (let i = 0; i < all.length; i += size) {
    const part = all.slice(i, i + size);
    batches.push({
      arrivesAt: part[part.length - 1].at + MINUTE,
      dossiers: part.filter((x) => x.kind === 'dossier').map((x) => x.e),
      tasks: part.filter((x) => x.kind === 'task').map((x) => x.e),
    });
  }
  return { batches, events: all.length };
}

/** The last checkpoint instant the writer settles by `lastArrival`. */
function lastDue(lastArrival: number): number {
  const { everyMs, settleMs } = REPLAY_CHECKPOINTS;
  return Math.floor((lastArrival - settleMs + VN_OFFSET_MS) / everyMs) * everyMs - VN_OFFSET_MS;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RunResult {
  cpuUsPerEvent: number;
  /** Of cpuUsPerEvent: the main thread's, and every other thread's (compression, GC helpers, projections). */
  mainUsPerEvent: number;
  otherUsPerEvent: number;
  /** The main thread's GC pauses (the gc performance entries), µs per event. */
  gcUsPerEvent: number;
  eventsPerS: number;
  profile?: CpuProfile;
}

/** One run on a fresh database: CPU ms and wall ms until everything written behind has caught up. */
async function run(batches: Batch[], events: number, writerOn: boolean, periodMs: number, profile: boolean): Promise<RunResult> {
  const tmp = tempDir('bench-replay-ingest-');
  let now = batches[0].arrivesAt - MINUTE;
  const clock: Clock = { now: () => now };
  const runtime = createRuntime({
    dbFile: join(tmp.dir, 'r.db'),
    clock,
    authClock: { now: () => Date.now() },
    logger: createLogger(process.env.LOG_LEVEL ?? 'silent'),
    build: 'bench',
    clientDir: null,
    boundariesDir: join(tmp.dir, 'boundaries'),
    replayCheckpointPeriodMs: writerOn ? periodMs : 0,
  });
  await runtime.projections.recovered;
  const dossierSource = runtime.store.sources.upsertKey('d', 'dossier', hashSourceKey(generateSourceKey()), now);
  const taskSource = runtime.store.sources.upsertKey('t', 'task', hashSourceKey(generateSourceKey()), now);
  const ingest = async (b: Batch) => {
    now = b.arrivesAt;
    if (b.dossiers.length) runtime.ingest.ingest(dossierSource, 'dossier', b.dossiers);
    if (b.tasks.length) runtime.ingest.ingest(taskSource, 'task', b.tasks);
    await new Promise<void>((resolve) => setImmediate(resolve)); // timers run, as between live batches
  };
  // A live server's log is not empty and its writer is at the log's head when events come: the first
  // batch (all of it before the log's first arrival: history, whose checkpoints are written once per
  // log) goes in before the measure, and the writer catches up with it.
  await ingest(batches[0]);
  runtime.projections.sync();
  if (writerOn) await runtime.replay.catchUp();
  const measure = async () => {
    for (const b of batches.slice(1)) await ingest(b);
    runtime.projections.sync();
    const due = lastDue(now);
    const firstDue =
      Math.ceil((batches[0].arrivesAt + VN_OFFSET_MS) / REPLAY_CHECKPOINTS.everyMs) * REPLAY_CHECKPOINTS.everyMs - VN_OFFSET_MS;
    if (due < firstDue) throw new Error('the events span no checkpoint: ask for more --days');
    for (let waited = 0; writerOn && (runtime.store.replay.latest()?.at ?? -Infinity) < due; waited += 20) {
      if (waited > 120_000)
        throw new Error(`the checkpoints did not reach ${new Date(due).toISOString()}: ${JSON.stringify(runtime.store.replay.latest())}`);
      await pause(20);
    }
  };
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const c0 = cpuMs();
  const t0 = threadCpuMs();
  const w0 = performance.now();
  const profiled = profile ? (await withCpuProfile(measure)).profile : (await measure(), undefined);
  const cpu = cpuMs() - c0;
  const t1 = threadCpuMs();
  const wall = performance.now() - w0;
  gc.disconnect();
  await runtime.close();
  tmp.remove();
  const measured = events - batches[0].dossiers.length - batches[0].tasks.length;
  const perEvent = (ms: number) => round((ms * 1000) / measured, 1);
  return {
    cpuUsPerEvent: perEvent(cpu),
    mainUsPerEvent: perEvent(t1.main - t0.main),
    otherUsPerEvent: perEvent(t1.other - t0.other),
    gcUsPerEvent: perEvent(gcMs),
    eventsPerS: Math.round((measured * 1000) / wall),
    ...(profiled ? { profile: profiled } : {}),
  };
}

export async function main(args: Map<string, string>) {
  const days = numArg(args, 'days', 4);
  const scale = numArg(args, 'scale', 0.1);
  const pairs = numArg(args, 'pairs', 4);
  const periodMs = numArg(args, 'period-ms', 200);
  const profile = numArg(args, 'profile', 0) === 1;
  // Working days: the log ends on a Saturday at 00:00.
  const to = vnStartOfDay(Date.parse('2026-12-05T00:00:00+07:00'));
  const { batches, events } = batchesOf(to - days * MS_PER_DAY, to, scale, numArg(args, 'batch', 500));
  log(`${events} events in ${batches.length} batches`);
  const rows: { pair: number; on: RunResult; off: RunResult }[] = [];
  const profiles: { on: CpuProfile[]; off: CpuProfile[] } = { on: [], off: [] };
  for (let i = 0; i < pairs; i++) {
    // Alternated: off first in even pairs, on first in odd ones.
    const first = await run(batches, events, i % 2 === 1, periodMs, profile);
    const second = await run(batches, events, i % 2 === 0, periodMs, profile);
    const [on, off] = i % 2 === 1 ? [first, second] : [second, first];
    const threads = (r: RunResult) => `(main ${r.mainUsPerEvent}, other ${r.otherUsPerEvent}, GC pauses ${r.gcUsPerEvent})`;
    log(
      `pair ${i + 1}: on ${on.cpuUsPerEvent} µs/event ${threads(on)} ${on.eventsPerS}/s, off ${off.cpuUsPerEvent} ${threads(off)} ${off.eventsPerS}/s`,
    );
    for (const kind of ['on', 'off'] as const) {
      const r = kind === 'on' ? on : off;
      if (r.profile) profiles[kind].push(r.profile);
      delete r.profile;
    }
    rows.push({ pair: i + 1, on, off });
  }
  const byRatio = (f: (r: RunResult) => number) => round(median(rows.map((r) => f(r.on) / f(r.off))), 3);
  return {
    days,
    scale,
    events,
    periodMs,
    pairs: rows,
    cpuRatioMedian: round(median(rows.map((r) => r.on.cpuUsPerEvent / r.off.cpuUsPerEvent)), 3),
    throughputRatioMedian: round(median(rows.map((r) => r.on.eventsPerS / r.off.eventsPerS)), 3),
    mainThreadRatioMedian: byRatio((r) => r.mainUsPerEvent),
    otherThreadsRatioMedian: byRatio((r) => r.otherUsPerEvent),
    /** Median of on − off, µs per event: all threads, the main thread, its GC pauses. */
    onMinusOffUsPerEvent: {
      cpu: round(median(rows.map((r) => r.on.cpuUsPerEvent - r.off.cpuUsPerEvent)), 1),
      main: round(median(rows.map((r) => r.on.mainUsPerEvent - r.off.mainUsPerEvent)), 1),
      gc: round(median(rows.map((r) => r.on.gcUsPerEvent - r.off.gcUsPerEvent)), 1),
    },
    ...(profile ? { profileOnMinusOff: diffProfiles(profiles.on, profiles.off) } : {}),
  };
}

if (isMain(import.meta.url)) await runMain('replay-ingest', main);
