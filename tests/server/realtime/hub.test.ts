import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { createHub, type Hub, type IoServer } from '../../../server/realtime/hub.js';
import type { ClockTicked } from '../../../server/realtime/events.js';
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
