/** The principal of each request (session cookie, display token, or the public), and the answers that deny. */
import type { RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/auth-service.js';
import { SESSION_COOKIE } from '../auth/auth-service.js';
import { readCookie } from '../auth/cookies.js';
import { PUBLIC, type Principal } from '../auth/policy.js';
import type { DisplaysStore } from '../db/wall-store/contract.js';
import { DISPLAY_TOKEN_MAX_LENGTH, hashDisplayToken } from '../wall/display-tokens.js';
import { DISPLAY_TOKEN_INVALID } from '../wall/wall-types.js';
import { HttpError } from './errors.js';

/**
 * Sets `res.locals.principal`: the user of a live session cookie; else the display of a bearer
 * display token (401 when the token is unknown or revoked); else the public.
 */
export function authenticate(deps: { auth: AuthService; displays: Pick<DisplaysStore, 'findActiveByTokenHash'> }): RequestHandler {
  return async (req, res, next) => {
    const session = await deps.auth.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (session) {
      res.locals.principal = session.principal;
      res.locals.session = session;
      return next();
    }
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (m) {
      const token = m[1];
      const display = token.length <= DISPLAY_TOKEN_MAX_LENGTH ? await deps.displays.findActiveByTokenHash(hashDisplayToken(token)) : null;
      if (!display) {
        return next(
          new HttpError(401, DISPLAY_TOKEN_INVALID, 'the display token is unknown or revoked; ask for a new one (npm run display:add)', {
            'WWW-Authenticate': 'Bearer',
          }),
        );
      }
      res.locals.principal = {
        role: 'display',
        scope: display.scope,
        displayId: display.id,
        displayName: display.name,
      } satisfies Principal;
      return next();
    }
    res.locals.principal = PUBLIC;
    next();
  };
}

/** The request's principal (the public when authenticate did not run). */
export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? PUBLIC;
}

/** The refusal for a principal: 401 asking the public to sign in, 403 for anyone signed in. */
export function denied(p: Principal, what = 'this'): HttpError {
  if (p.role === 'public') return new HttpError(401, 'login_required', `sign in to see ${what}`);
  return new HttpError(403, 'forbidden', `your role may not see ${what}`);
}
