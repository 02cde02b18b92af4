/** Sessions on PostgreSQL (pg-migrations/002_access.sql): the same answers as sessions-repo.ts on SQLite. */
import type pg from 'pg';
import type { SessionRow, SessionsStore } from './contract.js';

const SESSION_COLUMNS = `id_hash AS "idHash", user_id AS "userId", csrf_token AS "csrfToken", created_at AS "createdAt", expires_at AS "expiresAt"`;

export function createPgSessionsStore(pool: pg.Pool): SessionsStore {
  const count = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount ?? 0;
  return {
    async create(s) {
      await pool.query(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt, s.ip, s.userAgent?.slice(0, 300) ?? null],
      );
    },
    async findLive(idHash, now) {
      const r = await pool.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id_hash = $1 AND expires_at > $2`, [
        idHash,
        now,
      ]);
      return r.rows[0] ?? null;
    },
    delete: async (idHash) => (await count('DELETE FROM sessions WHERE id_hash = $1', [idHash])) > 0,
    deleteForUser: (userId) => count('DELETE FROM sessions WHERE user_id = $1', [userId]),
    purgeExpired: (now) => count('DELETE FROM sessions WHERE expires_at <= $1', [now]),
    async liveAmong(idHashes, now) {
      const r = await pool.query<{ id_hash: string }>('SELECT id_hash FROM sessions WHERE id_hash = ANY($1::text[]) AND expires_at > $2', [
        [...idHashes],
        now,
      ]);
      return new Set(r.rows.map((x) => x.id_hash));
    },
  };
}
