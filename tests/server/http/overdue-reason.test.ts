import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';

describe('why a dossier is counted overdue, on the wire', () => {
  let srv: TestServer;
  let leader: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer(); // now: Fri 2026-11-20 09:00
    leader = await srv.as('city_leader');
    await srv.post(DOSSIERS, {
      events: [
        // D-SUP: due next week, but the supplement was requested twice: overdue by the national rule.
        receivedEvent({ id: 'r1', dossierId: 'D-SUP', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-27T17:00:00+07:00' }),
        { id: 's1', type: 'supplement_requested', dossierId: 'D-SUP', at: '2026-11-16T09:00:00+07:00' },
        { id: 's2', type: 'supplement_received', dossierId: 'D-SUP', at: '2026-11-16T10:00:00+07:00' },
        { id: 's3', type: 'supplement_requested', dossierId: 'D-SUP', at: '2026-11-17T09:00:00+07:00' },
        { id: 's4', type: 'supplement_received', dossierId: 'D-SUP', at: '2026-11-17T10:00:00+07:00' },
        // D-LATE: past its due date.
        receivedEvent({ id: 'r2', dossierId: 'D-LATE', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-18T17:00:00+07:00' }),
      ],
    });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('lists a dossier overdue by two supplement requests with overdueReason "supplements" and its count, not as 0 days past due', async () => {
    const list = await leader.get('/api/v1/units/26740/dossiers?status=overdue');
    const byId = Object.fromEntries(list.body.items.map((d: any) => [d.id, d]));
    expect(byId['D-SUP']).toMatchObject({ timeliness: 'overdue', daysOverdue: 0, overdueReason: 'supplements', supplementRequests: 2 });
    expect(byId['D-LATE']).toMatchObject({ timeliness: 'overdue', overdueReason: 'past_due' });
    expect(byId['D-LATE'].daysOverdue).toBeGreaterThan(0);
  });

  it('gives the same reason on the dossier page', async () => {
    const d = await leader.get('/api/v1/dossiers/D-SUP');
    expect(d.body).toMatchObject({ timeliness: 'overdue', overdueReason: 'supplements', supplementRequests: 2, daysOverdue: 0 });
    expect((await leader.get('/api/v1/units/26740/dossiers?status=due_soon')).body.items.every((x: any) => x.overdueReason === null)).toBe(
      true,
    );
  });
});
