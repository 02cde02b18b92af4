import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UsersStore } from '../db/access-store/contract.js';
import type { UserRow } from '../db/users-repo.js';
import type { ScopeKey } from '../metrics/types.js';
import type { AuditLog } from './audit.js';
import { verifyPassword } from './passwords.js';
import type { Principal } from './policy.js';
import { memoryLockouts, type LockoutsFactory } from './lockouts.js';
import { NO_PROVINCES, type ProvinceAccess } from './province-reach.js';
import { createSessionCache, type SessionCache } from './session-cache.js';
import type { SessionStore } from './session-store.js';

/** Name of the session cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'bdt_session';
/** Longest session id accepted from a cookie (ours are 43 characters). */
const MAX_SESSION_ID_LENGTH = 128;

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

export interface AuthOptions {
  /** Who may sign in (the access store, either engine). */
  users: Pick<UsersStore, 'credentials' | 'findById' | 'markLogin'>;
  audit: AuditLog;
  /** Wall-clock time (never the demo's accelerated clock): sessions and lockouts are about people. */
  now: () => number;
  sessionTtlMs: number;
  /** Failed logins of one username within `lockWindowMs` that lock it for `lockMs`. */
  maxFailures: number;
  lockWindowMs: number;
  lockMs: number;
  /** Where failures and locks are kept: this process's memory by default, Redis with several nodes. */
  lockouts?: LockoutsFactory;
  /** Where sessions are kept: the access store's database, or Redis with several nodes. */
  sessions: SessionStore;
  /** The jurisdiction's provinces: what a province-bound user reaches (none in a city pack). */
  provinces?: ProvinceAccess;
  /**
   * Keep resolved sessions in memory this long between the writes that change them (session-cache.ts);
   * 0 (the default): read the store on every request. Only where every such write goes through this process.
   */
  keepSessionsMs?: number;
}

export type LoginResult =
  | { ok: true; sessionId: string; csrfToken: string; expiresAt: number; principal: Principal; user: UserRow }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

export interface ResolvedSession {
  principal: Principal;
  user: UserRow;
  csrfToken: string;
  expiresAt: number;
}

/**
 * The principal of a user: city-wide roles are bound to the city (or to the provinces they hold, and
 * reach those provinces' communes), the others to the units and departments they hold (the first is
 * their home).
 */
export function principalOfUser(user: UserRow, sessionHash?: string, provinces: ProvinceAccess = NO_PROVINCES): Principal {
  const base = { role: user.role, userId: user.id, username: user.username, displayName: user.displayName, sessionHash };
  const scopes = user.scopes as ScopeKey[];
  if (user.role === 'admin') return { ...base, scope: null };
  if ((user.role === 'city_leader' || user.role === 'supervisor') && scopes.length === 0) return { ...base, scope: 'city' };
  const reach = provinces.reachOf(scopes);
  return { ...base, scope: scopes[0] ?? null, scopes, ...(reach ? { reach } : {}) };
}

type KeptSessions = SessionCache<{ userId: number; expiresAt: number; session: ResolvedSession }>;

/** The live session of a cookie's id, or null (unknown, expired, or its user disabled); kept ones from memory. */
function sessionResolver(o: AuthOptions, kept: KeptSessions, keep: boolean) {
  return async (sessionId: string | undefined): Promise<ResolvedSession | null> => {
    if (!sessionId || sessionId.length > MAX_SESSION_ID_LENGTH) return null;
    const now = o.now();
    const hit = keep ? kept.get(sessionId, now) : undefined;
    if (hit) return hit.session;
    const since = kept.generation;
    const idHash = hashSessionId(sessionId);
    const s = await o.sessions.findLive(idHash, now);
    if (!s) return null;
    const user = await o.users.findById(s.userId);
    if (!user || user.disabledAt !== null) return null;
    const session = { principal: principalOfUser(user, idHash, o.provinces), user, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
    if (keep) kept.set(sessionId, { userId: user.id, expiresAt: s.expiresAt, session }, now, since);
    return session;
  };
}

/** Logins (with lockout), server-side sessions that expire, logout. */
export function createAuthService(o: AuthOptions) {
  const { users, audit, sessions } = o;
  const lockouts = o.lockouts ?? memoryLockouts;
  const byUser = lockouts('user', { maxFailures: o.maxFailures, windowMs: o.lockWindowMs, lockMs: o.lockMs });
  // An address trying many usernames is locked too, at a higher threshold (offices share one NAT address).
  const byIp = lockouts('ip', { maxFailures: o.maxFailures * 4, windowMs: o.lockWindowMs, lockMs: o.lockMs });
  const keep = (o.keepSessionsMs ?? 0) > 0;
  const kept: KeptSessions = createSessionCache(o.keepSessionsMs ?? 0);

  async function login(username: string, password: string, ctx: { ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const now = o.now();
    const userKey = username.trim().toLowerCase();
    const ipKey = ctx.ip ?? 'unknown';
    const locked = Math.max(await byUser.lockedFor(userKey, now), await byIp.lockedFor(ipKey, now));
    if (locked > 0) {
      await audit.record({
        actor: `login:${userKey}`,
        action: 'auth.login_failed',
        outcome: 'denied',
        ip: ctx.ip,
        details: { reason: 'locked' },
      });
      return { ok: false, reason: 'locked', retryAfterMs: locked };
    }
    const cred = await users.credentials(username.trim());
    const good = await verifyPassword(cred?.passwordHash ?? null, password);
    const user = cred?.user ?? null;
    if (!good || !user || user.disabledAt !== null) {
      const lockedNow = Math.max(await byUser.fail(userKey, now), await byIp.fail(ipKey, now));
      await audit.record({
        actor: `login:${userKey}`,
        action: 'auth.login_failed',
        outcome: 'failed',
        ip: ctx.ip,
        details: { reason: user?.disabledAt ? 'disabled' : 'invalid_credentials', lockedNow: lockedNow > 0 },
      });
      return lockedNow > 0 ? { ok: false, reason: 'locked', retryAfterMs: lockedNow } : { ok: false, reason: 'invalid_credentials' };
    }
    await byUser.succeed(userKey);
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const idHash = hashSessionId(sessionId);
    const expiresAt = now + o.sessionTtlMs;
    await sessions.create({ idHash, userId: user.id, csrfToken, createdAt: now, expiresAt, ip: ctx.ip, userAgent: ctx.userAgent });
    await users.markLogin(user.id, now);
    kept.forgetUser(user.id); // its row changed (last login)
    await sessions.purgeExpired(now);
    const principal = principalOfUser(user, idHash, o.provinces);
    await audit.record({ principal, action: 'auth.login', ip: ctx.ip });
    return { ok: true, sessionId, csrfToken, expiresAt, principal, user };
  }

  const resolve = sessionResolver(o, kept, keep);

  /** Ends the session of a cookie's id. */
  async function logout(sessionId: string | undefined): Promise<boolean> {
    if (!sessionId || sessionId.length > MAX_SESSION_ID_LENGTH) return false;
    kept.forget(sessionId);
    return sessions.delete(hashSessionId(sessionId));
  }

  /** Ends every session of a user; kept ones are forgotten before and after (a resolve in between). */
  async function endSessionsOf(userId: number): Promise<number> {
    kept.forgetUser(userId);
    try {
      return await sessions.deleteForUser(userId);
    } finally {
      kept.forgetUser(userId);
    }
  }

  return {
    login,
    resolve,
    logout,
    /** Which of these session hashes are still valid now (for disconnecting sockets whose session ended). */
    liveSessionsAmong: (idHashes: readonly string[]) => sessions.liveAmong(idHashes, o.now()),
    /** Ends every session of a user, on every node; how many. */
    endSessionsOf,
    /** Forgets every kept session: a user's row was written (name, role, password, enabled). */
    forgetKept: () => kept.clear(),
    now: o.now,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

/** Constant-time comparison of a CSRF token from a header with the session's. */
export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
