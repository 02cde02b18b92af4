import { afterEach, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const HOLDER = 'Nguyễn Thị Cán Bộ';
const UNIT = '26740';

/** At T0 (2026-11-20 09:00): one dossier overdue since 08:30 and held by an official, one since yesterday. */
async function seed(srv: TestServer): Promise<void> {
  const res = await srv.post('/api/v1/ingest/dossiers', {
    events: [
      receivedEvent({ id: 'r-1', dossierId: 'D-NEW', at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-20T08:30:00+07:00' }),
      {
        id: 'a-1',
        type: 'assigned',
        dossierId: 'D-NEW',
        at: '2026-11-19T09:00:00+07:00',
        handler: { id: 'cb-1', name: HOLDER, unit: UNIT },
      },
      receivedEvent({ id: 'r-2', dossierId: 'D-OLD', at: '2026-11-17T08:00:00+07:00', dueAt: '2026-11-19T16:00:00+07:00' }),
      receivedEvent({ id: 'r-3', dossierId: 'D-LATER', at: '2026-11-20T08:00:00+07:00', dueAt: '2026-11-25T17:00:00+07:00' }),
    ],
  });
  expect(res.status).toBe(200);
}

describe('GET /alerts/recent', () => {
  let srv: TestServer;
  afterEach(async () => {
    await srv?.close();
  });

  it('gives the public the recently overdue items without officials’ names, and the counts of the last hour and today', async () => {
    srv = await startTestServer();
    await seed(srv);
    const pub = await srv.as('public');
    const res = await pub.get('/api/v1/alerts/recent');
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { id: string }) => a.id)).toEqual(['D-NEW', 'D-OLD']);
    expect(res.body.items[0]).toMatchObject({
      kind: 'dossier',
      unit: UNIT,
      title: 'Đăng ký khai sinh',
      holderName: null,
      at: '2026-11-20T08:30:00.000+07:00',
    });
    expect(res.body.items[0].unitName).toMatch(/^Phường /);
    expect(JSON.stringify(res.body)).not.toContain(HOLDER);
    expect(res.body.newlyOverdue).toMatchObject({ today: 1, lastHour: 1 });
    expect(res.body.newlyOverdue.byUnit).toEqual([{ code: UNIT, name: res.body.items[0].unitName, today: 1, lastHour: 1 }]);
  });

  it('names the official to those who may see names', async () => {
    srv = await startTestServer();
    await seed(srv);
    const leader = await srv.as('city_leader');
    const res = await leader.get('/api/v1/alerts/recent?limit=1');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: 'D-NEW', holderName: HOLDER });
  });

  it('counts an item overdue for more than an hour as today’s only', async () => {
    srv = await startTestServer();
    await seed(srv);
    srv.clock.set(Date.parse('2026-11-20T10:00:00+07:00'));
    const res = await (await srv.as('public')).get(`/api/v1/alerts/recent?code=${UNIT}`);
    expect(res.body.newlyOverdue).toMatchObject({ today: 1, lastHour: 0 });
  });

  it('refuses the public when the public view is off', async () => {
    srv = await startTestServer({ security: { publicView: false } });
    expect((await (await srv.as('public')).get('/api/v1/alerts/recent')).status).toBe(401);
  });
});
