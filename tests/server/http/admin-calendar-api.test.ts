/**
 * The calendar tab's REST API over the real server: reads and edits a copy of fixtures/calendar in the
 * test's folder (never the repository's files), validated, atomic, audited, and applied at the next start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCalendarChanges } from '../../../server/auth/calendar-audit.js';
import { DEFAULT_CALENDAR_DIR } from '../../../server/config/calendar-loader.js';
import { startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const fixturesDigest = () =>
  createHash('sha256')
    .update(
      readdirSync(DEFAULT_CALENDAR_DIR)
        .map((f) => readFileSync(join(DEFAULT_CALENDAR_DIR, f), 'utf8'))
        .join('\n'),
    )
    .digest('hex');

describe('admin calendar API', () => {
  let srv: TestServer;
  let admin: RoleClient;
  const repoFixtures = fixturesDigest();

  beforeAll(async () => {
    srv = await startTestServer();
    admin = await srv.as('admin');
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
    rmSync(srv.dir, { recursive: true, force: true }); // restarted on its folder, the server leaves it
    expect(fixturesDigest(), 'the repository’s fixtures/calendar is never written by a test').toBe(repoFixtures);
  });

  it('shows a year as its file holds it, with its working days per month and the file it comes from', async () => {
    const res = await admin.get('/api/v1/admin/calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, exists: true, years: [2025, 2026], pendingRestart: false, workingDays: 249 });
    expect(res.body.file).toBe(join(srv.dir, 'calendar', '2026.json'));
    expect(res.body.months[1]).toEqual({ month: 2, workingDays: 15, daysOff: 9, workingSaturdays: 0 });
    expect(res.body.workingSaturdays[0]).toEqual({ date: '2026-01-10', name: 'Làm bù cho ngày nghỉ 2/1', compensates: '2026-01-02' });
    expect(res.body.coverage).toMatchObject({ status: 'missing_next_year', year: 2027 });
  });

  it('shows a year without a file as weekends only, flagged as missing', async () => {
    const res = await admin.get('/api/v1/admin/calendar/2028');
    expect(res.body).toMatchObject({ year: 2028, exists: false, daysOff: [], workingSaturdays: [], pendingRestart: false });
  });

  it('adds a day off to the same file, audits it with before and after, and says it applies after a restart', async () => {
    const res = await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-12-07', { kind: 'day_off', name: 'Nghỉ đột xuất' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pendingRestart: true, workingDays: 248 });
    const file = readFileSync(join(srv.dir, 'calendar', '2026.json'), 'utf8');
    expect(file).toContain('    { "date": "2026-12-07", "name": "Nghỉ đột xuất" }\n  ],');
    const audit = srv.runtime.store.audit.page({ action: 'calendar.changed', actor: null, limit: 10, offset: 0 }).items;
    expect(audit[0]).toMatchObject({
      actor: `user:${admin.username}`,
      role: 'admin',
      action: 'calendar.changed',
      target: '2026-12-07',
      outcome: 'ok',
      details: { year: 2026, date: '2026-12-07', before: 'regular', after: 'day_off: Nghỉ đột xuất', appliesAfterRestart: true },
    });
    // The running server still counts with the calendar it loaded: nothing claims otherwise.
    expect(srv.runtime.calendar.isWorkingDay('2026-12-07')).toBe(true);
  });

  it('creates the file of a missing year with its first day off', async () => {
    const res = await admin.request('PUT', '/api/v1/admin/calendar/2027/days/2027-01-01', { kind: 'day_off', name: 'Tết Dương lịch' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ exists: true, years: [2025, 2026, 2027], pendingRestart: true });
  });

  it('answers 400 naming the field and why, and writes nothing', async () => {
    const before = readFileSync(join(srv.dir, 'calendar', '2026.json'), 'utf8');
    const friday = await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-11-27', { kind: 'working_saturday', name: 'Làm bù' });
    expect(friday.status).toBe(400);
    expect(friday.body.error.message).toBe('date: 2026-11-27 is not a Saturday (a swapped working day is a Saturday)');
    const compensated = await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-08-31', { kind: 'regular' });
    expect(compensated.status).toBe(400);
    expect(compensated.body.error.message).toContain('working Saturday 2026-08-22 compensates');
    const kind = await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-12-08', { kind: 'holiday', name: 'x' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toMatch(/^2026-12-08: kind: .*\(kind is day_off, working_saturday or regular\)$/);
    const year = await admin.get('/api/v1/admin/calendar/20x6');
    expect(year.status).toBe(400);
    expect(year.body.error.message).toBe('year: "20x6" is not a year 1900–2999');
    expect(readFileSync(join(srv.dir, 'calendar', '2026.json'), 'utf8')).toBe(before);
  });

  it('is not recorded a second time as the system’s change at the next start; a hand edit of another file still is', async () => {
    const dir = join(srv.dir, 'calendar');
    const { store, app } = srv.runtime;
    recordCalendarChanges(store, app.audit, dir); // the baseline a start takes
    expect((await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-12-29', { kind: 'day_off', name: 'Nghỉ' })).status).toBe(200);
    expect(recordCalendarChanges(store, app.audit, dir)).toEqual([]);
    writeFileSync(join(dir, '2025.json'), readFileSync(join(dir, '2025.json'), 'utf8').replace('Quốc khánh', 'Quốc Khánh'));
    expect(recordCalendarChanges(store, app.audit, dir)).toEqual(['2025.json']);
  });

  it('refuses a change without the session’s CSRF token', async () => {
    const res = await admin.request(
      'PUT',
      '/api/v1/admin/calendar/2026/days/2026-12-08',
      { kind: 'day_off', name: 'x' },
      { 'x-csrf-token': 'wrong' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_token');
  });

  it('applies at the next start: a deadline counted in working days moves, and nothing is pending any more', async () => {
    const supervisor = await srv.as('supervisor');
    const due = async (s: TestServer, c: RoleClient) => (await c.get('/api/v1/reminders/default-due')).body;
    const dueBefore = await due(srv, supervisor);
    // Tuesday 24/11 stops being a day off: the default answer date (working days from Friday 20/11) comes a day earlier.
    expect((await admin.request('PUT', '/api/v1/admin/calendar/2026/days/2026-11-24', { kind: 'regular' })).status).toBe(200);
    expect(await due(srv, supervisor), 'unchanged until the restart').toEqual(dueBefore);
    await srv.close({ keepFiles: true });
    srv = await startTestServer({ dir: srv.dir });
    admin = await srv.as('admin');
    const after = await due(srv, await srv.as('supervisor'));
    expect(after).not.toEqual(dueBefore);
    expect(JSON.stringify(after)).toContain('2026-11-24');
    expect(srv.runtime.calendar.isWorkingDay('2026-12-07')).toBe(false);
    expect((await admin.get('/api/v1/admin/calendar/2026')).body.pendingRestart).toBe(false);
  }, 60_000);
});
