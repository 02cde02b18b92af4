/**
 * Buck-passing over the real server: cases found by the projection writer as hand-overs arrive,
 * listed per city, unit, department and official, counted in the live metrics, kept over a restart,
 * and found in rows written before they were kept (the backfill).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';
import { caseSubject } from '../../../client/features/buck-passing/case-subject.js';
import { sendBody } from '../../../client/features/requests/SendRequestForm.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const WARD = '26740';
const at = (dayHour: string) => `2026-11-${dayHour}:00+07:00`;
const official = (id: string, unit = WARD) => ({ id, name: `Cán bộ ${id}`, unit });
let n = 0;
const assigned = (dossierId: string, when: string, who: string, stepDue: string, unit = WARD) => ({
  id: `a${++n}`,
  type: 'assigned',
  dossierId,
  at: at(when),
  handler: official(who, unit),
  stepDueAt: at(stepDue),
});

/** B-1: a bounce A → B → A in ward 26740; X-1: the ward's specialist and Sở Xây dựng pass it back and forth; OK-1: a planned route. */
const EVENTS = [
  receivedEvent({ id: 'r-b1', dossierId: 'B-1', at: at('16T08:00'), dueAt: at('27T17:00') }),
  assigned('B-1', '16T08:10', 'R', '16T12:00'),
  assigned('B-1', '16T09:00', 'A', '19T17:00'),
  assigned('B-1', '17T09:00', 'B', '19T17:00'),
  assigned('B-1', '18T09:00', 'A', '19T17:00'),
  receivedEvent({ id: 'r-x1', dossierId: 'X-1', at: at('16T08:00'), dueAt: at('27T17:00') }),
  assigned('X-1', '16T08:10', 'R', '16T12:00'),
  assigned('X-1', '16T09:00', 'S', '18T17:00'),
  assigned('X-1', '17T09:00', 'P', '24T17:00', 'SXD'),
  assigned('X-1', '18T09:00', 'S', '24T17:00'),
  assigned('X-1', '19T09:00', 'P', '24T17:00', 'SXD'),
  { id: 'x1-done', type: 'processed', dossierId: 'X-1', at: at('19T15:00') },
  receivedEvent({ id: 'r-ok', dossierId: 'OK-1', at: at('16T08:00'), dueAt: at('27T17:00') }),
  assigned('OK-1', '16T08:10', 'R', '16T12:00'),
  assigned('OK-1', '16T09:00', 'S', '18T17:00'),
  assigned('OK-1', '18T09:00', 'L', '20T17:00'),
];

/** The ids of the city's cases this month, as the store lists them. */
function casesIn(s: TestServer): string[] {
  const w = s.runtime.engine.window('month');
  const page = s.runtime.store.read.buckPassingPage({
    unit: null,
    from: w.from,
    to: w.to,
    rule: null,
    official: null,
    sort: 'recent',
    dir: 'desc',
    limit: 10,
    offset: 0,
  });
  return page.items.map((c) => `${c.dossierId}:${c.rule}:${c.firstHold}`);
}

describe('buck-passing API', () => {
  let srv: TestServer;
  let leader: RoleClient;
  let pub: RoleClient;
  beforeAll(async () => {
    srv = await startTestServer();
    leader = await srv.as('city_leader');
    pub = await srv.as('public');
    expect((await srv.post(DOSSIERS, { events: EVENTS })).body.accepted).toBe(EVENTS.length);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("lists the city's cases with their rule, officials, working hours lost and a link to the evidence, newest first", async () => {
    const res = await leader.get('/api/v1/city/buck-passing?period=month');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scope: 'city', total: 2, sort: 'recent', namesHidden: false, window: { period: 'month' } });
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(['X-1:cross_unit:1', 'B-1:bounce:1']);
    const [cross, bounce] = res.body.items;
    expect(bounce).toMatchObject({
      rule: 'bounce',
      dossierId: 'B-1',
      unit: WARD,
      unitName: 'Phường Sài Gòn',
      procedureName: 'Đăng ký khai sinh',
      holds: { first: 1, last: 3 },
      firstHandoverAt: '2026-11-17T09:00:00.000+07:00',
      lastHandoverAt: '2026-11-18T09:00:00.000+07:00',
      lostWorkingHours: 8,
      ongoing: false,
      evidence: '/dossiers/B-1?case=B-1%3Abounce%3A1',
    });
    expect(bounce.officials.map((o: { id: string }) => o.id)).toEqual(['A', 'B']);
    expect(cross.officials).toEqual([
      { id: 'S', name: 'Cán bộ S', unit: WARD, unitName: 'Phường Sài Gòn' },
      { id: 'P', name: 'Cán bộ P', unit: 'SXD', unitName: 'Sở Xây dựng' },
    ]);
    expect(res.body.byRule).toEqual([
      { rule: 'bounce', cases: 1, lostWorkingHours: 8 },
      { rule: 'sent_back', cases: 0, lostWorkingHours: 0 },
      { rule: 'pass_around', cases: 0, lostWorkingHours: 0 },
      { rule: 'cross_unit', cases: 1, lostWorkingHours: 16 },
    ]);
  });

  it('sends a request from a case row: it carries the case id, goes to the dossier’s unit and shows on the dossier’s timeline', async () => {
    const supervisor = await srv.as('supervisor');
    const row = (await supervisor.get('/api/v1/city/buck-passing?period=month&rule=bounce')).body.items[0];
    // The body the case row's button sends (client/features/buck-passing/CaseRow.tsx).
    const body = sendBody(caseSubject(row)!, 'explanation', 'Đề nghị giải trình việc chuyển qua lại', null);
    const sent = await supervisor.post('/api/v1/reminders', body);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'explanation',
      subject: { type: 'case', id: 'B-1:bounce:1', title: 'Đăng ký khai sinh' },
      dossierId: 'B-1',
      unit: WARD,
      holder: { id: 'A' },
      state: 'sent',
    });
    // The dossier's page lists it with its requests, which its timeline shows in place.
    const onDossier = await leader.get('/api/v1/dossiers/B-1/reminders');
    expect(onDossier.body.items.map((r: { id: number; subject: { id: string } }) => [r.id, r.subject.id])).toEqual([
      [sent.body.id, 'B-1:bounce:1'],
    ]);
  });

  it('sorts by working time lost, filters by rule and by official', async () => {
    const lost = await leader.get('/api/v1/city/buck-passing?period=month&sort=lost');
    expect(lost.body.items.map((c: { rule: string }) => c.rule)).toEqual(['cross_unit', 'bounce']);
    const bounces = await leader.get('/api/v1/city/buck-passing?period=month&rule=bounce');
    expect(bounces.body).toMatchObject({ total: 1, rule: 'bounce' });
    const ofP = await leader.get('/api/v1/city/buck-passing?period=month&official=P');
    expect(ofP.body.items.map((c: { id: string }) => c.id)).toEqual(['X-1:cross_unit:1']);
    const paged = await leader.get('/api/v1/city/buck-passing?period=month&pageSize=1&page=2');
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.body.items.map((c: { id: string }) => c.id)).toEqual(['B-1:bounce:1']);
  });

  it("gives a department the cases its staff were in, ward dossiers included, and a unit its dossiers' cases", async () => {
    const dept = await leader.get('/api/v1/departments/SXD/buck-passing?period=month');
    expect(dept.body.items.map((c: { id: string }) => c.id)).toEqual(['X-1:cross_unit:1']);
    const ward = await leader.get(`/api/v1/units/${WARD}/buck-passing?period=30d`);
    expect(ward.body).toMatchObject({ total: 2, window: { period: 'live' } });
    const other = await leader.get('/api/v1/units/26743/buck-passing?period=month');
    expect(other.body.total).toBe(0);
  });

  it('hides officials from those who may not see names, and refuses them the filter by official', async () => {
    const res = await pub.get('/api/v1/city/buck-passing?period=month');
    expect(res.status).toBe(200);
    expect(res.body.namesHidden).toBe(true);
    for (const c of res.body.items) {
      expect(c.evidence).toBeNull();
      for (const o of c.officials) expect(o).toMatchObject({ id: null, name: null, unit: expect.any(String) });
    }
    expect((await pub.get('/api/v1/city/buck-passing?official=P')).status).toBe(401);
  });

  it('answers 400 naming a bad rule, sort or period, and 404 for an unknown unit', async () => {
    const bad = await leader.get('/api/v1/city/buck-passing?rule=dodging&sort=oldest&period=decade');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/rule/);
    expect(bad.body.error.message).toMatch(/sort/);
    expect(bad.body.error.message).toMatch(/period/);
    expect((await leader.get('/api/v1/units/00001/buck-passing')).status).toBe(404);
  });

  it("lists a dossier's cases on its page, with the cycle's holds", async () => {
    const d = await leader.get('/api/v1/dossiers/B-1');
    expect(d.body.buckPassing).toMatchObject([{ id: 'B-1:bounce:1', rule: 'bounce', holds: { first: 1, last: 3 } }]);
    expect((await leader.get('/api/v1/dossiers/OK-1')).body.buckPassing).toEqual([]);
  });

  it('counts the cases of the dossiers received in the period in the live metrics, and keeps them over a restart', async () => {
    expect(srv.runtime.engine.metrics('city', 'month')).toMatchObject({ received: 3, buckPassingCases: 2 });
    expect(srv.runtime.engine.metrics(`unit:${WARD}`, 'month').buckPassingCases).toBe(2);
    expect(srv.runtime.engine.metrics('department:SXD', 'month').buckPassingCases).toBe(0);
    const now = srv.clock.now();
    await srv.close({ keepFiles: true });
    srv = await startTestServer({ dir: srv.dir, start: now });
    // X-1 is finished: its count comes back from the row's facts, B-1's from its open state.
    expect(srv.runtime.engine.metrics('city', 'month')).toMatchObject({ received: 3, buckPassingCases: 2 });
    expect(casesIn(srv)).toEqual(['X-1:cross_unit:1', 'B-1:bounce:1']);
  });

  it('finds the cases of rows written before they were kept, at the next start', async () => {
    const now = srv.clock.now();
    const dir = srv.dir;
    await srv.close({ keepFiles: true });
    // As a file from before migration 009 looks once migrated: no case rows, no counts, the backfill pending.
    const db = openDatabase(`${dir}/dashboard.db`);
    db.exec(`DELETE FROM buck_passing_cases; DELETE FROM buck_passing_parties; UPDATE dossiers SET f_buck_passing = NULL;
             INSERT OR REPLACE INTO meta (key, value) VALUES ('buck_passing.backfill', 'pending');`);
    db.close();
    srv = await startTestServer({ dir, start: now });
    try {
      expect(srv.runtime.engine.metrics('city', 'month').buckPassingCases).toBe(2);
      expect(casesIn(srv)).toEqual(['X-1:cross_unit:1', 'B-1:bounce:1']);
    } finally {
      await srv.close();
      srv = undefined as unknown as TestServer;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
