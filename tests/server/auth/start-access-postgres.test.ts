/**
 * The server's start on a PostgreSQL access store (issue 17): the demo's users and INGEST_KEYS' sources
 * are written where login and ingest's key check read them, not to the SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../server/auth/demo-users.js';
import { verifyPassword } from '../../../server/auth/passwords.js';
import { announceUsers, seedIngestKeys } from '../../../server/auth/start-access.js';
import { createPgAccessStore, openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { startTestServer } from '../../helpers/test-server.js';

const postgres = usePostgres();

/** A logger that keeps its lines. */
function lines() {
  const info: string[] = [];
  const warn: string[] = [];
  return { info, warn, logger: { info: (m: string) => info.push(m), warn: (m: string) => warn.push(m) } as never };
}

const passwordIn = (info: string[], username: string) =>
  info.map((l) => new RegExp(`^demo user ${username} / password (\\S+) /`).exec(l)?.[1]).find((p) => p !== undefined) ?? '';

describe('the start on a PostgreSQL access store', { timeout: 120_000 }, () => {
  it('announceUsers creates the demo users in PostgreSQL with the logged passwords, and new ones at the next start', async () => {
    const { users } = createPgAccessStore(await postgres.migratedPool('start_users'));
    const first = lines();
    await announceUsers(users, { demo: true, hasScope: () => true, now: 1 }, first.logger);
    expect((await users.list()).map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    const password = passwordIn(first.info, 'phuong-saigon');
    expect(await verifyPassword((await users.credentials('phuong-saigon'))!.passwordHash, password)).toBe(true);
    const second = lines();
    await announceUsers(users, { demo: true, hasScope: (s) => s !== 'department:STP', now: 2 }, second.logger);
    expect(await users.list()).toHaveLength(DEMO_USERS.length);
    expect(await verifyPassword((await users.credentials('phuong-saigon'))!.passwordHash, password)).toBe(false);
    expect(second.info.some((l) => l.startsWith('demo user so-tuphap'))).toBe(false);
    expect(second.warn).toEqual([]);
  });

  it('announceUsers outside the demo only warns, and only when PostgreSQL has no user', async () => {
    const { users } = createPgAccessStore(await postgres.migratedPool('start_hint'));
    const empty = lines();
    await announceUsers(users, { demo: false, hasScope: () => true, now: 1 }, empty.logger);
    expect(empty.warn).toEqual([expect.stringContaining('npm run user:add')]);
    expect(await users.list()).toEqual([]);
    await users.create({ username: 'admin', displayName: 'Admin', role: 'admin', scopes: [], passwordHash: 'x' }, 1);
    const some = lines();
    await announceUsers(users, { demo: false, hasScope: () => true, now: 2 }, some.logger);
    expect([...some.info, ...some.warn]).toEqual([]);
  });

  it('seedIngestKeys stores each source with its key hash, and gives a revoked one its key back', async () => {
    const { sources } = createPgAccessStore(await postgres.migratedPool('start_keys'));
    const keys = [
      { name: 'ward-a', kind: 'dossier' as const, secret: 'a secret of sixteen+' },
      { name: 'tasks-b', kind: 'task' as const, secret: 'another long secret' },
    ];
    await seedIngestKeys(sources, keys, 10);
    expect(await sources.findActiveByKeyHash(hashSourceKey(keys[1].secret))).toMatchObject({ name: 'tasks-b', kind: 'task' });
    await sources.revoke('ward-a', 11);
    await seedIngestKeys(sources, [{ ...keys[0], secret: 'a newer sixteen+ secret' }], 12);
    expect(await sources.findActiveByKeyHash(hashSourceKey(keys[0].secret))).toBeNull();
    expect(await sources.findActiveByKeyHash(hashSourceKey('a newer sixteen+ secret'))).toMatchObject({ name: 'ward-a', revokedAt: null });
  });

  it('a runtime with a PostgreSQL access store stores INGEST_KEYS there, and ingest finds the key there', async () => {
    const access = await openPgAccessStore(await postgres.database('start_runtime'));
    const secret = 'the-bootstrap-secret';
    const server = await startTestServer({ access, ingestKeys: [{ name: 'boot-tasks', kind: 'task', secret }] });
    try {
      expect(await access.sources.findActiveByKeyHash(hashSourceKey(secret))).toMatchObject({ name: 'boot-tasks' });
      expect(server.runtime.store.sources.findByName('boot-tasks')).toBeNull();
      // Found in PostgreSQL: a task source's key is refused for dossiers as the wrong kind, not as unknown.
      const wrongKind = await server.post('/api/v1/ingest/dossiers', { events: [] }, secret);
      expect([wrongKind.status, wrongKind.body.error?.code ?? wrongKind.body.code]).toEqual([403, 'wrong_kind']);
    } finally {
      await server.close();
      await access.close();
    }
  });
});
