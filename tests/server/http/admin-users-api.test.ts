/**
 * The administration's users over the real server and a real SQLite file: create with several
 * units, change role, units and name, disable and enable, reset the password; clear 400s; an admin
 * cannot lock themselves out; state changes need the CSRF token and are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const USERS = '/api/v1/admin/users';

describe('admin users API', () => {
  let srv: TestServer;
  let admin: RoleClient;
  const login = (username: string, password: string) => srv.post('/api/v1/auth/login', { username, password }, null);

  beforeAll(async () => {
    srv = await startTestServer();
    admin = await srv.as('admin');
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('creates a user holding two wards, who signs in and holds both', async () => {
    const res = await admin.post(USERS, {
      username: 'hai-phuong',
      password: TEST_PASSWORD,
      role: 'unit_leader',
      displayName: 'Chủ tịch hai phường',
      scopes: ['unit:26740', '26743'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ username: 'hai-phuong', scopes: ['unit:26740', 'unit:26743'], disabled: false, lastLoginAt: null });
    expect(JSON.stringify(res.body)).not.toMatch(/argon|password/i);
    const signedIn = await login('hai-phuong', TEST_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.capabilities.scopes).toEqual(['unit:26740', 'unit:26743']);
    const list = await admin.get(USERS);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.body.items.find((u: { username: string }) => u.username === 'hai-phuong')).toMatchObject({
      scopes: ['unit:26740', 'unit:26743'],
      lastLoginAt: expect.any(Number),
    });
  });

  it('answers 400 naming each wrong field, 409 for a taken username', async () => {
    const bad = await admin.post(USERS, { username: 'x', password: 'short', role: 'unit_leader', scopes: ['unit:26740', 'unit:99999'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_user');
    for (const part of ['username: ', 'password: ', 'scopes[1]: "unit:99999" is not a known unit or department code'])
      expect(bad.body.error.message).toContain(part);
    const taken = await admin.post(USERS, { username: 'hai-phuong', password: TEST_PASSWORD, role: 'city_leader' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/^username: /);
  });

  it('changes name, role and units; a change of access ends the user’s sessions', async () => {
    const session = await fetch(`${srv.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hai-phuong', password: TEST_PASSWORD }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
    const me = () => fetch(`${srv.url}/api/v1/auth/me`, { headers: { cookie } }).then((r) => r.json());
    expect((await me()).authenticated).toBe(true);
    const res = await admin.request('PATCH', `${USERS}/hai-phuong`, { displayName: 'Chủ tịch phường Bến Thành', scopes: ['unit:26743'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Chủ tịch phường Bến Thành', role: 'unit_leader', scopes: ['unit:26743'] });
    expect((await me()).authenticated).toBe(false);
    const again = await login('hai-phuong', TEST_PASSWORD);
    expect(again.body.capabilities).toMatchObject({ home: 'unit:26743', scopes: ['unit:26743'] });

    const city = await admin.request('PATCH', `${USERS}/hai-phuong`, { role: 'supervisor' });
    expect(city.body).toMatchObject({ role: 'supervisor', scopes: [] });
    const bound = await admin.request('PATCH', `${USERS}/hai-phuong`, { role: 'department' });
    expect(bound.status).toBe(400);
    expect(bound.body.error.message).toMatch(/^scopes: the department role needs at least one/);
    const back = await admin.request('PATCH', `${USERS}/hai-phuong`, { role: 'department', scopes: ['department:STP', 'unit:26740'] });
    expect(back.body).toMatchObject({ role: 'department', scopes: ['department:STP', 'unit:26740'] });
    const unknown = await admin.request('PATCH', `${USERS}/hai-phuong`, { password: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^password: not something that can be changed here/);
    expect((await admin.request('PATCH', `${USERS}/nobody`, { displayName: 'A' })).status).toBe(404);
  });

  it('disables (sessions end, sign-in refused) and enables again', async () => {
    expect((await admin.post(`${USERS}/hai-phuong/disable`)).body.disabled).toBe(true);
    expect((await login('hai-phuong', TEST_PASSWORD)).status).toBe(401);
    expect((await admin.post(`${USERS}/hai-phuong/enable`)).body.disabled).toBe(false);
    expect((await login('hai-phuong', TEST_PASSWORD)).status).toBe(200);
  });

  it('resets a password to a temporary one shown once (no-store); the old one stops working', async () => {
    const res = await admin.post(`${USERS}/hai-phuong/reset-password`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const temp = res.body.temporaryPassword as string;
    expect(temp).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await login('hai-phuong', TEST_PASSWORD)).status).toBe(401);
    expect((await login('hai-phuong', temp)).status).toBe(200);
    const list = await admin.get(USERS);
    expect(JSON.stringify(list.body)).not.toContain(temp);
  });

  it('an admin cannot disable themselves or give up their own admin role', async () => {
    const self = await admin.post(`${USERS}/${admin.username}/disable`);
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('self');
    const demote = await admin.request('PATCH', `${USERS}/${admin.username}`, { role: 'city_leader' });
    expect(demote.status).toBe(400);
    expect(demote.body.error).toMatchObject({ code: 'self', message: expect.stringMatching(/^role: /) });
    expect((await admin.request('PATCH', `${USERS}/${admin.username}`, { displayName: 'Quản trị' })).status).toBe(200);
  });

  it('refuses a state change without the CSRF token, and audits every change without a secret', async () => {
    const noToken = await admin.request('PATCH', `${USERS}/hai-phuong`, { displayName: 'X' }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    const audit = await admin.get('/api/v1/audit?pageSize=500');
    const mine = (audit.body.items as { actor: string; action: string; target: string }[])
      .filter((i) => i.target === 'hai-phuong' && i.actor === `user:${admin.username}`)
      .map((i) => i.action);
    expect(new Set(mine)).toEqual(new Set(['user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.password_reset']));
    expect(JSON.stringify(audit.body)).not.toContain(TEST_PASSWORD);
  });
});
