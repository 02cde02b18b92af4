/**
 * The time machine's state at T, started from a checkpoint and folded forward, must equal a fold of
 * the whole log up to T, for every scope × period, at random T, as received and as corrected. The log
 * is a seeded city's week with realistic arrivals: most events within minutes, some synced days
 * late, some arriving before their own time (a source's clock ahead).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierState } from '../../../server/domain/types.js';
import '../../../server/domain/wire-schemas.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import type { MetricsEngine } from '../../../server/metrics/engine.js';
import { PERIODS, type ScopeKey } from '../../../server/metrics/types.js';
import { writeTestCheckpoints } from './test-checkpoints.js';
import { createStateAt, type AsOf } from '../../../server/replay/state-at.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();
const HOUR = 3_600_000;
const FROM = T0 - 6 * MS_PER_DAY;
const scopeOf = (code: string): ScopeKey | null =>
  jurisdiction.units.some((u) => u.code === code)
    ? `unit:${code}`
    : jurisdiction.departments.some((d) => d.code === code)
      ? `department:${code}`
      : null;
const scopes: ScopeKey[] = ['city', ...jurisdiction.units.map((u) => `unit:${u.code}` as const)];

/** A deterministic spread of arrival delays: most within minutes, every 9th a day or two late, every 13th 20 minutes early. */
function delayOf(i: number): number {
  if (i % 13 === 0) return -20 * 60_000;
  if (i % 9 === 0) return (6 + (i % 43)) * HOUR;
  return (i % 7) * 60_000;
}

/** Logs a seeded city's events in arrival order; half the log indexed by item (as the projection writer leaves it). */
function fillLog(store: Store): void {
  const gen = createCityGenerator({ seed: 16, jurisdiction, procedures: loadProcedures(), calendar, scale: 0.01, badEventRate: 0 });
  const { dossiers, tasks } = gen.generate(FROM, T0);
  const source = store.sources.create('s', 'dossier', hashSourceKey('s'.repeat(24)), FROM);
  const rows = [
    ...dossiers.map((e) => ({ kind: 'dossier' as const, item: e.dossierId, id: e.id, type: e.type, at: Date.parse(e.at), e })),
    ...tasks.map((e) => ({ kind: 'task' as const, item: e.taskId, id: e.id, type: e.type, at: Date.parse(e.at), e })),
  ].map((r, i) => ({ ...r, arrived: r.at + delayOf(i) }));
  rows.sort((a, b) => a.arrived - b.arrived);
  store.transaction(() => {
    for (const r of rows) store.events.append(source.id, r.id, r.kind, r.item, r.type, r.at, r.arrived, JSON.stringify(r.e));
  });
  const half = Math.floor(rows.length / 2);
  store.events.indexRange(0, half);
  store.meta.set('projections.seq', String(half));
}

function allMetrics(engine: MetricsEngine) {
  const out: Record<string, unknown> = {};
  for (const scope of scopes) for (const p of PERIODS) out[`${scope}|${p}`] = engine.metrics(scope, p);
  return out;
}

/** Open dossiers by id, in id order (a Map's order is its insertion order, which differs by path). */
function openStates(open: Map<string, DossierState>) {
  return [...open.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

describe('state at T (the time machine)', () => {
  let dir: string;
  let store: Store;
  /** Restores checkpoints from their counters where it can (the server's path). */
  let stateAt: ReturnType<typeof createStateAt>;
  /** Loads every checkpoint whole (the path of checkpoints without counters). */
  let loaded: ReturnType<typeof createStateAt>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-'));
    store = createStore(openDatabase(join(dir, 'r.db')));
    fillLog(store);
    await writeTestCheckpoints(store, { calendar, settings }, { scopeOf, scopes: scopes.filter((s) => s !== 'city') });
    stateAt = createStateAt({ repo: store.replay, calendar, settings, scopeOf, scopes });
    loaded = createStateAt({ repo: store.replay, calendar, settings, scopeOf, scopes, restore: false });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a checkpoint every 3 hours of log time up to the last arrival, a whole state every 12 hours and deltas between', () => {
    const { count, whole } = store.replay.sizes();
    // Six days of events plus the late syncs' two days: about 60 checkpoints, a quarter of them whole.
    expect(count).toBeGreaterThan(45);
    expect(whole).toBeGreaterThan(count / 5);
    expect(whole).toBeLessThan(count / 3);
    const at = store.replay.latest();
    expect(at).not.toBeNull();
    expect((at as { at: number }).at % HOUR).toBe(0);
  });

  it('from the nearest checkpoint equals a fold of the whole log, at random T, as received and as corrected, restored from its counters or loaded whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FROM, max: T0 + 2 * MS_PER_DAY }),
        fc.constantFrom<AsOf>('received', 'corrected'),
        fc.boolean(),
        (t, asOf, restore) => {
          const fromCheckpoint = (restore ? stateAt : loaded).stateAt(t, asOf);
          if (t >= FROM + 4 * HOUR) expect(fromCheckpoint.checkpointAt).not.toBeNull();
          // Every checkpoint has counters reaching 6 h past it: restored whenever one is at or before T.
          if (restore && fromCheckpoint.checkpointAt !== null && t - fromCheckpoint.checkpointAt <= 6 * HOUR)
            expect(fromCheckpoint.restored).toBe(true);
          if (!restore) expect(fromCheckpoint.restored).toBe(false);
          const scratch = stateAt.fromScratch(t, asOf);
          expect(allMetrics(fromCheckpoint.engine)).toEqual(allMetrics(scratch.engine));
          // The open dossiers the lists at T show: the same states, holders included.
          expect(openStates(fromCheckpoint.open)).toEqual(openStates(scratch.open));
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);

  it.each([
    ['restored from counters', true],
    ['loaded whole', false],
  ])(
    'played forward hour by hour as received (%s), each hour equals a fold of the whole log',
    (_, restore) => {
      const start = T0 - 3 * MS_PER_DAY + 7 * HOUR + 17 * 60_000;
      const s = restore ? createStateAt({ repo: store.replay, calendar, settings, scopeOf, scopes }) : loaded;
      for (let h = 0; h < 8; h++) {
        const t = start + h * HOUR;
        const played = s.stateAt(t, 'received');
        expect(played.restored).toBe(restore);
        const scratch = stateAt.fromScratch(t, 'received');
        expect(allMetrics(played.engine)).toEqual(allMetrics(scratch.engine));
        expect(openStates(played.open)).toEqual(openStates(scratch.open));
      }
    },
    120_000,
  );

  it('as received leaves out what arrived after T; as corrected counts the late syncs about times before T', () => {
    const t = T0 - 2 * MS_PER_DAY;
    const received = stateAt.stateAt(t, 'received').engine.metrics('city', 'month');
    const corrected = stateAt.stateAt(t, 'corrected').engine.metrics('city', 'month');
    expect(received.received).toBeGreaterThan(0);
    expect(corrected.received).toBeGreaterThan(received.received);
  });
});
