/**
 * Data trust over the real server: flags found by the projection writer as events arrive, the
 * figures per unit, a scope's flags with their evidence, a supervisor's audited review, all kept over
 * a restart; the service metrics the same as without the flags; the daily jump judged once a working
 * day's office hours are over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';
import { createDailyJumpSweep } from '../../../server/data-trust/daily-sweep.js';
import { createSqliteDataTrustStore } from '../../../server/db/data-trust-store/sqlite-data-trust-store.js';
import { vnDayIndex } from '../../../server/domain/time.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const WARD = '26740';
const at = (dayHour: string) => `2026-11-${dayHour}:00+07:00`;

const EVENTS = [
  // Due 30/11: three legal working days from 20/11 allow 25/11 at the latest.
  receivedEvent({ id: 'r-due', dossierId: 'DUE-1', at: at('19T08:00'), dueAt: at('30T17:00') }),
  receivedEvent({ id: 'r-ok', dossierId: 'OK-1', at: at('19T08:00'), dueAt: at('24T17:00') }),
  receivedEvent({ id: 'r-ok2', dossierId: 'OK-2', at: at('19T09:00'), dueAt: at('24T17:00') }),
  receivedEvent({ id: 'r-ok3', dossierId: 'OK-3', at: at('19T10:00'), dueAt: at('24T17:00') }),
];

describe('data-trust API', () => {
  let srv: TestServer;
  let leader: RoleClient;
  let supervisor: RoleClient;
  let unitLeader: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer();
    leader = await srv.as('city_leader');
    supervisor = await srv.as('supervisor');
    unitLeader = await srv.as('unit_leader', `unit:${WARD}`);
    expect((await srv.post(DOSSIERS, { events: EVENTS })).body.accepted).toBe(EVENTS.length);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("lists a unit's flags with their rule, severity, evidence and a link to the dossier", async () => {
    const res = await leader.get(`/api/v1/units/${WARD}/data-trust/flags?period=month`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scope: `unit:${WARD}`, total: 1, canReview: false });
    expect(res.body.items[0]).toMatchObject({
      id: 'DUE-1:due_beyond_legal',
      rule: 'due_beyond_legal',
      severity: 'high',
      unit: WARD,
      dossierId: 'DUE-1',
      status: 'open',
      link: '/dossiers/DUE-1',
      evidence: [{ dossierId: 'DUE-1', eventId: 'r-due', type: 'received', limitAt: '2026-11-25T23:59:59.999+07:00' }],
    });
    expect(res.body.byRule.find((r: { rule: string }) => r.rule === 'due_beyond_legal')).toEqual({
      rule: 'due_beyond_legal',
      flags: 1,
      open: 1,
    });
  });

  it('gives each unit its data-trust figure: dossiers without flags, weighted by severity', async () => {
    const res = await leader.get('/api/v1/data-trust?period=month');
    expect(res.status).toBe(200);
    const ward = res.body.figures.find((f: { code: string }) => f.code === WARD);
    // 4 received, one with a high-severity flag (weight 1): 100 × (1 − 1/4).
    expect(ward).toMatchObject({ kind: 'unit', dossiers: 4, flaggedDossiers: 1, trust: 75 });
    expect(res.body.figures.find((f: { code: string }) => f.code === '26743')).toMatchObject({ dossiers: 0, trust: null });
    expect(res.body.weights).toEqual({ high: 1, medium: 0.5, low: 0.25 });
  });

  it('leaves the service metrics as they are: the flagged dossier counts like any other', () => {
    expect(srv.runtime.engine.metrics(`unit:${WARD}`, 'month')).toMatchObject({ received: 4 });
  });

  it('lets a supervisor review a flag (audited), a justified flag then weighs nothing; others may not', async () => {
    const path = `/api/v1/units/${WARD}/data-trust/flags/DUE-1%3Adue_beyond_legal/review`;
    expect((await unitLeader.post(path, { verdict: 'justified', note: 'x' })).status).toBe(403);
    const bad = await supervisor.post(path, { verdict: 'fine', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/verdict/);
    expect(bad.body.error.message).toMatch(/note/);
    const ok = await supervisor.post(path, { verdict: 'justified', note: 'Thủ tục liên thông, thời hạn theo quy định riêng' });
    expect(ok.status).toBe(200);
    expect(ok.body.flag).toMatchObject({ status: 'justified', review: { verdict: 'justified', by: supervisor.username } });
    const audit = srv.runtime.store.audit.page({ action: 'data_trust.reviewed', actor: null, limit: 5, offset: 0 });
    expect(audit.items[0]).toMatchObject({ target: 'DUE-1:due_beyond_legal', outcome: 'ok' });
    const fig = (await leader.get('/api/v1/data-trust?period=month')).body.figures.find((f: { code: string }) => f.code === WARD);
    expect(fig).toMatchObject({ flaggedDossiers: 0, trust: 100 });
    const open = await leader.get(`/api/v1/units/${WARD}/data-trust/flags?period=month&status=open`);
    expect(open.body.total).toBe(0);
  });

  it('answers 400 naming a bad rule, status or period', async () => {
    const bad = await leader.get(`/api/v1/units/${WARD}/data-trust/flags?rule=lying&status=maybe&period=decade`);
    expect(bad.status).toBe(400);
    for (const word of ['rule', 'status', 'period']) expect(bad.body.error.message).toMatch(word);
  });

  it('keeps the flags and their reviews over a restart', async () => {
    const before = srv.runtime.store.dataTrust.allFlags();
    const now = srv.clock.now();
    await srv.close({ keepFiles: true });
    srv = await startTestServer({ dir: srv.dir, start: now });
    expect(srv.runtime.store.dataTrust.allFlags()).toEqual(before);
    expect(before.map((f) => [f.id, f.review?.verdict])).toEqual([['DUE-1:due_beyond_legal', 'justified']]);
  });

  it('daily_jump: judges a working day once its office hours are over, from the daily figures, once across restarts', async () => {
    const { store, calendar, settings } = srv.runtime;
    const friday = vnDayIndex(Date.parse(at('20T12:00')));
    // Six weeks of weekdays around 10 dossiers a day in ward 26743, then 60 on Friday 20/11.
    for (let d = friday - 42; d < friday; d++) store.transaction(() => store.dataTrust.addUnitDay('26743', d, 9 + (d % 3), 0, 0));
    store.transaction(() => store.dataTrust.addUnitDay('26743', friday, 60, 0, 0));
    let now = Date.parse(at('20T16:00'));
    const sweep = () => createDailyJumpSweep({ trust: createSqliteDataTrustStore(store), calendar, settings, now: () => now }).sweep();
    store.meta.set('data_trust.jump_evaluated_day', String(friday - 1));
    expect(await sweep()).toBe(0);
    now = Date.parse(at('20T17:05'));
    expect(await sweep()).toBe(1);
    const flag = store.dataTrust.flag('26743:daily_jump:2026-11-20:volume')!;
    expect(flag.evidence[0].figure).toMatchObject({ name: 'volume', value: 60, median: 10 });
    // A new sweep (a restart) on Saturday judges nothing twice.
    now = Date.parse(at('21T10:00'));
    expect(await sweep()).toBe(0);
  });
});
