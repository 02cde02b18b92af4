import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isAdmin } from '../auth/policy.js';
import { denied, principalOf } from './principal.js';

/** Lets only the admin role through (401 for the public, 403 for anyone else), naming what was refused. */
export function adminOnly(what: string): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    next(isAdmin(p) ? undefined : denied(p, what));
  };
}
