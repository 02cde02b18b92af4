/**
 * The administration's sources and walls over real HTTP and a real SQLite file: a source created with
 * its key shown once, its settings changed, revoked; wall displays added with their token shown once
 * and revoked; presets saved and deleted. Every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

describe('admin sources and walls API', () => {
  let srv: TestServer;
  let admin: RoleClient;
  /** The key of ward-26740, as its creation answered it. */
  let key = '';
  const auditOf = (action: string) => srv.runtime.store.audit.page({ action, limit: 10, offset: 0 }).items;

  beforeAll(async () => {
    srv = await startTestServer();
    admin = await srv.as('admin');
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('creates a source whose key works once shown, and never shows the key again', async () => {
    const res = await admin.post('/api/v1/admin/sources', {
      name: 'ward-26740',
      kind: 'dossier',
      units: ['26740'],
      silentAfterMinutes: 30,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ name: 'ward-26740', kind: 'dossier', units: ['26740'], silentAfterMs: 30 * 60_000, revokedAt: null });
    key = res.body.key as string;
    const ingest = await srv.post(
      '/api/v1/ingest/dossiers',
      { events: [receivedEvent({ id: 'k1', dossierId: 'K-1', unit: '26740' })] },
      key,
    );
    expect(ingest.status).toBe(200);
    const list = await admin.get('/api/v1/admin/sources');
    const item = list.body.items.find((s: { name: string }) => s.name === 'ward-26740');
    expect(item).not.toHaveProperty('key');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(JSON.stringify(auditOf('source.created'))).not.toContain(key);
  });

  it('PATCH changes unit limits and silence settings as source:set does, audited, and the new limit applies to the next batch', async () => {
    const foreign = (id: string) => ({ events: [receivedEvent({ id, dossierId: id, unit: '26743' })] });
    const before = await srv.post('/api/v1/ingest/dossiers', foreign('F-1'), key);
    expect(before.body.results[0].status).toBe('rejected');
    const res = await admin.request('PATCH', '/api/v1/admin/sources/ward-26740', {
      units: ['26740', '26743'],
      silentAfterMinutes: 'default',
      hours: 'always',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ units: ['26740', '26743'], silentAfterMs: null, hours: 'always' });
    expect(srv.runtime.store.sources.findByName('ward-26740')).toMatchObject({ units: ['26740', '26743'], hours: 'always' });
    const after = await srv.post('/api/v1/ingest/dossiers', foreign('F-2'), key);
    expect(after.body.results[0].status).toBe('accepted');
    expect(auditOf('source.updated')[0]).toMatchObject({
      actor: `user:${admin.username}`,
      target: 'ward-26740',
      details: { units: ['26740', '26743'], silentAfterMs: null, hours: 'always' },
    });
    const lifted = await admin.request('PATCH', '/api/v1/admin/sources/ward-26740', { units: [] });
    expect(lifted.body.units).toBeNull();
    // Only the field given changed.
    expect(lifted.body.hours).toBe('always');
  });

  it('PATCH refuses unknown units, bad minutes, unknown fields and an empty body with 400 naming the field; 404 for no such source', async () => {
    const bad = await admin.request('PATCH', '/api/v1/admin/sources/ward-26740', { units: ['99999'], silentAfterMinutes: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/silent-after-minutes.*units: unknown unit or department code\(s\) 99999/);
    const unknown = await admin.request('PATCH', '/api/v1/admin/sources/ward-26740', { name: 'other' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('unknown field(s) name');
    expect((await admin.request('PATCH', '/api/v1/admin/sources/ward-26740', {})).body.error.message).toContain('nothing to change');
    expect((await admin.request('PATCH', '/api/v1/admin/sources/nobody', { hours: 'office' })).status).toBe(404);
  });

  it('PATCH needs the session’s CSRF token', async () => {
    const res = await fetch(`${srv.url}/api/v1/admin/sources/ward-26740`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin.cookie! },
      body: JSON.stringify({ hours: 'office' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_token');
  });

  it('revokes a source: its key is refused from the next request, and a second revoke is 409', async () => {
    const created = await admin.post('/api/v1/admin/sources', { name: 'to-revoke', kind: 'dossier' });
    const res = await admin.post('/api/v1/admin/sources/to-revoke/revoke');
    expect(res.status).toBe(200);
    expect(res.body.revokedAt).toMatch(/\+07:00$/);
    const ingest = await srv.post('/api/v1/ingest/dossiers', { events: [] }, created.body.key);
    expect(ingest.status).toBe(401);
    expect((await admin.post('/api/v1/admin/sources/to-revoke/revoke')).status).toBe(409);
    expect(auditOf('source.revoked')[0]).toMatchObject({ target: 'to-revoke', outcome: 'ok' });
  });

  it('adds a wall display with its token shown once; the token identifies the display until it is revoked', async () => {
    const res = await admin.post('/api/v1/admin/wall/displays', { name: 'ops-room-1', scope: 'unit:26740' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'ops-room-1', scope: 'unit:26740', revokedAt: null, lastSeenAt: null });
    const token = res.body.token as string;
    expect(token).toMatch(/^bdd_[A-Za-z0-9_-]{43}$/);
    const who = await fetch(`${srv.url}/api/v1/wall/display`, { headers: { authorization: `Bearer ${token}` } });
    expect(await who.json()).toEqual({ name: 'ops-room-1', scope: 'unit:26740' });
    const list = await admin.get('/api/v1/admin/wall/displays');
    expect(list.body.items.map((d: { name: string }) => d.name)).toContain('ops-room-1');
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await admin.post('/api/v1/admin/wall/displays', { name: 'ops-room-1', scope: 'city' })).status).toBe(409);

    expect((await admin.post('/api/v1/admin/wall/displays/ops-room-1/revoke')).body.revokedAt).toMatch(/\+07:00$/);
    const after = await fetch(`${srv.url}/api/v1/wall/display`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect((await admin.post('/api/v1/admin/wall/displays/ops-room-1/revoke')).status).toBe(409);
    expect((await admin.post('/api/v1/admin/wall/displays/nobody/revoke')).status).toBe(404);
    expect(auditOf('display.created')[0]).toMatchObject({ target: 'ops-room-1', details: { scope: 'unit:26740', reissued: false } });
    expect(JSON.stringify(auditOf('display.created'))).not.toContain(token);
    expect(auditOf('display.revoked')[0]).toMatchObject({ target: 'ops-room-1' });
  });

  it('re-issues a revoked display’s name with a new token and refuses bad names and scopes with 400', async () => {
    const again = await admin.post('/api/v1/admin/wall/displays', { name: 'ops-room-1', scope: 'city' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ scope: 'city', revokedAt: null });
    const badScope = await admin.post('/api/v1/admin/wall/displays', { name: 'x', scope: 'unit:99999' });
    expect(badScope.status).toBe(400);
    expect(badScope.body.error).toEqual({ code: 'invalid_display', message: 'scope: no unit with code "99999" in the jurisdiction' });
    expect((await admin.post('/api/v1/admin/wall/displays', { name: 'bad name', scope: 'city' })).body.error.message).toMatch(/^name:/);
  });

  it('saves, lists and deletes a preset (404 once gone), audited', async () => {
    expect((await admin.request('PUT', '/api/v1/admin/wall/presets/hall', { scenes: ['map', 'kpi'], intervalSeconds: 30 })).status).toBe(
      200,
    );
    expect((await admin.get('/api/v1/wall/presets')).body.items.map((p: { name: string }) => p.name)).toContain('hall');
    const del = await admin.request('DELETE', '/api/v1/admin/wall/presets/hall', {});
    expect(del.status).toBe(204);
    expect((await admin.get('/api/v1/wall/presets/hall')).status).toBe(404);
    expect((await admin.request('DELETE', '/api/v1/admin/wall/presets/hall', {})).status).toBe(404);
    expect(auditOf('preset.deleted')[0]).toMatchObject({ target: 'hall', details: { scenes: ['map', 'kpi'], intervalSeconds: 30 } });
  });
});
