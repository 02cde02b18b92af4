import { Router } from 'express';
import type { AuditLog } from '../auth/audit.js';
import type { WallStore } from '../db/wall-store/contract.js';
import type { DisplayRow } from '../db/wall-repo.js';
import { toVnIso } from '../domain/time.js';
import type { ScopeKey } from '../metrics/types.js';
import { generateDisplayToken, hashDisplayToken, parseDisplayScope } from '../wall/display-tokens.js';
import { WALL_NAME_RE } from '../wall/presets.js';
import type { AdminDisplay, CreatedDisplay } from '../../shared/contract/admin-ops.js';
import { adminOnly } from './admin-guard.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { principalOf } from './principal.js';

export interface AdminWallsDeps {
  /** Wall displays and presets (either engine). */
  walls: Pick<WallStore, 'displays' | 'presets'>;
  audit: AuditLog;
  now: () => number;
  scopeOf(code: string): ScopeKey | null;
}

const NAME_RULE = 'a name is 1–64 letters, digits, dot, dash or underscore';

function displayBody(d: DisplayRow): AdminDisplay {
  return {
    name: d.name,
    scope: d.scope,
    createdAt: toVnIso(d.createdAt),
    revokedAt: d.revokedAt === null ? null : toVnIso(d.revokedAt),
    lastSeenAt: d.lastSeenAt === null ? null : toVnIso(d.lastSeenAt),
  };
}

/**
 * Wall displays (list, add with the token shown once, revoke) and deleting presets, as the CLIs
 * `display:add` and `display:revoke` do; presets are saved by PUT /admin/wall/presets/:name (admin-routes.ts).
 * Admin only, audited.
 */
export function adminWallsRoutes(deps: AdminWallsDeps): Router {
  const r = Router();
  const { displays, presets } = deps.walls;
  const { audit } = deps;
  r.use('/admin/wall', adminOnly('the administration of wall displays'));

  r.get('/admin/wall/displays', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: (await displays.list()).map(displayBody) });
  });

  r.post('/admin/wall/displays', async (req, res) => {
    const b = (req.body ?? {}) as { name?: unknown; scope?: unknown };
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!WALL_NAME_RE.test(name)) throw new HttpError(400, 'invalid_display', `name: ${NAME_RULE}`);
    const scope = parseDisplayScope(typeof b.scope === 'string' ? b.scope : undefined, deps.scopeOf);
    if (!scope.ok) throw new HttpError(400, 'invalid_display', `scope: ${scope.error}`);
    const existing = await displays.findByName(name);
    if (existing && existing.revokedAt === null)
      throw new HttpError(409, 'display_exists', `a display named "${name}" already exists; revoke it first`);
    const token = generateDisplayToken();
    const display = await displays.create(name, scope.scope, hashDisplayToken(token), deps.now());
    await audit.record({
      principal: principalOf(res),
      action: 'display.created',
      target: name,
      ip: clientIp(req),
      details: { scope: scope.scope, reissued: existing !== null },
    });
    // The token is in this answer only; the store keeps its hash.
    const body: CreatedDisplay = { ...displayBody(display), token };
    res.status(201).set('Cache-Control', 'no-store').json(body);
  });

  r.post('/admin/wall/displays/:name/revoke', async (req, res) => {
    const name = req.params.name;
    const display = await displays.findByName(name);
    if (!display) throw new HttpError(404, 'not_found', `no display named "${name}"`);
    if (!(await displays.revoke(name, deps.now()))) throw new HttpError(409, 'already_revoked', `display "${name}" was already revoked`);
    await audit.record({ principal: principalOf(res), action: 'display.revoked', target: name, ip: clientIp(req) });
    // A connected screen is disconnected at the next clock tick (realtime/display-auth.ts).
    res.set('Cache-Control', 'no-store').json(displayBody((await displays.findByName(name))!));
  });

  r.delete('/admin/wall/presets/:name', async (req, res) => {
    const name = req.params.name;
    if (!WALL_NAME_RE.test(name)) throw new HttpError(400, 'invalid_name', `a preset ${NAME_RULE}`);
    const preset = await presets.get(name);
    if (!preset || !(await presets.remove(name))) throw new HttpError(404, 'not_found', `no wall preset named "${name}"`);
    await audit.record({
      principal: principalOf(res),
      action: 'preset.deleted',
      target: name,
      ip: clientIp(req),
      details: { scenes: preset.scenes, intervalSeconds: preset.intervalSeconds },
    });
    res.status(204).end();
  });

  return r;
}
