/**
 * The users of the administration (admin role only; state changes need the CSRF token and are
 * audited): list, create, change display name / role / scopes, disable, enable, reset the password.
 *
 * A password reset is the server's: it makes a strong temporary password, answers it once (no-store)
 * and keeps only its hash; the user's sessions end. A change of role or scopes ends the user's
 * sessions too, so no open page or socket keeps what it no longer may see. An admin may not disable
 * their own account or give up their own admin role.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AuditLog } from '../auth/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { isAdmin, type Principal } from '../auth/policy.js';
import { checkNewUser, checkUserChanges, createUser, publicUser, temporaryPassword } from '../auth/users.js';
import type { UsersStore } from '../db/access-store/contract.js';
import type { UserRow } from '../db/users-repo.js';
import type { ScopeKey } from '../metrics/types.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

export interface AdminUsersRouteDeps {
  users: UsersStore;
  audit: AuditLog;
  now: () => number;
  scopeOf(code: string): ScopeKey | null;
  /** Ends a user's sessions wherever they are kept (auth-service.ts); how many. */
  endSessionsOf(userId: number): Promise<number>;
  /** Called after a user's sessions end (disabled, password reset, new role or scopes): their sockets must go too. */
  onSessionsEnded(): void;
}

const isSelf = (p: Principal, u: UserRow) => p.userId === u.id;

export function adminUsersRoutes(deps: AdminUsersRouteDeps): Router {
  const r = Router();
  const { users, audit } = deps;
  r.use('/admin/users', (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    next(isAdmin(p) ? undefined : denied(p, 'the administration'));
  });
  const userOf = async (name: string): Promise<UserRow> => {
    const user = await users.findByUsername(name);
    if (!user) throw new HttpError(404, 'not_found', `no user named "${name}"`);
    return user;
  };
  const endSessions = async (user: UserRow): Promise<number> => {
    const ended = await deps.endSessionsOf(user.id);
    deps.onSessionsEnded();
    return ended;
  };
  const record = (req: Request, res: Response, action: string, target: string, details?: Record<string, unknown>) =>
    audit.record({ principal: principalOf(res), action, target, ip: clientIp(req), details });

  r.get('/admin/users', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: (await users.list()).map(publicUser) });
  });

  r.post('/admin/users', async (req, res) => {
    const checked = checkNewUser((req.body ?? {}) as Record<string, unknown>, deps.scopeOf);
    if (!checked.ok) throw new HttpError(400, 'invalid_user', checked.problems.join('; '));
    if (await users.findByUsername(checked.user.username))
      throw new HttpError(409, 'user_exists', `username: a user named "${checked.user.username}" already exists`);
    const user = await createUser({ users }, checked.user, deps.now());
    await record(req, res, 'user.created', user.username, { role: user.role, scopes: user.scopes });
    res.status(201).json(publicUser(user));
  });

  r.patch('/admin/users/:username', async (req, res) => {
    const user = await userOf(req.params.username);
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, 'invalid_user', 'body: a JSON object with displayName, role and/or scopes');
    const checked = checkUserChanges(user, body as Record<string, unknown>, deps.scopeOf);
    if (!checked.ok) throw new HttpError(400, 'invalid_user', checked.problems.join('; '));
    const { changes } = checked;
    if (isSelf(principalOf(res), user) && changes.role !== undefined && changes.role !== 'admin')
      throw new HttpError(400, 'self', 'role: you cannot remove your own admin role (another administrator can)');
    const updated = (await users.update(user.id, changes))!;
    const access = updated.role !== user.role || updated.scopes.join(',') !== user.scopes.join(',');
    const sessionsEnded = access ? await endSessions(user) : 0;
    await record(req, res, 'user.updated', user.username, {
      ...(changes.displayName !== undefined ? { displayName: updated.displayName } : {}),
      ...(updated.role !== user.role ? { role: { from: user.role, to: updated.role } } : {}),
      ...(changes.scopes !== undefined ? { scopes: { from: user.scopes, to: updated.scopes } } : {}),
      sessionsEnded,
    });
    res.json(publicUser(updated));
  });

  r.post('/admin/users/:username/disable', async (req, res) => {
    const user = await userOf(req.params.username);
    if (isSelf(principalOf(res), user)) throw new HttpError(400, 'self', 'you cannot disable your own account');
    await users.disable(user.username, deps.now());
    await record(req, res, 'user.disabled', user.username, { sessionsEnded: await endSessions(user) });
    res.json(publicUser((await users.findById(user.id))!));
  });

  r.post('/admin/users/:username/enable', async (req, res) => {
    const user = await userOf(req.params.username);
    const changed = await users.enable(user.username);
    await record(req, res, 'user.enabled', user.username, { changed });
    res.json(publicUser((await users.findById(user.id))!));
  });

  r.post('/admin/users/:username/reset-password', async (req, res) => {
    const user = await userOf(req.params.username);
    const password = temporaryPassword();
    await users.setPasswordHash(user.id, await hashPassword(password));
    await record(req, res, 'user.password_reset', user.username, { sessionsEnded: await endSessions(user) });
    // The temporary password is in this answer only; the store keeps its hash.
    res.set('Cache-Control', 'no-store').json({ ...publicUser((await users.findById(user.id))!), temporaryPassword: password });
  });

  return r;
}
