/**
 * GET /dossiers/:id?at=: a dossier's page gains its state at a past moment (status, who held it, overdue
 * and by how many working days), folded from its own events, as received or as corrected, through the
 * real app and a real SQLite file; only for whoever may read the dossier live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, T0, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const HOUR = 3_600_000;
const OWN = '26740';
const iso = (t: number) => encodeURIComponent(new Date(t).toISOString());
const at = (id: string, t: number, asOf = 'received') => `/api/v1/dossiers/${id}?at=${iso(t)}&asOf=${asOf}`;
const assigned = (id: string, at: string, handler: string) => ({
  id,
  type: 'assigned',
  dossierId: 'D-1',
  at,
  handler: { id: handler, name: `Cán bộ ${handler}`, unit: OWN },
});

describe('a dossier at a past moment (the time machine)', () => {
  let srv: TestServer;
  let leader: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer();
    // Arrived at 09:00: D-1 received on the 16th, due the 18th (overdue since), held by cb-A.
    const first = [
      receivedEvent({ id: 'r-1', dossierId: 'D-1', unit: OWN, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
      assigned('a-1', '2026-11-16T09:00:00+07:00', 'cb-A'),
    ];
    expect((await srv.post('/api/v1/ingest/dossiers', { events: first })).status).toBe(200);
    // Arrived at 11:00: forwarded to cb-B at 10:30. Arrived at 12:00: processed at 11:30.
    srv.clock.set(T0 + 2 * HOUR);
    expect((await srv.post('/api/v1/ingest/dossiers', { events: [assigned('a-2', '2026-11-20T10:30:00+07:00', 'cb-B')] })).status).toBe(
      200,
    );
    srv.clock.set(T0 + 3 * HOUR);
    const done = { id: 'p-1', type: 'processed', dossierId: 'D-1', at: '2026-11-20T11:30:00+07:00' };
    expect((await srv.post('/api/v1/ingest/dossiers', { events: [done] })).status).toBe(200);
    srv.clock.set(T0 + 4 * HOUR);
    leader = await srv.as('city_leader');
  });
  afterAll(() => srv.close());

  it('gives, as received, the status, holder and working days overdue then; the page’s live detail beside it', async () => {
    const res = await leader.get(at('D-1', T0 + 2 * HOUR - 1));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('D-1');
    expect(res.body.timeline.length).toBe(4);
    expect(res.body.stateAt).toMatchObject({
      at: '2026-11-20T10:59:59.999+07:00',
      asOf: 'received',
      rules: 'now',
      state: { timeliness: 'overdue', overdueReason: 'past_due', holderId: 'cb-A', holderName: 'Cán bộ cb-A', events: 2 },
    });
    expect(res.body.stateAt.state.daysOverdue).toBeGreaterThan(0);
    // Live it is processed: the block says how it stood then, not now.
    expect(res.body.timeliness).not.toBe('overdue');
  });

  it('as corrected, counts what arrived later about times up to then (the forward at 10:30, known at 11:00)', async () => {
    const received = await leader.get(at('D-1', T0 + 1.75 * HOUR));
    const corrected = await leader.get(at('D-1', T0 + 1.75 * HOUR, 'corrected'));
    expect(received.body.stateAt.state.holderId).toBe('cb-A');
    expect(corrected.body.stateAt.state).toMatchObject({ holderId: 'cb-B', events: 3, timeliness: 'overdue' });
    const after = await leader.get(at('D-1', T0 + 3 * HOUR));
    expect(after.body.stateAt.state.timeliness).not.toBe('overdue');
    expect(after.body.stateAt.state.endAt).toBe('2026-11-20T11:30:00.000+07:00');
  });

  it('says there was nothing yet before its first event arrived', async () => {
    const res = await leader.get(at('D-1', T0 - HOUR));
    expect(res.status).toBe(200);
    expect(res.body.stateAt.state).toBeNull();
    expect((await leader.get(at('D-1', T0 - HOUR, 'corrected'))).body.stateAt.state.events).toBe(2);
  });

  it('is shown only to whoever may read the dossier live, never to the public view', async () => {
    const other = await srv.as('unit_leader', 'unit:26743');
    const res = await other.get(at('D-1', T0 + HOUR));
    expect(res.status).toBe(404);
    expect(res.body.stateAt).toBeUndefined();
    expect((await (await srv.as('public')).get(at('D-1', T0 + HOUR))).status).toBe(401);
  });

  it('refuses a moment that is not an instant or is in the future, saying what and why', async () => {
    const bad = await leader.get('/api/v1/dossiers/D-1?at=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^at: .*offset/);
    expect((await leader.get(at('D-1', T0 + 10 * HOUR))).body.error.message).toMatch(/future/);
  });
});
