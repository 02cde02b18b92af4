import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { DEMO_USERS, ensureDemoUsers, formatDemoUsers } from '../../../server/auth/demo-users.js';
import { verifyPassword } from '../../../server/auth/passwords.js';

describe('ensureDemoUsers', () => {
  it('creates one user per role with argon2id hashes, and new passwords at every start', async () => {
    const store = createStore(openDatabase(':memory:'));
    expect(store.users.list()).toEqual([]); // without the demo (DEMO=0) there are no users
    const first = await ensureDemoUsers(store, 1);
    expect(first.map((u) => u.role).sort()).toEqual(['admin', 'city_leader', 'department', 'supervisor', 'unit_leader']);
    expect(store.users.list()).toHaveLength(DEMO_USERS.length);
    const lan = first.find((u) => u.username === 'phuong-saigon')!;
    expect(store.users.findByUsername('phuong-saigon')).toMatchObject({ role: 'unit_leader', scopes: ['unit:26740'] });
    const hash = store.users.credentials('phuong-saigon')!.passwordHash;
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, lan.password)).toBe(true);
    const second = await ensureDemoUsers(store, 2);
    expect(store.users.list()).toHaveLength(DEMO_USERS.length);
    expect(second.find((u) => u.username === 'phuong-saigon')!.password).not.toBe(lan.password);
    expect(await verifyPassword(store.users.credentials('phuong-saigon')!.passwordHash, lan.password)).toBe(false);
    expect(formatDemoUsers(second)[2]).toMatch(/^demo user phuong-saigon \/ password \S+ \/ unit_leader \(unit:26740\)$/);
    store.close();
  });

  it('leaves out the users bound to a scope the jurisdiction does not have (the national pack has no department:STP)', async () => {
    const store = createStore(openDatabase(':memory:'));
    const made = await ensureDemoUsers(store, 1, (scope) => scope !== 'department:STP');
    expect(made.map((u) => u.username)).not.toContain('so-tuphap');
    expect(made).toHaveLength(DEMO_USERS.length - 1);
    store.close();
  });
});
