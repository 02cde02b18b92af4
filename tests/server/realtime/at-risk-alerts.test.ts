/**
 * `alert:raised` of kind `at_risk` over real Socket.IO clients: pushed by the clock alone at the instant
 * a dossier's idle time runs out, once, with the holder's name only to those who may see names, and not
 * again after a restart on the same SQLite file.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRaised, SubscribeAck } from '../../../server/realtime/events.js';
import { receivedEvent, startTestServer, waitFor, type TestServer, type TestSocket } from '../../helpers/test-server.js';

// Wednesday 2 December 2026, 09:00.
const START = Date.parse('2026-12-02T09:00:00+07:00');
// Last touched Tuesday 10:00: 8 working hours idle at Wednesday 10:00; due Wednesday 17:00.
const AT_RISK_FROM = Date.parse('2026-12-02T10:00:00+07:00');

const subscribe = (s: TestSocket, scope: string) =>
  new Promise<SubscribeAck>((resolve) => s.emit('scope:subscribe', { scope: scope as never, period: 'live' }, resolve));

const events = [
  receivedEvent({ id: 'r1', dossierId: 'D-SOON', at: '2026-11-30T08:00:00+07:00', dueAt: '2026-12-02T17:00:00+07:00' }),
  {
    id: 'a1',
    type: 'assigned',
    dossierId: 'D-SOON',
    at: '2026-12-01T10:00:00+07:00',
    handler: { id: 'cb1', name: 'Nguyễn Thị Lan', unit: '26740' },
  },
];

/** Every `alert:raised` a socket receives. */
function collect(s: TestSocket): AlertRaised[] {
  const got: AlertRaised[] = [];
  s.on('alert:raised', (a) => got.push(a));
  return got;
}

describe('at_risk alerts over Socket.IO', () => {
  let srv: TestServer | null = null;
  /** A database folder kept across a restart, removed after the test. */
  let keptDir: string | null = null;
  afterEach(async () => {
    await srv?.close();
    srv = null;
    if (keptDir) rmSync(keptDir, { recursive: true, force: true });
    keptDir = null;
  });

  it('pushes a dossier when it becomes at risk with no event, once, with names only for those who may see them', async () => {
    srv = await startTestServer({ start: START });
    await srv.post('/api/v1/ingest/dossiers', { events });
    const leader = await (await srv.as('city_leader')).socket();
    const ward = await (await srv.as('unit_leader', 'unit:26740')).socket();
    const anonymous = await srv.socket();
    for (const s of [leader, ward, anonymous]) expect((await subscribe(s, s === ward ? 'unit:26740' : 'city')).ok).toBe(true);
    const all = collect(leader);

    srv.clock.set(AT_RISK_FROM - 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(all).toEqual([]);

    const named = waitFor<AlertRaised>(leader, 'alert:raised', (a) => a.kind === 'at_risk');
    const own = waitFor<AlertRaised>(ward, 'alert:raised', (a) => a.kind === 'at_risk');
    const nameless = waitFor<AlertRaised>(anonymous, 'alert:raised', (a) => a.kind === 'at_risk');
    srv.clock.set(AT_RISK_FROM);
    expect(await named).toEqual({
      kind: 'at_risk',
      id: 'D-SOON',
      unit: '26740',
      unitName: expect.stringContaining('Phường'),
      title: 'Đăng ký khai sinh',
      dueAt: '2026-12-02T17:00:00.000+07:00',
      at: '2026-12-02T10:00:00.000+07:00',
      holderName: 'Nguyễn Thị Lan',
    });
    expect((await own).holderName).toBe('Nguyễn Thị Lan');
    expect((await nameless).holderName).toBeNull();

    // Still at risk a while later: nothing more is pushed.
    srv.clock.set(AT_RISK_FROM + 3_600_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(all.filter((a) => a.kind === 'at_risk')).toHaveLength(1);
    expect(srv.runtime.store.atRiskPushed.current(0)).toEqual([{ id: 'D-SOON', dueAt: Date.parse('2026-12-02T17:00:00+07:00') }]);
  });

  it('does not push it again after a restart on the same database', async () => {
    srv = await startTestServer({ start: START });
    const dir = srv.dir;
    keptDir = dir;
    await srv.post('/api/v1/ingest/dossiers', { events });
    const first = await srv.socket();
    await subscribe(first, 'city');
    const pushed = waitFor<AlertRaised>(first, 'alert:raised', (a) => a.kind === 'at_risk');
    srv.clock.set(AT_RISK_FROM);
    await pushed;
    await srv.close({ keepFiles: true });

    srv = await startTestServer({ start: AT_RISK_FROM + 60_000, dir });
    const again = await srv.socket();
    await subscribe(again, 'city');
    const after = collect(again);
    srv.clock.set(AT_RISK_FROM + 120_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(after.filter((a) => a.kind === 'at_risk')).toEqual([]);
    // The index knows it is at risk (the overview's count), the ledger that it was pushed.
    expect((await srv.get('/api/v1/overview')).body.forecast.scope.atRisk).toBe(1);
    expect(srv.runtime.store.atRiskPushed.current(0).map((r) => r.id)).toEqual(['D-SOON']);
  });
});
