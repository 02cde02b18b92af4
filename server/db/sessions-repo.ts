import type { Db } from './connection.js';

export interface SessionRow {
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

interface RawSession {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

const toRow = (r: RawSession): SessionRow => ({
  idHash: r.id_hash,
  userId: r.user_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/** Server-side sessions, keyed by the SHA-256 of the cookie's id (the id itself is never stored). */
export function createSessionsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?');
  const del = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const delUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const liveHashes = db.prepare('SELECT id_hash FROM sessions WHERE expires_at > ?').pluck();

  return {
    create(s: SessionRow & { ip: string | null; userAgent: string | null }): void {
      insert.run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt, s.ip, s.userAgent?.slice(0, 300) ?? null);
    },
    /** The session if it exists and has not expired at `now`. */
    findLive(idHash: string, now: number): SessionRow | null {
      const r = byHash.get(idHash, now) as RawSession | undefined;
      return r ? toRow(r) : null;
    },
    delete(idHash: string): boolean {
      return del.run(idHash).changes > 0;
    },
    deleteForUser(userId: number): number {
      return delUser.run(userId).changes;
    },
    purgeExpired(now: number): number {
      return purge.run(now).changes;
    },
    liveHashes(now: number): Set<string> {
      return new Set(liveHashes.all(now) as string[]);
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
