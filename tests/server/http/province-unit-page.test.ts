import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const HN_A = '00004'; // Phường Ba Đình, Hà Nội
const HN_B = '00008'; // Phường Ngọc Hà, Hà Nội
const FAR = '26740'; // Phường Sài Gòn, Hồ Chí Minh City

/** A dossier received on 16 Nov, due on the 18th (overdue at the test clock), held by `official`. */
function lateDossier(id: string, unit: string, official: string) {
  return [
    receivedEvent({ id: `r-${id}`, dossierId: id, unit, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
    {
      id: `a-${id}`,
      type: 'assigned',
      dossierId: id,
      at: '2026-11-16T08:30:00+07:00',
      handler: { id: official, name: `Cán bộ ${official}`, unit },
    },
  ];
}

/** A province's own unit page and lists (`/units/province:<code>`), on a real SQLite file of the national pack. */
describe('a province as a unit (JURISDICTION=vn): /units/province:<code> and its lists', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ jurisdiction: 'vn' });
    const res = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        ...lateDossier('P-A1', HN_A, 'O-A'),
        ...lateDossier('P-A2', HN_A, 'O-A'),
        ...lateDossier('P-B1', HN_B, 'O-B'),
        ...lateDossier('P-F1', FAR, 'O-F'),
        receivedEvent({ id: 'r-P-A3', dossierId: 'P-A3', unit: HN_A }),
        receivedEvent({ id: 'r-P-B2', dossierId: 'P-B2', unit: HN_B, dueAt: '2026-11-20T16:00:00+07:00' }),
      ],
    });
    expect(res.body.accepted).toBe(10);
    const task = (id: string, assignee: string) => ({
      id: `t-${id}`,
      type: 'assigned',
      taskId: id,
      at: '2026-11-02T08:00:00+07:00',
      title: 'Rà soát',
      document: { number: `${id}/UBND`, date: '2026-11-01' },
      issuer: 'UBND',
      assignee,
      dueAt: '2026-11-10',
    });
    await srv.post('/api/v1/ingest/tasks', { events: [task('T-HN', HN_B), task('T-F', FAR)] }, srv.taskKey);
  }, 120_000);
  afterAll(() => srv?.close());

  it('answers the province’s figures and tables: its communes only, with the province named', async () => {
    const leader = await srv.as('city_leader');
    const res = await leader.get('/api/v1/units/province:01?period=month');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('province:01');
    expect(res.body.unit).toBeNull();
    expect(res.body.province).toMatchObject({ code: '01', name: 'Thành phố Hà Nội' });
    expect(res.body.metrics.received).toBe(5);
    expect(res.body.metrics.overdue).toBe(3);
    const byProcedure = res.body.byProcedure.reduce((n: number, r: { received: number }) => n + r.received, 0);
    expect(byProcedure).toBe(5);
    const names = res.body.byOfficial.map((o: { name: string }) => o.name).sort();
    expect(names).toEqual(['Cán bộ O-A', 'Cán bộ O-B']);
    expect(res.body.trend.length).toBeGreaterThan(0);
  });

  it('forecasts the province as the sum of its communes (the early-warning index keeps communes)', async () => {
    const leader = await srv.as('city_leader');
    const [province, a, b] = await Promise.all(
      ['province:01', HN_A, HN_B].map(async (code) => (await leader.get(`/api/v1/units/${code}?period=month`)).body.forecast.scope),
    );
    for (const k of ['today', 'nextWorkingDay', 'week', 'atRisk'] as const) expect(province[k], k).toBe(a[k] + b[k]);
    expect(province.today).toBeGreaterThan(0);
    expect(province.overdueNow).toBe(3);
  });

  it('lists the late dossiers of every commune of the province, with holder and days overdue, paged', async () => {
    const leader = await srv.as('city_leader');
    const first = await leader.get('/api/v1/units/province:01/dossiers?status=overdue&page=1&pageSize=2');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.items).toHaveLength(2);
    const second = await leader.get('/api/v1/units/province:01/dossiers?status=overdue&page=2&pageSize=2');
    const items = [...first.body.items, ...second.body.items];
    expect(items.map((d: { id: string }) => d.id).sort()).toEqual(['P-A1', 'P-A2', 'P-B1']);
    for (const d of items) {
      expect(d.holderName).toMatch(/^Cán bộ O-[AB]$/);
      expect(d.daysOverdue).toBeGreaterThan(0);
    }
  });

  it('lists the province’s communes’ tasks, not another province’s', async () => {
    const leader = await srv.as('city_leader');
    const res = await leader.get('/api/v1/units/province:01/tasks?status=open_overdue');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual(['T-HN']);
  });

  it('lists the province’s at-risk dossiers and tasks from its communes only', async () => {
    const leader = await srv.as('city_leader');
    const dossiers = await leader.get('/api/v1/units/province:01/at-risk');
    expect(dossiers.status).toBe(200);
    for (const d of dossiers.body.items) expect([HN_A, HN_B]).toContain(d.unit);
    const tasks = await leader.get('/api/v1/units/province:01/at-risk/tasks');
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.map((t: { id: string }) => t.id)).not.toContain('T-F');
  });

  it('exports the province’s late dossiers as CSV: its communes’ rows, not another province’s', async () => {
    const leader = await srv.as('city_leader');
    const res = await leader.get('/api/v1/exports/dossiers?code=province:01&status=overdue&format=csv');
    expect(res.status).toBe(200);
    const text = String(res.body);
    for (const id of ['P-A1', 'P-A2', 'P-B1']) expect(text).toContain(id);
    expect(text).not.toContain('P-F1');
  });

  it('gives a province user its own province’s list and refuses another province’s', async () => {
    const hanoi = await srv.as('city_leader', 'province:01');
    expect((await hanoi.get('/api/v1/units/province:01/dossiers')).body.total).toBe(3);
    const other = await hanoi.get('/api/v1/units/province:79/dossiers');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
  });

  it('answers 404 for an unknown province, naming it', async () => {
    const leader = await srv.as('city_leader');
    const res = await leader.get('/api/v1/units/province:99');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/province.*99/);
    expect((await leader.get('/api/v1/units/province:99/dossiers')).status).toBe(404);
  });
});

describe('a city pack has no provinces', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  }, 120_000);
  afterAll(() => srv?.close());

  it('answers 404 for /units/province:79', async () => {
    const leader = await srv.as('city_leader');
    expect((await leader.get('/api/v1/units/province:79')).status).toBe(404);
    expect((await leader.get('/api/v1/units/province:79/dossiers')).status).toBe(404);
  });
});
