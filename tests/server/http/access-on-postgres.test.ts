/**
 * The server with its users, sources and audit log on PostgreSQL (issue 17, slice 3) and everything
 * else on SQLite: login, the admin's users, sources and audit pages and ingest's key check answer from
 * PostgreSQL, and nothing of theirs is written to the SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessStore } from '../../../server/db/access-store/contract.js';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const postgres = usePostgres();
let access: AccessStore;
let server: TestServer;

beforeAll(async () => {
  access = await openPgAccessStore(await postgres.database('access_app'));
  server = await startTestServer({ access });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await access?.close();
});

describe('users, sources and the audit log on PostgreSQL', () => {
  it('signs a user in from PostgreSQL and lists the users there, none in the SQLite file', async () => {
    const admin = await server.as('admin');
    await server.addUser('phuong-saigon', 'unit_leader', 'unit:26740');
    const users = await admin.get('/api/v1/admin/users');
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { username: string }) => u.username)).toContain('phuong-saigon');
    expect((await access.users.list()).length).toBe(users.body.items.length);
    expect(server.runtime.store.users.list()).toEqual([]);
    const wrong = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'phuong-saigon', password: 'not the password' }),
    });
    expect(wrong.status).toBe(401);
  });

  it('creates and revokes a source in PostgreSQL, and ingest checks keys there', async () => {
    const admin = await server.as('admin');
    const made = await admin.post('/api/v1/admin/sources', { name: 'pg-tasks', kind: 'task' });
    expect(made.status).toBe(201);
    expect((await access.sources.findByName('pg-tasks'))?.kind).toBe('task');
    expect(server.runtime.store.sources.findByName('pg-tasks')).toBeNull();
    // The key is found in PostgreSQL: a task source's key is refused for dossiers as the wrong kind, not as unknown.
    const wrongKind = await server.post('/api/v1/ingest/dossiers', { events: [] }, made.body.key);
    expect([wrongKind.status, wrongKind.body.error?.code ?? wrongKind.body.code]).toEqual([403, 'wrong_kind']);
    const patched = await admin.request('PATCH', '/api/v1/admin/sources/pg-tasks', { hours: 'always' });
    expect([patched.status, patched.body.hours]).toEqual([200, 'always']);
    expect((await admin.post('/api/v1/admin/sources/pg-tasks/revoke')).status).toBe(200);
    const revoked = await server.post('/api/v1/ingest/tasks', { events: [] }, made.body.key);
    expect(revoked.status).toBe(401);
  });

  it('keeps the audit of those changes in PostgreSQL and pages it from there', async () => {
    const admin = await server.as('admin');
    const page = await admin.get('/api/v1/audit?pageSize=500');
    expect(page.status).toBe(200);
    const actions = page.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login_failed', 'source.created', 'source.updated', 'source.revoked']),
    );
    expect(page.body.total).toBe((await access.audit.page({ limit: 1, offset: 0 })).total);
    expect((await admin.get('/api/v1/audit/actions')).body.actions).toEqual(await access.audit.actions());
    expect(server.runtime.store.audit.page({ limit: 1, offset: 0 }).total).toBe(0);
  });
});
