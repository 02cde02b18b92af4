/**
 * One repository test suite for users, sources and the audit log (server/db/access-store/contract.ts),
 * run against each engine by its own test file: access-store-sqlite.test.ts, access-store-postgres.test.ts.
 * Both must give the same answers.
 */
import { describe, expect, it } from 'vitest';
import type { AccessStore, UserInput } from '../../../server/db/access-store/contract.js';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

const user = (username: string, extra: Partial<UserInput> = {}): UserInput => ({
  username,
  displayName: `Người dùng ${username}`,
  role: 'unit_leader',
  scopes: ['unit:26740'],
  passwordHash: `$argon2id$hash-of-${username}`,
  ...extra,
});

/** `open`: a fresh, empty store of the engine; the suite closes it. */
export function describeAccessStore(engine: string, open: () => Promise<AccessStore>): void {
  const withStore = (fn: (store: AccessStore) => Promise<void>) => async () => {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  describe(`users on ${engine}`, () => {
    it(
      'creates a user with its scopes in the order given and finds it by id and by name whatever its case',
      withStore(async ({ users }) => {
        const made = await users.create(user('phuong-saigon', { scopes: ['unit:26740', 'department:STP', 'unit:26740'] }), T0);
        expect(made).toEqual({
          id: made.id,
          username: 'phuong-saigon',
          displayName: 'Người dùng phuong-saigon',
          role: 'unit_leader',
          scopes: ['unit:26740', 'department:STP'],
          createdAt: T0,
          disabledAt: null,
          lastLoginAt: null,
        });
        expect(await users.findById(made.id)).toEqual(made);
        expect(await users.findByUsername('PHUONG-SaiGon')).toEqual(made);
        expect(await users.findByUsername('nobody')).toBeNull();
        expect(await users.findById(made.id + 1000)).toBeNull();
      }),
    );

    it(
      'refuses a second user of the same name in another case, and lists users by name with their scopes',
      withStore(async ({ users }) => {
        await users.create(user('giamsat', { role: 'supervisor', scopes: [] }), T0);
        await users.create(user('Admin', { role: 'admin', scopes: [] }), T0);
        await users.create(user('so-tuphap', { role: 'department', scopes: ['department:STP'] }), T0);
        await expect(users.create(user('GIAMSAT'), T0)).rejects.toThrow();
        const list = await users.list();
        expect(list.map((u) => [u.username, u.role, u.scopes])).toEqual([
          ['Admin', 'admin', []],
          ['giamsat', 'supervisor', []],
          ['so-tuphap', 'department', ['department:STP']],
        ]);
      }),
    );

    it(
      'gives the password hash only through credentials, and changes it',
      withStore(async ({ users }) => {
        const made = await users.create(user('lanhdao', { role: 'city_leader', scopes: [] }), T0);
        expect(await users.credentials('LanhDao')).toEqual({ user: made, passwordHash: '$argon2id$hash-of-lanhdao' });
        expect(await users.credentials('nobody')).toBeNull();
        await users.setPasswordHash(made.id, '$argon2id$new');
        expect((await users.credentials('lanhdao'))?.passwordHash).toBe('$argon2id$new');
        expect(JSON.stringify(await users.list())).not.toContain('argon2id');
      }),
    );

    it(
      'changes only the fields given, and answers null for an unknown user',
      withStore(async ({ users }) => {
        const made = await users.create(user('u1'), T0);
        const renamed = await users.update(made.id, { displayName: 'Tên mới' });
        expect(renamed).toEqual({ ...made, displayName: 'Tên mới' });
        const moved = await users.update(made.id, { role: 'department', scopes: ['department:STP', 'unit:26743'] });
        expect(moved).toEqual({ ...made, displayName: 'Tên mới', role: 'department', scopes: ['department:STP', 'unit:26743'] });
        expect(await users.update(made.id + 1000, { displayName: 'x' })).toBeNull();
      }),
    );

    it(
      'disables and enables once each, and notes the last login',
      withStore(async ({ users }) => {
        const made = await users.create(user('u2'), T0);
        expect(await users.disable('U2', T0 + 5)).toBe(true);
        expect(await users.disable('u2', T0 + 6)).toBe(false);
        expect((await users.findById(made.id))?.disabledAt).toBe(T0 + 5);
        expect(await users.enable('u2')).toBe(true);
        expect(await users.enable('u2')).toBe(false);
        await users.markLogin(made.id, T0 + 9);
        expect(await users.findById(made.id)).toEqual({ ...made, lastLoginAt: T0 + 9 });
      }),
    );

    it(
      'upserts: creates a new user, or resets an existing one’s password, role, name and scopes and enables it',
      withStore(async ({ users }) => {
        const first = await users.upsert(user('demo'), T0);
        expect(first.scopes).toEqual(['unit:26740']);
        await users.disable('demo', T0 + 1);
        const again = await users.upsert(
          user('Demo', { role: 'supervisor', scopes: [], displayName: 'Giám sát', passwordHash: 'h2' }),
          T0 + 2,
        );
        expect(again).toEqual({ ...first, role: 'supervisor', scopes: [], displayName: 'Giám sát', disabledAt: null });
        expect((await users.credentials('demo'))?.passwordHash).toBe('h2');
        expect(await users.list()).toHaveLength(1);
      }),
    );
  });

  describe(`sessions on ${engine}`, () => {
    it(
      'finds a session until it expires, ends one or all of a user’s, and purges the expired',
      withStore(async ({ users, sessions }) => {
        const u = await users.create(user('s-user'), T0);
        const session = (idHash: string, expiresAt: number) => ({
          idHash,
          userId: u.id,
          csrfToken: `csrf-${idHash}`,
          createdAt: T0,
          expiresAt,
        });
        await sessions.create({ ...session('a', T0 + 100), ip: '10.0.0.1', userAgent: 'x'.repeat(400) });
        await sessions.create({ ...session('b', T0 + 10), ip: null, userAgent: null });
        await sessions.create({ ...session('c', T0 + 100), ip: null, userAgent: null });
        expect(await sessions.findLive('a', T0 + 50)).toEqual(session('a', T0 + 100));
        expect(await sessions.findLive('b', T0 + 50)).toBeNull();
        expect([...(await sessions.liveAmong(['a', 'b', 'c', 'z'], T0 + 50))].sort()).toEqual(['a', 'c']);
        expect(await sessions.purgeExpired(T0 + 50)).toBe(1);
        expect(await sessions.delete('a')).toBe(true);
        expect(await sessions.delete('a')).toBe(false);
        expect(await sessions.deleteForUser(u.id)).toBe(1);
        expect(await sessions.findLive('c', T0)).toBeNull();
      }),
    );
  });

  describe(`sources on ${engine}`, () => {
    it(
      'creates a source with its unit limit and settings, and finds it by name and by its live key',
      withStore(async ({ sources }) => {
        const made = await sources.create('ward-26740', 'dossier', 'hash-a', T0, ['26740', '26743'], {
          silentAfterMs: 3_600_000,
          hours: 'always',
          historyLoad: true,
        });
        expect(made).toEqual({
          id: made.id,
          name: 'ward-26740',
          kind: 'dossier',
          createdAt: T0,
          revokedAt: null,
          lastEventAt: null,
          lastSeenAt: null,
          units: ['26740', '26743'],
          silentAfterMs: 3_600_000,
          hours: 'always',
          historyLoad: true,
        });
        expect(await sources.findByName('ward-26740')).toEqual(made);
        expect(await sources.findActiveByKeyHash('hash-a')).toEqual(made);
        const plain = await sources.create('night-batch', 'task', 'hash-b', T0);
        expect(plain).toMatchObject({ units: null, silentAfterMs: null, hours: 'office', historyLoad: false });
        expect((await sources.list()).map((s) => s.name)).toEqual(['night-batch', 'ward-26740']);
        await expect(sources.create('night-batch', 'task', 'hash-c', T0)).rejects.toThrow();
      }),
    );

    it(
      'revokes a key once: it is no longer found by its hash, and the source stays listed',
      withStore(async ({ sources }) => {
        await sources.create('s1', 'dossier', 'hash-1', T0);
        expect(await sources.revoke('s1', T0 + 1)).toBe(true);
        expect(await sources.revoke('s1', T0 + 2)).toBe(false);
        expect(await sources.revoke('unknown', T0 + 2)).toBe(false);
        expect(await sources.findActiveByKeyHash('hash-1')).toBeNull();
        expect((await sources.findByName('s1'))?.revokedAt).toBe(T0 + 1);
      }),
    );

    it(
      'upserts a key: a new source, or an existing one re-keyed, of the given kind and no longer revoked, its settings kept',
      withStore(async ({ sources }) => {
        const fresh = await sources.upsertKey('env-key', 'dossier', 'k1', T0);
        expect(fresh).toMatchObject({ name: 'env-key', kind: 'dossier', createdAt: T0, hours: 'office', units: null });
        await sources.update('env-key', { units: ['26740'], hours: 'always' });
        await sources.revoke('env-key', T0 + 1);
        const rekeyed = await sources.upsertKey('env-key', 'task', 'k2', T0 + 2);
        expect(rekeyed).toEqual({ ...fresh, kind: 'task', units: ['26740'], hours: 'always' });
        expect(await sources.findActiveByKeyHash('k1')).toBeNull();
        expect((await sources.findActiveByKeyHash('k2'))?.id).toBe(fresh.id);
      }),
    );

    it(
      'changes only the settings given; units null lifts the limit; an unknown source answers false',
      withStore(async ({ sources }) => {
        await sources.create('s2', 'dossier', 'h', T0, ['26740'], { silentAfterMs: 60_000 });
        expect(await sources.update('s2', { hours: 'always' })).toBe(true);
        expect(await sources.findByName('s2')).toMatchObject({ units: ['26740'], silentAfterMs: 60_000, hours: 'always' });
        expect(await sources.update('s2', { units: null, silentAfterMs: null, historyLoad: true })).toBe(true);
        expect(await sources.findByName('s2')).toMatchObject({ units: null, silentAfterMs: null, hours: 'always', historyLoad: true });
        expect(await sources.update('s2', {})).toBe(true);
        expect(await sources.update('nope', { hours: 'office' })).toBe(false);
        expect(await sources.update('nope', {})).toBe(false);
      }),
    );
  });

  describe(`the audit log on ${engine}`, () => {
    const entry = (at: number, actor: string, action: string, details: Record<string, unknown> | null = null) => ({
      at,
      actor,
      role: actor.startsWith('user:') ? 'admin' : null,
      action,
      target: 'x',
      outcome: 'ok' as const,
      ip: '127.0.0.1',
      details,
    });

    it(
      'pages the rows a filter keeps, newest first, with how many it keeps, and keeps details as written',
      withStore(async ({ audit }) => {
        await audit.add(entry(T0, 'user:quantri', 'user.created', { role: 'admin', scopes: ['unit:1'], n: 2, ok: true }));
        await audit.add(entry(T0 + 10, 'system', 'calendar.changed'));
        await audit.add(entry(T0 + 20, 'user:quantri', 'auth.login'));
        await audit.add(entry(T0 + 30, 'login:x', 'auth.login_failed', { reason: 'locked' }));
        const all = await audit.page({ limit: 10, offset: 0 });
        expect(all.total).toBe(4);
        expect(all.items.map((r) => r.at)).toEqual([T0 + 30, T0 + 20, T0 + 10, T0]);
        expect(all.items[3]).toEqual({
          id: all.items[3].id,
          ...entry(T0, 'user:quantri', 'user.created', { role: 'admin', scopes: ['unit:1'], n: 2, ok: true }),
        });
        expect(all.items[2].details).toBeNull();
        const byActor = await audit.page({ actor: 'user:quantri', limit: 1, offset: 1 });
        expect([byActor.total, byActor.items.map((r) => r.action)]).toEqual([2, ['user.created']]);
        const window = await audit.page({ from: T0 + 10, to: T0 + 30, limit: 10, offset: 0 });
        expect(window.items.map((r) => r.action)).toEqual(['auth.login', 'calendar.changed']);
        const none = await audit.page({ action: 'auth.login', actor: 'system', limit: 10, offset: 0 });
        expect(none).toEqual({ total: 0, items: [] });
      }),
    );

    it(
      'lists each action it holds once, sorted',
      withStore(async ({ audit }) => {
        expect(await audit.actions()).toEqual([]);
        for (const a of ['user.created', 'auth.login_failed', 'auth.login', 'user.created']) await audit.add(entry(T0, 'system', a));
        expect(await audit.actions()).toEqual(['auth.login', 'auth.login_failed', 'user.created']);
      }),
    );
  });
}
