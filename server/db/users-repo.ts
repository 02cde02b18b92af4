import type { Db } from './connection.js';

import type { UserRole } from '../../shared/contract/roles.js';

/** Roles of people who sign in (displays and the public are not users): defined in the contract. */
export { USER_ROLES, type UserRole } from '../../shared/contract/roles.js';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  /** `unit:<code>` or `department:<code>` for unit leaders and departments; null otherwise. */
  scope: string | null;
  createdAt: number;
  disabledAt: number | null;
  lastLoginAt: number | null;
}

interface RawUser {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  scope: string | null;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  last_login_at: number | null;
}

const toRow = (r: RawUser): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  scope: r.scope,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  lastLoginAt: r.last_login_at,
});

/** People who sign in, with their argon2 password hashes (which never leave this repository except to be verified). */
export function createUsersRepo(db: Db) {
  const insert = db.prepare('INSERT INTO users (username, display_name, role, scope, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byName = db.prepare('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const all = db.prepare('SELECT * FROM users ORDER BY username');
  const setPassword = db.prepare(
    'UPDATE users SET password_hash = ?, role = ?, scope = ?, display_name = ?, disabled_at = NULL WHERE id = ?',
  );
  const disable = db.prepare('UPDATE users SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL');
  const enable = db.prepare('UPDATE users SET disabled_at = NULL WHERE username = ?');
  const loggedIn = db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?');

  return {
    create(u: { username: string; displayName: string; role: UserRole; scope: string | null; passwordHash: string }, now: number): UserRow {
      insert.run(u.username, u.displayName, u.role, u.scope, u.passwordHash, now);
      return toRow(byName.get(u.username) as RawUser);
    },
    /** Creates the user, or resets an existing one's password, role and scope (demo users at every start). */
    upsert(u: { username: string; displayName: string; role: UserRole; scope: string | null; passwordHash: string }, now: number): UserRow {
      const existing = byName.get(u.username) as RawUser | undefined;
      if (!existing) return this.create(u, now);
      setPassword.run(u.passwordHash, u.role, u.scope, u.displayName, existing.id);
      return toRow(byId.get(existing.id) as RawUser);
    },
    findByUsername(username: string): UserRow | null {
      const r = byName.get(username) as RawUser | undefined;
      return r ? toRow(r) : null;
    },
    /** The user and its password hash, for verifying a login. */
    credentials(username: string): { user: UserRow; passwordHash: string } | null {
      const r = byName.get(username) as RawUser | undefined;
      return r ? { user: toRow(r), passwordHash: r.password_hash } : null;
    },
    findById(id: number): UserRow | null {
      const r = byId.get(id) as RawUser | undefined;
      return r ? toRow(r) : null;
    },
    list(): UserRow[] {
      return (all.all() as RawUser[]).map(toRow);
    },
    disable(username: string, now: number): boolean {
      return disable.run(now, username).changes > 0;
    },
    enable(username: string): boolean {
      return enable.run(username).changes > 0;
    },
    markLogin(id: number, now: number): void {
      loggedIn.run(now, id);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
