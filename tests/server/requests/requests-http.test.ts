/**
 * Explanation requests over real HTTP (the server on port 0, a real SQLite file, a hand-set clock):
 * each transition, the due date on the working calendar, the limits, who may send about what, and the
 * audit log. The clock moves in tests; the live scheduler (every 50 ms) runs the overdue sweep.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';
import { DEPT, explanationAbout, OTHER_WARD, seedItems, WARD } from './fixtures.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);
/** Sent Friday 20/11/2026 09:00 (the test clock's start): 2 working days, with Tuesday 24/11 off, end Wednesday 25/11. */
const DUE_ISO = '2026-11-25T23:59:59.999+07:00';

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 3_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('explanation requests over HTTP', () => {
  let srv: TestServer;
  let sup: RoleClient;
  let ward: RoleClient;

  beforeEach(async () => {
    srv = await startTestServer();
    await seedItems(srv);
    sup = await srv.as('supervisor');
    ward = await srv.as('unit_leader', `unit:${WARD}`);
  });
  afterEach(async () => {
    await srv.close();
  });

  it('sends an explanation request about a dossier: due 2 working days on (a day off skipped), the holder attributed, state sent', async () => {
    const res = await sup.post('/api/v1/reminders', explanationAbout('D-1'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'explanation',
      unit: WARD,
      subject: { type: 'dossier', id: 'D-1', title: 'Đăng ký khai sinh' },
      dossierId: 'D-1',
      holder: { id: 'cb-1', name: 'Nguyễn Thị Lan', unit: WARD },
      answerDueAt: DUE_ISO,
      sentAt: '2026-11-20T09:00:00.000+07:00',
      state: 'sent',
      answer: null,
    });
    const due = await sup.get('/api/v1/reminders/default-due');
    expect(due.body).toMatchObject({ answerDueOn: '2026-11-25', workingDays: 2 });
  });

  it('sent → read → answered: the ward leader acknowledges, then answers; who and when are kept', async () => {
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    srv.clock.advance(30 * 60_000);
    const read = await ward.post(`/api/v1/reminders/${id}/acknowledge`);
    expect(read.body).toMatchObject({ state: 'read', acknowledgedAt: '2026-11-20T09:30:00.000+07:00' });
    srv.clock.advance(60 * 60_000);
    const answered = await ward.post(`/api/v1/reminders/${id}/answer`, { text: '  Hồ sơ chờ xác minh của Công an phường.  ' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      state: 'answered',
      answer: 'Hồ sơ chờ xác minh của Công an phường.',
      answeredAt: '2026-11-20T10:30:00.000+07:00',
      answeredBy: ward.username,
    });
    const again = await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'Lần hai' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_answered' } } });
    // The sender sees the answer in the list of what they sent.
    const mine = await sup.get('/api/v1/reminders/mine');
    expect(mine.body.items[0]).toMatchObject({ id, state: 'answered', answer: 'Hồ sơ chờ xác minh của Công an phường.' });
  });

  it('answering without acknowledging first reads it too', async () => {
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    const answered = await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'Đã xử lý' });
    expect(answered.body).toMatchObject({ state: 'answered', acknowledgedBy: ward.username, acknowledgedAt: answered.body.answeredAt });
  });

  it('sent → overdue at the due instant on the working calendar (not before), noted once by the clock; answered after it stays answered_late', async () => {
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    // Sessions last 12 hours on the same hand-set clock: sign in again after each jump of days.
    let reader = ward;
    const state = async () => (await reader.get(`/api/v1/units/${WARD}/reminders`)).body.items.find((r: any) => r.id === id).state;
    srv.clock.set(vn('2026-11-25T23:59:59.999'));
    reader = await srv.as('unit_leader', `unit:${WARD}`);
    await new Promise((r) => setTimeout(r, 150));
    expect(await state()).toBe('sent');
    expect(srv.runtime.store.reminders.get(id)!.overdueNotedAt).toBeNull();
    srv.clock.set(vn('2026-11-26T00:00:00.000'));
    const noted = await until(
      async () => srv.runtime.store.reminders.get(id)!.overdueNotedAt,
      (v) => v !== null,
    );
    expect(noted).toBe(vn('2026-11-26T00:00:00.000'));
    expect(await state()).toBe('overdue');
    srv.clock.set(vn('2026-11-26T08:00:00'));
    const late = await reader.post(`/api/v1/reminders/${id}/answer`, { text: 'Xin lỗi vì chậm trễ.' });
    expect(late.body.state).toBe('answered_late');
    srv.clock.advance(30 * 86_400_000);
    reader = await srv.as('unit_leader', `unit:${WARD}`);
    expect(await state()).toBe('answered_late');
    const admin = await srv.as('admin');
    const overdue = (await admin.get('/api/v1/audit?action=explanation.overdue')).body.items;
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ actor: 'system', target: `reminder:${id}`, details: { unit: WARD, answerDueAt: DUE_ISO } });
  });

  it('rejects an answer over 2,000 characters with a clear error, and takes one of exactly 2,000 (Vietnamese letters counted once)', async () => {
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    const tooLong = await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'ả'.repeat(2_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toEqual({
      code: 'invalid_answer',
      message: 'text: an explanation has at most 2,000 characters; this one has 2,001',
    });
    expect(srv.runtime.store.reminders.get(id)!.answer).toBeNull();
    const exact = await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'ả'.normalize('NFD').repeat(2_000) });
    expect(exact.status).toBe(200);
    const empty = await ward.post(`/api/v1/reminders/${(await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id}/answer`, {
      text: '   ',
    });
    expect(empty.body.error).toEqual({ code: 'invalid_answer', message: 'text: the explanation is empty' });
  });

  it('a reminder is acknowledged, not answered, and has no answer due date', async () => {
    const reminder = await sup.post('/api/v1/reminders', { unit: WARD, dossierId: 'D-1', message: 'Đề nghị xử lý' });
    expect(reminder.body).toMatchObject({
      kind: 'reminder',
      answerDueAt: null,
      holder: { id: 'cb-1' },
      subject: { type: 'dossier', id: 'D-1' },
    });
    const answer = await ward.post(`/api/v1/reminders/${reminder.body.id}/answer`, { text: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_answer');
    const dated = await sup.post('/api/v1/reminders', { unit: WARD, message: 'x', answerDueOn: '2026-11-26' });
    expect(dated.body.error).toEqual({
      code: 'invalid_reminder',
      message: 'answerDueOn: only an explanation request has an answer due date',
    });
  });

  it('takes a due date the sender chose if it is a working day from today, and says why otherwise', async () => {
    const chosen = await sup.post('/api/v1/reminders', explanationAbout('D-1', { answerDueOn: '2026-11-23' }));
    expect(chosen.body.answerDueAt).toBe('2026-11-23T23:59:59.999+07:00');
    const dayOff = await sup.post('/api/v1/reminders', explanationAbout('D-1', { answerDueOn: '2026-11-24' }));
    expect(dayOff.body.error.message).toBe('answerDueOn: 2026-11-24 is not a working day on the official calendar');
    const past = await sup.post('/api/v1/reminders', explanationAbout('D-1', { answerDueOn: '2026-11-19' }));
    expect(past.body.error.message).toBe('answerDueOn: 2026-11-19 is before today (2026-11-20)');
  });

  it("a department sends about its own official's step on a ward dossier (to itself), not about another department's or an unrelated ward's dossier", async () => {
    const dept = await srv.as('department', `department:${DEPT}`);
    const own = await dept.post('/api/v1/reminders', explanationAbout('D-LT'));
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ unit: DEPT, holder: { id: 'stp-1', unit: DEPT }, dossierId: 'D-LT' });
    const refused = { status: 403, body: { error: { code: 'forbidden' } } };
    expect(await dept.post('/api/v1/reminders', explanationAbout('D-SXD'))).toMatchObject(refused);
    expect(await dept.post('/api/v1/reminders', explanationAbout('D-W2'))).toMatchObject(refused);
    expect(await dept.post('/api/v1/reminders', explanationAbout('D-1'))).toMatchObject(refused);
    // A dossier that does not exist answers exactly like one it may not ask about.
    const unknown = await dept.post('/api/v1/reminders', explanationAbout('D-NONE'));
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.message).toBe('your role may not send requests about dossier "D-NONE"');
    // Neither about a unit's backlog nor a task.
    expect(await dept.post('/api/v1/reminders', { kind: 'explanation', subject: { type: 'unit', id: DEPT }, message: 'x' })).toMatchObject(
      refused,
    );
    // The department's own users read it, and its sender may not answer it.
    expect((await dept.post(`/api/v1/reminders/${own.body.id}/answer`, { text: 'x' })).status).toBe(403);
    const colleague = await srv.as('department', `department:${DEPT}`);
    expect((await colleague.post(`/api/v1/reminders/${own.body.id}/answer`, { text: 'Tôi đã xử lý.' })).body.state).toBe('answered');
  });

  it('the supervisor sends about a ward dossier now held by a department official to the ward or to the department, nowhere else', async () => {
    expect((await sup.post('/api/v1/reminders', explanationAbout('D-LT'))).body.unit).toBe(WARD);
    expect((await sup.post('/api/v1/reminders', explanationAbout('D-LT', { unit: DEPT }))).body.unit).toBe(DEPT);
    const elsewhere = await sup.post('/api/v1/reminders', explanationAbout('D-LT', { unit: OTHER_WARD }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toMatch(/belongs to unit 26740, not 26743/);
  });

  it('about a task (city leader only), a buck-passing case (its id checked for form) and a unit backlog', async () => {
    const lead = await srv.as('city_leader');
    const task = await lead.post('/api/v1/reminders', { kind: 'explanation', subject: { type: 'task', id: 'T-1' }, message: 'Giải trình' });
    expect(task.body).toMatchObject({
      unit: WARD,
      subject: { type: 'task', id: 'T-1', title: 'Rà soát hồ sơ đất đai tồn đọng' },
      holder: null,
    });
    expect((await sup.post('/api/v1/reminders', { kind: 'explanation', subject: { type: 'task', id: 'T-1' }, message: 'x' })).status).toBe(
      403,
    );
    const kase = await sup.post('/api/v1/reminders', {
      kind: 'explanation',
      subject: { type: 'case', id: 'D-1:bounce:1' },
      unit: WARD,
      dossierId: 'D-1',
      message: 'Giải trình việc chuyển qua lại',
    });
    expect(kase.body).toMatchObject({ subject: { type: 'case', id: 'D-1:bounce:1' }, dossierId: 'D-1', holder: { id: 'cb-1' } });
    const badCase = await sup.post('/api/v1/reminders', {
      kind: 'explanation',
      subject: { type: 'case', id: 'a b' },
      unit: WARD,
      message: 'x',
    });
    expect(badCase.body.error.message).toMatch(/^subject\.id: a case id is/);
    const backlog = await sup.post('/api/v1/reminders', { kind: 'explanation', subject: { type: 'unit', id: WARD }, message: 'Tồn đọng' });
    expect(backlog.body).toMatchObject({ unit: WARD, subject: { type: 'unit', id: WARD }, dossierId: null });
    const tl = await ward.get('/api/v1/tasks/T-1/reminders');
    expect(tl.body.items.map((r: any) => r.id)).toEqual([task.body.id]);
  });

  it("lists a unit's requests with state filters and counts, and each user's own with their unread count", async () => {
    const a = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    const b = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    const c = (await sup.post('/api/v1/reminders', { unit: WARD, message: 'Nhắc nhở' })).body.id;
    await ward.post(`/api/v1/reminders/${b}/acknowledge`);
    await ward.post(`/api/v1/reminders/${a}/answer`, { text: 'Đã xử lý' });
    const all = (await ward.get(`/api/v1/units/${WARD}/reminders`)).body;
    expect(all.counts).toEqual({ sent: 1, read: 1, overdue: 0, answered: 1, answered_late: 0 });
    expect(all.items.map((r: any) => r.id)).toEqual([c, b, a]);
    expect((await ward.get(`/api/v1/units/${WARD}/reminders?state=open`)).body.items.map((r: any) => r.id)).toEqual([c, b]);
    expect((await ward.get(`/api/v1/units/${WARD}/reminders?state=answered`)).body.items.map((r: any) => r.id)).toEqual([a]);
    expect((await ward.get(`/api/v1/units/${WARD}/reminders?kind=reminder`)).body.items.map((r: any) => r.id)).toEqual([c]);
    const bad = await ward.get(`/api/v1/units/${WARD}/reminders?state=late`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
    // The ward leader: one request nobody read yet (c). The supervisor: one answer not seen yet (a).
    expect((await ward.get('/api/v1/reminders/mine')).body.unread).toBe(1);
    expect((await sup.get('/api/v1/reminders/mine')).body.unread).toBe(1);
    expect((await sup.post('/api/v1/reminders/answers-seen', { ids: [a, b, 999] })).body.seen).toEqual([a]);
    expect((await sup.get('/api/v1/reminders/mine')).body.unread).toBe(0);
  });

  it("keeps another unit's requests private: its leader gets 404, not the request", async () => {
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    const other = await srv.as('unit_leader', `unit:${OTHER_WARD}`);
    expect((await other.post(`/api/v1/reminders/${id}/acknowledge`)).status).toBe(404);
    expect((await other.post(`/api/v1/reminders/${id}/answer`, { text: 'x' })).status).toBe(404);
    expect((await other.get(`/api/v1/units/${WARD}/reminders`)).status).toBe(403);
    expect((await other.get('/api/v1/reminders/mine')).body.items).toEqual([]);
  });

  it("shows on a dossier's timeline the requests the reader may read: the department's own request is not the ward's", async () => {
    const toWard = (await sup.post('/api/v1/reminders', explanationAbout('D-LT'))).body.id;
    const dept = await srv.as('department', `department:${DEPT}`);
    const toDept = (await dept.post('/api/v1/reminders', explanationAbout('D-LT'))).body.id;
    expect((await ward.get('/api/v1/dossiers/D-LT/reminders')).body.items.map((r: any) => r.id)).toEqual([toWard]);
    const lead = await srv.as('city_leader');
    expect((await lead.get('/api/v1/dossiers/D-LT/reminders')).body.items.map((r: any) => r.id)).toEqual([toWard, toDept]);
  });

  it('writes every transition to the audit log: sent, acknowledged, answered', async () => {
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    await ward.post(`/api/v1/reminders/${id}/acknowledge`);
    await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'Đã xử lý' });
    const admin = await srv.as('admin');
    const items = (await admin.get('/api/v1/audit?pageSize=50')).body.items.filter((i: any) => i.action.startsWith('explanation.'));
    expect(items.map((i: any) => `${i.actor} ${i.action} ${i.target}`).reverse()).toEqual([
      `user:${sup.username} explanation.sent dossier:D-1`,
      `user:${ward.username} explanation.acknowledged reminder:${id}`,
      `user:${ward.username} explanation.answered reminder:${id}`,
    ]);
    expect(items[0].details).toMatchObject({ unit: WARD, late: false, chars: 8 });
    expect(items[0].details).not.toHaveProperty('text');
  });
});
