/**
 * Server-side sessions behind one asynchronous interface: in the database file (one node, or nodes on
 * one shared file), or in Redis when several nodes run (server/cluster/redis-sessions.ts), so a session
 * created on one node is valid on every node and a logout anywhere ends it everywhere.
 */
import type { SessionRow, SessionsRepo } from '../db/sessions-repo.js';

export type { SessionRow };
export type NewSession = SessionRow & { ip: string | null; userAgent: string | null };

export interface SessionStore {
  create(s: NewSession): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  findLive(idHash: string, now: number): Promise<SessionRow | null>;
  /** Ends one session; false when there was none. */
  delete(idHash: string): Promise<boolean>;
  /** Ends every session of a user (disabled, password reset, access changed); how many. */
  deleteForUser(userId: number): Promise<number>;
  purgeExpired(now: number): Promise<number>;
  /** Which of `idHashes` are still live at `now` (the sockets' revocation sweep asks about its own). */
  liveAmong(idHashes: readonly string[], now: number): Promise<Set<string>>;
}

/** The sessions table of the database file (server/db/sessions-repo.ts). */
export function fileSessions(repo: SessionsRepo): SessionStore {
  return {
    create: async (s) => repo.create(s),
    findLive: async (idHash, now) => repo.findLive(idHash, now),
    delete: async (idHash) => repo.delete(idHash),
    deleteForUser: async (userId) => repo.deleteForUser(userId),
    purgeExpired: async (now) => repo.purgeExpired(now),
    async liveAmong(idHashes, now) {
      const live = repo.liveHashes(now);
      return new Set(idHashes.filter((h) => live.has(h)));
    },
  };
}
