import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.js';
import { isAdmin } from '../auth/policy.js';
import type { Store } from '../db/store.js';
import type { SourceRow } from '../db/sources-repo.js';
import { toVnIso } from '../domain/time.js';
import { generateSourceKey, hashSourceKey } from '../ingest/keys.js';
import { parseSourceUnits } from '../ingest/unit-limit.js';
import { parseSourceSilenceOptions } from '../ingest/source-silence-options.js';
import type { ScopeKey } from '../metrics/types.js';
import { parseWallPreset, WALL_NAME_RE } from '../wall/presets.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

export interface AdminRouteDeps {
  store: Store;
  audit: AuditLog;
  now: () => number;
  scopeOf(code: string): ScopeKey | null;
  /** Called after a user is disabled (their sessions are gone; their sockets must go too). */
  onSessionsEnded(): void;
}

const SOURCE_NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;
const pageQuery = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(120).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

const t = (v: number | null) => (v === null ? null : toVnIso(v));

function sourceBody(s: SourceRow) {
  return {
    name: s.name,
    kind: s.kind,
    units: s.units,
    silentAfterMs: s.silentAfterMs,
    hours: s.hours,
    createdAt: t(s.createdAt),
    revokedAt: t(s.revokedAt),
    lastEventAt: t(s.lastEventAt),
  };
}

/** Admin API: sources, wall presets, the audit log (users: admin-users-routes.ts). Everything here is for the admin role only. */
export function adminRoutes(deps: AdminRouteDeps): Router {
  const r = Router();
  const { store, audit } = deps;
  const requireAdmin = (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    next(isAdmin(p) ? undefined : denied(p, 'the administration'));
  };
  const adminPaths = ['/admin', '/audit'];
  r.use(adminPaths, requireAdmin);

  r.get('/admin/sources', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: store.sources.list().map(sourceBody) });
  });

  r.post('/admin/sources', (req, res) => {
    const b = (req.body ?? {}) as { name?: unknown; kind?: unknown; units?: unknown; silentAfterMinutes?: unknown; hours?: unknown };
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!SOURCE_NAME_RE.test(name)) throw new HttpError(400, 'invalid_source', 'name: 1–64 letters, digits, dot, dash or underscore');
    if (b.kind !== 'dossier' && b.kind !== 'task') throw new HttpError(400, 'invalid_source', 'kind: dossier or task');
    const units = parseSourceUnits(
      Array.isArray(b.units) ? b.units.join(',') : typeof b.units === 'string' ? b.units : undefined,
      deps.scopeOf,
    );
    if (!units.ok) throw new HttpError(400, 'invalid_source', units.problem);
    const silence = parseSourceSilenceOptions(b.silentAfterMinutes, b.hours);
    if (!silence.ok) throw new HttpError(400, 'invalid_source', silence.problem);
    if (store.sources.findByName(name)) throw new HttpError(409, 'source_exists', `a source named "${name}" already exists`);
    const key = generateSourceKey();
    const source = store.sources.create(name, b.kind, hashSourceKey(key), deps.now(), units.units, silence.options);
    audit.record({
      principal: principalOf(res),
      action: 'source.created',
      target: name,
      ip: clientIp(req),
      details: { kind: b.kind, units: units.units, silentAfterMs: source.silentAfterMs, hours: source.hours },
    });
    // The key is in this answer only; the store keeps its hash.
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ ...sourceBody(source), key });
  });

  r.post('/admin/sources/:name/revoke', (req, res) => {
    const name = req.params.name;
    const source = store.sources.findByName(name);
    if (!source) throw new HttpError(404, 'not_found', `no source named "${name}"`);
    if (!store.sources.revoke(name, deps.now())) throw new HttpError(409, 'already_revoked', `source "${name}" was already revoked`);
    audit.record({ principal: principalOf(res), action: 'source.revoked', target: name, ip: clientIp(req) });
    res.json(sourceBody(store.sources.findByName(name)!));
  });

  r.put('/admin/wall/presets/:name', (req, res) => {
    const name = req.params.name;
    if (!WALL_NAME_RE.test(name))
      throw new HttpError(400, 'invalid_name', 'a preset name is 1–64 letters, digits, dot, dash or underscore');
    const b = (req.body ?? {}) as { scenes?: unknown; intervalSeconds?: unknown };
    const parsed = parseWallPreset({
      name,
      scenes: Array.isArray(b.scenes) ? b.scenes.join(',') : typeof b.scenes === 'string' ? b.scenes : undefined,
      interval: typeof b.intervalSeconds === 'number' || typeof b.intervalSeconds === 'string' ? b.intervalSeconds : undefined,
    });
    if (!parsed.ok) throw new HttpError(400, 'invalid_preset', parsed.errors.join('; '));
    const saved = store.wallPresets.save(name, parsed.preset.scenes, parsed.preset.intervalSeconds, deps.now());
    audit.record({
      principal: principalOf(res),
      action: 'preset.saved',
      target: name,
      ip: clientIp(req),
      details: { scenes: saved.scenes, intervalSeconds: saved.intervalSeconds },
    });
    res.json({ name: saved.name, scenes: saved.scenes, intervalSeconds: saved.intervalSeconds, updatedAt: toVnIso(saved.updatedAt) });
  });

  r.get('/audit', (req, res) => {
    const q = pageQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'invalid_query', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { action, actor, page, pageSize } = q.data;
    const result = store.audit.page({ action: action ?? null, actor: actor ?? null, limit: pageSize, offset: (page - 1) * pageSize });
    res
      .set('Cache-Control', 'no-store')
      .json({ total: result.total, page, pageSize, items: result.items.map((i) => ({ ...i, at: toVnIso(i.at) })) });
  });

  return r;
}
