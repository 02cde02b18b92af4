/** The officials' list and pages over real HTTP, with a real SQLite file and the worker-thread computation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const WARD = '26740';
const OTHER = '26743';
const DEPT = 'STP';
const handler = (id: string, name: string, unit: string) => ({ id, name, unit });
const A = handler('A', 'Phạm Thị An', WARD);
const B = handler('B', 'Đặng Văn Bình', WARD);
const C = handler('C', 'Lê Thị Cúc', DEPT); // department staff handling ward dossiers (liên thông)
const E = handler('E', 'Võ Văn Em', OTHER);

let n = 0;
const assigned = (dossierId: string, at: string, h: ReturnType<typeof handler>, stepDueAt?: string) => ({
  id: `a${++n}`,
  type: 'assigned',
  dossierId,
  at,
  handler: h,
  ...(stepDueAt ? { stepDueAt } : {}),
});
const land = { code: '1.002', name: 'Đăng ký đất đai', field: 'Đất đai', legalDays: 10 };

describe('officials API', () => {
  let srv: TestServer;
  let leader: RoleClient;

  beforeAll(async () => {
    // The server's clock: Friday 20/11/2026 09:00.
    srv = await startTestServer();
    const res = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        // D-1: A → B → A (B passed it back); due Thursday 19/11 17:00, overdue now and held by A.
        receivedEvent({ id: 'r1', dossierId: 'D-1', at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-19T17:00:00+07:00' }),
        assigned('D-1', '2026-11-16T08:10:00+07:00', A, '2026-11-16T17:00:00+07:00'),
        assigned('D-1', '2026-11-17T08:00:00+07:00', B, '2026-11-18T17:00:00+07:00'),
        assigned('D-1', '2026-11-18T08:00:00+07:00', A, '2026-11-18T17:00:00+07:00'),
        // D-2: a land dossier of the ward handled by department staff C, finished past the step's allotted time.
        receivedEvent({ id: 'r2', dossierId: 'D-2', procedure: land, at: '2026-11-16T08:00:00+07:00', dueAt: '2026-11-30' }),
        assigned('D-2', '2026-11-16T09:00:00+07:00', C, '2026-11-17T17:00:00+07:00'),
        { id: 'p2', type: 'processed', dossierId: 'D-2', at: '2026-11-19T10:00:00+07:00' },
        // D-4: C holds another ward dossier now, in term.
        receivedEvent({ id: 'r4', dossierId: 'D-4', procedure: land, at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-30' }),
        assigned('D-4', '2026-11-19T08:30:00+07:00', C, '2026-11-24T17:00:00+07:00'),
        // D-3: another ward's dossier held by its own official.
        receivedEvent({ id: 'r3', dossierId: 'D-3', unit: OTHER, at: '2026-11-18T08:00:00+07:00', dueAt: '2026-11-27' }),
        assigned('D-3', '2026-11-18T08:30:00+07:00', E),
      ],
    });
    expect(res.body.accepted).toBe(11);
    await srv.addUser('giamsat', 'supervisor');
    const sender = srv.runtime.store.users.findByUsername('giamsat')!;
    // Requests about D-1, each counted for the official who held it when sent (stored with it):
    // a reminder on Tuesday (B held it), a reminder and an explanation request on Thursday (A held it).
    const remind = (at: string, holder: ReturnType<typeof handler>, kind: 'reminder' | 'explanation' = 'reminder') =>
      srv.runtime.store.reminders.create({
        unit: WARD,
        dossierId: 'D-1',
        message: kind === 'reminder' ? 'Đề nghị xử lý' : 'Đề nghị giải trình',
        sentBy: sender.id,
        sentAt: Date.parse(at),
        kind,
        holder,
        answerDueAt: kind === 'explanation' ? Date.parse('2026-11-23T23:59:59+07:00') : null,
      });
    remind('2026-11-17T10:00:00+07:00', B);
    remind('2026-11-19T10:00:00+07:00', A);
    remind('2026-11-19T11:00:00+07:00', A, 'explanation');
    leader = await srv.as('city_leader');
  });
  afterAll(async () => {
    await srv?.close();
  });

  const ids = (body: any) => body.items.map((r: any) => r.id);

  it('lists every official of the city to a city leader, with each scorecard figure', async () => {
    const { status, body } = await leader.get('/api/v1/officials?period=month&sort=name');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['B', 'C', 'A', 'E']); // Đặng, Lê, Phạm, Võ
    const a = body.items.find((r: any) => r.id === 'A');
    expect(a).toMatchObject({ unit: WARD, unitKind: 'unit', holdingNow: 1, overdueHeldNow: 1, stepsDone: 1, reminders: 1 });
    expect(a).toMatchObject({ explanationRequests: 1, buckPassingCases: 1 });
    // Monday's step (due 17:00, handed on Tuesday 08:00) ran 0.5 h over; Wednesday's (due 17:00) is 2 h over by Friday 09:00 (Thursday 8 h + 1.5 h).
    expect(a.beyondHours).toBe(10);
    expect(body.items.find((r: any) => r.id === 'B')).toMatchObject({
      buckPassingCases: 1,
      reminders: 1,
      explanationRequests: 0,
      stepsDone: 1,
      stepsWithin: 1,
    });
    expect(body.items.find((r: any) => r.id === 'C')).toMatchObject({ unit: DEPT, unitKind: 'department', stepsDone: 1, withinShare: 0 });
    expect(body.fields).toEqual(['Đất đai', 'Hộ tịch']);
    expect(body.window.period).toBe('month');
  });

  it('counts each official’s buck-passing cases by the case store: the total of the buck-passing list filtered to them', async () => {
    for (const period of ['month', 'live', 'today']) {
      const list = (await leader.get(`/api/v1/officials?period=${period}&pageSize=500`)).body;
      for (const row of list.items) {
        const cases = (await leader.get(`/api/v1/city/buck-passing?period=${period}&official=${row.id}`)).body;
        expect({ period, id: row.id, n: row.buckPassingCases }).toEqual({ period, id: row.id, n: cases.total });
      }
    }
    const month = (await leader.get('/api/v1/officials?period=month&sort=buckPassingCases&dir=desc')).body;
    expect(month.items.slice(0, 2).map((r: any) => [r.id, r.buckPassingCases])).toEqual([
      ['B', 1],
      ['A', 1],
    ]);
  });

  it('keeps the staff of a ward, or of a department (liên thông steps included), as asked', async () => {
    expect(ids((await leader.get(`/api/v1/officials?unit=${WARD}&sort=name`)).body)).toEqual(['B', 'A']);
    expect(ids((await leader.get(`/api/v1/officials?department=${DEPT}`)).body)).toEqual(['C']);
  });

  it('narrows to the steps of one field’s dossiers', async () => {
    const { body } = await leader.get(`/api/v1/officials?field=${encodeURIComponent('Đất đai')}`);
    expect(ids(body)).toEqual(['C']);
    expect(body.items[0]).toMatchObject({ holdingNow: 1, stepsDone: 1 });
  });

  it('finds an official by name without marks ("dang van" finds Đặng Văn Bình)', async () => {
    expect(ids((await leader.get('/api/v1/officials?q=dang%20van')).body)).toEqual(['B']);
  });

  it('sorts by hours beyond the allotted time, most first, and pages', async () => {
    const { body } = await leader.get('/api/v1/officials?sort=beyondHours&dir=desc&pageSize=2&page=1');
    expect(body.total).toBe(4);
    expect(body.items.map((r: any) => r.beyondHours)).toEqual([...body.items.map((r: any) => r.beyondHours)].sort((x, y) => y - x));
    expect(body.items).toHaveLength(2);
    expect(body.sort).toBe('beyondHours');
  });

  it('says how old the shared figures are', async () => {
    const first = await leader.get('/api/v1/officials');
    srv.clock.advance(20_000);
    const again = await leader.get('/api/v1/officials');
    expect(again.body.asOf).toBe(first.body.asOf);
    expect(again.body.ageSeconds).toBe(first.body.ageSeconds + 20);
    srv.clock.advance(-20_000);
  });

  it('gives a unit leader their own unit’s officials, and refuses another unit', async () => {
    const own = await srv.as('unit_leader', `unit:${WARD}`);
    expect(ids((await own.get('/api/v1/officials?sort=name')).body)).toEqual(['B', 'A']);
    expect((await own.get(`/api/v1/officials?unit=${OTHER}`)).status).toBe(403);
    expect((await own.get(`/api/v1/officials?department=${DEPT}`)).status).toBe(403);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const bad = async (q: string) => (await leader.get(`/api/v1/officials?${q}`)).body.error;
    expect((await bad('sort=speed')).message).toMatch(/^sort:/);
    expect((await bad(`unit=${WARD}&department=${DEPT}`)).message).toMatch(/unit, department/);
    expect((await bad('unit=99999')).message).toMatch(/unit: "99999"/);
    expect((await bad('department=26740')).message).toMatch(/department: "26740"/);
    expect((await bad('period=decade')).message).toMatch(/^period:/);
  });

  it('opens an official’s page: who, the period’s scorecard (as in the list), 12 weeks and what they hold now', async () => {
    const { status, body } = await leader.get('/api/v1/officials/A?period=month');
    expect(status).toBe(200);
    expect(body.official).toMatchObject({ id: 'A', name: 'Phạm Thị An', unit: WARD, unitKind: 'unit' });
    const row = (await leader.get('/api/v1/officials?period=month')).body.items.find((r: any) => r.id === 'A');
    const { id: _id, name: _n, unit: _u, unitName: _un, unitKind: _k, ...figures } = row;
    expect(body.scorecard).toEqual(figures);
    expect(body.weeks).toHaveLength(12);
    expect(body.weeks[11]).toMatchObject({ weekStart: '2026-11-16', stepsDone: 1, beyondHours: 10 });
    expect(body.holdings).toHaveLength(1);
    expect(body.holdings[0]).toMatchObject({
      dossierId: 'D-1',
      timeliness: 'overdue',
      allottedHours: 7.5,
      heldHours: 17,
      beyondHours: 9.5,
      canOpen: true,
    });
    // Both of the period's requests sent while A held D-1, newest first, with their kind and state.
    expect(body.requests.map((r: any) => [r.kind, r.state, r.dossierId])).toEqual([
      ['explanation', 'sent', 'D-1'],
      ['reminder', 'sent', 'D-1'],
    ]);
    expect(body.requestsHidden).toBe(0);
    expect(body.steps.map((s: any) => s.dossierId)).toEqual(['D-1', 'D-1']);
    // A step inside a case's cycle carries that case (its rule and id), not a rule of the page's own:
    // B sent D-1 back to A, so A's second step is in the case and Monday's first step is not.
    const cases = (await leader.get('/api/v1/city/buck-passing?period=month&official=A')).body.items;
    expect(cases.map((c: any) => c.rule)).toEqual(['sent_back']);
    expect(body.steps.map((s: any) => [s.from, s.cases])).toEqual([
      ['2026-11-18T08:00:00.000+07:00', [{ id: cases[0].id, rule: 'sent_back' }]],
      ['2026-11-16T08:10:00.000+07:00', []],
    ]);
  });

  it('shows a department its staff’s page, with the ward dossiers they hold but cannot open', async () => {
    const dept = await srv.as('department', `department:${DEPT}`);
    const { status, body } = await dept.get('/api/v1/officials/C');
    expect(status).toBe(200);
    expect(body.holdings).toEqual([expect.objectContaining({ dossierId: 'D-4', unit: WARD, canOpen: false, timeliness: 'in_term' })]);
    expect((await dept.get('/api/v1/officials/A')).status).toBe(404);
  });

  it('counts a request sent to another unit for its holder, but lists it only to those who may read it', async () => {
    const sender = srv.runtime.store.users.findByUsername('giamsat')!;
    // D-4 is the ward's dossier held by the department's C: a reminder to the ward counts for C.
    srv.runtime.store.reminders.create({
      unit: WARD,
      dossierId: 'D-4',
      message: 'Đề nghị xử lý',
      sentBy: sender.id,
      sentAt: Date.parse('2026-11-19T15:00:00+07:00'),
      holder: C,
    });
    const dept = await srv.as('department', `department:${DEPT}`);
    const own = (await dept.get('/api/v1/officials/C?period=month')).body;
    expect(own.scorecard.reminders).toBe(1);
    expect([own.requests.length, own.requestsHidden]).toEqual([0, 1]);
    const city = (await leader.get('/api/v1/officials/C?period=month')).body;
    expect([city.requests.map((r: any) => r.dossierId), city.requestsHidden]).toEqual([['D-4'], 0]);
  });

  it('answers 404 for an official of another unit, exactly as for one that does not exist', async () => {
    const other = await srv.as('unit_leader', `unit:${OTHER}`);
    const hidden = await other.get('/api/v1/officials/A');
    const missing = await other.get('/api/v1/officials/NOBODY');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.code).toBe(missing.body.error.code);
  });

  it('narrows a dossier list to what one official holds now (?holder=)', async () => {
    const { status, body } = await leader.get('/api/v1/units/city/dossiers?status=overdue&holder=A');
    expect(status).toBe(200);
    expect(body.items.map((d: any) => d.id)).toEqual(['D-1']);
    expect((await leader.get('/api/v1/units/city/dossiers?status=overdue&holder=B')).body.total).toBe(0);
    expect((await leader.get(`/api/v1/units/city/dossiers?holder=${'x'.repeat(200)}`)).status).toBe(400);
  });

  it('exports the same narrowed list (?holder=)', async () => {
    const all = await leader.get('/api/v1/exports/dossiers?code=city&status=overdue&format=csv');
    const held = await leader.get('/api/v1/exports/dossiers?code=city&status=overdue&format=csv&holder=B');
    expect(all.headers.get('x-export-total')).toBe('1');
    expect(held.headers.get('x-export-total')).toBe('0');
  });
});
