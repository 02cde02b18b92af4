/**
 * Who may do what, engine-neutral and asynchronous (issue 17, slice 3): the users who sign in, the
 * sources and their hashed keys, and the audit log — what login, ingest authentication and the
 * administration read and write. Two engines: SQLite (the existing repositories, sqlite-access-store.ts)
 * and PostgreSQL (pg-access-store.ts); tests/server/db/access-store.shared.ts proves they answer alike.
 */
import type { AuditEntry, AuditFilter, AuditRepo, AuditRow } from '../audit-repo.js';
import type { SourceKind, SourceRow, SourceSettings, SourcesRepo } from '../sources-repo.js';
import type { UserChanges, UserInput, UserRow, UsersRepo } from '../users-repo.js';

export type { AuditEntry, AuditFilter, AuditRow, SourceKind, SourceRow, SourceSettings, UserChanges, UserInput, UserRow };

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

export interface AccessStore {
  readonly engine: 'sqlite' | 'postgres';
  users: UsersStore;
  sources: SourcesStore;
  audit: AuditStore;
  close(): Promise<void>;
}
