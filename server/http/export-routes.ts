import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.js';
import { canListDossiers, canListTasks, canSeeMetrics, canSeeNames, type PolicyOptions, type Principal } from '../auth/policy.js';
import { DOSSIER_SORT_KEYS, TASK_SORT_KEYS, type DossierFilter, type TaskFilter } from '../db/read-repo.js';
import type { Store } from '../db/store.js';
import type { ItemStore } from '../db/item-store/contract.js';
import type { DomainSettings, Jurisdiction, WorkCalendar } from '../domain/types.js';
import { CSV_MIME, toCsv } from '../export/csv.js';
import { EXPORT_LANGS, type ExportLang, type ExportTable } from '../export/table.js';
import { breakdownTable, dossierTable, officialTable, taskTable, type ExportContext } from '../export/tables.js';
import { writeXlsx, XLSX_MIME } from '../export/xlsx.js';
import type { Period, PeriodWindow, ScopeKey } from '../metrics/types.js';
import type { BreakdownRow, OfficialRow } from '../../shared/contract/api.js';
import type { DetailService } from './detail-service.js';
import { dossierItem, taskItem } from './list-items.js';
import { clientIp } from './auth-routes.js';
import { PROVINCE_CODE, scopeResolver } from './scope-resolver.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { askedWindow, holderFilter, type AskedWindow } from './query.js';
import { BREAKDOWN_SORT_KEYS, DOSSIER_LIST_STATUSES, TASK_LIST_STATUSES } from '../../shared/contract/api.js';

/** Tables the unit page exports. */
export const EXPORT_TABLES = ['dossiers', 'tasks', 'officials', 'by_field', 'by_procedure'] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

/** File formats of GET /exports/:table: .xlsx (the default) or CSV in the UI language's locale. */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

/** Rows one export holds at most (a list longer than this is cut; the response says so in headers). */
export const EXPORT_MAX_ROWS = 10_000;

export const exportBody = z.object({
  table: z.enum(EXPORT_TABLES),
  code: z.string().min(1).max(40),
  status: z.string().max(40).optional(),
  rows: z.number().int().min(0).max(1_000_000),
});

export const exportQuery = z.object({
  code: z.string().min(1).max(40),
  format: z.enum(EXPORT_FORMATS).default('xlsx'),
  lang: z.enum(EXPORT_LANGS).default('vi'),
  status: z.string().max(40).optional(),
  // A current or named period (query.ts askedWindow).
  period: z.string().max(40).default('live'),
  sort: z.string().max(40).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  holder: holderFilter,
});

const OFFICIAL_SORT_KEYS = [
  'name',
  'unit',
  'holdingNow',
  'overdueHeldNow',
  'stepsDone',
  'stepOnTimeShare',
  'medianHoldDays',
  'buckPassingCases',
];

/** File-name words of each table and list filter (ASCII Vietnamese, readable by officials). */
const FILE_SLUG: Record<ExportTableName, string> = {
  dossiers: 'ho-so',
  tasks: 'nhiem-vu',
  officials: 'can-bo-xu-ly',
  by_field: 'theo-linh-vuc',
  by_procedure: 'theo-thu-tuc',
};
const STATUS_SLUG: Record<string, string> = {
  overdue: 'qua-han',
  due_soon: 'sap-den-han',
  in_progress: 'dang-giai-quyet',
  paused: 'tam-dung',
  awaiting_supplement: 'cho-bo-sung',
  late: 'tre-han',
  done: 'da-giai-quyet',
  open_overdue: 'qua-han',
  open_in_term: 'trong-han',
  done_on_time: 'xong-dung-han',
  done_late: 'xong-tre-han',
  no_deadline: 'khong-thoi-han',
  cancelled: 'da-huy',
};

export interface ExportDeps {
  audit: AuditLog;
  policy: PolicyOptions;
  scopeOf(code: string): ScopeKey | null;
  store: Store;
  /** The dossier and task lists (either engine). */
  items: ItemStore;
  jurisdiction: Jurisdiction;
  calendar: WorkCalendar;
  settings: DomainSettings;
  details: DetailService;
  metrics: { window(period: Period): PeriodWindow };
  now: () => number;
}

/**
 * Whether the principal may export this table of this scope: the rule of the table's read endpoint.
 * A display gets no list or names; aggregates it may have like anyone (never less than the public).
 */
function mayExport(p: Principal, table: ExportTableName, scope: ScopeKey, policy: PolicyOptions): boolean {
  switch (table) {
    case 'dossiers':
      return p.role !== 'display' && canListDossiers(p, scope);
    case 'tasks':
      return p.role !== 'display' && canListTasks(p, scope);
    case 'officials':
      return p.role !== 'display' && canSeeNames(p, scope);
    default:
      return canSeeMetrics(p, scope, policy);
  }
}

function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid_export', message);
}

/** One of `allowed`, or the default; 400 for anything else. */
function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(`${name}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

/** A copy sorted by one key, missing values last whatever the direction; stable. */
function sortBy<T>(rows: readonly T[], key: string | undefined, dir: 'asc' | 'desc' = 'desc'): T[] {
  if (!key) return [...rows];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), 'vi');
  });
}

/**
 * Export routes:
 * - GET /exports/:table?code=&format=xlsx|csv&lang=vi|en[&status=][&period=][&sort=&dir=]: the file,
 *   built from the same data and under the same access rules as the table's read endpoint, recorded
 *   in the audit log. `.xlsx` (default): title row, bold frozen header with an autofilter, number and
 *   date cells. CSV: separator and decimal mark of the UI language's locale (see export/csv.ts).
 * - POST /exports: records an export a client built itself (kept for clients that still do).
 */
export function exportRoutes(deps: ExportDeps): Router {
  const r = Router();
  const unitByCode = new Map(deps.jurisdiction.units.map((u) => [u.code, u]));
  const deptByCode = new Map(deps.jurisdiction.departments.map((d) => [d.code, d]));

  /** A unit's or department's name as the title row shows it (the unit's full name in Vietnamese). */
  function scopeNameOf(code: string, lang: ExportLang): string {
    const u = unitByCode.get(code);
    const d = deptByCode.get(code);
    if (lang === 'en') return u?.nameEn ?? d?.nameEn ?? code;
    return u?.fullName ?? d?.name ?? code;
  }

  const scopeOfCode = (code: string): ScopeKey | null => (code === 'city' ? 'city' : deps.scopeOf(code));
  // A province of a national pack (`province:<code>`): its communes' rows together; 404 when unknown.
  const resolve = scopeResolver(deps.jurisdiction, scopeOfCode);
  const provinceNames = new Map((deps.jurisdiction.provinces ?? []).map((pr) => [pr.code, pr]));

  r.get('/exports/:table', async (req: Request, res) => {
    const p = principalOf(res);
    const table = oneOf<ExportTableName>('table', String(req.params.table), EXPORT_TABLES, 'dossiers');
    const parsed = exportQuery.safeParse(req.query);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const q = parsed.data;
    const { scope, unit: one, province } = resolve(q.code);
    const unit = scope === 'city' ? null : one;
    const audited = { principal: p, action: 'export', target: `${scope}/${table}`, ip: clientIp(req) } as const;
    if (!mayExport(p, table, scope, deps.policy)) {
      await deps.audit.record({ ...audited, outcome: 'denied', details: { status: q.status ?? null, format: q.format } });
      throw denied(p, `exports of ${table} of ${scope}`);
    }

    const now = deps.now();
    // Checked for every table (400 naming `period`), used by the computed ones.
    const window = askedWindow(q.period, now, (w) => deps.metrics.window(w));
    const named = province ? provinceNames.get(province.code) : undefined;
    const scopeName = named ? (q.lang === 'en' ? named.nameEn : named.name) : unit === null ? null : scopeNameOf(unit, q.lang);
    const where = { unit, ...(province ? { province } : {}), scopeName, now };
    const { sheet, total, status } =
      table === 'dossiers' || table === 'tasks'
        ? await listSheet(deps, table, q, where)
        : await computedSheet(deps, table, q, where, window);

    await deps.audit.record({ ...audited, details: { status, rows: sheet.rows.length, format: q.format, lang: q.lang } });
    const base = [FILE_SLUG[table], status ? STATUS_SLUG[status] : null, q.code].filter(Boolean).join('-');
    await sendSheet(res, sheet, total, q, base);
  });

  r.post('/exports', async (req, res) => {
    const p = principalOf(res);
    const parsed = exportBody.safeParse(req.body);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { table, code, status, rows } = parsed.data;
    const scope = PROVINCE_CODE.test(code) && provinceNames.has(code.slice(9)) ? (code as ScopeKey) : scopeOfCode(code);
    if (!scope) throw invalid(`code: no unit or department "${code}"`);
    if (!mayExport(p, table, scope, deps.policy)) {
      await deps.audit.record({
        principal: p,
        action: 'export',
        target: `${scope}/${table}`,
        outcome: 'denied',
        ip: clientIp(req),
        details: { status: status ?? null, rows },
      });
      throw denied(p, `exports of ${table} of ${scope}`);
    }
    await deps.audit.record({
      principal: p,
      action: 'export',
      target: `${scope}/${table}`,
      ip: clientIp(req),
      details: { status: status ?? null, rows, format: 'csv' },
    });
    res.status(204).end();
  });
  return r;
}

type ExportQuery = z.infer<typeof exportQuery>;

/** Whose rows an export holds and what its title row says. */
interface ExportScope {
  /** The unit or department code, or null for the whole city (or for `province`'s communes). */
  unit: string | null;
  province?: { code: string; units: readonly string[] };
  scopeName: string | null;
  now: number;
}

/** The sheet to write, how many rows the list holds in all (the sheet at most EXPORT_MAX_ROWS), and the list filter used. */
interface BuiltSheet {
  sheet: ExportTable;
  total: number;
  status: string | null;
}

/** A list export (dossiers or tasks): the list endpoint's query and filter, its first EXPORT_MAX_ROWS rows. */
async function listSheet(
  deps: ExportDeps,
  table: 'dossiers' | 'tasks',
  q: ExportQuery,
  { unit, province, scopeName, now }: ExportScope,
): Promise<BuiltSheet> {
  const keys = table === 'dossiers' ? DOSSIER_SORT_KEYS : TASK_SORT_KEYS;
  const sort = q.sort === undefined ? undefined : oneOf('sort', q.sort, keys, keys[0]);
  const c: ExportContext = { lang: q.lang, scopeName, asOf: now };
  if (table === 'dossiers') {
    const status = oneOf('status', q.status, DOSSIER_LIST_STATUSES, 'overdue');
    const page = await deps.items.dossierPage({
      sort,
      dir: q.dir,
      pastDue: false,
      holder: q.holder,
      unit,
      units: province?.units,
      filter: status as DossierFilter,
      now,
      dueSoonUntil: deps.calendar.addWorkingMs(now, deps.settings.dueSoonWorkingHours * 3_600_000),
      limit: EXPORT_MAX_ROWS,
      offset: 0,
    });
    const items = page.items.map((s) => dossierItem(s, now, { calendar: deps.calendar, settings: deps.settings }));
    // Narrowed to one official's holdings: the title says whose (their name from the rows, else the id).
    const holderName = q.holder === undefined ? undefined : (items[0]?.holderName ?? q.holder);
    return { sheet: dossierTable(items, status, c, holderName), total: page.total, status };
  }
  const status = oneOf('status', q.status, TASK_LIST_STATUSES, 'open_overdue');
  const page = await deps.items.taskPage({
    assignee: unit,
    assignees: province?.units,
    filter: status as TaskFilter,
    now,
    limit: EXPORT_MAX_ROWS,
    offset: 0,
    sort,
    dir: q.dir,
  });
  const sheet = taskTable(
    page.items.map((t) => taskItem(t, now)),
    status,
    c,
  );
  return { sheet, total: page.total, status };
}

/** A computed table of the period (officials, by field, by procedure), from the detail service's tables, sorted as asked. */
async function computedSheet(
  deps: ExportDeps,
  table: 'officials' | 'by_field' | 'by_procedure',
  q: ExportQuery,
  { unit, province, scopeName, now }: ExportScope,
  window: AskedWindow,
): Promise<BuiltSheet> {
  const { tables, computedAt } = await deps.details.get({
    unit,
    ...(province ? { province } : {}),
    window,
    now,
    withOfficials: table === 'officials',
    ttlMs: 5_000,
  });
  const c: ExportContext = { lang: q.lang, scopeName, asOf: computedAt };
  if (table === 'officials') {
    const sort = q.sort === undefined ? undefined : oneOf('sort', q.sort, OFFICIAL_SORT_KEYS, 'name');
    const rows = sortBy<OfficialRow>(tables.byOfficial, sort, q.dir);
    return { sheet: officialTable(rows.slice(0, EXPORT_MAX_ROWS), window, c), total: rows.length, status: null };
  }
  const sort = q.sort === undefined ? undefined : oneOf('sort', q.sort, BREAKDOWN_SORT_KEYS, 'label');
  const rows = sortBy<BreakdownRow>(table === 'by_field' ? tables.byField : tables.byProcedure, sort, q.dir);
  const sheet = breakdownTable(table === 'by_field' ? 'field' : 'procedure', rows.slice(0, EXPORT_MAX_ROWS), window, c);
  return { sheet, total: rows.length, status: null };
}

/** The file's headers (name, row counts), then the file: CSV in one piece, .xlsx streamed. */
async function sendSheet(res: Response, sheet: ExportTable, total: number, q: ExportQuery, base: string): Promise<void> {
  res.set({
    'Content-Disposition': `attachment; filename="${base}.${q.format}"`,
    'Cache-Control': 'no-store',
    'X-Export-Rows': String(sheet.rows.length),
    'X-Export-Total': String(total),
  });
  if (q.format === 'csv') {
    res.type(CSV_MIME).send(toCsv(sheet, q.lang));
    return;
  }
  res.type(XLSX_MIME);
  // A client that goes away mid-file never lets the stream finish: stop waiting when it closes.
  await Promise.race([writeXlsx(sheet, res), once(res, 'close')]);
}
