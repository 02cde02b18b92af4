import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuthService, ResolvedSession } from '../auth/auth-service.js';
import { SESSION_COOKIE } from '../auth/auth-service.js';
import type { AuditLog } from '../auth/audit.js';
import { readCookie, sessionCookie } from '../auth/cookies.js';
import { capabilities, heldScopes, type PolicyOptions, type Principal } from '../auth/policy.js';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords.js';
import { toVnIso } from '../domain/time.js';
import { HttpError } from './errors.js';
import { principalOf } from './principal.js';

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** The client's view of who is signed in (GET /auth/me, and the login answer). */
export interface MeResponse {
  authenticated: boolean;
  user: { username: string; displayName: string; role: string; scope: string | null; scopes: string[] } | null;
  /** Send it back in X-CSRF-Token with every POST/PUT/DELETE while signed in. */
  csrfToken: string | null;
  expiresAt: string | null;
  capabilities: ReturnType<typeof capabilities>;
  publicView: boolean;
}

/** The client address for the audit log (req.ip follows TRUST_PROXY). */
export const clientIp = (req: Request): string | null => req.ip ?? req.socket.remoteAddress ?? null;

export interface AuthRouteDeps {
  auth: AuthService;
  audit: AuditLog;
  policy: PolicyOptions;
  sessionTtlMs: number;
  /** Called after a logout, so sockets of the ended session are disconnected at once. */
  onSessionsEnded(): void;
}

function me(p: Principal, session: ResolvedSession | null, policy: PolicyOptions): MeResponse {
  const user = session?.user ?? null;
  return {
    authenticated: user !== null,
    user: user
      ? { username: user.username, displayName: user.displayName, role: user.role, scope: p.scope, scopes: [...heldScopes(p)] }
      : null,
    csrfToken: session?.csrfToken ?? null,
    expiresAt: session ? toVnIso(session.expiresAt) : null,
    capabilities: capabilities(p, policy),
    publicView: policy.publicView,
  };
}

/** POST /auth/login, POST /auth/logout, GET /auth/me. */
export function authRoutes(deps: AuthRouteDeps): Router {
  const r = Router();

  r.post('/auth/login', async (req, res) => {
    const parsed = loginBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'invalid_body', 'send {"username": "…", "password": "…"} as JSON');
    const { username, password } = parsed.data;
    const result = await deps.auth.login(username, password, { ip: clientIp(req), userAgent: req.get('user-agent') ?? null });
    if (!result.ok) {
      if (result.reason === 'locked') {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        throw new HttpError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} min`, {
          'Retry-After': String(seconds),
        });
      }
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    }
    res.set('Set-Cookie', sessionCookie(SESSION_COOKIE, result.sessionId, { maxAgeSeconds: deps.sessionTtlMs / 1000, secure: req.secure }));
    res.set('Cache-Control', 'no-store');
    const session: ResolvedSession = {
      principal: result.principal,
      user: result.user,
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt,
    };
    res.json(me(result.principal, session, deps.policy));
  });

  r.post('/auth/logout', async (req, res) => {
    const p = principalOf(res);
    const ended = await deps.auth.logout(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (ended) {
      await deps.audit.record({ principal: p, action: 'auth.logout', ip: clientIp(req) });
      deps.onSessionsEnded();
    }
    res.set('Set-Cookie', sessionCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: req.secure }));
    res.status(204).end();
  });

  r.get('/auth/me', (_req, res) => {
    const session = (res.locals.session as ResolvedSession | undefined) ?? null;
    res.set('Cache-Control', 'no-store').json(me(principalOf(res), session, deps.policy));
  });

  return r;
}
