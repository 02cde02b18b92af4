/**
 * The early warning's pushed alerts on PostgreSQL (issue 17): a runtime given a PostgreSQL at-risk
 * store pushes a dossier that became at risk once over Socket.IO, records it there (the SQLite file
 * holds none), and does not push it again after a restart that finds it there.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtRiskStore } from '../../../server/db/at-risk-store/contract.js';
import { openPgAtRiskStore } from '../../../server/db/at-risk-store/pg-at-risk-store.js';
import type { AlertRaised, SubscribeAck } from '../../../server/realtime/events.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { receivedEvent, startTestServer, waitFor, type TestServer, type TestSocket } from '../../helpers/test-server.js';

const START = Date.parse('2026-12-02T09:00:00+07:00');
// Last touched Tuesday 10:00: 8 working hours idle at Wednesday 10:00; due Wednesday 17:00.
const AT_RISK_FROM = Date.parse('2026-12-02T10:00:00+07:00');
const DUE = Date.parse('2026-12-02T17:00:00+07:00');

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

const postgres = usePostgres();
let atRisk: AtRiskStore;
let srv: TestServer | null = null;
let dir: string | null = null;

beforeAll(async () => {
  atRisk = await openPgAtRiskStore(await postgres.database('at_risk_live'));
}, 120_000);
afterAll(async () => {
  await srv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await atRisk?.close();
});

async function citySocket(s: TestServer): Promise<TestSocket> {
  const socket = await s.socket();
  await new Promise<SubscribeAck>((resolve) => socket.emit('scope:subscribe', { scope: 'city', period: 'live' }, resolve));
  return socket;
}

describe('at_risk alerts with the pushed alerts on PostgreSQL', () => {
  it('pushes once, records the push in PostgreSQL only, and does not push again after a restart', async () => {
    srv = await startTestServer({ start: START, atRisk });
    dir = srv.dir;
    await srv.post('/api/v1/ingest/dossiers', { events });
    const first = await citySocket(srv);
    const pushed = waitFor<AlertRaised>(first, 'alert:raised', (a) => a.kind === 'at_risk');
    srv.clock.set(AT_RISK_FROM);
    expect(await pushed).toMatchObject({ kind: 'at_risk', id: 'D-SOON' });
    expect(await atRisk.current(0)).toEqual([{ id: 'D-SOON', dueAt: DUE }]);
    expect(srv.runtime.store.atRiskPushed.current(0)).toEqual([]);
    await srv.close({ keepFiles: true });

    srv = await startTestServer({ start: AT_RISK_FROM + 60_000, dir, atRisk });
    const again = await citySocket(srv);
    const after: AlertRaised[] = [];
    again.on('alert:raised', (a) => after.push(a));
    srv.clock.set(AT_RISK_FROM + 120_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(after.filter((a) => a.kind === 'at_risk')).toEqual([]);
    expect((await srv.get('/api/v1/overview')).body.forecast.scope.atRisk).toBe(1);
  });
});
