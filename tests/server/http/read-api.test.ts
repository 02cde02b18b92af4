import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const h = (id: string, name: string) => ({ id, name, unit: '26740' });

describe('read API', () => {
  let srv: TestServer;
  let leader: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer();
    leader = await srv.as('city_leader');
    await srv.post(DOSSIERS, {
      events: [
        // D-1: overdue now, held by Lê Văn C after A→C→A→C (C sent it back to A's earlier step)
        receivedEvent({ id: 'r1', dossierId: 'D-1', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
        {
          id: 'a1',
          type: 'assigned',
          dossierId: 'D-1',
          at: '2026-11-16T08:10:00+07:00',
          handler: h('A', 'Phạm Thị A'),
          stepDueAt: '2026-11-16T17:00:00+07:00',
        },
        { id: 'a2', type: 'assigned', dossierId: 'D-1', at: '2026-11-17T08:00:00+07:00', handler: h('C', 'Lê Văn C') },
        { id: 'a3', type: 'assigned', dossierId: 'D-1', at: '2026-11-17T10:00:00+07:00', handler: h('A', 'Phạm Thị A') },
        { id: 'a4', type: 'assigned', dossierId: 'D-1', at: '2026-11-18T08:00:00+07:00', handler: h('C', 'Lê Văn C') },
        {
          id: 'ap',
          type: 'apology_issued',
          dossierId: 'D-1',
          at: '2026-11-19T08:00:00+07:00',
          proposedDueAt: '2026-11-24',
          reason: 'Chờ xác minh',
        },
        // D-2: finished early
        receivedEvent({ id: 'r2', dossierId: 'D-2', at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-24' }),
        { id: 'p2', type: 'processed', dossierId: 'D-2', at: '2026-11-19T15:00:00+07:00' },
        // D-3: due soon (due this afternoon)
        receivedEvent({ id: 'r3', dossierId: 'D-3', at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-20T16:00:00+07:00' }),
      ],
    });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('lists the jurisdiction: 168 units with points and the departments', async () => {
    const j = await leader.get('/api/v1/jurisdiction');
    expect(j.body.units).toHaveLength(168);
    expect(j.body.units.find((u: any) => u.code === '26740')).toMatchObject({ name: 'Sài Gòn', type: 'Phường' });
    expect(j.body.departments.some((d: any) => d.name === 'Sở Tư pháp')).toBe(true);
  });

  it('serves schematic boundaries with one feature per unit', async () => {
    const b = await leader.get('/api/v1/jurisdiction/boundaries');
    expect(b.body.schematic).toBe(true);
    expect(b.body.features).toHaveLength(168);
  });

  it('answers the overview with the city and every unit and department', async () => {
    const o = await leader.get('/api/v1/overview?period=month');
    expect(Object.keys(o.body.units)).toHaveLength(168);
    expect(o.body.city).toMatchObject({ received: 3, overdue: 1, dueSoon: 1, finishedEarly: 1, apologies: 1 });
    expect(o.body.city.onTimeRate).toBeCloseTo(0.5);
    expect(o.body.window.from).toBe('2026-11-01T00:00:00.000+07:00');
  });

  it('rejects an unknown period with a clear message', async () => {
    const o = await leader.get('/api/v1/overview?period=decade');
    expect(o.status).toBe(400);
    expect(o.body.error.message).toContain('period');
  });

  it('details a unit with breakdowns by field, procedure and official, and a 30-day trend', async () => {
    const u = await leader.get('/api/v1/units/26740?period=month');
    expect(u.body.unit.name).toBe('Sài Gòn');
    expect(u.body.byField[0]).toMatchObject({ key: 'Hộ tịch', received: 3, overdue: 1 });
    const c = u.body.byOfficial.find((o: any) => o.id === 'C');
    expect(c).toMatchObject({ holdingNow: 1, overdueHeldNow: 1 });
    const a = u.body.byOfficial.find((o: any) => o.id === 'A');
    // A→C→A→C: C sent it back to A, who held the earlier step, and A passed it to C again: one sent-back case, both involved.
    expect([a.buckPassingCases, c.buckPassingCases]).toEqual([1, 1]);
    expect(u.body.trend).toHaveLength(30);
    expect(u.body.trend.at(-1)).toMatchObject({ date: '2026-11-20', overdueBacklog: 1 });
  });

  it('answers 404 for an unknown unit', async () => {
    expect((await leader.get('/api/v1/units/00001')).status).toBe(404);
  });

  it('lists overdue and due-soon dossiers with their current holder and days overdue', async () => {
    const over = await leader.get('/api/v1/units/26740/dossiers?status=overdue');
    expect(over.body.total).toBe(1);
    expect(over.body.items[0]).toMatchObject({ id: 'D-1', holderName: 'Lê Văn C', timeliness: 'overdue', apologies: 1 });
    expect(over.body.items[0].daysOverdue).toBeGreaterThan(1);
    const soon = await leader.get('/api/v1/units/26740/dossiers?status=due_soon');
    expect(soon.body.items.map((d: any) => d.id)).toEqual(['D-3']);
    const page2 = await leader.get('/api/v1/units/26740/dossiers?status=in_progress&page=2&pageSize=1');
    expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.body.items).toHaveLength(1);
  });

  it('details a dossier with its timeline and holds against allotted time', async () => {
    const d = await leader.get('/api/v1/dossiers/D-1');
    expect(d.body.timeline.map((e: any) => e.type)).toEqual(['received', 'assigned', 'assigned', 'assigned', 'assigned', 'apology_issued']);
    expect(d.body.holds[0]).toMatchObject({ handlerName: 'Phạm Thị A', allottedDays: expect.any(Number) });
    expect(d.body.holds[0].delayDays).toBeGreaterThan(0);
    expect(d.body.dueAt).toBe('2026-11-18T17:00:00.000+07:00'); // the apology did not move it
    expect(d.body.apologies[0].proposedDueAt).toBe('2026-11-24T23:59:59.999+07:00');
  });

  it('answers health with the database and per-source freshness', async () => {
    const hres = await leader.get('/api/v1/health');
    expect(hres.body.status).toBe('ok');
    expect(hres.body.database).toMatchObject({ ok: true, events: 9, dossiers: 3 });
    const src = hres.body.sources.find((s: any) => s.name === 'test-dossiers');
    expect(src).toMatchObject({ silent: false, lagMs: 0 });
    expect(hres.body.sources.find((s: any) => s.name === 'test-tasks').silent).toBe(true);
  });
});
