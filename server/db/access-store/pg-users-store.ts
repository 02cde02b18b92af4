/**
 * Users on PostgreSQL (pg-migrations/002_access.sql): the same answers as users-repo.ts on SQLite.
 * A username is matched whatever its case (SQLite's COLLATE NOCASE; here lower(username), which the
 * unique index covers). A user and its scopes change in one transaction.
 */
import type pg from 'pg';
import { inTransaction } from '../pg/pool.js';
import type { UserChanges, UserInput, UserRow, UsersStore } from './contract.js';

/** A user's columns, its scopes in the order held (the first: its home), and its password hash. */
const USER_SELECT = `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.created_at AS "createdAt",
  u.disabled_at AS "disabledAt", u.last_login_at AS "lastLoginAt", u.password_hash AS "passwordHash",
  COALESCE((SELECT array_agg(s.scope ORDER BY s.position) FROM user_scopes s WHERE s.user_id = u.id), '{}') AS scopes
  FROM users u`;

type UserWithHash = UserRow & { passwordHash: string };
type Querier = pg.Pool | pg.PoolClient;

const withoutHash = ({ passwordHash: _h, ...user }: UserWithHash): UserRow => user;

async function one(q: Querier, where: string, param: unknown): Promise<UserWithHash | null> {
  const r = await q.query<UserWithHash>(`${USER_SELECT} WHERE ${where}`, [param]);
  return r.rows[0] ?? null;
}
const byName = (q: Querier, username: string) => one(q, 'lower(u.username) = lower($1)', username);
const byId = (q: Querier, id: number) => one(q, 'u.id = $1', id);

/** Replaces a user's scopes; a scope given twice is held once, at its first position (as SQLite's INSERT OR IGNORE). */
async function storeScopes(c: pg.PoolClient, id: number, scopes: readonly string[]): Promise<void> {
  await c.query('DELETE FROM user_scopes WHERE user_id = $1', [id]);
  if (scopes.length === 0) return;
  await c.query(
    `INSERT INTO user_scopes (user_id, position, scope)
     SELECT $1, n - 1, s FROM unnest($2::text[]) WITH ORDINALITY AS u(s, n) ORDER BY n ON CONFLICT DO NOTHING`,
    [id, scopes],
  );
}

async function create(pool: pg.Pool, u: UserInput, now: number): Promise<UserRow> {
  const id = await inTransaction(pool, async (c) => {
    const r = await c.query<{ id: number }>(
      'INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [u.username, u.displayName, u.role, u.passwordHash, now],
    );
    await storeScopes(c, r.rows[0].id, u.scopes);
    return r.rows[0].id;
  });
  return withoutHash((await byId(pool, id))!);
}

async function upsert(pool: pg.Pool, u: UserInput, now: number): Promise<UserRow> {
  const existing = await byName(pool, u.username);
  if (!existing) return create(pool, u, now);
  await inTransaction(pool, async (c) => {
    await c.query('UPDATE users SET password_hash = $1, role = $2, display_name = $3, disabled_at = NULL WHERE id = $4', [
      u.passwordHash,
      u.role,
      u.displayName,
      existing.id,
    ]);
    await storeScopes(c, existing.id, u.scopes);
  });
  return withoutHash((await byId(pool, existing.id))!);
}

async function update(pool: pg.Pool, id: number, ch: UserChanges): Promise<UserRow | null> {
  await inTransaction(pool, async (c) => {
    if (ch.displayName !== undefined) await c.query('UPDATE users SET display_name = $1 WHERE id = $2', [ch.displayName, id]);
    if (ch.role !== undefined) await c.query('UPDATE users SET role = $1 WHERE id = $2', [ch.role, id]);
    if (ch.scopes !== undefined) await storeScopes(c, id, ch.scopes);
  });
  const user = await byId(pool, id);
  return user && withoutHash(user);
}

export function createPgUsersStore(pool: pg.Pool): UsersStore {
  const changed = async (sql: string, params: unknown[]) => ((await pool.query(sql, params)).rowCount ?? 0) > 0;
  return {
    create: (u, now) => create(pool, u, now),
    upsert: (u, now) => upsert(pool, u, now),
    findByUsername: async (username) => {
      const u = await byName(pool, username);
      return u && withoutHash(u);
    },
    credentials: async (username) => {
      const u = await byName(pool, username);
      return u && { user: withoutHash(u), passwordHash: u.passwordHash };
    },
    findById: async (id) => {
      const u = await byId(pool, id);
      return u && withoutHash(u);
    },
    list: async () => (await pool.query<UserWithHash>(`${USER_SELECT} ORDER BY lower(u.username) COLLATE "C"`)).rows.map(withoutHash),
    update: (id, changes) => update(pool, id, changes),
    setPasswordHash: async (id, hash) => {
      await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, id]);
    },
    disable: (username, now) =>
      changed('UPDATE users SET disabled_at = $1 WHERE lower(username) = lower($2) AND disabled_at IS NULL', [now, username]),
    enable: (username) =>
      changed('UPDATE users SET disabled_at = NULL WHERE lower(username) = lower($1) AND disabled_at IS NOT NULL', [username]),
    markLogin: async (id, now) => {
      await pool.query('UPDATE users SET last_login_at = $1 WHERE id = $2', [now, id]);
    },
  };
}
