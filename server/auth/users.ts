/** Creating and changing users: the one validation shared by `npm run user:add` and the admin API. */
import { randomBytes } from 'node:crypto';
import { USER_ROLES, type UserChanges, type UserInput, type UserRole, type UserRow } from '../db/users-repo.js';
import type { ScopeKey } from '../metrics/types.js';
import { hashPassword, passwordProblem } from './passwords.js';
import type { AdminUser } from '../../shared/contract/admin-users.js';
import { checkUserScopes, scopesKeptFor } from './user-scopes.js';

export const USERNAME_RE = /^[A-Za-z0-9._-]{3,64}$/;
const MAX_DISPLAY_NAME = 120;

export interface NewUserInput {
  username?: unknown;
  password?: unknown;
  role?: unknown;
  /** A list of scopes, or one comma-separated string (`scope` is the older single-scope name). */
  scopes?: unknown;
  scope?: unknown;
  displayName?: unknown;
}

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  /** Units and departments held (unit leaders and departments), provinces (province-bound leaders); else empty. */
  scopes: ScopeKey[];
  displayName: string;
}

const isRole = (v: unknown): v is UserRole => typeof v === 'string' && (USER_ROLES as readonly string[]).includes(v);
const roleProblem = `role: one of ${USER_ROLES.join(', ')}`;

/**
 * Checks a new user: username, password length, a known role, and the scopes the role needs (one or
 * more `unit:<code>` / `department:<code>` for unit_leader and department, none for the others).
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
  let scopes: ScopeKey[] = [];
  if (!isRole(role)) problems.push(roleProblem);
  else {
    const checked = checkUserScopes(role, input.scopes ?? input.scope, scopeOf);
    if (checked.ok) scopes = checked.scopes;
    else problems.push(...checked.problems);
  }
  const name = typeof input.displayName === 'string' ? input.displayName.trim() : '';
  const displayName = name ? name.slice(0, MAX_DISPLAY_NAME) : username;
  if (problems.length || !isRole(role)) return { ok: false, problems };
  return { ok: true, user: { username, password, role, scopes, displayName } };
}

/**
 * Checks an administrator's change to a user (`PATCH /admin/users/:username`): any of displayName,
 * role and scopes. A new role without scopes keeps the user's units when it is bound to units (and
 * holds none when city-wide); scopes without a role are checked against the user's role.
 */
export function checkUserChanges(
  user: UserRow,
  input: Record<string, unknown>,
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; changes: UserChanges } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const changes: UserChanges = {};
  const known = new Set(['displayName', 'role', 'scopes']);
  for (const k of Object.keys(input))
    if (!known.has(k)) problems.push(`${k}: not something that can be changed here (displayName, role, scopes)`);
  if (input.displayName !== undefined) {
    const name = typeof input.displayName === 'string' ? input.displayName.trim() : '';
    if (!name) problems.push('displayName: a non-empty name');
    else if (name.length > MAX_DISPLAY_NAME) problems.push(`displayName: at most ${MAX_DISPLAY_NAME} characters`);
    else changes.displayName = name;
  }
  if (input.role !== undefined && !isRole(input.role)) problems.push(roleProblem);
  const role = isRole(input.role) ? input.role : user.role;
  if (input.role !== undefined || input.scopes !== undefined) {
    // A new role alone keeps the user's units when it is bound to units, its provinces when it may hold
    // them (a province's leader made its supervisor stays in the province), and holds none otherwise.
    const raw = input.scopes !== undefined ? input.scopes : scopesKeptFor(role, user.scopes as ScopeKey[]);
    const checked = checkUserScopes(role, raw, scopeOf);
    if (checked.ok) changes.scopes = checked.scopes;
    else problems.push(...checked.problems);
    if (isRole(input.role)) changes.role = input.role;
  }
  if (!problems.length && Object.keys(changes).length === 0) problems.push('body: nothing to change (displayName, role, scopes)');
  return problems.length ? { ok: false, problems } : { ok: true, changes };
}

/** Where users are written: the access store's (either engine), or a store's synchronous repository (CLI, tests). */
export interface UserWriter {
  create(u: UserInput, now: number): UserRow | Promise<UserRow>;
  upsert(u: UserInput, now: number): UserRow | Promise<UserRow>;
  findByUsername(username: string): UserRow | null | Promise<UserRow | null>;
}

/** Stores a checked user with an argon2id hash of its password. Throws when the username is taken. */
export async function createUser(
  store: { users: UserWriter },
  u: NewUser,
  now: number,
  opts: { replace?: boolean } = {},
): Promise<UserRow> {
  const passwordHash = await hashPassword(u.password);
  const row = { username: u.username, displayName: u.displayName, role: u.role, scopes: u.scopes, passwordHash };
  if (opts.replace) return store.users.upsert(row, now);
  if (await store.users.findByUsername(u.username)) throw new Error(`a user named "${u.username}" already exists`);
  return store.users.create(row, now);
}

/**
 * A temporary password for a reset: 16 random bytes in base64url (22 characters, 128 bits), shown to
 * the administrator once and never stored in clear.
 */
export function temporaryPassword(): string {
  return randomBytes(16).toString('base64url');
}

/** A user as the API shows it: never the password hash. */
export function publicUser(u: UserRow): AdminUser {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopes: u.scopes,
    createdAt: u.createdAt,
    disabled: u.disabledAt !== null,
    lastLoginAt: u.lastLoginAt,
  };
}
