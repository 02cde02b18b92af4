/**
 * One definition for the live index and the index judged from the store: the engine's counts for the
 * current month (kept incrementally, moved by the clock) equal the SQL's over the same days, judged at
 * the same instant, before and after an open dossier falls overdue, and after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndexCounts } from '../../../server/metrics/index-counts.js';
import type { IndexCounts } from '../../../server/domain/service-index-facts.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const t = (day: string, hm = '08:00') => `2026-11-${day}T${hm}:00+07:00`;
let seq = 0;
const ev = (dossierId: string, type: string, at: string, extra: Record<string, unknown> = {}) => ({
  id: `${dossierId}-${++seq}`,
  type,
  dossierId,
  at,
  ...extra,
});
const recv = (id: string, unit: string, at: string, due: string, extra: Record<string, unknown> = {}) =>
  receivedEvent({ id: `${id}-${++seq}`, dossierId: id, unit, at, dueAt: due, ...extra });
const all = {
  digitized: true,
  electronicResult: true,
  reusedData: false,
  fromPersonalDataStore: true,
  citizenDataConnected: true,
  complaint: false,
};

const EVENTS = [
  recv('A1', '26740', t('02'), t('04', '17:00'), { fee: 10_000, paidOnline: true, ...all }),
  ev('A1', 'processed', t('03', '10:00')),
  recv('A2', '26740', t('05'), t('09', '17:00'), { channel: 'in_person', ...all, complaint: true }),
  ev('A2', 'processed', t('10', '10:00')),
  // Open, complaint known, due at 17:00 today: falls overdue when the clock passes it.
  recv('A3', '26740', t('18'), t('20', '17:00'), { hasFee: false, ...all }),
  // Open and overdue since 12/11.
  recv('A4', '26740', t('10'), t('12', '17:00'), { channel: 'in_person', digitized: false, complaint: false }),
  // Received in October, done in November (on time): progress only.
  recv('A5', '26740', '2026-10-30T08:00:00+07:00', t('03', '17:00'), { ...all }),
  ev('A5', 'processed', t('03', '09:00')),
  recv('B1', '26743', t('16'), t('19', '17:00'), { hasFee: true, paidOnline: false }),
  ev('B1', 'processed', t('19', '09:00'), { electronicResult: false }),
  recv('B2', '26743', t('17'), t('25', '17:00'), { channel: 'postal' }),
  ev('B2', 'supplement_requested', t('18')),
  recv('S1', 'STP', t('09'), t('13', '17:00'), { ...all }),
  ev('S1', 'supplement_requested', t('10')),
  ev('S1', 'supplement_received', t('11')),
  ev('S1', 'supplement_requested', t('12')),
];

describe('the service index, live and from the store', () => {
  let srv: TestServer;
  let dir: string;
  beforeAll(async () => {
    srv = await startTestServer();
    dir = srv.dir;
    const r = await srv.post('/api/v1/ingest/dossiers', { events: EVENTS });
    expect(r.body.rejected, JSON.stringify(r.body.results.filter((x: { status: string }) => x.status === 'rejected'))).toBe(0);
  });
  afterAll(async () => {
    await srv.close();
  });

  /** The store's counts for November so far, judged now, by the closed periods' definition. */
  async function fromStore(scope: ScopeKey, code: string): Promise<IndexCounts> {
    await srv.get('/api/v1/overview'); // a read: waits for the projection writer
    const now = srv.clock.now();
    const from = Date.parse('2026-11-01T00:00:00+07:00');
    const c = srv.runtime.store.serviceIndex.indexCountsBetween(from, now + 1, now, [code]).get(code);
    const overdue = srv.runtime.store.read.overdueAt({ at: now }).dossiers.find((r) => r.code === code)?.n ?? 0;
    expect(c, scope).toBeDefined();
    return buildIndexCounts(c!.flow, { open: c!.openAtEnd, overdue });
  }

  const live = (scope: ScopeKey) => srv.runtime.engine.indexCounts(scope, 'month');

  it('agrees for every scope with data, at 09:00', async () => {
    for (const [scope, code] of [
      ['unit:26740', '26740'],
      ['unit:26743', '26743'],
      ['department:STP', 'STP'],
    ] as const) {
      expect(live(scope), scope).toEqual(await fromStore(scope, code));
    }
    expect(live('unit:26740')).toMatchObject({ progressTotal: 5, progressOnTime: 3, satisfactionKnown: 4, satisfactionBad: 2 });
  });

  it('moves with the clock alone: A3 falls overdue after 17:00 and both paths say so', async () => {
    srv.clock.set(Date.parse(t('20', '17:30')));
    const after = live('unit:26740');
    expect(after).toMatchObject({ progressOnTime: 2, satisfactionBad: 3 });
    expect(after).toEqual(await fromStore('unit:26740', '26740'));
  });

  it('gives the same figures after a restart (finished dossiers reloaded from their stored bits)', async () => {
    const before = live('unit:26740');
    const beforeRoute = (await srv.get('/api/v1/units/26740/index?period=month')).body.index.total;
    const clock = srv.clock.now();
    await srv.close({ keepFiles: true });
    srv = await startTestServer({ dir, start: clock });
    expect(live('unit:26740')).toEqual(before);
    expect((await srv.get('/api/v1/units/26740/index?period=month')).body.index.total).toBe(beforeRoute);
  });

  it('lets the overview and a unit’s detail name a period: the current one live, a closed one from its months', async () => {
    const named = (await srv.get('/api/v1/overview?period=2026-11')).body;
    const current = (await srv.get('/api/v1/overview?period=month')).body;
    expect(named.city).toEqual(current.city);
    const october = await srv.get('/api/v1/overview?period=2026-10');
    expect(october.status).toBe(200);
    // Only A5 was received in October, in ward 26740; it was open (not overdue) at October's end.
    expect(october.body.window).toMatchObject({ period: 'month', name: '2026-10', from: '2026-10-01T00:00:00.000+07:00' });
    expect(october.body.city).toMatchObject({ received: 1, finishedEarly: 0, overdue: 0 });
    expect(october.body.forecast).toBeNull();
    const unit = await srv.get('/api/v1/units/26740?period=2026-10');
    expect(unit.status).toBe(200);
    expect(unit.body).toMatchObject({ metrics: { received: 1 }, forecast: null, previousToDate: null });
    expect((await srv.get('/api/v1/overview?period=2024-05')).body.error.message).toMatch(/older than the figures kept/);
    expect((await srv.get('/api/v1/forecast?period=2026-10')).status).toBe(400);
    expect((await srv.get('/api/v1/overview?period=2026-13')).status).toBe(400);
  });

  it('answers 400 for an impossible period and for one the index is not computed for', async () => {
    const bad = await srv.get('/api/v1/index?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/period: "2026-13": month 13 does not exist/);
    expect((await srv.get('/api/v1/index?period=2027-01')).body.error.message).toMatch(/has not begun/);
    expect((await srv.get('/api/v1/index?period=today')).body.error.message).toMatch(/per month, quarter or year/);
  });
});
