/**
 * The data-trust checks on the projection writer's path, over real SQLite files: flags found as the
 * events are projected, the same after a restart of the store as without one, and the projections
 * (what the service metrics are made of) the same with the checks on or off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { Projector } from '../../../server/projection/projector.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS, type DomainSettings } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { receivedEvent, T0 } from '../../helpers/test-server.js';
import { logOnlyIngest } from '../../helpers/log-only-ingest.js';

const jurisdiction = loadJurisdiction();
const WARD = '26740';
const at = (dayHour: string) => `2026-11-${dayHour}:00+07:00`;
const official = (id: string) => ({ id, name: `Cán bộ ${id}`, unit: WARD });
const settingsWith = (enabled: boolean): DomainSettings => ({
  ...DEFAULT_DOMAIN_SETTINGS,
  accountability: {
    ...DEFAULT_DOMAIN_SETTINGS.accountability,
    dataTrust: { ...DEFAULT_DOMAIN_SETTINGS.accountability.dataTrust, enabled, burstCompletions: 3, burstMinutes: 5 },
  },
});
const ON = settingsWith(true);
const OFF = settingsWith(false);

/** Three dossiers finished by official Q within 4 minutes (a burst of 3 in 5), the third in the second batch. */
const burst = (i: number, minute: number) => [
  receivedEvent({ id: `r-q${i}`, dossierId: `Q-${i}`, at: at('19T08:00'), dueAt: at('24T17:00') }),
  { id: `a-q${i}`, type: 'assigned', dossierId: `Q-${i}`, at: at('19T08:05'), handler: official('Q') },
  { id: `p-q${i}`, type: 'processed', dossierId: `Q-${i}`, at: at(`19T10:0${minute}`) },
];

const BATCH_1 = [
  // A due date far beyond 3 legal working days.
  receivedEvent({ id: 'r-due', dossierId: 'DUE-1', at: at('19T08:00'), dueAt: at('30T17:00') }),
  // The end stamped before the receipt (sent first: nothing may come before a known receipt).
  { id: 'p-end', type: 'processed', dossierId: 'END-1', at: at('18T10:00') },
  receivedEvent({ id: 'r-end', dossierId: 'END-1', at: at('19T08:00'), dueAt: at('24T17:00') }),
  // A first supplement request, honest; the second comes in batch 2.
  receivedEvent({ id: 'r-sup', dossierId: 'SUP-1', at: at('19T08:00'), dueAt: at('24T17:00') }),
  { id: 'a-sup', type: 'assigned', dossierId: 'SUP-1', at: at('19T08:10'), handler: official('S') },
  { id: 's-sup1', type: 'supplement_requested', dossierId: 'SUP-1', at: at('19T09:00') },
  { id: 's-sup1r', type: 'supplement_received', dossierId: 'SUP-1', at: at('19T14:00') },
  // Honest.
  receivedEvent({ id: 'r-ok', dossierId: 'OK-1', at: at('20T08:00'), dueAt: at('25T17:00') }),
  ...burst(1, 0),
  ...burst(2, 2),
];
const BATCH_2 = [
  { id: 's-sup2', type: 'supplement_requested', dossierId: 'SUP-1', at: at('20T09:00') },
  // The same assignment again under a new id.
  { id: 'a-sup-again', type: 'assigned', dossierId: 'SUP-1', at: at('19T08:10'), handler: official('S') },
  ...burst(3, 4),
  { id: 'a-ok', type: 'assigned', dossierId: 'OK-1', at: at('20T08:30'), handler: official('S') },
];

const dir = mkdtempSync(join(tmpdir(), 'bdt-trust-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(file: string): Store {
  return createStore(openDatabase(file), file);
}

/** Logs a batch as ingest would at `now`, then projects it with a projector over these settings. */
function logAndProject(store: Store, events: unknown[], now: number, settings: DomainSettings, projector?: Projector): Projector {
  const ctx = { calendar: loadWorkCalendar(undefined, settings.officeHours), settings };
  const source = store.sources.upsertKey('test-dossiers', 'dossier', hashSourceKey('k'.repeat(24)), T0);
  const results = logOnlyIngest(store, jurisdiction, ctx, now).ingest(source, 'dossier', events);
  expect(results.filter((r) => r.status !== 'accepted')).toEqual([]);
  const p = projector ?? new Projector(store, ctx);
  p.catchUp();
  return p;
}

function tables(file: string) {
  const db = openDatabase(file);
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      dossiers: all('SELECT * FROM dossiers ORDER BY id'),
      holds: all('SELECT * FROM holds ORDER BY dossier_id, idx'),
      flags: all('SELECT * FROM data_trust_flags ORDER BY id'),
      completions: all('SELECT * FROM data_trust_completions ORDER BY dossier_id'),
      unitDays: all('SELECT * FROM data_trust_unit_days ORDER BY unit, day'),
    };
  } finally {
    db.close();
  }
}

const LATER = T0 + 3 * 3600_000;

describe('data-trust rows', () => {
  it('raises each flag as the events are projected, with the events involved as evidence', () => {
    const file = join(dir, 'straight.db');
    const store = open(file);
    const p = logAndProject(store, BATCH_1, T0, ON);
    expect(store.dataTrust.allFlags().map((f) => f.id)).toEqual(['DUE-1:due_beyond_legal', 'END-1:end_before_receipt']);
    logAndProject(store, BATCH_2, LATER, ON, p);
    const flags = store.dataTrust.allFlags();
    expect(flags.map((f) => f.id)).toEqual([
      'DUE-1:due_beyond_legal',
      'END-1:end_before_receipt',
      'Q-1:completion_burst',
      'Q-2:completion_burst',
      'Q-3:completion_burst',
      'SUP-1:identical_bounce',
      'SUP-1:second_supplement',
    ]);
    const burstFlag = flags.find((f) => f.id === 'Q-1:completion_burst')!;
    expect(burstFlag.official).toEqual({ id: 'Q', name: 'Cán bộ Q' });
    expect(burstFlag.evidence.map((e) => e.dossierId)).toEqual(['Q-1', 'Q-2', 'Q-3']);
    const bounce = flags.find((f) => f.id === 'SUP-1:identical_bounce')!;
    expect(bounce.evidence.map((e) => e.eventId)).toEqual(['a-sup', 'a-sup-again']);
    expect(bounce.unit).toBe(WARD);
    // The daily figures: 7 dossiers received; finished: Q-1..3, and END-1 as sent (its end counts on the 18th).
    const days = store.dataTrust.unitDays(0, 1e6).filter((d) => d.unit === WARD);
    expect(days.reduce((n, d) => n + d.received, 0)).toBe(7);
    expect(days.reduce((n, d) => n + d.finished, 0)).toBe(4);
    store.close();
  });

  it('gives the same flags, completions and daily figures after a restart of the store as without one', () => {
    const file = join(dir, 'restarted.db');
    let store = open(file);
    logAndProject(store, BATCH_1, T0, ON);
    store.close();
    store = open(file);
    // A new projector with nothing in memory: SUP-1's earlier events are read back from the log.
    logAndProject(store, BATCH_2, LATER, ON);
    store.close();
    const restarted = tables(file);
    const straight = tables(join(dir, 'straight.db'));
    expect(restarted.flags.length).toBe(7);
    expect(restarted.flags).toEqual(straight.flags);
    expect(restarted.completions).toEqual(straight.completions);
    expect(restarted.unitDays).toEqual(straight.unitDays);
  });

  it('writes each unit’s day once per transaction, however many of its dossiers moved it, to the same figures', () => {
    const file = join(dir, 'summed.db');
    const store = open(file);
    const writes: [string, number, number, number, number][] = [];
    const add = store.dataTrust.addUnitDay.bind(store.dataTrust);
    store.dataTrust.addUnitDay = (unit, day, received, finished, onTime) => {
      writes.push([unit, day, received, finished, onTime]);
      add(unit, day, received, finished, onTime);
    };
    // One transaction for the whole pass (no time budget), so that the count does not depend on the machine.
    const p = new Projector(store, { calendar: loadWorkCalendar(undefined, ON.officeHours), settings: ON }, Infinity);
    logAndProject(store, BATCH_1, T0, ON, p);
    // Five dossiers received on the 19th, one on the 20th; three finished, on the 18th (END-1 as sent) and the 19th.
    expect(writes.map(([unit, day]) => `${unit}@${day}`).sort()).toEqual(
      [...new Set(writes.map(([unit, day]) => `${unit}@${day}`))].sort(),
    );
    expect(writes.length).toBe(3);
    expect(writes.reduce((n, w) => n + w[2], 0)).toBe(6);
    expect(writes.reduce((n, w) => n + w[3], 0)).toBe(3);
    store.close();
  });

  it('never changes the projections the service metrics are made of: the same rows with the checks on or off', () => {
    const off = open(join(dir, 'off.db'));
    const p = logAndProject(off, BATCH_1, T0, OFF);
    logAndProject(off, BATCH_2, LATER, OFF, p);
    off.close();
    const withChecks = tables(join(dir, 'straight.db'));
    const without = tables(join(dir, 'off.db'));
    expect(without.flags).toEqual([]);
    expect(withChecks.flags.length).toBeGreaterThan(0);
    expect(without.dossiers).toEqual(withChecks.dossiers);
    expect(without.holds).toEqual(withChecks.holds);
  });

  it('identical_bounce across passes: a copy is flagged with its original, an event with the same type and instant but other content is not', () => {
    const file = join(dir, 'same-instant.db');
    const store = open(file);
    const p = logAndProject(
      store,
      [
        receivedEvent({ id: 'r-same', dossierId: 'SAME-1', at: at('19T08:00'), dueAt: at('24T17:00') }),
        { id: 'a-same1', type: 'assigned', dossierId: 'SAME-1', at: at('19T08:10'), handler: official('S') },
      ],
      T0,
      ON,
    );
    // Hashed only now, both of them (the first one's payload read back from the log): they differ.
    logAndProject(
      store,
      [{ id: 'a-same2', type: 'assigned', dossierId: 'SAME-1', at: at('19T08:10'), handler: official('T') }],
      LATER,
      ON,
      p,
    );
    // The same assignment again under a new id, in a third pass: a bounce of the first, not of the second.
    logAndProject(
      store,
      [{ id: 'a-same3', type: 'assigned', dossierId: 'SAME-1', at: at('19T08:10'), handler: official('S') }],
      LATER,
      ON,
      p,
    );
    const bounce = store.dataTrust.allFlags().find((f) => f.id === 'SAME-1:identical_bounce');
    expect(bounce?.evidence.map((e) => e.eventId)).toEqual(['a-same1', 'a-same3']);
    store.close();
  });

  it('a finished dossier heard of again gets what a fresh read of its events gives (its memo left the cache at its end)', () => {
    const again = [
      // Q-1's end once more under a new id (a resend), and the burst's third completion.
      { id: 'p-q1-again', type: 'processed', dossierId: 'Q-1', at: at('19T10:00') },
      ...burst(3, 4),
    ];
    const kept = open(join(dir, 'finished-kept.db'));
    const p = logAndProject(kept, [...burst(1, 0), ...burst(2, 2)], T0, ON);
    logAndProject(kept, again, LATER, ON, p);
    kept.close();
    // The same batches, the second one projected by a new projector that holds nothing in memory.
    let fresh = open(join(dir, 'finished-fresh.db'));
    logAndProject(fresh, [...burst(1, 0), ...burst(2, 2)], T0, ON);
    fresh.close();
    fresh = open(join(dir, 'finished-fresh.db'));
    logAndProject(fresh, again, LATER, ON);
    fresh.close();
    const a = tables(join(dir, 'finished-kept.db'));
    const b = tables(join(dir, 'finished-fresh.db'));
    expect(a.flags.map((f) => (f as { id: string }).id)).toContain('Q-1:identical_bounce');
    expect(a.flags).toEqual(b.flags);
    expect(a.completions).toEqual(b.completions);
    expect(a.unitDays).toEqual(b.unitDays);
  });
});
