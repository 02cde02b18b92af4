import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.js';
import type { AuditFilter } from '../db/audit-repo.js';
import type { AuditStore } from '../db/access-store/contract.js';
import { MS_PER_DAY, parseDayKey, toVnIso, vnDayStartOfIndex } from '../domain/time.js';
import { auditTable, type AuditExportFilter } from '../export/audit-table.js';
import { CSV_MIME, toCsv } from '../export/csv.js';
import { EXPORT_LANGS } from '../export/table.js';
import type { AuditPage } from '../../shared/contract/admin-ops.js';
import { adminOnly } from './admin-guard.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { principalOf } from './principal.js';

export interface AdminAuditDeps {
  /** The log read here (the access store, either engine). */
  log: AuditStore;
  /** Where this page's own entries go (an export is one). */
  audit: AuditLog;
  now: () => number;
}

/** Rows one CSV export holds at most (the newest; the answer's X-Export-Total says how many matched). */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

const day = z
  .string()
  .superRefine((d, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) ctx.addIssue({ code: 'custom', message: 'a day as YYYY-MM-DD (Vietnam time)' });
    else if (parseDayKey(d) === null) ctx.addIssue({ code: 'custom', message: 'not a calendar date' });
  })
  .optional();

const filterQuery = z
  .object({
    action: z.string().max(64).optional(),
    actor: z.string().max(120).optional(),
    from: day,
    to: day,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] });

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
const exportQuery = z.object({ lang: z.enum(EXPORT_LANGS).default('vi') });

function parseOr400<T>(schema: z.ZodType<T>, query: unknown): T {
  const q = schema.safeParse(query);
  if (!q.success) throw new HttpError(400, 'invalid_query', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return q.data;
}

/** The filter of a request: `from` and `to` are Vietnam days, the last one included (up to 23:59:59.999). */
function filterOf(req: Request): { filter: AuditFilter; asked: AuditExportFilter } {
  const q = parseOr400(filterQuery, req.query);
  const start = (d: string) => vnDayStartOfIndex(parseDayKey(d)!);
  return {
    filter: {
      action: q.action || null,
      actor: q.actor || null,
      from: q.from ? start(q.from) : null,
      to: q.to ? start(q.to) + MS_PER_DAY : null,
    },
    asked: { action: q.action || null, actor: q.actor || null, fromDay: q.from ?? null, toDay: q.to ?? null },
  };
}

/** `nhat-ky-thao-tac_2026-12-01_2026-12-06.csv`: what and which days, in the file name. */
function fileName(a: AuditExportFilter): string {
  const days = a.fromDay || a.toDay ? `_${a.fromDay ?? 'dau'}_${a.toDay ?? 'nay'}` : '';
  const action = a.action ? `_${a.action.replace(/[^A-Za-z0-9._-]/g, '-')}` : '';
  return `nhat-ky-thao-tac${action}${days}.csv`;
}

/** The audit log: a filtered page, the actions it holds, and a CSV export of the filtered rows. Admin only. */
export function adminAuditRoutes(deps: AdminAuditDeps): Router {
  const r = Router();
  const { log } = deps;
  r.use('/audit', adminOnly('the audit log'));

  r.get('/audit', async (req, res) => {
    const { filter } = filterOf(req);
    const { page, pageSize } = parseOr400(pageQuery, { page: req.query.page, pageSize: req.query.pageSize });
    const result = await log.page({ ...filter, limit: pageSize, offset: (page - 1) * pageSize });
    const body: AuditPage = { total: result.total, page, pageSize, items: result.items.map((i) => ({ ...i, at: toVnIso(i.at) })) };
    res.set('Cache-Control', 'no-store').json(body);
  });

  r.get('/audit/actions', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ actions: await log.actions() });
  });

  r.get('/audit/export', async (req, res) => {
    const { filter, asked } = filterOf(req);
    const { lang } = parseOr400(exportQuery, { lang: req.query.lang });
    const result = await log.page({ ...filter, limit: AUDIT_EXPORT_MAX_ROWS, offset: 0 });
    const csv = toCsv(auditTable(result.items, asked, lang, deps.now()), lang);
    // The log leaving the server is itself an entry (who took which rows).
    await deps.audit.record({
      principal: principalOf(res),
      action: 'audit.exported',
      ip: clientIp(req),
      details: { ...asked, rows: result.items.length },
    });
    res
      .status(200)
      .set({
        'Content-Type': CSV_MIME,
        'Content-Disposition': `attachment; filename="${fileName(asked)}"`,
        'Cache-Control': 'no-store',
        'X-Export-Rows': String(result.items.length),
        'X-Export-Total': String(result.total),
      })
      .send(Buffer.from(csv, 'utf8'));
  });

  return r;
}
