/**
 * Requests pushed live over real Socket.IO clients: to the unit's signed-in users and the sender, never
 * to another unit; answers back to the sender; overdue by the clock, once, across a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestCreated, RequestUpdated } from '../../../shared/contract/requests.js';
import { startTestServer, waitFor, type TestServer, type TestSocket } from '../../helpers/test-server.js';
import { explanationAbout, OTHER_WARD, seedItems, WARD } from '../requests/fixtures.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);

/** Collects every message of `event` a socket receives. */
function collect<T>(s: TestSocket, event: 'request:created' | 'request:updated'): T[] {
  const got: T[] = [];
  s.on(event, (m: unknown) => got.push(m as T));
  return got;
}

describe('live requests over Socket.IO', () => {
  let srv: TestServer | null = null;
  afterEach(async () => {
    await srv?.close();
    srv = null;
  });

  it('delivers request:created to the unit leader and the sender without any subscription; the leader of another unit gets nothing', async () => {
    srv = await startTestServer();
    await seedItems(srv);
    const sup = await srv.as('supervisor');
    const leader = await (await srv.as('unit_leader', `unit:${WARD}`)).socket();
    const other = await (await srv.as('unit_leader', `unit:${OTHER_WARD}`)).socket();
    const sender = await sup.socket();
    const otherGot = collect<RequestCreated>(other, 'request:created');
    const atLeader = waitFor<RequestCreated>(leader, 'request:created');
    const atSender = waitFor<RequestCreated>(sender, 'request:created');
    const sent = await sup.post('/api/v1/reminders', explanationAbout('D-1'));
    const [l, s] = await Promise.all([atLeader, atSender]);
    expect(l.request).toEqual(sent.body);
    expect(s.request.id).toBe(sent.body.id);
    expect(l.request).toMatchObject({ state: 'sent', unit: WARD, holder: { id: 'cb-1' }, answerDueAt: '2026-11-25T23:59:59.999+07:00' });
    await new Promise((r) => setTimeout(r, 200));
    expect(otherGot).toEqual([]);
  });

  it('sends the answer back to the sender (request:updated, answered) and the read to the sender too', async () => {
    srv = await startTestServer();
    await seedItems(srv);
    const sup = await srv.as('supervisor');
    const ward = await srv.as('unit_leader', `unit:${WARD}`);
    const sender = await sup.socket();
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    const read = waitFor<RequestUpdated>(sender, 'request:updated', (m) => m.change === 'read');
    await ward.post(`/api/v1/reminders/${id}/acknowledge`);
    expect((await read).request).toMatchObject({ id, state: 'read', acknowledgedBy: ward.username });
    const answered = waitFor<RequestUpdated>(sender, 'request:updated', (m) => m.change === 'answered');
    await ward.post(`/api/v1/reminders/${id}/answer`, { text: 'Hồ sơ đã được giải quyết sáng nay.' });
    expect((await answered).request).toMatchObject({ id, state: 'answered', answer: 'Hồ sơ đã được giải quyết sáng nay.' });
  });

  it('pushes an unanswered request turning overdue to the unit and the sender when the clock passes its due date, once', async () => {
    srv = await startTestServer();
    await seedItems(srv);
    // Sessions last 12 hours on the hand-set clock: sign in at 20:00 and ask for the answer by the end of today.
    srv.clock.set(vn('2026-11-20T20:00:00'));
    const sup = await srv.as('supervisor');
    const leader = await (await srv.as('unit_leader', `unit:${WARD}`)).socket();
    const sender = await sup.socket();
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1', { answerDueOn: '2026-11-20' }))).body.id;
    const atLeader = collect<RequestUpdated>(leader, 'request:updated');
    const atSender = waitFor<RequestUpdated>(sender, 'request:updated', (m) => m.change === 'overdue');
    srv.clock.set(vn('2026-11-21T00:00:00'));
    const msg = await atSender;
    expect(msg.request).toMatchObject({ id, state: 'overdue' });
    await new Promise((r) => setTimeout(r, 300)); // several sweeps later
    expect(atLeader.filter((m) => m.change === 'overdue').map((m) => m.request.id)).toEqual([id]);
  });

  it('after a restart, a request that fell due while the server was down is noted overdue at the first step, and only once', async () => {
    const first = await startTestServer();
    await seedItems(first);
    const sup = await first.as('supervisor');
    const id = (await sup.post('/api/v1/reminders', explanationAbout('D-1'))).body.id;
    await first.close({ keepFiles: true });
    const second = await startTestServer({ dir: first.dir, start: vn('2026-11-27T09:00:00') });
    const noted = async () => second.runtime.store.reminders.get(id)!.overdueNotedAt;
    for (let i = 0; i < 100 && (await noted()) === null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await noted()).toBe(vn('2026-11-27T09:00:00'));
    second.clock.advance(86_400_000);
    await second.close({ keepFiles: true });
    srv = await startTestServer({ dir: first.dir, start: vn('2026-11-30T09:00:00') });
    await new Promise((r) => setTimeout(r, 200));
    expect(srv.runtime.store.reminders.get(id)!.overdueNotedAt).toBe(vn('2026-11-27T09:00:00'));
    const admin = await srv.as('admin');
    expect((await admin.get('/api/v1/audit?action=explanation.overdue')).body.items).toHaveLength(1);
  });

  it('disconnects the socket of a session that logged out, so its rooms receive nothing more', async () => {
    srv = await startTestServer();
    await seedItems(srv);
    const ward = await srv.as('unit_leader', `unit:${WARD}`);
    const s = await ward.socket();
    const gone = new Promise<string>((resolve) => s.once('disconnect', resolve));
    await ward.post('/api/v1/auth/logout');
    expect(await gone).toBe('io server disconnect');
  });
});
