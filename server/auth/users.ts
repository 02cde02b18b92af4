/** Creating users: the one validation shared by `npm run user:add` and the admin API. */
import type { Store } from '../db/store.js';
import { USER_ROLES, type UserRole, type UserRow } from '../db/users-repo.js';
import type { ScopeKey } from '../metrics/types.js';
import { hashPassword, passwordProblem } from './passwords.js';

export const USERNAME_RE = /^[A-Za-z0-9._-]{3,64}$/;

export interface NewUserInput {
  username?: unknown;
  password?: unknown;
  role?: unknown;
  scope?: unknown;
  displayName?: unknown;
}

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  scope: ScopeKey | null;
  displayName: string;
}

/**
 * Checks a new user: username, password length, a known role, and the scope the role needs
 * (`unit:<ward code>` for unit_leader, `department:<code>` for department, none for the others).
 * @param scopeOf resolves a unit or department code to its scope key, null when unknown.
 */
export function checkNewUser(
  input: NewUserInput,
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; user: NewUser } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  if (!USERNAME_RE.test(username)) problems.push('username: 3–64 letters, digits, dot, dash or underscore');
  const password = typeof input.password === 'string' ? input.password : '';
  const pw = passwordProblem(password);
  if (pw) problems.push(`password: ${pw}`);
  const role = input.role;
  if (typeof role !== 'string' || !(USER_ROLES as readonly string[]).includes(role)) {
    problems.push(`role: one of ${USER_ROLES.join(', ')}`);
  }
  let scope: ScopeKey | null = null;
  const rawScope = typeof input.scope === 'string' && input.scope.trim() ? input.scope.trim() : null;
  if (role === 'unit_leader' || role === 'department') {
    const prefix = role === 'unit_leader' ? 'unit:' : 'department:';
    const code = rawScope?.startsWith(prefix) ? rawScope.slice(prefix.length) : null;
    const resolved = code ? scopeOf(code) : null;
    if (!resolved || !resolved.startsWith(prefix))
      problems.push(`scope: ${role} needs --scope ${prefix}<code> of a known ${prefix.slice(0, -1)}`);
    else scope = resolved;
  } else if (rawScope !== null && rawScope !== 'city') {
    problems.push(`scope: the ${String(role)} role is not bound to a unit (leave --scope out)`);
  }
  const displayName = typeof input.displayName === 'string' && input.displayName.trim() ? input.displayName.trim().slice(0, 120) : username;
  if (problems.length) return { ok: false, problems };
  return { ok: true, user: { username, password, role: role as UserRole, scope, displayName } };
}

/** Stores a checked user with an argon2id hash of its password. Throws when the username is taken. */
export async function createUser(store: Store, u: NewUser, now: number, opts: { replace?: boolean } = {}): Promise<UserRow> {
  const passwordHash = await hashPassword(u.password);
  const row = { username: u.username, displayName: u.displayName, role: u.role, scope: u.scope, passwordHash };
  if (opts.replace) return store.users.upsert(row, now);
  if (store.users.findByUsername(u.username)) throw new Error(`a user named "${u.username}" already exists`);
  return store.users.create(row, now);
}

/** A user as the API shows it: never the password hash. */
export function publicUser(u: UserRow) {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    createdAt: u.createdAt,
    disabled: u.disabledAt !== null,
    lastLoginAt: u.lastLoginAt,
  };
}
