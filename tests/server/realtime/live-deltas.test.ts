/**
 * Live deltas carry the fields that changed, not whole metrics: a received dossier sends a few
 * counters of its ward. Screens that subscribe at any moment — before the first event, between two
 * batches, while a flush is pending — end, through the client's own reducer, with exactly the engine's
 * metrics for every scope they cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsUpdated, SubscribeAck } from '../../../server/realtime/events.js';
import { initialMetricsState, metricsReducer, type MetricsState } from '../../../client/realtime/metrics-reducer.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import { receivedEvent, startTestServer, waitFor, type TestServer, type TestSocket } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';

/** A screen: its socket and the client reducer's state, fed every ack and delta. */
async function screen(srv: TestServer, scope: ScopeKey): Promise<{ socket: TestSocket; state: () => MetricsState }> {
  const socket = await srv.socket();
  let state = metricsReducer(initialMetricsState(scope, 'live'), { type: 'subscribe', scope, period: 'live' });
  socket.on('metrics:updated', (msg: MetricsUpdated) => (state = metricsReducer(state, { type: 'delta', msg })));
  const ack = await new Promise<SubscribeAck>((resolve) => socket.emit('scope:subscribe', { scope, period: 'live' }, resolve));
  if (!ack.ok) throw new Error(`subscribe ${scope}: ${JSON.stringify(ack)}`);
  state = metricsReducer(state, { type: 'snapshot', scope, period: 'live', seq: ack.seq, asOf: ack.asOf, snapshot: ack.snapshot });
  return { socket, state: () => state };
}

const at = (h: number, m = 0) => `2026-11-20T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`;

describe('live deltas of changed fields', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ start: Date.parse(at(16)) });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('sends only the counters a received dossier moves', async () => {
    const ward = await screen(srv, 'unit:26740');
    const delta = waitFor<MetricsUpdated>(ward.socket, 'metrics:updated');
    await srv.post(DOSSIERS, { events: [receivedEvent({ id: 'F1-r', dossierId: 'F1', at: at(8), dueAt: at(17) })] });
    const fields = Object.keys((await delta).changes['unit:26740'] ?? {}).sort();
    expect(fields).toContain('received');
    expect(fields).toContain('inProgress');
    expect(fields).not.toContain('finishedLate');
    expect(fields).not.toContain('tasks');
    expect(fields.length).toBeLessThan(8);
  });

  it('brings every screen, whenever it subscribed, to the engine’s metrics', async () => {
    const screens = [await screen(srv, 'city'), await screen(srv, 'unit:26737')];
    const units = ['26740', '26737', '26743'];
    for (let i = 0; i < 12; i++) {
      const unit = units[i % 3];
      const events = [receivedEvent({ id: `G${i}-r`, dossierId: `G${i}`, unit, at: at(9, i), dueAt: at(i % 2 ? 12 : 18) })];
      if (i % 3 === 2) events.push({ id: `G${i - 1}-p`, type: 'processed', dossierId: `G${i - 1}`, at: at(10, i) });
      const posted = srv.post(DOSSIERS, { events });
      // Some screens join while a batch is on its way, before its flush.
      if (i % 4 === 1) screens.push(await screen(srv, i % 8 === 1 ? 'city' : `unit:${unit}`));
      await posted;
    }
    const engine = srv.runtime.engine;
    const expected = (s: MetricsState) => Object.fromEntries(Object.keys(s.metrics).map((k) => [k, engine.metrics(k as ScopeKey, 'live')]));
    await expect.poll(() => screens.map((s) => s.state().metrics), { timeout: 10_000 }).toEqual(screens.map((s) => expected(s.state())));
    for (const s of screens) expect(s.state().sync).toBe('ready');
  });
});
