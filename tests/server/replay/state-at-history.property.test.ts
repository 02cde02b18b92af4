/**
 * The time machine over a seeded history (issue 16), as `npm start` leaves it: the first days of the
 * log all arrive at one instant (the seed), the rest live. As corrected at a T inside the history
 * starts from a checkpoint by event time (replay_history) and must still equal a fold of the whole log,
 * at random T, in both modes; and it refolds a window of the history, not all of it.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLog } from '../../../bench/replay.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierState } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import type { MetricsEngine } from '../../../server/metrics/engine.js';
import { PERIODS, type ScopeKey } from '../../../server/metrics/types.js';
import { writeTestCheckpoints } from './test-checkpoints.js';
import { createStateAt, scopeKeysOf, type AsOf } from '../../../server/replay/state-at.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();
const HOUR = 3_600_000;
const FROM = T0 - 6 * MS_PER_DAY;
/** The seed's instant: everything about an earlier time arrives then (20 minutes past a checkpoint boundary). */
const SEEDED_AT = T0 - 3 * MS_PER_DAY + 20 * 60_000;
const scopeOf = (code: string): ScopeKey | null => (jurisdiction.units.some((u) => u.code === code) ? `unit:${code}` : null);
const scopes: ScopeKey[] = ['city', ...jurisdiction.units.map((u) => `unit:${u.code}` as const)];

function allMetrics(engine: MetricsEngine) {
  const out: Record<string, unknown> = {};
  for (const scope of scopes) for (const p of PERIODS) out[`${scope}|${p}`] = engine.metrics(scope, p);
  return out;
}

const openStates = (open: Map<string, DossierState>) => [...open.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

describe('state at T over a seeded history', () => {
  let dir: string;
  let store: Store;
  let stateAt: ReturnType<typeof createStateAt>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-history-'));
    store = createStore(openDatabase(join(dir, 'r.db')));
    fillLog(store, FROM, T0, 0.01, 5, SEEDED_AT);
    await writeTestCheckpoints(store, { calendar, settings });
    stateAt = createStateAt({ repo: store.replay, calendar, settings, scopeOf, scopes: scopeKeysOf(jurisdiction) });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes checkpoints by event time for the seeded days, none after the first arrival', () => {
    const latest = store.replay.historyLatest();
    expect(latest).not.toBeNull();
    expect((latest as { at: number }).at).toBeLessThanOrEqual(SEEDED_AT);
    expect((latest as { at: number }).at).toBeGreaterThan(SEEDED_AT - 3 * HOUR);
    expect(store.replay.historyAtOrBefore(FROM + MS_PER_DAY)?.at).toBeGreaterThan(FROM);
  });

  it('from the nearest checkpoint equals a fold of the whole log, at random T, as received and as corrected', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM - HOUR, max: T0 + MS_PER_DAY }), fc.constantFrom<AsOf>('received', 'corrected'), (t, asOf) => {
        const fromCheckpoint = stateAt.stateAt(t, asOf);
        if (asOf === 'corrected' && t >= FROM + 6 * HOUR) expect(fromCheckpoint.checkpointAt).not.toBeNull();
        const scratch = stateAt.fromScratch(t, asOf);
        expect(allMetrics(fromCheckpoint.engine)).toEqual(allMetrics(scratch.engine));
        expect(openStates(fromCheckpoint.open)).toEqual(openStates(scratch.open));
      }),
      { numRuns: 30 },
    );
  }, 300_000);

  it('as corrected in the seeded days counts what was then in the history; as received, nothing had arrived', () => {
    const t = SEEDED_AT - MS_PER_DAY;
    // A bound far below the history's items: the answer refolds a window of it, not all of it.
    const bounded = createStateAt({ repo: store.replay, calendar, settings, scopeOf, scopes: scopeKeysOf(jurisdiction), maxItems: 400 });
    const corrected = bounded.stateAt(t, 'corrected');
    const received = stateAt.stateAt(t, 'received');
    expect(corrected.engine.metrics('city', 'month').received).toBeGreaterThan(0);
    expect(received.engine.metrics('city', 'month').received).toBe(0);
    expect(corrected.itemsFolded).toBeLessThan(400);
  });
});
