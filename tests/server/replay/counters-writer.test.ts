/**
 * The restored counters written behind the checkpoints (counters-writer.ts) are those of an engine
 * loaded from each checkpoint's whole state, as a restart loads it: the walk that moves one engine by
 * each delta's changes reaches the same counters and the same due items at every checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import '../../../server/domain/wire-schemas.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { checkpointFromChain } from '../../../server/metrics/replay-delta.js';
import { engineFromCheckpoint } from '../../../server/metrics/replay-state.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import { countersBehind } from '../../../server/replay/checkpoint-loop.js';
import { COUNTERS_MIN_OPEN, countersOf, type StoredCounters } from '../../../server/replay/counters-writer.js';
import { scopeKeysOf } from '../../../server/replay/state-at.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { T0 } from '../../helpers/test-server.js';
import { writeTestCheckpoints } from './test-checkpoints.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const jurisdiction = loadJurisdiction();
const HOUR = 3_600_000;
const FROM = T0 - 4 * MS_PER_DAY;
const scopes = scopeKeysOf(jurisdiction);
const scopeOf = (code: string): ScopeKey | null =>
  jurisdiction.units.some((u) => u.code === code)
    ? `unit:${code}`
    : jurisdiction.departments.some((d) => d.code === code)
      ? `department:${code}`
      : null;

function fillLog(store: Store): void {
  const gen = createCityGenerator({ seed: 5, jurisdiction, procedures: loadProcedures(), calendar, scale: 0.01, badEventRate: 0 });
  const { dossiers, tasks } = gen.generate(FROM, T0);
  const source = store.sources.create('s', 'dossier', hashSourceKey('c'.repeat(24)), FROM);
  const rows = [
    ...dossiers.map((e) => ({ kind: 'dossier' as const, item: e.dossierId, id: e.id, type: e.type, at: Date.parse(e.at), e })),
    ...tasks.map((e) => ({ kind: 'task' as const, item: e.taskId, id: e.id, type: e.type, at: Date.parse(e.at), e })),
  ].map((r, i) => ({ ...r, arrived: r.at + (i % 11 === 0 ? 30 * HOUR : (i % 5) * 60_000) }));
  rows.sort((a, b) => a.arrived - b.arrived);
  store.transaction(() => {
    for (const r of rows) store.events.append(source.id, r.id, r.kind, r.item, r.type, r.at, r.arrived, JSON.stringify(r.e));
  });
  store.events.indexRange(0, rows.length);
  store.meta.set('projections.seq', String(rows.length));
}

/** Due items as a sorted list (the walk and a restart list them in different orders). */
const sortedDue = (c: StoredCounters) => [...c.due].sort((a, b) => a[2] - b[2] || (a[1] < b[1] ? -1 : 1));

describe('restored counters behind the checkpoints', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-counters-'));
    store = createStore(openDatabase(join(dir, 'r.db')));
    fillLog(store);
    await writeTestCheckpoints(store, { calendar, settings }, { scopeOf, scopes });
  }, 120_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are, at every checkpoint, the counters and due items of an engine loaded from its whole state', () => {
    const marks = store.replay.checkpointsAfter(Number.MIN_SAFE_INTEGER, 1_000);
    expect(marks.filter((m) => !m.whole).length).toBeGreaterThan(10);
    expect(store.replay.countersSizes().count).toBe(marks.length);
    let due = 0;
    for (const m of marks) {
      const row = store.replay.countersAt(m.at);
      expect(row).not.toBeNull();
      const walked = JSON.parse(row!.json) as StoredCounters;
      const cp = checkpointFromChain(store.replay.atOrBefore(m.at)!.chain);
      const loaded = countersOf(engineFromCheckpoint(cp, { calendar, settings, scopeOf, scopes }), cp, row!.until);
      expect(walked.counters).toEqual(loaded.counters);
      expect(sortedDue(walked)).toEqual(sortedDue(loaded));
      expect(walked.ahead).toEqual(loaded.ahead);
      due += walked.due.length;
    }
    expect(due).toBeGreaterThan(0);
  }, 120_000);
});

describe("the server's counters behind its checkpoints", () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-counters-pay-'));
    store = createStore(openDatabase(join(dir, 'r.db')));
    fillLog(store);
    await writeTestCheckpoints(store, { calendar, settings });
  }, 120_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are written only once the live city holds enough open dossiers for them to pay', async () => {
    let open = COUNTERS_MIN_OPEN - 1;
    const run = countersBehind(store, { calendar, settings }, scopeOf, jurisdiction, () => open);
    expect(await run()).toBe(0);
    expect(store.replay.countersSizes().count).toBe(0);
    open = COUNTERS_MIN_OPEN;
    const marks = store.replay.checkpointsAfter(Number.MIN_SAFE_INTEGER, 1_000);
    expect(await run()).toBe(marks.length);
    expect(store.replay.countersSizes().count).toBe(marks.length);
  }, 120_000);
});
