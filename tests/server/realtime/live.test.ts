import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRaised, ClockTicked, MetricsUpdated, SubscribeAck } from '../../../server/realtime/events.js';
import { receivedEvent, startTestServer, waitFor, type TestServer, type TestSocket } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';

function subscribe(s: TestSocket, scope: string, period = 'live'): Promise<SubscribeAck> {
  return new Promise((resolve) => s.emit('scope:subscribe', { scope: scope as never, period: period as never }, resolve));
}

describe('live metrics over Socket.IO', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  it('acks a city subscription with a snapshot of the city, every unit and every department', async () => {
    const s = await srv.socket();
    const ack = await subscribe(s, 'city');
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    const keys = Object.keys(ack.snapshot.metrics);
    expect(keys).toContain('city');
    expect(keys.filter((k) => k.startsWith('unit:'))).toHaveLength(168);
    expect(keys.filter((k) => k.startsWith('department:')).length).toBeGreaterThanOrEqual(17);
    expect(ack.seq).toBe(0);
  });

  it('refuses an unknown unit and a malformed scope', async () => {
    const s = await srv.socket();
    expect(await subscribe(s, 'unit:99999')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await subscribe(s, 'planet:earth')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await subscribe(s, 'city', 'decade')).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('pushes a sequenced delta with the changed unit after an ingested event', async () => {
    const s = await srv.socket();
    const ack = await subscribe(s, 'unit:26740');
    if (!ack.ok) throw new Error('subscribe failed');
    const delta = waitFor<MetricsUpdated>(s, 'metrics:updated');
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    const msg = await delta;
    expect(msg.seq).toBe(ack.seq + 1);
    expect(msg.changes['unit:26740']).toMatchObject({ inProgress: 1, received: 1, receivedOnline: 1 });
  });

  it('does not push to a unit room when another unit changes', async () => {
    const s = await srv.socket();
    await subscribe(s, 'unit:26743');
    let pushed = 0;
    s.on('metrics:updated', () => pushed++);
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    await new Promise((r) => setTimeout(r, 300));
    expect(pushed).toBe(0);
  });

  it('turns a dossier overdue when its due time passes with no event, and raises an alert', async () => {
    await srv.post(DOSSIERS, {
      events: [
        receivedEvent({ dueAt: '2026-11-20T10:00:00+07:00' }),
        {
          id: 'a1',
          type: 'assigned',
          dossierId: 'D-1',
          at: '2026-11-20T08:05:00+07:00',
          handler: { id: 'cb9', name: 'Trần Thị B', unit: '26740' },
        },
      ],
    });
    const s = await (await srv.as('city_leader')).socket();
    const anonymous = await srv.socket();
    await subscribe(s, 'city');
    await subscribe(anonymous, 'city');
    const alert = waitFor<AlertRaised>(s, 'alert:raised');
    const publicAlert = waitFor<AlertRaised>(anonymous, 'alert:raised');
    const delta = waitFor<MetricsUpdated>(s, 'metrics:updated', (m) => m.changes['unit:26740']?.overdue === 1);
    srv.clock.set(Date.parse('2026-11-20T10:00:01+07:00'));
    const a = await alert;
    expect(a).toMatchObject({ kind: 'dossier', id: 'D-1', unit: '26740', holderName: 'Trần Thị B', title: 'Đăng ký khai sinh' });
    // The public gets the same alert without the official's name.
    expect(await publicAlert).toMatchObject({ kind: 'dossier', id: 'D-1', unit: '26740', holderName: null });
    const d = await delta;
    expect(d.changes.city?.overdue).toBe(1);
  });

  it('sends clock ticks with server time, build and per-source freshness', async () => {
    const s = await srv.socket();
    const tick = await waitFor<ClockTicked>(s, 'clock:ticked');
    expect(tick.build).toBe('test');
    expect(tick.now).toMatch(/\+07:00$/);
    expect(tick.sources.map((x) => x.name).sort()).toEqual(['test-dossiers', 'test-tasks']);
  });

  it('delivers one delta to many subscribed clients', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => srv.socket()));
    await Promise.all(clients.map((c) => subscribe(c, 'city')));
    const got = Promise.all(clients.map((c) => waitFor<MetricsUpdated>(c, 'metrics:updated')));
    await srv.post(DOSSIERS, { events: [receivedEvent()] });
    const msgs = await got;
    expect(new Set(msgs.map((m) => m.seq)).size).toBe(1);
  });
});
