import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Store } from '../db/store.js';
import { DOSSIER_SORT_KEYS, TASK_SORT_KEYS, type DossierFilter, type TaskFilter } from '../db/read-repo.js';
import type { DossierState, Jurisdiction, TaskState, WorkCalendar, DomainSettings } from '../domain/types.js';
import { classifyDossier, holdDurations } from '../domain/dossier.js';
import { classifyTask } from '../domain/task.js';
import { toVnIso } from '../domain/time.js';
import { dailyTrend, officialScorecards, toBreakdownRows } from '../metrics/breakdowns.js';
import { PERIODS, type Period, type ScopeKey } from '../metrics/types.js';
import type { MetricsSource } from '../realtime/hub.js';
import type {
  DossierDetailResponse,
  DossierListItem,
  JurisdictionResponse,
  OverviewResponse,
  Page,
  TaskDetailResponse,
  TaskListItem,
  UnitDetailResponse,
} from './api-types.js';
import { HttpError } from './errors.js';

export interface ReadDeps {
  store: Store;
  metrics: MetricsSource & { previousMetrics?(scope: ScopeKey, period: Period): import('../metrics/types.js').ScopeMetrics | null };
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  calendar: WorkCalendar;
  settings: DomainSettings;
  now: () => number;
  boundaries: () => unknown;
}

const periodQuery = z.object({ period: z.enum(PERIODS).default('live') });
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
const sortQuery = (keys: string[]) =>
  z.object({ sort: z.enum(keys as [string, ...string[]]).optional(), dir: z.enum(['asc', 'desc']).optional() });
const dossierStatus = z.enum(['overdue', 'due_soon', 'in_progress', 'paused', 'awaiting_supplement', 'late', 'done']);
const taskStatus = z.enum(['open_in_term', 'open_overdue', 'done_on_time', 'done_late', 'no_deadline', 'cancelled']);

function parseQuery<T extends z.ZodTypeAny>(schema: T, req: Request): z.infer<T> {
  const r = schema.safeParse(req.query);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    throw new HttpError(400, 'invalid_query', msg);
  }
  return r.data;
}

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : toVnIso(t));

/** Read API under /api/v1: jurisdiction, overview, unit detail, item lists and details. */
export function readRoutes(deps: ReadDeps): Router {
  const r = Router();
  const { store, jurisdiction, calendar } = deps;
  const ctx = { calendar, settings: deps.settings };
  const unitByCode = new Map(jurisdiction.units.map((u) => [u.code, u]));
  const deptByCode = new Map(jurisdiction.departments.map((d) => [d.code, d]));
  const nameOf = (code: string | null) => (code ? (unitByCode.get(code)?.fullName ?? deptByCode.get(code)?.name ?? code) : '');

  r.get('/jurisdiction', (_req, res) => {
    const body: JurisdictionResponse = {
      code: jurisdiction.code,
      name: jurisdiction.name,
      nameEn: jurisdiction.nameEn,
      units: jurisdiction.units,
      departments: jurisdiction.departments,
    };
    res.set('Cache-Control', 'public, max-age=300').json(body);
  });

  r.get('/jurisdiction/boundaries', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(deps.boundaries());
  });

  r.get('/overview', (req, res) => {
    const { period } = parseQuery(periodQuery, req);
    const w = deps.metrics.window(period);
    const units: OverviewResponse['units'] = {};
    for (const u of jurisdiction.units) units[u.code] = deps.metrics.metrics(`unit:${u.code}`, period);
    const departments: OverviewResponse['departments'] = {};
    for (const d of jurisdiction.departments) departments[d.code] = deps.metrics.metrics(`department:${d.code}`, period);
    const body: OverviewResponse = {
      asOf: toVnIso(deps.now()),
      window: { period, from: toVnIso(w.from), to: toVnIso(w.to) },
      city: deps.metrics.metrics('city', period),
      units,
      departments,
      previousCity: deps.metrics.previousMetrics?.('city', period) ?? null,
    };
    res.json(body);
  });

  /** Resolves a unit/department code or the pseudo-code "city"; 404 otherwise. */
  function resolveScope(code: string): { scope: ScopeKey; unit: string | null } {
    if (code === 'city') return { scope: 'city', unit: null };
    const scope = deps.scopeOf(code);
    if (!scope) throw new HttpError(404, 'not_found', `no unit or department with code "${code}"`);
    return { scope, unit: code };
  }

  // Departments are addressed the same way as units.
  // Detail answers are shared for a few seconds: many screens asking for the same view cost one query.
  const detailCache = new Map<string, { until: number; body: UnitDetailResponse }>();
  const DETAIL_TTL_MS = { city: 30_000, unit: 5_000 };

  r.get(['/units/:code', '/departments/:code'], (req, res) => {
    const { period, officials } = parseQuery(periodQuery.extend({ officials: z.enum(['0', '1']).default('1') }), req);
    const { scope, unit } = resolveScope(String(req.params.code));
    const key = `${scope}|${period}|${officials}`;
    const realNow = Date.now();
    const hit = detailCache.get(key);
    if (hit && hit.until > realNow) {
      res.json(hit.body);
      return;
    }
    const body = unitDetail(scope, unit, period, officials === '1');
    if (detailCache.size > 1_000) detailCache.clear();
    detailCache.set(key, { until: realNow + (unit === null ? DETAIL_TTL_MS.city : DETAIL_TTL_MS.unit), body });
    res.json(body);
  });

  function unitDetail(scope: ScopeKey, unit: string | null, period: Period, withOfficials: boolean): UnitDetailResponse {
    const now = deps.now();
    const w = deps.metrics.window(period);
    const q = { unit, from: w.from, to: w.to, now };
    const processing = store.read.finishedProcessing(q);
    const byFieldDays = new Map<string, number[]>();
    const byProcDays = new Map<string, number[]>();
    for (const p of processing) {
      push(byFieldDays, p.field, p.days);
      push(byProcDays, p.procedure, p.days);
    }
    const trendFrom = now - 31 * 86_400_000;
    const body: UnitDetailResponse = {
      asOf: toVnIso(now),
      window: { period, from: toVnIso(w.from), to: toVnIso(w.to) },
      scope,
      unit: unit ? (unitByCode.get(unit) ?? null) : null,
      department: unit ? (deptByCode.get(unit) ?? null) : null,
      metrics: deps.metrics.metrics(scope, period),
      byField: toBreakdownRows(store.read.byField(q), byFieldDays),
      byProcedure: toBreakdownRows(store.read.byProcedure(q), byProcDays),
      byOfficial: withOfficials ? officialScorecards(store.read.holds({ unit, from: w.from, now }), w, calendar, now) : [],
      trend: dailyTrend(
        store.read.dailyFlows({ unit, from: trendFrom, to: now + 1 }),
        store.read.overdueSpans({ unit, from: trendFrom, now }),
        now,
      ),
      processingHistogram: store.read.processingHistogram(q).map((b) => ({ fromDays: b.bin, toDays: b.bin + 1, count: b.n })),
    };
    return body;
  }

  r.get(['/units/:code/dossiers', '/departments/:code/dossiers'], (req, res) => {
    const { unit } = resolveScope(String(req.params.code));
    const { status } = parseQuery(z.object({ status: dossierStatus.default('overdue') }), req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const { sort, dir } = parseQuery(sortQuery(DOSSIER_SORT_KEYS), req);
    const now = deps.now();
    const result = store.read.dossierPage({
      sort,
      dir,
      unit,
      filter: status as DossierFilter,
      now,
      dueSoonUntil: calendar.addWorkingMs(now, deps.settings.dueSoonWorkingHours * 3_600_000),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const body: Page<DossierListItem> = { total: result.total, page, pageSize, items: result.items.map((s) => dossierItem(s, now)) };
    res.json(body);
  });

  r.get(['/units/:code/tasks', '/departments/:code/tasks'], (req, res) => {
    const { unit } = resolveScope(String(req.params.code));
    const { status } = parseQuery(z.object({ status: taskStatus.default('open_overdue') }), req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const now = deps.now();
    const { sort, dir } = parseQuery(sortQuery(TASK_SORT_KEYS), req);
    const result = store.read.taskPage({
      assignee: unit,
      filter: status as TaskFilter,
      now,
      limit: pageSize,
      offset: (page - 1) * pageSize,
      sort,
      dir,
    });
    const body: Page<TaskListItem> = { total: result.total, page, pageSize, items: result.items.map((t) => taskItem(t, now)) };
    res.json(body);
  });

  r.get('/dossiers/:id', (req, res) => {
    const state = store.read.dossier(req.params.id);
    if (!state) throw new HttpError(404, 'not_found', `no dossier with id "${req.params.id}"`);
    const now = deps.now();
    const c = classifyDossier(state, now, ctx);
    const body: DossierDetailResponse = {
      asOf: toVnIso(now),
      id: state.id,
      unit: state.unit ?? '',
      unitName: nameOf(state.unit),
      procedure: state.procedure,
      channel: state.channel,
      receivedAt: iso(state.receivedAt),
      originalDueAt: iso(state.originalDueAt),
      dueAt: iso(state.dueAt),
      endAt: iso(state.endAt),
      endKind: state.endKind,
      returnedAt: iso(state.returnedAt),
      status: state.status,
      bucket: state.bucket,
      timeliness: c.timeliness,
      daysOverdue: c.daysOverdue,
      processingDays: c.processingDays,
      supplementRequests: state.supplementRequests,
      pauses: state.pauses.map((p) => ({ from: toVnIso(p.from), to: iso(p.to) })),
      apologies: state.apologies.map((a) => ({ at: toVnIso(a.at), proposedDueAt: toVnIso(a.proposedDueAt), reason: a.reason })),
      rating: state.rating,
      holds: state.holds.map((h) => {
        const d = holdDurations(h, now, calendar, state.pauses);
        return {
          handlerId: h.handlerId,
          handlerName: h.handlerName,
          handlerUnit: h.handlerUnit,
          from: toVnIso(h.from),
          to: iso(h.to),
          stepDueAt: iso(h.stepDueAt),
          heldDays: d.heldDays,
          allottedDays: d.allottedDays,
          delayDays: d.delayDays,
        };
      }),
      timeline: timeline('dossier', state.id),
    };
    res.json(body);
  });

  r.get('/tasks/:id', (req, res) => {
    const state = store.read.task(req.params.id);
    if (!state) throw new HttpError(404, 'not_found', `no task with id "${req.params.id}"`);
    const now = deps.now();
    const c = classifyTask(state, now);
    const body: TaskDetailResponse = {
      asOf: toVnIso(now),
      id: state.id,
      title: state.title,
      document: state.document,
      issuer: state.issuer,
      assignee: state.assignee,
      assigneeName: state.assignee ? nameOf(state.assignee) : null,
      assignedAt: iso(state.assignedAt),
      originalDueAt: iso(state.originalDueAt),
      dueAt: iso(state.dueAt),
      completedAt: iso(state.completedAt),
      status: state.status,
      timeliness: c.timeliness,
      daysOverdue: c.daysOverdue,
      extensions: state.extensions,
      timeline: timeline('task', state.id),
    };
    res.json(body);
  });

  function timeline(kind: 'dossier' | 'task', id: string) {
    return store.events.ofItem(kind, id).map((e) => {
      const { id: eventId, type, at, dossierId: _d, taskId: _t, ...data } = JSON.parse(e.payload) as Record<string, unknown>;
      return { eventId: String(eventId), type: String(type), at: toVnIso(e.at), data };
    });
  }

  function dossierItem(s: DossierState, now: number): DossierListItem {
    const c = classifyDossier(s, now, ctx);
    const holder = s.holds.length && s.holds[s.holds.length - 1].to === null ? s.holds[s.holds.length - 1] : null;
    return {
      id: s.id,
      unit: s.unit ?? '',
      procedureCode: s.procedure?.code ?? '',
      procedureName: s.procedure?.name ?? '',
      field: s.procedure?.field ?? '',
      channel: s.channel,
      receivedAt: iso(s.receivedAt),
      dueAt: iso(s.dueAt),
      endAt: iso(s.endAt),
      timeliness: c.timeliness,
      daysOverdue: c.daysOverdue,
      holderId: holder?.handlerId ?? null,
      holderName: holder?.handlerName ?? null,
      supplementRequests: s.supplementRequests,
      apologies: s.apologies.length,
    };
  }

  function taskItem(t: TaskState, now: number): TaskListItem {
    const c = classifyTask(t, now);
    return {
      id: t.id,
      title: t.title ?? '',
      documentNumber: t.document?.number ?? null,
      issuer: t.issuer,
      assignee: t.assignee ?? '',
      assignedAt: iso(t.assignedAt),
      dueAt: iso(t.dueAt),
      completedAt: iso(t.completedAt),
      timeliness: c.timeliness,
      daysOverdue: c.daysOverdue,
      extensions: t.extensions,
    };
  }

  return r;
}

function push(m: Map<string, number[]>, k: string, v: number) {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
