/**
 * Checkpoints taken from the live stream (replay/live-follower.ts): a city's days ingested through the
 * real ingest path batch by batch, the clock following the arrivals (late syncs, a source's clock a
 * little ahead), the checkpoint writer run between batches as its timer would. Once it has caught up
 * it follows the applied batches instead of folding the log; the state at T from those checkpoints
 * must equal a from-scratch fold of the log, at every checkpoint's instant and at random T, as
 * received and as corrected; and a restart (a new writer) goes on from the stored chain.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../server/clock.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierState } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';
import { createLogger } from '../../../server/logger.js';
import type { MetricsEngine } from '../../../server/metrics/engine.js';
import { checkpointFromChain } from '../../../server/metrics/replay-delta.js';
import { engineFromCheckpoint, foldForward } from '../../../server/metrics/replay-state.js';
import { PERIODS, type ScopeKey } from '../../../server/metrics/types.js';
import { createCheckpointWriter, REPLAY_CHECKPOINTS } from '../../../server/replay/checkpoint-writer.js';
import { createStateAt, scopeKeysOf, type AsOf } from '../../../server/replay/state-at.js';
import { createRuntime } from '../../../server/runtime.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();
const HOUR = 3_600_000;
const FROM = T0 - 4 * MS_PER_DAY;
const scopes: ScopeKey[] = ['city', ...scopeKeysOf(jurisdiction)];
const unitCodes = new Set(jurisdiction.units.map((u) => u.code));
const departmentCodes = new Set(jurisdiction.departments.map((d) => d.code));
const scopeOf = (code: string): ScopeKey | null =>
  unitCodes.has(code) ? `unit:${code}` : departmentCodes.has(code) ? `department:${code}` : null;

/** Arrival delays: most within minutes, every 9th hours to two days late, every 13th 3 minutes early. */
function delayOf(i: number): number {
  if (i % 13 === 0) return -3 * 60_000;
  if (i % 9 === 0) return (6 + (i % 43)) * HOUR;
  return (i % 7) * 60_000;
}

interface Batch {
  arrivesAt: number;
  dossiers: unknown[];
  tasks: unknown[];
}

/** The city's events grouped by arrival, every 10 minutes of arrival time one batch per kind. */
function batchesOf(): Batch[] {
  const gen = createCityGenerator({ seed: 23, jurisdiction, procedures: loadProcedures(), calendar, scale: 0.01, badEventRate: 0 });
  const { dossiers, tasks } = gen.generate(FROM, T0);
  const rows = [
    ...dossiers.map((e) => ({ kind: 'dossier' as const, at: Date.parse(e.at), e })),
    ...tasks.map((e) => ({ kind: 'task' as const, at: Date.parse(e.at), e })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((r, i) => ({ ...r, arrived: Math.ceil((r.at + delayOf(i)) / (10 * 60_000)) * 10 * 60_000 }));
  const byArrival = new Map<number, Batch>();
  for (const r of rows) {
    let b = byArrival.get(r.arrived);
    if (!b) byArrival.set(r.arrived, (b = { arrivesAt: r.arrived, dossiers: [], tasks: [] }));
    (r.kind === 'dossier' ? b.dossiers : b.tasks).push(r.e);
  }
  return [...byArrival.values()].sort((a, b) => a.arrivesAt - b.arrivesAt);
}

function allMetrics(engine: MetricsEngine) {
  const out: Record<string, unknown> = {};
  for (const scope of ['city', ...jurisdiction.units.map((u) => `unit:${u.code}`)] as ScopeKey[])
    for (const p of PERIODS) out[`${scope}|${p}`] = engine.metrics(scope, p);
  return out;
}

const openStates = (open: Map<string, DossierState>) => [...open.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

describe('checkpoints taken from the live stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-live-'));
  let runtime: ReturnType<typeof createRuntime>;
  let stateAt: ReturnType<typeof createStateAt>;
  let followedBatches = 0;
  let lastArrival = 0;

  beforeAll(async () => {
    const batches = batchesOf();
    let now = batches[0].arrivesAt - 60_000;
    const clock: Clock = { now: () => now };
    runtime = createRuntime({
      dbFile: join(dir, 'r.db'),
      clock,
      authClock: { now: () => Date.now() },
      logger: createLogger('silent'),
      build: 'test',
      clientDir: null,
      boundariesDir: join(dir, 'boundaries'),
      replayCheckpointPeriodMs: 0,
    });
    await runtime.projections.recovered;
    const dossierSource = runtime.store.sources.upsertKey('d', 'dossier', hashSourceKey(generateSourceKey()), now);
    const taskSource = runtime.store.sources.upsertKey('t', 'task', hashSourceKey(generateSourceKey()), now);
    for (const [i, b] of batches.entries()) {
      now = b.arrivesAt;
      if (b.dossiers.length) runtime.ingest.ingest(dossierSource, 'dossier', b.dossiers);
      if (b.tasks.length) runtime.ingest.ingest(taskSource, 'task', b.tasks);
      if (runtime.replay.following()) followedBatches++;
      // The writer's timer, every 40 minutes of arrivals.
      if (i % 4 === 3) await runtime.replay.catchUp();
    }
    lastArrival = now;
    runtime.projections.sync();
    await runtime.replay.catchUp();
    stateAt = createStateAt({ repo: runtime.store.replay, calendar, settings, scopeOf, scopes });
  }, 300_000);
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the applied batches once caught up, and writes a checkpoint every 2 hours of arrivals from them', () => {
    expect(runtime.replay.following()).toBe(true);
    expect(followedBatches).toBeGreaterThan(100);
    const latest = runtime.store.replay.latest();
    expect(latest).not.toBeNull();
    // Every 2 hours passed by a later arrival has its checkpoint.
    expect(lastArrival - (latest as { at: number }).at).toBeLessThanOrEqual(REPLAY_CHECKPOINTS.everyMs);
  });

  it('at every checkpoint taken, the state equals a fold of the log received by then', () => {
    const repo = runtime.store.replay;
    const engineDeps = { calendar, settings, scopeOf, scopes };
    const first = repo.firstReceivedAt() as number;
    // The checkpoints' grid: every 2 hours from Vietnam's midnight (UTC+7).
    let checked = 0;
    for (let t = Math.ceil((first + 7 * HOUR) / (2 * HOUR)) * 2 * HOUR - 7 * HOUR; t < lastArrival; t += 2 * HOUR, checked++) {
      const stored = repo.atOrBefore(t);
      expect(stored?.at).toBe(t);
      expect(stored?.seq).toBe(repo.receivedBy(0, t));
      const fromCheckpoint = engineFromCheckpoint(checkpointFromChain(stored!.chain), engineDeps);
      foldForward(fromCheckpoint, t, []);
      const scratch = stateAt.fromScratch(t, 'received');
      expect(allMetrics(fromCheckpoint.engine)).toEqual(allMetrics(scratch.engine));
      expect(openStates(fromCheckpoint.open)).toEqual(openStates(scratch.open));
    }
    expect(checked).toBeGreaterThan(40);
  }, 300_000);

  it('at random T, from the nearest checkpoint, equals a fold of the whole log, as received and as corrected', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: lastArrival }), fc.constantFrom<AsOf>('received', 'corrected'), (t, asOf) => {
        const fromCheckpoint = stateAt.stateAt(t, asOf);
        const scratch = stateAt.fromScratch(t, asOf);
        expect(allMetrics(fromCheckpoint.engine)).toEqual(allMetrics(scratch.engine));
        expect(openStates(fromCheckpoint.open)).toEqual(openStates(scratch.open));
      }),
      { numRuns: 16 },
    );
  }, 300_000);

  it('a new writer (a restart) goes on from the stored chain and takes over the stream again', async () => {
    const writer = createCheckpointWriter({
      repo: runtime.store.replay,
      ctx: { calendar, settings },
      transaction: (fn) => runtime.store.transaction(fn),
      ...REPLAY_CHECKPOINTS,
    });
    expect(await writer.catchUp()).toBe(0);
    expect(writer.following()).toBe(true);
  });
});
