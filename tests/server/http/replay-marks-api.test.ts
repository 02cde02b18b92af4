/**
 * GET /replay/marks: the working calendar's changes between two instants, from the audit log, for the
 * time bar's marks; through the real app on a real SQLite file (an admin's edit of a copy of the calendar).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayMarksSchema } from '../../../shared/contract/api-schemas.js';
import { ruleMarks } from '../../../server/replay/rule-marks.js';
import { startTestServer, T0, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();

describe('GET /replay/marks (rule changes on the time bar)', () => {
  let srv: TestServer;
  let leader: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer();
    const admin = await srv.as('admin');
    srv.clock.set(T0 + HOUR);
    const res = await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-12-07', { kind: 'day_off', name: 'Nghỉ đột xuất' });
    expect(res.status).toBe(200);
    // A year file edited by hand, found at a start: recorded by the system, with its files.
    srv.clock.set(T0 + 2 * HOUR);
    srv.runtime.store.audit.add({
      at: T0 + 2 * HOUR,
      actor: 'system',
      role: null,
      action: 'calendar.changed',
      target: 'calendar',
      outcome: 'ok',
      ip: null,
      details: { files: ['2027.json'] },
    });
    srv.clock.set(T0 + 3 * HOUR);
    leader = await srv.as('city_leader');
  }, 60_000);
  afterAll(() => srv.close());

  it('marks each change of the working calendar at the instant it was recorded, oldest first, with what changed', async () => {
    const res = await leader.get('/api/v1/replay/marks');
    expect(res.status).toBe(200);
    const body = replayMarksSchema.parse(res.body);
    expect(body.marks).toEqual([
      { at: '2026-11-20T10:00:00.000+07:00', kind: 'calendar', what: ['2026-12-07'], appliesAfterRestart: true },
      { at: '2026-11-20T11:00:00.000+07:00', kind: 'calendar', what: ['2027.json'], appliesAfterRestart: false },
    ]);
    expect(body.to).toBe('2026-11-20T12:00:00.000+07:00');
  });

  it('keeps to the range asked, both ends included', async () => {
    const one = await leader.get(
      `/api/v1/replay/marks?from=${encodeURIComponent(iso(T0 + HOUR))}&to=${encodeURIComponent(iso(T0 + HOUR))}`,
    );
    expect(one.body.marks.map((m: { what: string[] }) => m.what)).toEqual([['2026-12-07']]);
    const before = await leader.get(
      `/api/v1/replay/marks?from=${encodeURIComponent(iso(T0 - 30 * DAY))}&to=${encodeURIComponent(iso(T0))}`,
    );
    expect(before.body.marks).toEqual([]);
  });

  it('follows the replay reads’ access policy: a unit leader may read them, the public view may not', async () => {
    const ward = await srv.as('unit_leader', 'unit:26740');
    expect((await ward.get('/api/v1/replay/marks')).body.marks).toHaveLength(2);
    expect((await (await srv.as('public')).get('/api/v1/replay/marks')).status).toBe(401);
  });

  it('refuses a range backwards or in the future, saying what and why', async () => {
    const back = await leader.get(`/api/v1/replay/marks?from=${encodeURIComponent(iso(T0))}&to=${encodeURIComponent(iso(T0 - HOUR))}`);
    expect(back.status).toBe(400);
    expect(back.body.error.code).toBe('invalid_query');
    expect(back.body.error.message).toMatch(/^from: .* is after to/);
    const future = await leader.get(`/api/v1/replay/marks?to=${encodeURIComponent(iso(T0 + 10 * DAY))}`);
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/future/);
  });
});

describe('rule marks from the audit log', () => {
  it('keeps only the calendar’s successful changes, oldest first', () => {
    const row = (at: number, action: string, outcome = 'ok') => ({ at, action, outcome, target: '2026-12-07', details: null });
    expect(
      ruleMarks([row(3, 'calendar.changed'), row(1, 'user.created'), row(2, 'calendar.changed', 'denied'), row(0, 'calendar.changed')]),
    ).toEqual([
      { at: 0, kind: 'calendar', what: ['2026-12-07'], appliesAfterRestart: true },
      { at: 3, kind: 'calendar', what: ['2026-12-07'], appliesAfterRestart: true },
    ]);
  });
});
