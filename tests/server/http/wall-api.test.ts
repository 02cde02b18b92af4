import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDisplayToken, hashDisplayToken } from '../../../server/wall/display-tokens.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

describe('wall API', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  async function getWithToken(path: string, token: string | null) {
    const res = await fetch(srv.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, headers: res.headers, body: await res.json() };
  }

  it('GET /wall/presets/:name answers a saved preset', async () => {
    srv.runtime.store.wallPresets.save('ops', ['map', 'ranking', 'feed', 'kpi', 'departments'], 20, srv.clock.now());
    const res = await srv.get('/api/v1/wall/presets/ops');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'ops',
      scenes: ['map', 'ranking', 'feed', 'kpi', 'departments'],
      intervalSeconds: 20,
      updatedAt: '2026-11-20T09:00:00.000+07:00',
    });
  });

  it('GET /wall/presets lists the presets', async () => {
    srv.runtime.store.wallPresets.save('lobby', ['kpi'], 60, srv.clock.now());
    const res = await srv.get('/api/v1/wall/presets');
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['lobby', 'ops']);
  });

  it('answers 404 with how to create an unknown preset, 400 for a malformed name', async () => {
    const missing = await srv.get('/api/v1/wall/presets/none');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('wall:preset') });
    expect((await srv.get('/api/v1/wall/presets/a%20b')).status).toBe(400);
  });

  it('drops a scene name the client no longer knows instead of breaking the wall', async () => {
    srv.runtime.store.wallPresets.save('old', ['map', 'weather', 'kpi'], 20, srv.clock.now());
    expect((await srv.get('/api/v1/wall/presets/old')).body.scenes).toEqual(['map', 'kpi']);
  });

  it('GET /wall/display tells a display its name and scope from its token', async () => {
    const token = generateDisplayToken();
    srv.runtime.store.displays.create('ward-26740', 'unit:26740', hashDisplayToken(token), srv.clock.now());
    const res = await getWithToken('/api/v1/wall/display', token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'ward-26740', scope: 'unit:26740' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 display_token_invalid for no, unknown or revoked tokens', async () => {
    const token = generateDisplayToken();
    srv.runtime.store.displays.create('revoked-one', 'city', hashDisplayToken(token), srv.clock.now());
    srv.runtime.store.displays.revoke('revoked-one', srv.clock.now());
    for (const t of [null, generateDisplayToken(), token, 'x'.repeat(500)]) {
      const res = await getWithToken('/api/v1/wall/display', t);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('display_token_invalid');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });
});
