import type { Db } from './connection.js';

import type { UserRole } from '../../shared/contract/roles.js';

/** Roles of people who sign in (displays and the public are not users): defined in the contract. */
export { USER_ROLES, type UserRole } from '../../shared/contract/roles.js';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  /** `unit:<code>` / `department:<code>` held by unit leaders and departments (first: their home); empty otherwise. */
  scopes: string[];
  createdAt: number;
  disabledAt: number | null;
  lastLoginAt: number | null;
}

interface RawUser {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  last_login_at: number | null;
}

const toRow = (r: RawUser, scopes: string[]): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  scopes,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  lastLoginAt: r.last_login_at,
});

/** What a user is made of when created, or when the demo resets one. */
export interface UserInput {
  username: string;
  displayName: string;
  role: UserRole;
  scopes: readonly string[];
  passwordHash: string;
}

/** What an administrator may change of a user (each field only when given). */
export interface UserChanges {
  displayName?: string;
  role?: UserRole;
  scopes?: readonly string[];
}

/** People who sign in, with their argon2 password hashes (which never leave this repository except to be verified). */
// eslint-disable-next-line max-lines-per-function -- one prepared statement and one short method per operation
export function createUsersRepo(db: Db) {
  const insert = db.prepare('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const byName = db.prepare('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const all = db.prepare('SELECT * FROM users ORDER BY username');
  const scopesOf = db.prepare('SELECT scope FROM user_scopes WHERE user_id = ? ORDER BY position').pluck();
  const allScopes = db.prepare('SELECT user_id AS userId, scope FROM user_scopes ORDER BY user_id, position');
  const clearScopes = db.prepare('DELETE FROM user_scopes WHERE user_id = ?');
  const addScope = db.prepare('INSERT OR IGNORE INTO user_scopes (user_id, position, scope) VALUES (?, ?, ?)');
  const reset = db.prepare('UPDATE users SET password_hash = ?, role = ?, display_name = ?, disabled_at = NULL WHERE id = ?');
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const setRole = db.prepare('UPDATE users SET role = ? WHERE id = ?');
  const setName = db.prepare('UPDATE users SET display_name = ? WHERE id = ?');
  const disable = db.prepare('UPDATE users SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL');
  const enable = db.prepare('UPDATE users SET disabled_at = NULL WHERE username = ? AND disabled_at IS NOT NULL');
  const loggedIn = db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?');

  const load = (r: RawUser | undefined): UserRow | null => (r ? toRow(r, scopesOf.all(r.id) as string[]) : null);
  const storeScopes = (id: number, scopes: readonly string[]) => {
    clearScopes.run(id);
    scopes.forEach((s, i) => addScope.run(id, i, s));
  };
  const createTx = db.transaction((u: UserInput, now: number): number => {
    const id = Number(insert.run(u.username, u.displayName, u.role, u.passwordHash, now).lastInsertRowid);
    storeScopes(id, u.scopes);
    return id;
  });
  const upsertTx = db.transaction((id: number, u: UserInput) => {
    reset.run(u.passwordHash, u.role, u.displayName, id);
    storeScopes(id, u.scopes);
  });
  const updateTx = db.transaction((id: number, c: UserChanges) => {
    if (c.displayName !== undefined) setName.run(c.displayName, id);
    if (c.role !== undefined) setRole.run(c.role, id);
    if (c.scopes !== undefined) storeScopes(id, c.scopes);
  });

  return {
    create(u: UserInput, now: number): UserRow {
      return load(byId.get(createTx(u, now)) as RawUser)!;
    },
    /** Creates the user, or resets an existing one's password, role and scopes (demo users at every start). */
    upsert(u: UserInput, now: number): UserRow {
      const existing = byName.get(u.username) as RawUser | undefined;
      if (!existing) return this.create(u, now);
      upsertTx(existing.id, u);
      return load(byId.get(existing.id) as RawUser)!;
    },
    findByUsername(username: string): UserRow | null {
      return load(byName.get(username) as RawUser | undefined);
    },
    /** The user and its password hash, for verifying a login. */
    credentials(username: string): { user: UserRow; passwordHash: string } | null {
      const r = byName.get(username) as RawUser | undefined;
      return r ? { user: load(r)!, passwordHash: r.password_hash } : null;
    },
    findById(id: number): UserRow | null {
      return load(byId.get(id) as RawUser | undefined);
    },
    list(): UserRow[] {
      const scopes = new Map<number, string[]>();
      for (const { userId, scope } of allScopes.all() as { userId: number; scope: string }[]) {
        const list = scopes.get(userId) ?? [];
        list.push(scope);
        scopes.set(userId, list);
      }
      return (all.all() as RawUser[]).map((r) => toRow(r, scopes.get(r.id) ?? []));
    },
    /** Changes a user's display name, role and scopes (those given) in one transaction. */
    update(id: number, changes: UserChanges): UserRow | null {
      updateTx(id, changes);
      return this.findById(id);
    },
    setPasswordHash(id: number, passwordHash: string): void {
      setHash.run(passwordHash, id);
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
