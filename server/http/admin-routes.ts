import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AuditLog } from '../auth/audit.js';
import { isAdmin } from '../auth/policy.js';
import type { SourcesStore } from '../db/access-store/contract.js';
import type { WallPresetsStore } from '../db/wall-store/contract.js';
import type { SourceRow } from '../db/sources-repo.js';
import { toVnIso } from '../domain/time.js';
import { generateSourceKey, hashSourceKey } from '../ingest/keys.js';
import { parseSourceUnits } from '../ingest/unit-limit.js';
import { parseSourceSilenceOptions } from '../ingest/source-silence-options.js';
import type { ScopeKey } from '../metrics/types.js';
import type { SourceSkew } from '../metrics/clock-skew.js';
import { parseWallPreset, WALL_NAME_RE } from '../wall/presets.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

export interface AdminRouteDeps {
  /** Wall presets (the wall store, either engine). */
  presets: WallPresetsStore;
  /** Sources and their keys (the access store, either engine). */
  sources: SourcesStore;
  audit: AuditLog;
  now: () => number;
  scopeOf(code: string): ScopeKey | null;
  /** Called after a user is disabled (their sessions are gone; their sockets must go too). */
  onSessionsEnded(): void;
  /** A source's clock skew (metrics/clock-skew.ts); without it, every source reads as having none yet. */
  clockSkew?: (sourceId: number) => SourceSkew;
}

const SOURCE_NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;
const t = (v: number | null) => (v === null ? null : toVnIso(v));

const NO_SKEW: SourceSkew = { medianMs: null, samples: 0 };

function sourceBody(s: SourceRow, skew: SourceSkew = NO_SKEW) {
  return {
    name: s.name,
    kind: s.kind,
    units: s.units,
    silentAfterMs: s.silentAfterMs,
    hours: s.hours,
    createdAt: t(s.createdAt),
    revokedAt: t(s.revokedAt),
    lastEventAt: t(s.lastEventAt),
    // Median of (arrival − event time) over its last accepted events, ms (null: none yet); and over how many.
    clockSkewMs: skew.medianMs,
    clockSkewSamples: skew.samples,
  };
}

/** Admin API: sources and wall presets (users, the audit log, displays and source edits have their own admin-*-routes.ts). Admin role only. */
export function adminRoutes(deps: AdminRouteDeps): Router {
  const r = Router();
  const { presets, sources, audit } = deps;
  const requireAdmin = (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    next(isAdmin(p) ? undefined : denied(p, 'the administration'));
  };
  const adminPaths = ['/admin', '/audit'];
  r.use(adminPaths, requireAdmin);

  r.get('/admin/sources', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: (await sources.list()).map((s) => sourceBody(s, deps.clockSkew?.(s.id))) });
  });

  r.post('/admin/sources', async (req, res) => {
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
    if (await sources.findByName(name)) throw new HttpError(409, 'source_exists', `a source named "${name}" already exists`);
    const key = generateSourceKey();
    const source = await sources.create(name, b.kind, hashSourceKey(key), deps.now(), units.units, silence.options);
    await audit.record({
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

  r.post('/admin/sources/:name/revoke', async (req, res) => {
    const name = req.params.name;
    const source = await sources.findByName(name);
    if (!source) throw new HttpError(404, 'not_found', `no source named "${name}"`);
    if (!(await sources.revoke(name, deps.now()))) throw new HttpError(409, 'already_revoked', `source "${name}" was already revoked`);
    await audit.record({ principal: principalOf(res), action: 'source.revoked', target: name, ip: clientIp(req) });
    res.json(sourceBody((await sources.findByName(name))!));
  });

  r.put('/admin/wall/presets/:name', async (req, res) => {
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
    const saved = await presets.save(name, parsed.preset.scenes, parsed.preset.intervalSeconds, deps.now());
    await audit.record({
      principal: principalOf(res),
      action: 'preset.saved',
      target: name,
      ip: clientIp(req),
      details: { scenes: saved.scenes, intervalSeconds: saved.intervalSeconds },
    });
    res.json({ name: saved.name, scenes: saved.scenes, intervalSeconds: saved.intervalSeconds, updatedAt: toVnIso(saved.updatedAt) });
  });

  return r;
}
