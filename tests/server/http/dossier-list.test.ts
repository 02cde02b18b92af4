import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

describe('dossier lists: overdue ones past their due time', () => {
  let srv: TestServer;
  let leader: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer();
    leader = await srv.as('city_leader');
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        // Past its due time.
        receivedEvent({ id: 'a1', dossierId: 'A', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
        // Counted overdue by the two-supplements rule, its due date still ahead.
        receivedEvent({ id: 'b1', dossierId: 'B', at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-27T17:00:00+07:00' }),
        { id: 'b2', type: 'supplement_requested', dossierId: 'B', at: '2026-11-19T09:00:00+07:00' },
        { id: 'b3', type: 'supplement_received', dossierId: 'B', at: '2026-11-19T10:00:00+07:00' },
        { id: 'b4', type: 'supplement_requested', dossierId: 'B', at: '2026-11-19T11:00:00+07:00' },
      ],
    });
    expect(r.body.accepted).toBe(5);
  });
  afterAll(async () => {
    await srv.close();
  });

  it('lists both as overdue, and only the one whose due time passed with pastDue=1', async () => {
    const all = await leader.get('/api/v1/units/26740/dossiers?status=overdue&sort=dueAt&dir=desc');
    expect(all.body.items.map((d: any) => d.id)).toEqual(['B', 'A']);
    const past = await leader.get('/api/v1/units/city/dossiers?status=overdue&sort=dueAt&dir=desc&pastDue=1');
    expect(past.body).toMatchObject({ total: 1 });
    expect(past.body.items.map((d: any) => d.id)).toEqual(['A']);
  });

  it('rejects a pastDue value it does not know', async () => {
    const bad = await leader.get('/api/v1/units/26740/dossiers?status=overdue&pastDue=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('pastDue');
  });
});
