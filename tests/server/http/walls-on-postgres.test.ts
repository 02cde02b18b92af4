/**
 * The server with its wall displays and presets on PostgreSQL (issue 17, slice 3) and everything else
 * on SQLite: the admin's displays and presets, a display's token on the API and at the live
 * connection's handshake, and its revocation answer from PostgreSQL; the SQLite file holds none of them.
 */
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallStore } from '../../../server/db/wall-store/contract.js';
import { openPgWallStore } from '../../../server/db/wall-store/pg-wall-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer, type TestSocket } from '../../helpers/test-server.js';

const postgres = usePostgres();
let walls: WallStore;
let server: TestServer;

beforeAll(async () => {
  walls = await openPgWallStore(await postgres.database('walls_app'));
  server = await startTestServer({ walls });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await walls?.close();
});

function connect(auth: Record<string, unknown>): Promise<TestSocket> {
  const s: TestSocket = ioClient(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

describe('wall displays and presets on PostgreSQL', () => {
  it('creates a display in PostgreSQL, admits its token on the API and the live connection, and revokes it there', async () => {
    const admin = await server.as('admin');
    const made = await admin.post('/api/v1/admin/wall/displays', { name: 'ops-room', scope: 'city' });
    expect(made.status).toBe(201);
    expect((await walls.displays.findByName('ops-room'))?.scope).toBe('city');
    expect(server.runtime.store.displays.list()).toEqual([]);
    expect((await admin.get('/api/v1/admin/wall/displays')).body.items.map((d: { name: string }) => d.name)).toEqual(['ops-room']);
    const me = await fetch(`${server.url}/api/v1/wall/display`, {
      headers: { authorization: `Bearer ${made.body.token}` },
    });
    expect([me.status, (await me.json()).scope]).toEqual([200, 'city']);
    const socket = await connect({ displayToken: made.body.token });
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await walls.displays.findByName('ops-room'))?.lastSeenAt).toBe(server.clock.now());
    expect((await admin.post('/api/v1/admin/wall/displays/ops-room/revoke')).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    await expect(connect({ displayToken: made.body.token })).rejects.toMatchObject({ message: 'display_token_invalid' });
    expect((await admin.post('/api/v1/admin/wall/displays/ops-room/revoke')).status).toBe(409);
  });

  it('saves, lists and deletes presets in PostgreSQL', async () => {
    const admin = await server.as('admin');
    const saved = await admin.request('PUT', '/api/v1/admin/wall/presets/ops', { scenes: ['map', 'ranking'], intervalSeconds: 20 });
    expect([saved.status, saved.body.scenes]).toEqual([200, ['map', 'ranking']]);
    expect((await walls.presets.get('ops'))?.intervalSeconds).toBe(20);
    expect(server.runtime.store.wallPresets.list()).toEqual([]);
    const listed = await server.get('/api/v1/wall/presets');
    expect(listed.body.items.map((p: { name: string }) => p.name)).toEqual(['ops']);
    expect((await server.get('/api/v1/wall/presets/ops')).body.intervalSeconds).toBe(20);
    expect((await admin.request('DELETE', '/api/v1/admin/wall/presets/ops')).status).toBe(204);
    expect(await walls.presets.get('ops')).toBeNull();
  });
});
