/**
 * The time machine's targets (issue 16) on a seeded log: `--days` of the demo city at `--scale` of the
 * real volume (1 ≈ 15,000 dossiers a working day; `npm start` seeds 35 days at 0.1), logged with
 * realistic arrivals (most within minutes, every 9th hours to days late, every 13th 20 minutes early),
 * all of it indexed by item (the projection writer caught up). Then:
 * - the checkpoint writer catches up over the whole log (its CPU time against the log's events);
 * - storage: checkpoints' stored bytes against the event log's pages;
 * - cold: a new state-at per request (nothing kept), random T over the log, as received and as corrected,
 *   each answered as the overview reads it (metrics of the city and every unit); wall and CPU time (the
 *   process's, GC threads included: on a loaded machine the comparable figure);
 * - playing: from a cold T, the next hours one after another, as received.
 *   npx tsx bench/replay.ts [--days 35] [--scale 0.1] [--samples 40] [--play 12] [--moments samples/8] [--seed 7]
 * --seeded 1: the whole log arrives at its end, as `npm start`'s seeded history (as corrected then
 *   starts from the history's checkpoints by event time; as received, nothing had arrived).
 * --repeat K: each cold T asked K times (each with a new state-at), the least CPU of them kept (loaded machine).
 * --db FILE: the log and its checkpoints kept in FILE, reused when it exists (same --days/--scale/--seeded).
 * Each checkpoint's restored counters are written after the checkpoints (those missing), as the server writes
 *   them: when the log's end holds COUNTERS_MIN_OPEN open dossiers (--counters auto); --counters on: always;
 *   --counters rewrite: all of them again (their format changed), the checkpoints kept; --counters off: none.
 * --restore 0: cold moments load their checkpoint whole, ignoring its counters (the path before them).
 * --mode ingest: the checkpoint writer's effect on live ingest instead (bench/replay-ingest.ts).
 * --profile received|corrected: then `--samples` more cold requests of that mode under the sampling
 *   profiler (their summary in the result; not counted in the figures).
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { openDatabase } from '../server/db/connection.js';
import { createStore, type Store } from '../server/db/store.js';
import { MS_PER_DAY, vnStartOfDay } from '../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../server/domain/types.js';
import '../server/domain/wire-schemas.js';
import { loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { hashSourceKey } from '../server/ingest/keys.js';
import type { ScopeKey } from '../server/metrics/types.js';
import { createCheckpointWriter, REPLAY_CHECKPOINTS } from '../server/replay/checkpoint-writer.js';
import { countersPay, createCountersWriter } from '../server/replay/counters-writer.js';
import { checkpointFromChain } from '../server/metrics/replay-delta.js';
import { isOpenDossier } from '../server/metrics/replay-state.js';
import { createStateAt, scopeKeysOf, type AsOf } from '../server/replay/state-at.js';
import { createCityGenerator } from '../server/simulator/generator.js';
import { dossiersPerWorkingDayOf } from '../server/simulator/jurisdiction-volume.js';
import { loadProcedures } from '../server/simulator/procedures.js';
import { main as ingestMain } from './replay-ingest.js';
import { cpuMs, isMain, log, numArg, percentile, round, runMain, summarizeProfile, tempDir, withCpuProfile } from './lib.js';

const HOUR = 3_600_000;
const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();

/** The property test's spread of arrival delays (tests/server/replay/state-at.property.test.ts). */
function delayOf(i: number): number {
  if (i % 13 === 0) return -20 * 60_000;
  if (i % 9 === 0) return (6 + (i % 43)) * HOUR;
  return (i % 7) * 60_000;
}

/**
 * Logs the city's events from `from` to `to` in arrival order; those about times before `seededAt` (if
 * given) all arrive at that instant, as `npm start`'s seeded history does.
 */
export function fillLog(store: Store, from: number, to: number, scale: number, seed: number, seededAt?: number): number {
  const gen = createCityGenerator({
    seed,
    jurisdiction,
    procedures: loadProcedures(),
    calendar,
    officeHours: settings.officeHours,
    scale,
    badEventRate: 0,
    model: { dossiersPerWorkingDay: dossiersPerWorkingDayOf(jurisdiction) },
  });
  const { dossiers, tasks } = gen.generate(from, to);
  const source = store.sources.create('bench', 'dossier', hashSourceKey('b'.repeat(24)), from);
  const rows = [
    ...dossiers.map((e) => ({ kind: 'dossier' as const, item: e.dossierId, id: e.id, type: e.type, at: Date.parse(e.at), e })),
    ...tasks.map((e) => ({ kind: 'task' as const, item: e.taskId, id: e.id, type: e.type, at: Date.parse(e.at), e })),
  ].map((r, i) => ({
    ...r,
    arrived: seededAt !== undefined && r.at < seededAt ? seededAt : Math.max(r.at + delayOf(i), seededAt ?? -Infinity),
  }));
  rows.sort((a, b) => a.arrived - b.arrived);
  for (let i = 0; i < rows.length; i += 20_000)
    store.transaction(() => {
      for (const r of rows.slice(i, i + 20_000))
        store.events.append(source.id, r.id, r.kind, r.item, r.type, r.at, r.arrived, JSON.stringify(r.e));
    });
  // A server whose projection writer has caught up: every event indexed by item.
  store.events.indexRange(0, rows.length);
  store.meta.set('projections.seq', String(rows.length));
  return rows.length;
}

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const p = (xs: number[], q: number) =>
  round(
    percentile(
      [...xs].sort((a, b) => a - b),
      q,
    ),
  );

export async function main(args: Map<string, string>) {
  if (args.get('mode') === 'ingest') return ingestMain(args);
  const days = numArg(args, 'days', 35);
  const scale = numArg(args, 'scale', 0.1);
  const samples = numArg(args, 'samples', 40);
  const play = numArg(args, 'play', 12);
  const seed = numArg(args, 'seed', 7);
  // --db FILE: keep the filled log and its checkpoints there, and reuse them on the next run (profiling).
  const kept = args.get('db');
  const reuse = kept !== undefined && existsSync(kept);
  const tmp = tempDir('bench-replay-');
  const store = createStore(openDatabase(kept ?? join(tmp.dir, 'r.db')));
  const to = vnStartOfDay(Date.parse('2026-12-07T00:00:00+07:00')) + 10 * HOUR;
  const from = vnStartOfDay(to) - days * MS_PER_DAY;
  let t0 = performance.now();
  const seeded = numArg(args, 'seeded', 0) === 1;
  const events = reuse ? store.replay.maxSeq() : fillLog(store, from, to, scale, seed, seeded ? to : undefined);
  log(`logged ${events} events in ${Math.round(performance.now() - t0)} ms`);

  const writer = createCheckpointWriter({
    repo: store.replay,
    ctx: { calendar, settings },
    transaction: (fn) => store.transaction(fn),
    ...REPLAY_CHECKPOINTS,
    sliceItems: 1_000,
  });
  t0 = performance.now();
  const cpu0 = cpuMs();
  const written = await writer.catchUp();
  const writerCpuMs = cpuMs() - cpu0;
  log(`${written} checkpoints in ${Math.round(performance.now() - t0)} ms`);
  const scopes = ['city' as ScopeKey, ...scopeKeysOf(jurisdiction)];
  const scopeOf = (code: string): ScopeKey | null =>
    jurisdiction.units.some((u) => u.code === code)
      ? `unit:${code}`
      : jurisdiction.departments.some((d) => d.code === code)
        ? `department:${code}`
        : null;
  // Each checkpoint's restored counters (replay/counters-writer.ts). --counters auto (default): as the server
  // writes them, when the city's open dossiers at the log's end make them pay (countersPay); on: always;
  // rewrite: all of them again (a kept log whose counters' format changed), not the checkpoints; off: none.
  const countersMode = args.get('counters') ?? 'auto';
  if (countersMode === 'rewrite') store.replay.clearCounters();
  const lastMark = store.replay.latest();
  const openAtEnd = lastMark
    ? [...checkpointFromChain(store.replay.atOrBefore(lastMark.at)!.chain).openDossiers.values()].filter(isOpenDossier).length
    : 0;
  const writeCounters = countersMode === 'on' || countersMode === 'rewrite' || (countersMode === 'auto' && countersPay(openAtEnd));
  const countersWriter = createCountersWriter({
    repo: store.replay,
    engine: { calendar, settings, scopeOf, scopes: scopeKeysOf(jurisdiction) },
    transaction: (fn) => store.transaction(fn),
    horizonMs: 2 * REPLAY_CHECKPOINTS.everyMs,
  });
  t0 = performance.now();
  const cpu1 = cpuMs();
  const countersWritten = writeCounters ? await countersWriter.catchUp() : 0;
  const countersCpuMs = cpuMs() - cpu1;
  log(`${countersWritten} checkpoints' counters in ${Math.round(performance.now() - t0)} ms`);
  const counters = store.replay.countersSizes();
  const sizes = store.replay.sizes();
  const logBytes = store.replay.logBytes() ?? 0;
  // The late events' index and the history's checkpoints count as the time machine's storage too.
  const lateBytes = store.replay.lateBytes();

  // --restore 0: every checkpoint loaded whole, its counters ignored (the path before them: A/B on one file).
  const restore = numArg(args, 'restore', 1) === 1;
  const newStateAt = () =>
    createStateAt({ repo: store.replay, calendar, settings, scopeOf, scopes: scopeKeysOf(jurisdiction), maxItems: 1e9, restore });
  /** An overview's read at T: the state, then the city's and every unit's metrics (month). */
  const overview = (s: ReturnType<typeof newStateAt>, t: number, asOf: AsOf) => {
    const r = s.stateAt(t, asOf);
    for (const scope of scopes) r.engine.metrics(scope, 'month');
    return r;
  };

  const random = rng(seed);
  const cold: Record<AsOf, number[]> = { received: [], corrected: [] };
  const coldCpu: Record<AsOf, number[]> = { received: [], corrected: [] };
  const folded: Record<AsOf, number[]> = { received: [], corrected: [] };
  // --repeat k: each T asked k times, each cold; its least CPU kept (the figure least disturbed by load).
  const repeat = numArg(args, 'repeat', 1);
  for (let i = 0; i < samples; i++)
    for (const asOf of ['received', 'corrected'] as const) {
      const t = Math.floor(from + HOUR + random() * (to - from - HOUR));
      let best = { cpu: Infinity, wall: Infinity, items: 0 };
      for (let k = 0; k < repeat; k++) {
        const s = newStateAt();
        const a = performance.now();
        const c = cpuMs();
        const r = overview(s, t, asOf);
        const cpu = cpuMs() - c;
        if (cpu < best.cpu) best = { cpu, wall: performance.now() - a, items: r.itemsFolded };
      }
      coldCpu[asOf].push(best.cpu);
      cold[asOf].push(best.wall);
      folded[asOf].push(best.items);
    }
  const profiled = await profileCold(
    args.get('profile'),
    samples,
    () => {
      const t = Math.floor(from + HOUR + random() * (to - from - HOUR));
      return { s: newStateAt(), t };
    },
    overview,
  );
  const play_ = playHours(
    numArg(args, 'moments', Math.max(1, Math.floor(samples / 8))),
    play,
    () => {
      const start = Math.floor(from + HOUR + random() * (to - from - (play + 1) * HOUR));
      return { s: newStateAt(), start };
    },
    overview,
  );
  store.close();
  tmp.remove();
  const summary = (xs: number[]) => ({ p50: p(xs, 50), p95: p(xs, 95), max: round(Math.max(...xs)) });
  return {
    days,
    scale,
    events,
    seeded,
    checkpoints: {
      written,
      ...sizes,
      logBytes,
      lateBytes,
      counters,
      storedOverLog: round((sizes.stored + lateBytes + counters.stored) / logBytes, 4),
      writerCpuMs: Math.round(writerCpuMs),
      countersCpuMs: Math.round(countersCpuMs),
    },
    restore,
    writerCpuUsPerEvent: round((writerCpuMs * 1000) / events, 2),
    coldMs: { received: summary(cold.received), corrected: summary(cold.corrected) },
    coldCpuMs: { received: summary(coldCpu.received), corrected: summary(coldCpu.corrected) },
    itemsFolded: { received: summary(folded.received), corrected: summary(folded.corrected) },
    nextHourMs: summary(play_.wall),
    nextHourCpuMs: summary(play_.cpu),
    // The steps over 50 ms (wall): when, what they folded, whether a checkpoint was passed.
    slowSteps: play_.slow,
    ...(profiled ? { profile: profiled } : {}),
  };
}

/**
 * Playing: `moments` cold T, each followed by the next `play` hours as received on the same state-at;
 * each step's wall and CPU time, and the steps over 50 ms tagged.
 */
function playHours<S>(
  moments: number,
  play: number,
  next: () => { s: S; start: number },
  overview: (s: S, t: number, asOf: AsOf) => { itemsFolded: number; checkpointAt: number | null },
) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const slow: { at: string; wallMs: number; cpuMs: number; items: number; newCheckpoint: boolean }[] = [];
  for (let i = 0; i < moments; i++) {
    const { s, start } = next();
    let checkpointAt = overview(s, start, 'received').checkpointAt;
    for (let h = 1; h <= play; h++) {
      const a = performance.now();
      const c = cpuMs();
      const r = overview(s, start + h * HOUR, 'received');
      cpu.push(cpuMs() - c);
      wall.push(performance.now() - a);
      if (wall[wall.length - 1] > 50)
        slow.push({
          at: new Date(start + h * HOUR).toISOString(),
          wallMs: round(wall[wall.length - 1]),
          cpuMs: round(cpu[cpu.length - 1]),
          items: r.itemsFolded,
          newCheckpoint: r.checkpointAt !== checkpointAt,
        });
      checkpointAt = r.checkpointAt;
    }
  }
  return { wall, cpu, slow };
}

/** `samples` cold requests as `asOf` under the sampling profiler (none without a mode): its summary. */
async function profileCold<S>(
  asOf: string | undefined,
  samples: number,
  next: () => { s: S; t: number },
  overview: (s: S, t: number, asOf: AsOf) => unknown,
) {
  if (asOf !== 'received' && asOf !== 'corrected') return null;
  const { profile } = await withCpuProfile(async () => {
    for (let i = 0; i < samples; i++) {
      const { s, t } = next();
      overview(s, t, asOf);
    }
  }, 200);
  return summarizeProfile(profile, 30);
}

if (isMain(import.meta.url)) await runMain('replay', main);
