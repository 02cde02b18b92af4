import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Store } from '../db/store.js';
import { DOSSIER_SORT_KEYS, TASK_SORT_KEYS, type DossierFilter, type TaskFilter } from '../db/read-repo.js';
import type { Jurisdiction, WorkCalendar, DomainSettings } from '../domain/types.js';
import { classifyDossier, holdDurations } from '../domain/dossier.js';
import { classifyTask } from '../domain/task.js';
import { dayKeyOfIndex, MS_PER_HOUR, toVnIso, vnDayIndex, vnDayStartOfIndex, vnStartOfDay } from '../domain/time.js';
import { lastWorkingDayBefore, previousWindow } from '../metrics/periods.js';
import type { AlertRaised } from '../realtime/events.js';
import { PERIODS, type Period, type PeriodWindow, type ScopeKey, type ScopeMetrics } from '../metrics/types.js';
import type { MetricsSource } from '../realtime/hub.js';
import type {
  DayInfo,
  BoundariesResponse,
  DossierDetailResponse,
  DossierListItem,
  JurisdictionResponse,
  OverviewResponse,
  Page,
  RecentAlertsResponse,
  TaskDetailResponse,
  TaskListItem,
  UnitDetailResponse,
} from './api-types.js';
import { HttpError } from './errors.js';
import { dossierItem, taskItem } from './list-items.js';
import { boundariesWire } from '../geo/boundaries-wire.js';
import { createPastFlows } from './past-flows.js';
import { createPastOverdue, type OverdueCounts } from './past-overdue.js';
import type { DetailService } from './detail-service.js';
import { denied, principalOf } from './principal.js';
import {
  canListDossiers,
  canListTasks,
  canReadDossier,
  canReadTask,
  canSeeMetrics,
  canSeeNames,
  type PolicyOptions,
} from '../auth/policy.js';

export interface ReadDeps {
  store: Store;
  metrics: MetricsSource & {
    previousMetrics?(scope: ScopeKey, period: Period, overdueAtEnd?: OverdueCounts): ScopeMetrics | null;
    previousMetricsToDate?(scope: ScopeKey, period: Period, days?: PeriodWindow): ScopeMetrics | null;
    dayMetrics?(scope: ScopeKey, day: number, overdueAtEnd?: OverdueCounts): ScopeMetrics | null;
  };
  jurisdiction: Jurisdiction;
  scopeOf(code: string): ScopeKey | null;
  calendar: WorkCalendar;
  settings: DomainSettings;
  now: () => number;
  /** The map's boundaries (a new object when the file changes: that is what renews the ETag). */
  boundaries: () => BoundariesResponse;
  /** Unit and city detail tables, computed off the event loop. */
  details: DetailService;
  /** Access rules' settings (the public view on or off). */
  policy: PolicyOptions;
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
  const pastOverdue = createPastOverdue(store, deps.scopeOf);
  const pastFlows = createPastFlows(
    store,
    [...jurisdiction.units.map((u) => u.code), ...jurisdiction.departments.map((d) => d.code)],
    deps.scopeOf,
    deps.metrics,
  );
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

  // Megabytes once official boundaries are imported: rounded coordinates, compressed by the app's
  // compression middleware, and a strong ETag so a browser revalidates with a 304 instead of a download.
  // The ETag is of the identity bytes; caches keep encodings apart through Vary: Accept-Encoding.
  r.get('/jurisdiction/boundaries', (req, res) => {
    const { body, etag } = boundariesWire(deps.boundaries());
    res.set({ 'Cache-Control': 'public, max-age=300', ETag: etag });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  });

  // Filtered to what the principal may see: a unit leader gets their unit only, and no city total.
  r.get('/overview', (req, res) => {
    const p = principalOf(res);
    const { period } = parseQuery(periodQuery, req);
    const may = (scope: ScopeKey) => canSeeMetrics(p, scope, deps.policy);
    const units: OverviewResponse['units'] = {};
    for (const u of jurisdiction.units) if (may(`unit:${u.code}`)) units[u.code] = deps.metrics.metrics(`unit:${u.code}`, period);
    const departments: OverviewResponse['departments'] = {};
    for (const d of jurisdiction.departments)
      if (may(`department:${d.code}`)) departments[d.code] = deps.metrics.metrics(`department:${d.code}`, period);
    const city = may('city');
    if (!city && !Object.keys(units).length && !Object.keys(departments).length) throw denied(p, 'the overview');
    const w = deps.metrics.window(period);
    const body: OverviewResponse = {
      asOf: toVnIso(deps.now()),
      window: { period, from: toVnIso(w.from), to: toVnIso(w.to) },
      city: city ? deps.metrics.metrics('city', period) : null,
      units,
      departments,
      previousCity: city ? previousOf('city', period) : null,
      previousCityToDate: city ? pastFlows.sameTime('city', period, deps.now()) : null,
      day: dayInfo(city),
    };
    res.json(body);
  });

  /** The previous window's metrics, its rate judged with what was overdue when it ended. */
  function previousOf(scope: ScopeKey, period: Period) {
    const previous = previousWindow(period, deps.now());
    return deps.metrics.previousMetrics?.(scope, period, pastOverdue.atEndOf(scope, previous)) ?? null;
  }

  /** Today, and on a day off the last working day's city figures (judged like today, at its end). */
  function dayInfo(withCity: boolean): DayInfo {
    const now = deps.now();
    const today = vnDayIndex(now);
    const date = dayKeyOfIndex(today);
    if (calendar.isWorkingDay(date)) return { date, workingDay: true, lastWorkingDay: null };
    const last = lastWorkingDayBefore(today, (key) => calendar.isWorkingDay(key));
    if (last === null) return { date, workingDay: false, lastWorkingDay: null };
    const window = { from: vnDayStartOfIndex(last), to: vnDayStartOfIndex(last + 1) };
    const cityMetrics = withCity ? (deps.metrics.dayMetrics?.('city', last, pastOverdue.atEndOf('city', window)) ?? null) : null;
    return { date, workingDay: false, lastWorkingDay: { date: dayKeyOfIndex(last), city: cityMetrics } };
  }

  /** Resolves a unit/department code or the pseudo-code "city"; 404 otherwise. */
  function resolveScope(code: string): { scope: ScopeKey; unit: string | null } {
    if (code === 'city') return { scope: 'city', unit: null };
    const scope = deps.scopeOf(code);
    if (!scope) throw new HttpError(404, 'not_found', `no unit or department with code "${code}"`);
    return { scope, unit: code };
  }

  // What became overdue most recently, for the wall's feed: in the live alerts' shape, to whoever may
  // see the scope's aggregates (the public too, while the public view is on), names only to those
  // who may see them — the same rule as `alert:raised`.
  const recentQuery = z.object({ code: z.string().min(1).max(64).default('city'), limit: z.coerce.number().int().min(1).max(100).default(40) });
  r.get('/alerts/recent', (req, res) => {
    const p = principalOf(res);
    const { code, limit } = parseQuery(recentQuery, req);
    const { scope, unit } = resolveScope(code);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the alerts of ${scope}`);
    const names = canSeeNames(p, scope);
    const now = deps.now();
    const dossiers = store.read.dossierPage({
      unit,
      filter: 'overdue',
      pastDue: true,
      sort: 'dueAt',
      dir: 'desc',
      now,
      dueSoonUntil: now,
      limit,
      offset: 0,
    }).items;
    const tasks = store.read.taskPage({ assignee: unit, filter: 'open_overdue', sort: 'dueAt', dir: 'desc', now, limit, offset: 0 }).items;
    const items: AlertRaised[] = [];
    for (const d of dossiers) {
      if (d.dueAt == null || !d.unit) continue;
      const hold = d.holds.length ? d.holds[d.holds.length - 1] : null;
      items.push({
        kind: 'dossier',
        id: d.id,
        unit: d.unit,
        unitName: nameOf(d.unit),
        title: d.procedure?.name ?? d.id,
        dueAt: toVnIso(d.dueAt),
        at: toVnIso(d.dueAt),
        holderName: names && hold && hold.to === null ? hold.handlerName : null,
      });
    }
    for (const t of tasks) {
      if (t.dueAt == null || !t.assignee) continue;
      items.push({ kind: 'task', id: t.id, unit: t.assignee, unitName: nameOf(t.assignee), title: t.title ?? t.id, dueAt: toVnIso(t.dueAt), at: toVnIso(t.dueAt), holderName: null });
    }
    items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? -1 : 1));
    const counts = store.read.newlyOverdue({ unit, dayStart: vnStartOfDay(now), hourAgo: now - MS_PER_HOUR, now });
    const body: RecentAlertsResponse = {
      asOf: toVnIso(now),
      items: items.slice(0, limit),
      newlyOverdue: {
        today: counts.reduce((n, c) => n + c.today, 0),
        lastHour: counts.reduce((n, c) => n + c.lastHour, 0),
        byUnit: counts.map((c) => ({ code: c.code, name: nameOf(c.code), today: c.today, lastHour: c.lastHour })),
      },
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  // Departments are addressed the same way as units. The tables come from the detail service (worker
  // threads, shared and cached: many screens asking for the same view cost one query); the metrics are
  // the engine's, current at every answer.
  const DETAIL_TTL_MS = { city: 30_000, unit: 5_000 };

  r.get(['/units/:code', '/departments/:code'], async (req, res) => {
    const p = principalOf(res);
    const query = parseQuery(periodQuery.extend({ officials: z.enum(['0', '1']).default('1') }), req);
    const { period } = query;
    const { scope, unit } = resolveScope(String(req.params.code));
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the figures of ${scope}`);
    // Officials' scorecards carry names: left out (not refused) for those who may see only aggregates.
    const withOfficials = query.officials === '1' && canSeeNames(p, scope);
    const window = deps.metrics.window(period);
    const { tables, computedAt } = await deps.details.get({
      unit,
      window,
      now: deps.now(),
      withOfficials,
      ttlMs: unit === null ? DETAIL_TTL_MS.city : DETAIL_TTL_MS.unit,
    });
    const body: UnitDetailResponse = {
      asOf: toVnIso(computedAt),
      window: { period, from: toVnIso(window.from), to: toVnIso(window.to) },
      scope,
      unit: unit ? (unitByCode.get(unit) ?? null) : null,
      department: unit ? (deptByCode.get(unit) ?? null) : null,
      metrics: deps.metrics.metrics(scope, period),
      previous: previousOf(scope, period),
      previousToDate: pastFlows.sameTime(scope, period, deps.now()),
      ...tables,
    };
    res.json(body);
  });

  r.get(['/units/:code/dossiers', '/departments/:code/dossiers'], (req, res) => {
    const p = principalOf(res);
    const { scope, unit } = resolveScope(String(req.params.code));
    if (!canListDossiers(p, scope)) throw denied(p, `the dossiers of ${scope}`);
    const { status, pastDue } = parseQuery(
      z.object({ status: dossierStatus.default('overdue'), pastDue: z.enum(['0', '1']).default('0') }),
      req,
    );
    const { page, pageSize } = parseQuery(pageQuery, req);
    const { sort, dir } = parseQuery(sortQuery(DOSSIER_SORT_KEYS), req);
    const now = deps.now();
    const result = store.read.dossierPage({
      sort,
      dir,
      pastDue: pastDue === '1',
      unit,
      filter: status as DossierFilter,
      now,
      dueSoonUntil: calendar.addWorkingMs(now, deps.settings.dueSoonWorkingHours * 3_600_000),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const body: Page<DossierListItem> = { total: result.total, page, pageSize, items: result.items.map((s) => dossierItem(s, now, ctx)) };
    res.json(body);
  });

  r.get(['/units/:code/tasks', '/departments/:code/tasks'], (req, res) => {
    const p = principalOf(res);
    const { scope, unit } = resolveScope(String(req.params.code));
    if (!canListTasks(p, scope)) throw denied(p, `the tasks of ${scope}`);
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
    const p = principalOf(res);
    const notFound = new HttpError(404, 'not_found', `no dossier with id "${req.params.id}"`);
    // Roles that may never open a dossier are refused before the lookup: the answer says nothing of its existence.
    if (p.role === 'public' || p.role === 'admin' || p.role === 'display') throw denied(p, 'dossier details');
    const unitCode = store.read.dossierUnit(req.params.id);
    if (unitCode === undefined) throw notFound;
    // Another unit's dossier answers exactly like a missing one: its existence is private.
    if (!canReadDossier(p, unitCode ? deps.scopeOf(unitCode) : null)) throw notFound;
    const state = store.read.dossier(req.params.id);
    if (!state) throw notFound;
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
      overdueReason: c.overdueReason,
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
    const p = principalOf(res);
    const notFound = new HttpError(404, 'not_found', `no task with id "${req.params.id}"`);
    if (p.role === 'public' || p.role === 'admin' || p.role === 'display' || p.role === 'supervisor') throw denied(p, 'task details');
    const assignee = store.read.taskAssignee(req.params.id);
    if (assignee === undefined) throw notFound;
    if (!canReadTask(p, assignee ? deps.scopeOf(assignee) : null)) throw notFound;
    const state = store.read.task(req.params.id);
    if (!state) throw notFound;
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
      const { id: eventId, type, at: _at, dossierId: _d, taskId: _t, ...data } = JSON.parse(e.payload) as Record<string, unknown>;
      return { eventId: String(eventId), type: String(type), at: toVnIso(e.at), data };
    });
  }

  return r;
}

