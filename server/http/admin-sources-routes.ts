import { Router } from 'express';
import type { AuditLog } from '../auth/audit.js';
import type { SourcesStore } from '../db/access-store/contract.js';
import { applySourceSettings, parseSourceSettings, sourceSettingsDetails } from '../ingest/source-settings.js';
import type { ScopeKey } from '../metrics/types.js';
import type { AdminSource } from '../../shared/contract/admin-ops.js';
import { toVnIso } from '../domain/time.js';
import { adminOnly } from './admin-guard.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { principalOf } from './principal.js';

export interface AdminSourcesDeps {
  sources: SourcesStore;
  audit: AuditLog;
  scopeOf(code: string): ScopeKey | null;
}

const t = (v: number | null) => (v === null ? null : toVnIso(v));

/**
 * PATCH /admin/sources/:name: changes a source's unit limits and silence settings, with the same
 * parsing and effect as `npm run source:set` (ingest/source-settings.ts). Admin only, audited.
 */
export function adminSourcesRoutes(deps: AdminSourcesDeps): Router {
  const r = Router();
  r.use('/admin/sources', adminOnly('the administration of sources'));

  r.patch('/admin/sources/:name', async (req, res) => {
    const name = req.params.name;
    const source = await deps.sources.findByName(name);
    if (!source) throw new HttpError(404, 'not_found', `no source named "${name}"`);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(b).filter((k) => !['units', 'silentAfterMinutes', 'hours'].includes(k));
    if (unknown.length)
      throw new HttpError(400, 'invalid_source', `unknown field(s) ${unknown.join(', ')}: give units, silentAfterMinutes or hours`);
    const parsed = parseSourceSettings({ units: b.units, silentAfterMinutes: b.silentAfterMinutes, hours: b.hours }, deps.scopeOf);
    if (!parsed.ok) throw new HttpError(400, 'invalid_source', parsed.problem);
    const row = (await applySourceSettings(deps.sources, name, parsed.change))!;
    await deps.audit.record({
      principal: principalOf(res),
      action: 'source.updated',
      target: name,
      ip: clientIp(req),
      details: sourceSettingsDetails(row),
    });
    const body: AdminSource = {
      name: row.name,
      kind: row.kind,
      units: row.units,
      silentAfterMs: row.silentAfterMs,
      hours: row.hours,
      createdAt: t(row.createdAt),
      revokedAt: t(row.revokedAt),
      lastEventAt: t(row.lastEventAt),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  return r;
}
