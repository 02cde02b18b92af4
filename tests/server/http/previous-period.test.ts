import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

// The clock stands at Friday 20/11/2026 09:00: this week began on Monday 16/11, the previous one
// ran 9/11–15/11 and ended at 16/11 00:00.
describe('overview: the previous period judged the DVCQG way', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
    const r = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        // Overdue at the end of last week and still open now.
        receivedEvent({ id: 'a1', dossierId: 'A', at: '2026-11-10T08:00:00+07:00', dueAt: '2026-11-12T17:00:00+07:00' }),
        // Overdue at the end of last week, finished late this week.
        receivedEvent({ id: 'b1', dossierId: 'B', at: '2026-11-10T08:00:00+07:00', dueAt: '2026-11-12T17:00:00+07:00' }),
        { id: 'b2', type: 'processed', dossierId: 'B', at: '2026-11-17T10:00:00+07:00' },
        // Finished late within last week: late then, not overdue at its end.
        receivedEvent({ id: 'c1', dossierId: 'C', at: '2026-11-09T08:00:00+07:00', dueAt: '2026-11-11T17:00:00+07:00' }),
        { id: 'c2', type: 'processed', dossierId: 'C', at: '2026-11-13T10:00:00+07:00' },
        // Finished early last week: never overdue.
        receivedEvent({ id: 'd1', dossierId: 'D', at: '2026-11-11T08:00:00+07:00', dueAt: '2026-11-13T17:00:00+07:00' }),
        { id: 'd2', type: 'processed', dossierId: 'D', at: '2026-11-12T10:00:00+07:00' },
        // Received on the Saturday of last week, due far ahead: after the same point of last week.
        receivedEvent({ id: 'e1', dossierId: 'E', at: '2026-11-14T09:00:00+07:00', dueAt: '2026-12-30T17:00:00+07:00' }),
      ],
    });
    expect(r.body.accepted).toBe(8);
    const t = await srv.post(
      '/api/v1/ingest/tasks',
      {
        events: [
          {
            id: 't1',
            type: 'assigned',
            taskId: 'T-1',
            at: '2026-11-05T08:00:00+07:00',
            title: 'Rà soát hồ sơ tồn đọng',
            document: { number: '12/UBND-VX', date: '2026-11-04' },
            issuer: 'UBND Thành phố',
            assignee: '26740',
            dueAt: '2026-11-12',
          },
          { id: 't2', type: 'completed', taskId: 'T-1', at: '2026-11-18T08:00:00+07:00' },
        ],
      },
      srv.taskKey,
    );
    expect(t.body.accepted).toBe(2);
  });
  afterAll(async () => {
    await srv.close();
  });

  it('counts what was overdue when the previous period ended, not zero, in its on-time rate', async () => {
    const { body } = await srv.get('/api/v1/overview?period=week');
    expect(body.previousCity).toMatchObject({ finishedEarly: 1, finishedLate: 1, overdue: 2 });
    // (early + on time) ÷ (early + on time + late + overdue at the end) = 1 ÷ 4
    expect(body.previousCity.onTimeRate).toBeCloseTo(0.25);
    expect(body.previousCity.tasks.openOverdue).toBe(1);
  });

  it('compares the received count with the same days of the previous period (Monday–Friday of last week)', async () => {
    const { body } = await srv.get('/api/v1/overview?period=week');
    expect(body.previousCity.received).toBe(5);
    expect(body.previousCityToDate.received).toBe(4);
  });

  it('leaves a dossier finished late before the end out of that backlog, and one finished early out of both', async () => {
    const { body } = await srv.get('/api/v1/overview?period=week');
    expect(body.city).toMatchObject({ finishedLate: 1, overdue: 1 });
    expect(body.city.onTimeRate).toBe(0);
    expect(body.city.tasks.openOverdue).toBe(0);
  });
});
