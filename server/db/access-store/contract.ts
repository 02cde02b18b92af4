/**
 * Who may do what, engine-neutral and asynchronous (issue 17, slice 3): the users who sign in, the
 * sources and their hashed keys, and the audit log — what login, ingest authentication and the
 * administration read and write. Two engines: SQLite (the existing repositories, sqlite-access-store.ts)
 * and PostgreSQL (pg-access-store.ts); tests/server/db/access-store.shared.ts proves they answer alike.
 */
import type { AuditEntry, AuditFilter, AuditRepo, AuditRow } from '../audit-repo.js';
import type { SessionRow } from '../sessions-repo.js';
import type { SourceKind, SourceRow, SourceSettings, SourcesRepo } from '../sources-repo.js';
import type { UserChanges, UserInput, UserRow, UsersRepo } from '../users-repo.js';

export type { AuditEntry, AuditFilter, AuditRow, SessionRow, SourceKind, SourceRow, SourceSettings, UserChanges, UserInput, UserRow };

/** A repository's methods, each answering a promise of what the synchronous one returns. */
export type Async<R> = { [K in keyof R]: R[K] extends (...args: infer A) => infer T ? (...args: A) => Promise<T> : never };

/** Method names the async stores carry, so the SQLite one can wrap exactly these (sqlite-access-store.ts). */
export const USER_METHODS = [
  'create',
  'upsert',
  'findByUsername',
  'credentials',
  'findById',
  'list',
  'update',
  'setPasswordHash',
  'disable',
  'enable',
  'markLogin',
] as const satisfies readonly (keyof UsersRepo)[];
export const SOURCE_METHODS = [
  'create',
  'upsertKey',
  'findActiveByKeyHash',
  'findByName',
  'list',
  'update',
  'revoke',
] as const satisfies readonly (keyof SourcesRepo)[];
export const AUDIT_METHODS = ['add', 'page', 'actions'] as const satisfies readonly (keyof AuditRepo)[];

/**
 * Users (usernames compared whatever their case; listed by name). `create` throws when the name is
 * taken; `upsert` resets an existing user's password, role, name and scopes and enables it.
 */
export type UsersStore = Async<Pick<UsersRepo, (typeof USER_METHODS)[number]>>;
/** Sources (the event log's writers) and their keys' hashes; a revoked key is not found by its hash. */
export type SourcesStore = Async<Pick<SourcesRepo, (typeof SOURCE_METHODS)[number]>>;
/** The append-only audit log: add, a filtered page newest first, the actions it holds. */
export type AuditStore = Async<Pick<AuditRepo, (typeof AUDIT_METHODS)[number]>>;

export type NewSession = SessionRow & { ip: string | null; userAgent: string | null };

/**
 * Server-side sessions, keyed by the SHA-256 of the cookie's id (the id itself is never stored). With
 * several nodes they live in Redis instead (cluster/redis-sessions.ts), behind this same interface.
 */
export interface SessionsStore {
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

export interface AccessStore {
  readonly engine: 'sqlite' | 'postgres';
  users: UsersStore;
  /** Sessions in the same database as the users they belong to. */
  sessions: SessionsStore;
  sources: SourcesStore;
  audit: AuditStore;
  close(): Promise<void>;
}
