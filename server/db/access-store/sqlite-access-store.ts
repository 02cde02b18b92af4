/**
 * Users, sources and the audit log on SQLite: the store's repositories (their writes through the
 * write gate) behind the asynchronous contract, unchanged. Each call runs at once (a write is done
 * when the call returns, as before) and answers a settled promise; a failure is its rejection.
 */
import type { SessionsRepo } from '../sessions-repo.js';
import type { Store } from '../store.js';
import { AUDIT_METHODS, SOURCE_METHODS, USER_METHODS, type AccessStore, type Async, type SessionsStore } from './contract.js';

/**
 * The named methods of a synchronous repository, each answering a promise of its result. The method is
 * looked up at each call, so one replaced on the repository (a test's failing write) is the one that runs.
 */
export function answering<R extends object, K extends keyof R & string>(repo: R, names: readonly K[]): Async<Pick<R, K>> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    out[name] = (...args: unknown[]) => new Promise((resolve) => resolve((repo[name] as (...a: unknown[]) => unknown).apply(repo, args)));
  }
  return out as Async<Pick<R, K>>;
}

/** The sessions table of the database file. */
export function sqliteSessions(repo: SessionsRepo): SessionsStore {
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

export function createSqliteAccessStore(store: Pick<Store, 'users' | 'sessions' | 'sources' | 'audit' | 'close'>): AccessStore {
  return {
    engine: 'sqlite',
    users: answering(store.users, USER_METHODS),
    sessions: sqliteSessions(store.sessions),
    sources: answering(store.sources, SOURCE_METHODS),
    audit: answering(store.audit, AUDIT_METHODS),
    close: async () => store.close(),
  };
}
