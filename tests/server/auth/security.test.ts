/**
 * Attacks and the behaviour that stops them, over real HTTP and Socket.IO: brute force, CSRF, session
 * expiry and logout, revoked and unit-limited source keys, SQL-looking input, names kept from the
 * public, secrets kept out of the audit log, security headers, body and rate limits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { SubscribeAck } from '../../../server/realtime/events.js';
import { receivedEvent, startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const LOGIN = '/api/v1/auth/login';

describe('security behaviour', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ security: { tileServerUrl: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png' } });
  });
  afterEach(async () => {
    await srv.close();
  });

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    srv.post(LOGIN, { username, password }, null, headers);

  describe('login and sessions', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie and answers who is signed in with a CSRF token', async () => {
      await srv.addUser('lan', 'unit_leader', 'unit:26740');
      const res = await fetch(srv.url + LOGIN, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lan', password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^bdt_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      const me = await (await fetch(`${srv.url}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0] } })).json();
      expect(me).toMatchObject({
        authenticated: true,
        user: { username: 'lan', role: 'unit_leader', scope: 'unit:26740' },
        capabilities: { home: 'unit:26740', cityOverview: true, dossierLists: true },
      });
      expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Only a hash of the session id is stored.
      const id = cookie.split(';')[0].split('=')[1];
      expect(JSON.stringify(srv.runtime.store.sessions.liveHashes(srv.clock.now()).has(id))).toBe('false');
    });

    it('refuses a wrong password and an unknown user with the same answer', async () => {
      await srv.addUser('lan', 'city_leader');
      const wrong = await login('lan', 'not the password');
      const unknown = await login('nobody', 'not the password');
      expect(wrong).toEqual({ status: 401, body: { error: { code: 'invalid_credentials', message: 'wrong username or password' } } });
      expect(unknown).toEqual(wrong);
    });

    it('locks a username after 5 failed logins, refusing even the right password, until the lock passes', async () => {
      await srv.addUser('lan', 'city_leader');
      for (let i = 0; i < 4; i++) expect((await login('lan', `guess-${i}`)).status).toBe(401);
      const fifth = await fetch(srv.url + LOGIN, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lan', password: 'guess-5' }),
      });
      expect(fifth.status).toBe(429);
      expect(Number(fifth.headers.get('retry-after'))).toBe(15 * 60);
      expect((await login('lan', TEST_PASSWORD)).body.error.code).toBe('too_many_attempts');
      // Another username from elsewhere is not affected.
      await srv.addUser('hung', 'city_leader');
      expect((await login('hung', TEST_PASSWORD)).status).toBe(200);
      srv.clock.advance(15 * 60_000 + 1);
      expect((await login('lan', TEST_PASSWORD)).status).toBe(200);
      const failures = srv.runtime.store.audit.page({ action: 'auth.login_failed', limit: 100, offset: 0 });
      expect(failures.total).toBe(6);
    });

    it('ends a session when it expires: the API then treats the browser as the public', async () => {
      const leader = await srv.as('unit_leader', 'unit:26740');
      expect((await leader.get('/api/v1/units/26740/dossiers')).status).toBe(200);
      srv.clock.advance(12 * 3_600_000 - 1_000);
      expect((await leader.get('/api/v1/units/26740/dossiers')).status).toBe(200);
      srv.clock.advance(2_000);
      expect((await leader.get('/api/v1/units/26740/dossiers')).status).toBe(401);
      expect((await leader.get('/api/v1/auth/me')).body).toMatchObject({ authenticated: false, user: null, csrfToken: null });
    });

    it('disconnects the socket of a session that expired or logged out, and it reconnects as the public', async () => {
      const leader = await srv.as('unit_leader', 'unit:26740');
      const s = await leader.socket();
      const ack = (await s.emitWithAck('scope:subscribe', { scope: 'unit:26740', period: 'live' })) as SubscribeAck;
      expect(ack.ok).toBe(true);
      const gone = new Promise<string>((r) => s.once('disconnect', r));
      expect((await leader.post('/api/v1/auth/logout')).status).toBe(204);
      expect(await gone).toBe('io server disconnect');
      expect((await leader.get('/api/v1/units/26740/dossiers')).status).toBe(401);

      const other = await srv.as('unit_leader', 'unit:26740');
      const s2 = await other.socket();
      const expired = new Promise<string>((r) => s2.once('disconnect', r));
      srv.clock.advance(12 * 3_600_000 + 1);
      // The sweep runs every clock tick (200 ms in tests).
      expect(await expired).toBe('io server disconnect');
    });

    it('ends the sessions of a disabled user at once', async () => {
      const admin = await srv.as('admin');
      const leader = await srv.as('city_leader');
      expect((await leader.get('/api/v1/units/city/dossiers')).status).toBe(200);
      expect((await admin.post(`/api/v1/admin/users/${leader.username}/disable`)).status).toBe(200);
      expect((await leader.get('/api/v1/units/city/dossiers')).status).toBe(401);
      expect((await login(leader.username!, TEST_PASSWORD)).status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated POST without the CSRF token, or with another token', async () => {
      const sup = await srv.as('supervisor');
      await srv.post(DOSSIERS, { events: [receivedEvent()] });
      const body = { unit: '26740', dossierId: 'D-1', message: 'Nhắc nhở' };
      const none = await sup.request('POST', '/api/v1/reminders', body, { 'x-csrf-token': '' });
      expect(none.status).toBe(403);
      expect(none.body.error.code).toBe('csrf_token');
      const other = await sup.request('POST', '/api/v1/reminders', body, { 'x-csrf-token': 'A'.repeat(43) });
      expect(other.status).toBe(403);
      expect(srv.runtime.store.reminders.ofUnit('26740')).toEqual([]);
      expect((await sup.post('/api/v1/reminders', body)).status).toBe(201);
    });

    it('refuses a state-changing request from a foreign Origin, even with the right token, and a cross-site login', async () => {
      const sup = await srv.as('supervisor');
      const res = await sup.post('/api/v1/reminders', { unit: '26740', message: 'x' }, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_origin');
      await srv.addUser('lan', 'city_leader');
      expect((await login('lan', TEST_PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await login('lan', TEST_PASSWORD, { origin: srv.url })).status).toBe(200);
    });

    it('does not parse a form-encoded cross-site login (only JSON is read)', async () => {
      await srv.addUser('lan', 'city_leader');
      const res = await fetch(srv.url + LOGIN, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=lan&password=${encodeURIComponent(TEST_PASSWORD)}`,
      });
      expect(res.status).toBe(400);
    });

    it('refuses a Socket.IO handshake from a foreign page', async () => {
      const s = ioClient(srv.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { origin: 'https://evil.example' },
      });
      const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
      expect(err).toBeInstanceOf(Error);
      s.close();
    });
  });

  describe('ingest keys', () => {
    it('refuses a revoked key on its very next request', async () => {
      const admin = await srv.as('admin');
      const created = await admin.post('/api/v1/admin/sources', { name: 'ward-26740', kind: 'dossier' });
      expect(created.status).toBe(201);
      const key = created.body.key as string;
      expect((await srv.post(DOSSIERS, { events: [receivedEvent()] }, key)).status).toBe(200);
      expect((await admin.post('/api/v1/admin/sources/ward-26740/revoke')).status).toBe(200);
      const next = await srv.post(DOSSIERS, { events: [receivedEvent({ id: 'e-2', dossierId: 'D-2' })] }, key);
      expect(next.status).toBe(401);
      expect(srv.runtime.store.projections.getDossier('D-2')).toBeNull();
    });

    it('rejects, per event and with a clear error, what a unit-limited key sends for another unit, and quarantines it', async () => {
      // A dossier of another ward, sent by the city's own system.
      await srv.post(DOSSIERS, { events: [receivedEvent({ id: 'city-1', dossierId: 'D-26743', unit: '26743' })] });
      const admin = await srv.as('admin');
      const key = (await admin.post('/api/v1/admin/sources', { name: 'ward-26740', kind: 'dossier', units: ['26740'] })).body.key as string;
      const res = await srv.post(
        DOSSIERS,
        {
          events: [
            receivedEvent({ id: 'w-1', dossierId: 'D-OWN', unit: '26740' }),
            receivedEvent({ id: 'w-2', dossierId: 'D-FOREIGN', unit: '26743' }),
            { id: 'w-3', type: 'processed', dossierId: 'D-26743', at: '2026-11-20T08:30:00+07:00' },
            { id: 'w-4', type: 'processed', dossierId: 'D-OWN', at: '2026-11-20T08:30:00+07:00' },
          ],
        },
        key,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 2, rejected: 2 });
      expect(res.body.results.map((r: any) => [r.index, r.id, r.status])).toEqual([
        [0, 'w-1', 'accepted'],
        [1, 'w-2', 'rejected'],
        [2, 'w-3', 'rejected'],
        [3, 'w-4', 'accepted'],
      ]);
      expect(res.body.results[1].errors).toEqual([{ path: 'unit', message: "unit 26743 is outside this source's units (26740)" }]);
      expect(res.body.results[2].errors).toEqual([
        { path: 'dossierId', message: 'dossier "D-26743" belongs to unit 26743; this source may only write units 26740' },
      ]);
      // The rows are written behind the log: wait for them (the unit limit itself no longer does).
      srv.runtime.projections.sync();
      expect(srv.runtime.store.projections.getDossier('D-FOREIGN')).toBeNull();
      expect(srv.runtime.store.projections.getDossier('D-26743')?.endAt).toBeNull();
      const q = await admin.get('/api/v1/quarantine?source=ward-26740');
      expect(q.body.items.map((i: any) => i.eventId).sort()).toEqual(['w-2', 'w-3']);
    });

    it('answers 429 with Retry-After when a source sends faster than its rate', async () => {
      await srv.close();
      srv = await startTestServer({ security: { ingestRatePerMinute: 2 } });
      expect((await srv.post(DOSSIERS, { events: [] })).status).toBe(200);
      expect((await srv.post(DOSSIERS, { events: [] })).status).toBe(200);
      const res = await fetch(srv.url + DOSSIERS, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${srv.dossierKey}` },
        body: '{"events":[]}',
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBe(30);
      // Another source has its own allowance.
      expect((await srv.post('/api/v1/ingest/tasks', { events: [] }, srv.taskKey)).status).toBe(200);
      srv.clock.advance(30_000);
      expect((await srv.post(DOSSIERS, { events: [] })).status).toBe(200);
    });
  });

  describe('hostile input', () => {
    it('stores and shows SQL-looking strings verbatim', async () => {
      const evil = "'; DROP TABLE dossiers; --";
      const res = await srv.post(DOSSIERS, {
        events: [
          receivedEvent({
            id: "x'); DELETE FROM events; --",
            dossierId: `D-${evil}`,
            procedure: { code: '1.0', name: evil, field: `" OR 1=1 --`, legalDays: 3 },
          }),
        ],
      });
      expect(res.body.accepted).toBe(1);
      const leader = await srv.as('city_leader');
      const d = await leader.get(`/api/v1/dossiers/${encodeURIComponent(`D-${evil}`)}`);
      expect(d.status).toBe(200);
      expect(d.body.procedure).toMatchObject({ name: evil, field: `" OR 1=1 --` });
      expect(d.body.timeline[0].eventId).toBe("x'); DELETE FROM events; --");
      const list = await leader.get('/api/v1/units/26740/dossiers?status=in_progress');
      expect(list.body.items[0]).toMatchObject({ id: `D-${evil}`, procedureName: evil });
      expect(srv.runtime.store.projections.counts().dossiers).toBe(1);
      expect(srv.runtime.store.events.count()).toBe(1);
    });

    it('refuses a JSON body over 16 kB outside ingest', async () => {
      const res = await srv.post(LOGIN, { username: 'x', password: 'y'.repeat(20_000) }, null);
      expect(res.status).toBe(413);
    });
  });

  describe('what the public sees', () => {
    it('gets every unit’s aggregates but no officials’ scorecards, no lists and no details', async () => {
      await srv.post(DOSSIERS, {
        events: [
          receivedEvent(),
          {
            id: 'a1',
            type: 'assigned',
            dossierId: 'D-1',
            at: '2026-11-20T08:10:00+07:00',
            handler: { id: 'cb1', name: 'Nguyễn Văn A', unit: '26740' },
          },
        ],
      });
      const pub = await srv.as('public');
      const ov = await pub.get('/api/v1/overview');
      expect(Object.keys(ov.body.units)).toHaveLength(168);
      expect(ov.body.city.inProgress).toBe(1);
      const unit = await pub.get('/api/v1/units/26740');
      expect(unit.status).toBe(200);
      expect(unit.body.byOfficial).toEqual([]);
      expect(JSON.stringify(unit.body)).not.toContain('Nguyễn Văn A');
      expect((await pub.get('/api/v1/units/26740/dossiers')).status).toBe(401);
      expect((await pub.get('/api/v1/dossiers/D-1')).status).toBe(401);
      const leader = await srv.as('city_leader');
      expect((await leader.get('/api/v1/units/26740')).body.byOfficial[0].name).toBe('Nguyễn Văn A');
    });

    it('gives a signed-in unit leader the whole overview the public sees while the public view is on', async () => {
      const ul = await srv.as('unit_leader', 'unit:26740');
      const pub = await srv.as('public');
      const [mine, anon] = [await ul.get('/api/v1/overview'), await pub.get('/api/v1/overview')];
      expect(mine.status).toBe(200);
      expect(Object.keys(mine.body.units)).toEqual(Object.keys(anon.body.units));
      expect(Object.keys(mine.body.departments)).toEqual(Object.keys(anon.body.departments));
      expect(mine.body.city).not.toBeNull();
      // Names and lists stay within the unit.
      expect((await ul.get('/api/v1/units/26743')).body.byOfficial).toEqual([]);
      expect((await ul.get('/api/v1/units/26743/dossiers')).status).toBe(403);
    });

    it('gives a unit leader an overview of their unit only, without the city, when the public view is off', async () => {
      await srv.close();
      srv = await startTestServer({ security: { publicView: false } });
      const ul = await srv.as('unit_leader', 'unit:26740');
      const ov = await ul.get('/api/v1/overview');
      expect(Object.keys(ov.body.units)).toEqual(['26740']);
      expect(ov.body.departments).toEqual({});
      expect(ov.body.city).toBeNull();
      expect(ov.body.previousCity).toBeNull();
    });

    it('refuses everything but sign-in to the public when the public view is off', async () => {
      await srv.close();
      srv = await startTestServer({ security: { publicView: false } });
      const pub = await srv.as('public');
      expect((await pub.get('/api/v1/overview')).status).toBe(401);
      expect((await pub.get('/api/v1/units/26740')).status).toBe(401);
      const s = await pub.socket();
      expect(await s.emitWithAck('scope:subscribe', { scope: 'city', period: 'live' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect((await (await srv.as('city_leader')).get('/api/v1/overview')).status).toBe(200);
    });
  });

  describe('audit log', () => {
    it('records logins, failures, logouts, exports, reminders and admin changes: who, what, when, from where; never a secret', async () => {
      await srv.post(DOSSIERS, { events: [receivedEvent()] });
      await srv.addUser('lan', 'supervisor');
      await login('lan', 'wrong password!');
      const sup = await srv.as('supervisor');
      await sup.post('/api/v1/reminders', { unit: '26740', dossierId: 'D-1', message: 'Đề nghị xử lý' });
      await sup.post('/api/v1/exports', { table: 'dossiers', code: '26740', status: 'overdue', rows: 12 });
      await sup.post('/api/v1/auth/logout');
      const admin = await srv.as('admin');
      const src = await admin.post('/api/v1/admin/sources', { name: 'ward-x', kind: 'task' });
      await admin.post('/api/v1/admin/users', { username: 'new-user', password: TEST_PASSWORD, role: 'city_leader' });
      await admin.post('/api/v1/admin/users/new-user/disable');
      await admin.request('PUT', '/api/v1/admin/wall/presets/ops', { scenes: ['map'], intervalSeconds: 30 });
      const audit = await admin.get('/api/v1/audit?pageSize=500');
      expect(audit.status).toBe(200);
      const actions = audit.body.items.map((i: any) => `${i.actor} ${i.action} ${i.outcome}`).reverse();
      expect(actions).toEqual([
        'login:lan auth.login_failed failed',
        `user:${sup.username} auth.login ok`,
        `user:${sup.username} reminder.sent ok`,
        `user:${sup.username} export ok`,
        `user:${sup.username} auth.logout ok`,
        `user:${admin.username} auth.login ok`,
        `user:${admin.username} source.created ok`,
        `user:${admin.username} user.created ok`,
        `user:${admin.username} user.disabled ok`,
        `user:${admin.username} preset.saved ok`,
      ]);
      const exportRow = audit.body.items.find((i: any) => i.action === 'export');
      expect(exportRow).toMatchObject({
        role: 'supervisor',
        target: 'unit:26740/dossiers',
        ip: expect.stringMatching(/127\.0\.0\.1/),
        details: { status: 'overdue', rows: 12, format: 'csv' },
      });
      expect(exportRow.at).toMatch(/\+07:00$/);
      const all = JSON.stringify(audit.body);
      for (const secret of [
        TEST_PASSWORD,
        'wrong password!',
        src.body.key,
        sup.csrf,
        sup.cookie!.split('=')[1],
        admin.cookie!.split('=')[1],
      ]) {
        expect(all).not.toContain(secret);
      }
    });
  });

  describe('HTTP hardening', () => {
    it('sends a CSP that admits the configured tile server, and no X-Powered-By', async () => {
      const res = await fetch(`${srv.url}/api/v1/health`);
      expect(res.headers.get('x-powered-by')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob: https://*.tiles.example.vn");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await (await fetch(`${srv.url}/api/v1/client-config`)).json()).toMatchObject({
        tileUrl: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png',
      });
    });

    it('keeps CORS closed unless an origin is configured', async () => {
      const closed = await fetch(`${srv.url}/api/v1/overview`, { headers: { origin: 'https://other.example' } });
      expect(closed.headers.get('access-control-allow-origin')).toBeNull();
      await srv.close();
      srv = await startTestServer({ security: { corsOrigins: ['https://portal.hcmc.example'] } });
      const open = await fetch(`${srv.url}/api/v1/overview`, { headers: { origin: 'https://portal.hcmc.example' } });
      expect(open.headers.get('access-control-allow-origin')).toBe('https://portal.hcmc.example');
      expect(open.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await fetch(`${srv.url}/api/v1/overview`, { headers: { origin: 'https://other.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
