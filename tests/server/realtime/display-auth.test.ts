import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { SubscribeAck } from '../../../server/realtime/events.js';
import { canWatchScope } from '../../../server/realtime/display-auth.js';
import { generateDisplayToken, hashDisplayToken } from '../../../server/wall/display-tokens.js';
import { startTestServer, type TestServer, type TestSocket } from '../../helpers/test-server.js';

function subscribe(s: TestSocket, scope: string, period = 'live'): Promise<SubscribeAck> {
  return new Promise((resolve) => s.emit('scope:subscribe', { scope: scope as never, period: period as never }, resolve));
}

describe('canWatchScope', () => {
  it.each([
    [undefined, 'city', false],
    [undefined, 'unit:26740', false],
    [{ role: 'display', scope: 'city' }, 'unit:26740', true],
    [{ role: 'display', scope: 'city' }, 'department:STP', true],
    [{ role: 'display', scope: 'unit:26740' }, 'unit:26740', true],
    [{ role: 'display', scope: 'unit:26740' }, 'city', false],
    [{ role: 'display', scope: 'unit:26740' }, 'unit:26743', false],
    [{ role: 'display', scope: 'department:STP' }, 'department:SXD', false],
  ] as const)('with the public view off, %j may watch %s: %s', (principal, scope, allowed) => {
    expect(canWatchScope(principal, scope, { publicView: false })).toBe(allowed);
  });

  it.each([
    [undefined, 'city'],
    [{ role: 'display', scope: 'unit:26740' }, 'city'],
    [{ role: 'display', scope: 'unit:26740' }, 'unit:26743'],
    [{ role: 'display', scope: 'department:STP' }, 'department:SXD'],
  ] as const)('with the public view on, %j may watch %s like the public', (principal, scope) => {
    expect(canWatchScope(principal, scope, { publicView: true })).toBe(true);
  });
});

describe('display tokens on the live connection', () => {
  let srv: TestServer;
  const opened: TestSocket[] = [];

  beforeEach(async () => {
    srv = await startTestServer(); // clock ticks (and revocation sweeps) every 200 ms
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) s.disconnect();
    await srv.close();
  });

  function addDisplay(name: string, scope: 'city' | `unit:${string}`): string {
    const token = generateDisplayToken();
    srv.runtime.store.displays.create(name, scope, hashDisplayToken(token), srv.clock.now());
    return token;
  }

  function connect(auth: Record<string, unknown>): Promise<TestSocket> {
    const s: TestSocket = ioClient(srv.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    opened.push(s);
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  }

  it('keeps a browser without a token working as before (any scope)', async () => {
    const s = await connect({});
    expect(await subscribe(s, 'city')).toMatchObject({ ok: true });
    expect(await subscribe(s, 'unit:26743')).toMatchObject({ ok: true });
  });

  it('lets a city display watch the city and anything in it', async () => {
    const s = await connect({ displayToken: addDisplay('ops', 'city') });
    expect(await subscribe(s, 'city')).toMatchObject({ ok: true });
    expect(await subscribe(s, 'unit:26740')).toMatchObject({ ok: true });
    expect(srv.runtime.store.displays.findByName('ops')?.lastSeenAt).toBe(srv.clock.now());
  });

  it('admits a display whose last-seen time cannot be written (a database busy past its timeout): it still shows the city', async () => {
    const token = addDisplay('busy', 'city');
    const displays = srv.runtime.store.displays;
    const markSeen = displays.markSeen;
    displays.markSeen = () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    try {
      const s = await connect({ displayToken: token });
      expect(await subscribe(s, 'city')).toMatchObject({ ok: true });
    } finally {
      displays.markSeen = markSeen;
    }
  });

  it('lets a unit display watch only its unit when the public view is off: forbidden for the city and other units', async () => {
    await srv.close();
    srv = await startTestServer({ security: { publicView: false } });
    const s = await connect({ displayToken: addDisplay('ward', 'unit:26740') });
    expect(await subscribe(s, 'unit:26740')).toMatchObject({ ok: true });
    expect(await subscribe(s, 'city')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await subscribe(s, 'unit:26743')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Unknown scopes still answer not_found, malformed ones invalid (no change to the contract).
    expect(await subscribe(s, 'unit:99999')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses the handshake of an unknown or malformed token with display_token_invalid', async () => {
    for (const displayToken of [generateDisplayToken(), 42, 'x'.repeat(1000)]) {
      const err = await connect({ displayToken }).then(
        () => null,
        (e: Error & { data?: { code: string } }) => e,
      );
      expect(err?.message).toBe('display_token_invalid');
      expect(err?.data?.code).toBe('display_token_invalid');
    }
  });

  it('disconnects a display within a tick when its token is revoked, and refuses it afterwards', async () => {
    const token = addDisplay('lobby', 'city');
    const s = await connect({ displayToken: token });
    const other = await connect({});
    await subscribe(s, 'city');
    const reason = new Promise<string>((resolve) => s.once('disconnect', resolve));
    const t0 = Date.now();
    srv.runtime.store.displays.revoke('lobby', srv.clock.now()); // as `npm run display:revoke` does, from another process
    expect(await reason).toBe('io server disconnect');
    expect(Date.now() - t0).toBeLessThan(1_000); // CLOCK_TICK_MS is 200 here
    expect(other.connected).toBe(true);
    expect(srv.runtime.app.displayAuth.connectedDisplays()).toBe(0);
    await expect(connect({ displayToken: token })).rejects.toMatchObject({ message: 'display_token_invalid' });
  });
});
