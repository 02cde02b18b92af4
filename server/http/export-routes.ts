import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.js';
import { canListDossiers, canListTasks, canSeeMetrics, canSeeNames, type PolicyOptions } from '../auth/policy.js';
import type { ScopeKey } from '../metrics/types.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

/** Tables the unit page exports as CSV. */
export const EXPORT_TABLES = ['dossiers', 'tasks', 'officials', 'by_field', 'by_procedure'] as const;

const exportBody = z.object({
  table: z.enum(EXPORT_TABLES),
  code: z.string().min(1).max(40),
  status: z.string().max(40).optional(),
  rows: z.number().int().min(0).max(1_000_000),
});

/**
 * POST /exports: the dashboard declares a CSV export before it hands the file to the user. The rows
 * were read through the access-controlled list endpoints; this records who exported which table of
 * which scope, and refuses (so the client does not save the file) when the role may not read that table.
 */
export function exportRoutes(deps: { audit: AuditLog; policy: PolicyOptions; scopeOf(code: string): ScopeKey | null }): Router {
  const r = Router();
  r.post('/exports', (req, res) => {
    const p = principalOf(res);
    const parsed = exportBody.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'invalid_export', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { table, code, status, rows } = parsed.data;
    const scope: ScopeKey | null = code === 'city' ? 'city' : deps.scopeOf(code);
    if (!scope) throw new HttpError(400, 'invalid_export', `code: no unit or department "${code}"`);
    const allowed =
      table === 'dossiers'
        ? canListDossiers(p, scope)
        : table === 'tasks'
          ? canListTasks(p, scope)
          : table === 'officials'
            ? canSeeNames(p, scope)
            : canSeeMetrics(p, scope, deps.policy);
    if (!allowed || p.role === 'display') {
      deps.audit.record({ principal: p, action: 'export', target: `${scope}/${table}`, outcome: 'denied', ip: clientIp(req), details: { status: status ?? null, rows } });
      throw denied(p, `exports of ${table} of ${scope}`);
    }
    deps.audit.record({ principal: p, action: 'export', target: `${scope}/${table}`, ip: clientIp(req), details: { status: status ?? null, rows, format: 'csv' } });
    res.status(204).end();
  });
  return r;
}
