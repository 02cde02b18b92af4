/**
 * Delta checkpoints (issue 16): a checkpoint writer that stops between two whole states (a restart)
 * resumes from the stored chain, and the states it then writes still agree with a fold of the whole log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLog } from '../../../bench/replay.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { checkpointFromChain } from '../../../server/metrics/replay-delta.js';
import type { CheckpointState } from '../../../server/metrics/replay-state.js';
import { PERIODS, type ScopeKey } from '../../../server/metrics/types.js';
import { createCheckpointWriter } from '../../../server/replay/checkpoint-writer.js';
import { createStateAt, scopeKeysOf } from '../../../server/replay/state-at.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();
const HOUR = 3_600_000;
const FROM = T0 - 3 * MS_PER_DAY;
const scopeOf = (code: string): ScopeKey | null => (jurisdiction.units.some((u) => u.code === code) ? `unit:${code}` : null);

/** A checkpoint's parts in key order (a Map's order is its insertion order, which differs after a reload). */
function sorted(cp: CheckpointState) {
  const parts = [cp.openDossiers, cp.tasks, cp.closedTasks, cp.finished, cp.ahead] as Map<string, unknown>[];
  return { at: cp.at, seq: cp.seq, parts: parts.map((m) => [...m].sort(([x], [y]) => (x < y ? -1 : 1))) };
}

function writerOf(store: Store) {
  const ctx = { calendar, settings };
  return createCheckpointWriter({
    repo: store.replay,
    ctx,
    transaction: (fn) => store.transaction(fn),
    everyMs: 2 * HOUR,
    wholeEveryMs: 12 * HOUR,
    settleMs: 0,
  });
}

describe('delta checkpoints', () => {
  let dir: string;
  let once: Store;
  let resumed: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-chain-'));
    once = createStore(openDatabase(join(dir, 'once.db')));
    resumed = createStore(openDatabase(join(dir, 'resumed.db')));
    fillLog(once, FROM, T0, 0.01, 3);
    fillLog(resumed, FROM, T0, 0.01, 3);
    await writerOf(once).catchUp();
    // Stopped after 9 checkpoints (a whole state and deltas), then a new writer, as after a restart.
    await writerOf(resumed).catchUp(9);
    await writerOf(resumed).catchUp();
  }, 120_000);
  afterAll(() => {
    once.close();
    resumed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a writer resumed from the stored chain writes the same states as one that never stopped', () => {
    expect(resumed.replay.sizes().count).toBe(once.replay.sizes().count);
    expect(once.replay.sizes().whole).toBeLessThan(once.replay.sizes().count / 3);
    for (let t = FROM + 12 * HOUR; t <= T0; t += 10 * HOUR) {
      const a = checkpointFromChain(once.replay.atOrBefore(t)!.chain);
      const b = checkpointFromChain(resumed.replay.atOrBefore(t)!.chain);
      expect(sorted(b)).toEqual(sorted(a));
    }
  });

  it('the state at T from the resumed chain equals a fold of the whole log, as received and as corrected', () => {
    const stateAt = createStateAt({ repo: resumed.replay, calendar, settings, scopeOf, scopes: scopeKeysOf(jurisdiction) });
    for (const t of [T0 - MS_PER_DAY + 5 * HOUR + 123_456, T0 - 7 * HOUR]) {
      for (const asOf of ['received', 'corrected'] as const) {
        const a = stateAt.stateAt(t, asOf).engine;
        const b = stateAt.fromScratch(t, asOf).engine;
        for (const p of PERIODS) expect(a.metrics('city', p)).toEqual(b.metrics('city', p));
      }
    }
  });
});
