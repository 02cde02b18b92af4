/**
 * The early-warning read API over real HTTP and a real SQLite file: the at-risk lists (dossiers, tasks),
 * the forecast in the overview and the unit detail, and who may read what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtRiskDossierList, AtRiskTaskList, ForecastResponse } from '../../../shared/contract/early-warning.js';
import type { OverviewResponse, UnitDetailResponse } from '../../../shared/contract/api.js';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

// Wednesday 2 December 2026, 09:00: an ordinary working morning.
const START = Date.parse('2026-12-02T09:00:00+07:00');
const OWN = '26740';
const OTHER = '26743';

const assign = (id: string, dossierId: string, at: string, handler: string, name: string) => ({
  id,
  type: 'assigned',
  dossierId,
  at,
  handler: { id: handler, name, unit: OWN },
});

const dossierEvents = [
  // Due today 17:00, untouched since Monday 08:00: at risk (orange).
  receivedEvent({ id: 'r1', dossierId: 'D-RISK', at: '2026-11-30T08:00:00+07:00', dueAt: '2026-12-02T17:00:00+07:00' }),
  assign('a1', 'D-RISK', '2026-12-01T08:00:00+07:00', 'cb1', 'Nguyễn Thị Lan'),
  // Due today 16:00, worked on this morning: on track (green).
  receivedEvent({ id: 'r2', dossierId: 'D-ACTIVE', at: '2026-11-30T08:00:00+07:00', dueAt: '2026-12-02T16:00:00+07:00' }),
  assign('a2', 'D-ACTIVE', '2026-12-02T08:30:00+07:00', 'cb2', 'Trần Văn Hùng'),
  // Due today 15:00, waiting for the citizen: cannot be judged (grey).
  receivedEvent({ id: 'r3', dossierId: 'D-WAIT', at: '2026-11-30T08:00:00+07:00', dueAt: '2026-12-02T15:00:00+07:00' }),
  { id: 's3', type: 'supplement_requested', dossierId: 'D-WAIT', at: '2026-12-01T10:00:00+07:00' },
  // Due next week: not in the list.
  receivedEvent({ id: 'r4', dossierId: 'D-LATER', at: '2026-11-30T08:00:00+07:00', dueAt: '2026-12-09T17:00:00+07:00' }),
  // Overdue since yesterday: in the overdue list, not this one.
  receivedEvent({ id: 'r5', dossierId: 'D-OVERDUE', at: '2026-11-27T08:00:00+07:00', dueAt: '2026-12-01T17:00:00+07:00' }),
  // Another ward, due today 14:00, idle: at risk.
  receivedEvent({ id: 'r6', dossierId: 'D-OTHER', unit: OTHER, at: '2026-11-30T08:00:00+07:00', dueAt: '2026-12-02T14:00:00+07:00' }),
];

const task = (id: string, taskId: string, dueAt?: string) => ({
  id,
  type: 'assigned',
  taskId,
  at: '2026-11-20T08:00:00+07:00',
  title: `Nhiệm vụ ${taskId}`,
  document: { number: '12/UBND-VX', date: '2026-11-19' },
  issuer: 'UBND Thành phố',
  assignee: OWN,
  ...(dueAt ? { dueAt } : {}),
});
const taskEvents = [
  task('t1', 'T-RISK', '2026-12-03'),
  task('t2', 'T-OK', '2026-12-04'),
  { id: 't2p', type: 'progress_reported', taskId: 'T-OK', at: '2026-12-01T10:00:00+07:00', percent: 70 },
  task('t3', 'T-NODEADLINE'),
];

describe('early warning over HTTP', () => {
  let srv: TestServer;
  let leader: RoleClient;
  let ward: RoleClient;
  let supervisor: RoleClient;
  let anonymous: RoleClient;

  beforeAll(async () => {
    srv = await startTestServer({ start: START });
    expect((await srv.post('/api/v1/ingest/dossiers', { events: dossierEvents })).body.rejected).toBe(0);
    expect((await srv.post('/api/v1/ingest/tasks', { events: taskEvents }, srv.taskKey)).body.rejected).toBe(0);
    leader = await srv.as('city_leader');
    ward = await srv.as('unit_leader', `unit:${OWN}`);
    supervisor = await srv.as('supervisor');
    anonymous = await srv.as('public');
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('lists the city’s early warnings soonest due first, coloured, with the holder', async () => {
    const res = await leader.get('/api/v1/city/at-risk');
    expect(res.status).toBe(200);
    const body = res.body as AtRiskDossierList;
    expect(body.items.map((d) => [d.id, d.status, d.reason])).toEqual([
      ['D-OTHER', 'orange', 'idle'],
      ['D-WAIT', 'grey', 'awaiting_supplement'],
      ['D-ACTIVE', 'green', 'active'],
      ['D-RISK', 'orange', 'idle'],
    ]);
    expect(body.counts).toEqual({ red: 0, orange: 2, green: 1, grey: 1 });
    expect(body.rule).toEqual({ dueWithinWorkingHours: 8, idleWorkingHours: 8 });
    expect(body.items[3]).toMatchObject({
      holderId: 'cb1',
      holderName: 'Nguyễn Thị Lan',
      workingHoursLeft: 6.5,
      idleWorkingHours: 9,
      atRisk: true,
    });
  });

  it('lists one ward’s, filters by the holding official and by colour (counts stay whole)', async () => {
    const unit = (await leader.get(`/api/v1/units/${OWN}/at-risk`)).body as AtRiskDossierList;
    expect(unit.items.map((d) => d.id)).toEqual(['D-WAIT', 'D-ACTIVE', 'D-RISK']);
    const official = (await leader.get(`/api/v1/units/${OWN}/at-risk?official=cb1`)).body as AtRiskDossierList;
    expect(official).toMatchObject({ official: 'cb1', total: 1, counts: { orange: 1, green: 0 } });
    const orange = (await leader.get('/api/v1/city/at-risk?status=orange,red&pageSize=1&page=2')).body as AtRiskDossierList;
    expect(orange).toMatchObject({ total: 2, page: 2, counts: { orange: 2, green: 1, grey: 1 } });
    expect(orange.items.map((d) => d.id)).toEqual(['D-RISK']);
  });

  it('answers 400 naming an unknown colour or a bad page', async () => {
    const bad = await leader.get('/api/v1/city/at-risk?status=orange,purple');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status: unknown colour "purple"/);
    expect((await leader.get('/api/v1/city/at-risk?page=0')).status).toBe(400);
    expect((await leader.get('/api/v1/units/99999/at-risk')).status).toBe(404);
  });

  it('lists at-risk tasks with the status-update rate of open tasks (10 working days)', async () => {
    const res = await leader.get(`/api/v1/units/${OWN}/at-risk/tasks`);
    expect(res.status).toBe(200);
    const body = res.body as AtRiskTaskList;
    expect(body.items.map((t) => [t.id, t.status])).toEqual([
      ['T-RISK', 'orange'],
      ['T-OK', 'green'],
    ]);
    expect(body.updateRate).toEqual({ windowWorkingDays: 10, open: 3, updated: 1, rate: 1 / 3 });
    expect(body.rule).toEqual({ dueWithinWorkingDays: 3, idleWorkingDays: 5 });
  });

  it('keeps the lists within what each role may list: holders in scope, no tasks for the supervisor', async () => {
    expect((await ward.get(`/api/v1/units/${OWN}/at-risk`)).status).toBe(200);
    expect((await ward.get(`/api/v1/units/${OTHER}/at-risk`)).status).toBe(403);
    expect((await ward.get('/api/v1/city/at-risk')).status).toBe(403);
    expect((await supervisor.get('/api/v1/city/at-risk')).status).toBe(200);
    expect((await supervisor.get('/api/v1/city/at-risk/tasks')).status).toBe(403);
    expect((await anonymous.get('/api/v1/city/at-risk')).status).toBe(401);
  });

  it('puts the city’s forecast in the overview: overdue at the end of today, at 17:00 tomorrow and at the end of the week', async () => {
    const res = await anonymous.get('/api/v1/overview?period=month');
    expect(res.status).toBe(200);
    const f = (res.body as OverviewResponse).forecast!;
    expect(f.horizons.nextWorkingDay).toEqual({ at: '2026-12-03T17:00:00.000+07:00', date: '2026-12-03', tomorrow: true });
    expect(f.horizons.week.date).toBe('2026-12-06');
    // Overdue now: D-OVERDUE. By tonight also D-RISK, D-ACTIVE, D-OTHER; D-WAIT waits for the citizen; D-LATER is due next week.
    expect(f.scope).toMatchObject({ overdueNow: 1, today: 4, nextWorkingDay: 4, week: 4, atRisk: 2 });
    // Nothing finished in December: by its end all five open dossiers not waiting are overdue, so 0 %.
    expect(f.scope).toMatchObject({ onTimeRate: 0, onTimeRateOverdue: 5 });
  });

  it('gives every unit’s and department’s forecast at GET /forecast, to anyone who may see the figures', async () => {
    const res = await anonymous.get('/api/v1/forecast?period=month');
    expect(res.status).toBe(200);
    const f = res.body as ForecastResponse;
    expect(f.city).toMatchObject({ today: 4, atRisk: 2 });
    expect(Object.keys(f.units)).toHaveLength(168);
    expect(f.units[OWN]).toMatchObject({ overdueNow: 1, today: 3, atRisk: 1 });
    expect(f.units[OTHER]).toMatchObject({ today: 1 });
    expect(f.departments.STP).toMatchObject({ today: 0 });
    expect((await anonymous.get('/api/v1/forecast?period=decade')).status).toBe(400);
  });

  it('puts the unit’s forecast in its detail, judged like today’s on-time rate for the period "today"', async () => {
    const res = await anonymous.get(`/api/v1/units/${OWN}?period=today`);
    expect(res.status).toBe(200);
    const f = (res.body as UnitDetailResponse).forecast!;
    expect(f.horizons.periodEnd).toMatchObject({ period: 'today', basis: 'new', date: '2026-12-02' });
    // "Today" counts the dossiers whose first late working hour is today: D-OVERDUE (due yesterday 17:00, late from
    // 07:30 today) and D-ACTIVE (due 16:00); D-RISK, due at 17:00, is late in working time only from tomorrow.
    expect(f.scope).toMatchObject({ today: 3, onTimeRateOverdue: 2, onTimeRate: 0 });
  });
});
