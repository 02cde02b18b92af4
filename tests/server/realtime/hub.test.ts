import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { createHub, type Hub, type IoServer } from '../../../server/realtime/hub.js';
import type { ClockTicked, MetricsUpdated, SubscribeAck } from '../../../server/realtime/events.js';
import type { ScopeKey } from '../../../server/metrics/types.js';
import { emptyScopeMetrics } from '../../../shared/contract/metrics.js';
import { initialMetricsState, metricsReducer, type MetricsState } from '../../../client/realtime/metrics-reducer.js';
import type { TestSocket } from '../../helpers/test-server.js';

/** A hub over a real Socket.IO server with no metrics: what it sends about the clock. */
describe('createHub: clock:ticked', () => {
  let http: HttpServer;
  let io: IoServer;
  let hub: Hub;
  let built: number;
  let url: string;
  const clients: TestSocket[] = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    built = 0;
    hub = createHub({
      io,
      metrics: {
        metrics: () => ({}) as never,
        window: (period) => ({ period, from: 0, to: 0 }),
        drainChanged: () => new Set(),
        scopes: () => [],
      },
      now: () => 0,
      scopeExists: () => true,
      canWatch: () => true,
      clockTicked: (): ClockTicked => {
        built += 1;
        return { now: `tick-${built}`, build: 'b1', sources: [], calendar: { status: 'ok', years: [2026] }, historyLoad: null };
      },
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  /** Connects a client that listens for ticks from before its handshake. */
  async function connect(): Promise<ClockTicked[]> {
    const s: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, autoConnect: false });
    clients.push(s);
    const ticks: ClockTicked[] = [];
    s.on('clock:ticked', (t) => ticks.push(t));
    const first = new Promise<void>((resolve) => s.once('clock:ticked', () => resolve()));
    s.connect();
    await first;
    return ticks;
  }

  it('greets each new socket with the clock at once, from the one builder', async () => {
    const ticks = await connect();
    expect(ticks).toEqual([{ now: 'tick-1', build: 'b1', sources: [], calendar: { status: 'ok', years: [2026] }, historyLoad: null }]);
    expect(built).toBe(1);
  });

  it('sends every socket the same builder output on tick', async () => {
    const a = await connect();
    const b = await connect();
    hub.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(a.at(-1)).toEqual(b.at(-1));
    expect(a.at(-1)?.now).toBe(`tick-${built}`);
    expect(built).toBe(3);
  });
});

/** A hub over a real Socket.IO server with one ward whose overdue count the test sets, and flushes by hand. */
describe('createHub: deltas of changed fields against what each room sent', () => {
  let http: HttpServer;
  let io: IoServer;
  let hub: Hub;
  let url: string;
  let overdue = 0;
  const changed = new Set<ScopeKey>();
  const clients: TestSocket[] = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    overdue = 0;
    hub = createHub({
      io,
      metrics: {
        metrics: () => ({ ...emptyScopeMetrics(), overdue, inProgress: 3 }),
        window: (period) => ({ period, from: 0, to: 0 }),
        drainChanged: () => {
          const out = new Set(changed);
          changed.clear();
          return out;
        },
        scopes: () => ['unit:1'],
      },
      now: () => 0,
      scopeExists: () => true,
      canWatch: () => true,
      clockTicked: (): ClockTicked => ({
        now: 'now',
        build: 'b1',
        sources: [],
        calendar: { status: 'ok', years: [2026] },
        historyLoad: null,
      }),
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  const set = (n: number) => {
    overdue = n;
    changed.add('unit:1');
  };
  /** A screen of unit:1 folding its snapshot and deltas with the client's reducer. */
  async function screen(): Promise<() => MetricsState> {
    const s: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    clients.push(s);
    let state = metricsReducer(initialMetricsState('unit:1', 'live'), { type: 'subscribe', scope: 'unit:1', period: 'live' });
    s.on('metrics:updated', (msg) => (state = metricsReducer(state, { type: 'delta', msg })));
    const ack = await new Promise<SubscribeAck>((resolve) => s.emit('scope:subscribe', { scope: 'unit:1', period: 'live' }, resolve));
    if (!ack.ok) throw new Error('subscribe failed');
    state = metricsReducer(state, {
      type: 'snapshot',
      scope: 'unit:1',
      period: 'live',
      seq: ack.seq,
      asOf: ack.asOf,
      snapshot: ack.snapshot,
    });
    return () => state;
  }
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it('sends the changed field alone', async () => {
    const s: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    clients.push(s);
    await new Promise<SubscribeAck>((resolve) => s.emit('scope:subscribe', { scope: 'unit:1', period: 'live' }, resolve));
    const msg = new Promise<MetricsUpdated>((resolve) => s.once('metrics:updated', resolve));
    set(1);
    hub.flush();
    expect((await msg).changes).toEqual({ 'unit:1': { overdue: 1 } });
  });

  it('gives a screen joining before a pending flush the room’s last metrics, so a change undone before the flush is undone on it too', async () => {
    const first = await screen();
    set(1);
    hub.flush();
    set(2); // not flushed yet: a screen joining now must not start from 2 ...
    const late = await screen();
    set(1); // ... since the flush finds nothing changed against what the room sent (1) and sends nothing
    hub.flush();
    await settle();
    expect(first().metrics['unit:1']?.overdue).toBe(1);
    expect(late().metrics['unit:1']?.overdue).toBe(1);
    expect(late().metrics['unit:1']?.inProgress).toBe(3);
  });
});
