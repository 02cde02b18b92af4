/**
 * GET /units/:code?at= and /units/:code/dossiers?at=: a unit's figures and its overdue dossiers as they
 * stood at a past instant, with who held each then, as received or as corrected, through the real app
 * and a real SQLite file; the same access rules as live; bad parameters refused with what and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierListAtSchema, replayCompareSchema } from '../../../shared/contract/api-schemas.js';
import { receivedEvent, startTestServer, T0, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const HOUR = 3_600_000;
const OWN = '26740';
const OTHER = '26743';
const iso = (t: number) => encodeURIComponent(new Date(t).toISOString());
const detail = (code: string, t: number, asOf = 'received') => `/api/v1/units/${code}?at=${iso(t)}&asOf=${asOf}`;
const compare = (a: number, b: number, asOf = 'received') => `/api/v1/replay/compare?from=${iso(a)}&to=${iso(b)}&asOf=${asOf}`;
const list = (code: string, t: number, extra = '') => `/api/v1/units/${code}/dossiers?at=${iso(t)}${extra}`;
const assigned = (id: string, dossierId: string, at: string, handler: string) => ({
  id,
  type: 'assigned',
  dossierId,
  at,
  handler: { id: handler, name: `Cán bộ ${handler}`, unit: OWN },
});
const overdueDossier = (id: string, dossierId: string) =>
  receivedEvent({ id, dossierId, unit: OWN, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' });

describe('a unit at a past instant (the time machine)', () => {
  let srv: TestServer;
  let leader: RoleClient;
  let ward: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer();
    // Arrived at 09:00: D-1 overdue since the 18th, held by cb-A; D-2 in term.
    const first = [
      overdueDossier('r-1', 'D-1'),
      assigned('a-1', 'D-1', '2026-11-16T09:00:00+07:00', 'cb-A'),
      receivedEvent({ id: 'r-2', dossierId: 'D-2', unit: OWN, dueAt: '2026-11-30T17:00:00+07:00' }),
    ];
    expect((await srv.post('/api/v1/ingest/dossiers', { events: first })).status).toBe(200);
    // Arrived at 11:00: D-1 forwarded to cb-B at 10:30, and D-3 (overdue since the 18th) synced late.
    srv.clock.set(T0 + 2 * HOUR);
    const second = [assigned('a-2', 'D-1', '2026-11-20T10:30:00+07:00', 'cb-B'), overdueDossier('r-3', 'D-3')];
    expect((await srv.post('/api/v1/ingest/dossiers', { events: second })).status).toBe(200);
    // Arrived at 12:00: D-1 processed at 11:30.
    srv.clock.set(T0 + 3 * HOUR);
    const done = { id: 'p-1', type: 'processed', dossierId: 'D-1', at: '2026-11-20T11:30:00+07:00' };
    expect((await srv.post('/api/v1/ingest/dossiers', { events: [done] })).status).toBe(200);
    srv.clock.set(T0 + 4 * HOUR);
    leader = await srv.as('city_leader');
    ward = await srv.as('unit_leader', `unit:${OWN}`);
  });
  afterAll(() => srv.close());

  it('gives the unit page’s figures as received then, and as corrected since', async () => {
    const received = await leader.get(detail(OWN, T0 + HOUR));
    expect(received.status).toBe(200);
    expect(received.body.metrics.overdue).toBe(1);
    expect(received.body.scope).toBe(`unit:${OWN}`);
    expect(received.body.replay).toMatchObject({ at: '2026-11-20T10:00:00.000+07:00', asOf: 'received', rules: 'now' });
    const corrected = await leader.get(detail(OWN, T0 + HOUR, 'corrected'));
    expect(corrected.body.metrics.overdue).toBe(2);
    // After D-1 was processed, one overdue dossier is left; live says the same.
    expect((await leader.get(detail(OWN, T0 + 3 * HOUR))).body.metrics.overdue).toBe(1);
    expect((await leader.get(`/api/v1/units/${OWN}`)).body.metrics.overdue).toBe(1);
  });

  it('says which of the live page’s tables a replay does not give, and leaves them empty', async () => {
    const res = await leader.get(detail(OWN, T0 + HOUR));
    expect(res.body.replay.omitted).toEqual(expect.arrayContaining(['byField', 'trend', 'forecast', 'previous']));
    expect(res.body.byField).toEqual([]);
    expect(res.body.forecast).toBeNull();
    expect((await leader.get(detail('city', T0 + HOUR))).body.metrics.overdue).toBe(1);
  });

  it('lists the dossiers overdue then with the official who held each then', async () => {
    const at10 = await leader.get(list(OWN, T0 + HOUR));
    expect(at10.status).toBe(200);
    const page = dossierListAtSchema.parse(at10.body);
    expect(page.items.map((d) => [d.id, d.holderName])).toEqual([['D-1', 'Cán bộ cb-A']]);
    expect(page.items[0].timeliness).toBe('overdue');
    const at11 = dossierListAtSchema.parse((await leader.get(list(OWN, T0 + 2 * HOUR))).body);
    expect(at11.items.map((d) => [d.id, d.holderId]).sort()).toEqual([
      ['D-1', 'cb-B'],
      ['D-3', null],
    ]);
    const at12 = dossierListAtSchema.parse((await leader.get(list(OWN, T0 + 3 * HOUR))).body);
    expect(at12.items.map((d) => d.id)).toEqual(['D-3']);
  });

  it('as corrected, lists the late-synced dossier and the holder known since', async () => {
    const res = dossierListAtSchema.parse((await leader.get(list(OWN, T0 + 1.75 * HOUR, '&asOf=corrected'))).body);
    expect(res.items.map((d) => [d.id, d.holderId]).sort()).toEqual([
      ['D-1', 'cb-B'],
      ['D-3', null],
    ]);
    expect(res.replay.asOf).toBe('corrected');
  });

  it('filters by the holder then, and pages', async () => {
    const held = dossierListAtSchema.parse((await leader.get(list(OWN, T0 + 2 * HOUR, '&holder=cb-B'))).body);
    expect(held.items.map((d) => d.id)).toEqual(['D-1']);
    const second = dossierListAtSchema.parse((await leader.get(list('city', T0 + 2 * HOUR, '&pageSize=1&page=2'))).body);
    expect(second.total).toBe(2);
    expect(second.items).toHaveLength(1);
  });

  it('follows the live access rules: a ward leader lists their own ward only; the public may not replay', async () => {
    expect((await ward.get(list(OWN, T0 + HOUR))).status).toBe(200);
    expect((await ward.get(list(OTHER, T0 + HOUR))).status).toBe(403);
    expect((await ward.get(list('city', T0 + HOUR))).status).toBe(403);
    const pub = await srv.as('public');
    expect((await pub.get(detail(OWN, T0 + HOUR))).status).toBe(401);
    expect((await pub.get(list(OWN, T0 + HOUR))).status).toBe(401);
  });

  it('without the public view, a ward leader replays their own ward’s figures only', async () => {
    const closed = await startTestServer({ security: { publicView: false } });
    try {
      expect((await closed.post('/api/v1/ingest/dossiers', { events: [overdueDossier('r-1', 'D-1')] })).status).toBe(200);
      closed.clock.set(T0 + HOUR);
      const w = await closed.as('unit_leader', `unit:${OWN}`);
      expect((await w.get(detail(OWN, T0 + HOUR))).body.metrics.overdue).toBe(1);
      expect((await w.get(detail(OTHER, T0 + HOUR))).status).toBe(403);
      const cmp = replayCompareSchema.parse((await w.get(compare(T0 - HOUR, T0 + HOUR))).body);
      expect(cmp.city).toBeNull();
      expect(cmp.rows).toEqual([{ scope: `unit:${OWN}`, from: 0, to: 1, change: 1 }]);
    } finally {
      await closed.close();
    }
  });

  it('refuses a status other than overdue, an unknown unit and a future instant, saying what and why', async () => {
    const status = await leader.get(list(OWN, T0 + HOUR, '&status=due_soon'));
    expect(status.status).toBe(400);
    expect(status.body.error.message).toMatch(/^status: a replay lists the dossiers overdue/);
    expect((await leader.get(detail('99999', T0 + HOUR))).status).toBe(404);
    const future = await leader.get(detail(OWN, T0 + 5 * HOUR));
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/^at: .*future/);
  });

  it('compares two moments: the change in overdue dossiers per unit, the units that got worse most first', async () => {
    const worse = replayCompareSchema.parse((await leader.get(compare(T0 + HOUR, T0 + 2 * HOUR))).body);
    expect(worse.rows[0]).toEqual({ scope: `unit:${OWN}`, from: 1, to: 2, change: 1 });
    expect(worse.rows.slice(1).every((r) => r.change === 0)).toBe(true);
    expect(worse.city).toEqual({ scope: 'city', from: 1, to: 2, change: 1 });
    expect(worse.metric).toBe('overdue');
    const better = replayCompareSchema.parse((await leader.get(compare(T0 + 2 * HOUR, T0 + 3.5 * HOUR))).body);
    expect(better.rows.find((r) => r.scope === `unit:${OWN}`)?.change).toBe(-1);
    expect(better.rows[better.rows.length - 1].scope).toBe(`unit:${OWN}`);
    // As corrected, the late-synced D-3 was overdue at both moments: no change from 10:00 to 11:00.
    const corrected = replayCompareSchema.parse((await leader.get(compare(T0 + HOUR, T0 + 2 * HOUR, 'corrected'))).body);
    expect(corrected.rows.find((r) => r.scope === `unit:${OWN}`)).toMatchObject({ from: 2, to: 2, change: 0 });
  });

  it('refuses a comparison backwards in time or by the public, saying why', async () => {
    const backwards = await leader.get(compare(T0 + 2 * HOUR, T0 + HOUR));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/^from: .* is not before to/);
    expect((await (await srv.as('public')).get(compare(T0, T0 + HOUR))).status).toBe(401);
  });
});
