/** Item lists and details under /api/v1: a unit's dossiers and tasks, one dossier, one task. */
import { Router } from 'express';
import { z } from 'zod';
import { DOSSIER_SORT_KEYS, TASK_SORT_KEYS, type DossierFilter, type TaskFilter } from '../db/read-repo.js';
import { classifyDossier, holdDurations } from '../domain/dossier.js';
import { dossierCaseViews } from './buck-passing-view.js';
import { classifyTask } from '../domain/task.js';
import { toVnIso } from '../domain/time.js';
import type { DossierDetailResponse, Page, TaskDetailResponse, TaskListItem } from '../../shared/contract/api.js';
import type { DossierDrillPage } from '../../shared/contract/index-drill.js';
import { HttpError } from './errors.js';
import { parseDrill } from './index-drill-query.js';
import { scopeResolver } from './scope-resolver.js';
import { dossierItem, taskItem } from './list-items.js';
import { dossierStateAtOf } from './replay-dossier-routes.js';
import { denied, principalOf } from './principal.js';
import { dossierStatus, holderFilter, iso, pageQuery, parseQuery, sortQuery, taskStatus } from './query.js';
import type { ReadDeps } from './read-routes.js';
import { canListDossiers, canListTasks, canReadDossier, canReadTask } from '../auth/policy.js';

/** A dossier list's filters (its page, sort and index drill: query.ts, index-drill-query.ts). */
export const dossierListQuery = z.object({
  status: dossierStatus.default('overdue'),
  pastDue: z.enum(['0', '1']).default('0'),
  holder: holderFilter,
});
/** A task list's filter (its page and sort: query.ts). */
export const taskListQuery = z.object({ status: taskStatus.default('open_overdue') });

// Long by design: the router's handlers registered in one place, each short and self-contained;
// the function's length is their sum, not one long flow.
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function itemRoutes(deps: ReadDeps): Router {
  const r = Router();
  const { items, jurisdiction, calendar } = deps;
  const ctx = { calendar, settings: deps.settings };
  const unitByCode = new Map(jurisdiction.units.map((u) => [u.code, u]));
  const deptByCode = new Map(jurisdiction.departments.map((d) => [d.code, d]));
  const nameOf = (code: string | null) => (code ? (unitByCode.get(code)?.fullName ?? deptByCode.get(code)?.name ?? code) : '');
  // A province's lists (`province:<code>`) cover its communes' dossiers and tasks.
  const resolveScope = scopeResolver(jurisdiction, deps.scopeOf);

  r.get(['/units/:code/dossiers', '/departments/:code/dossiers'], async (req, res) => {
    const p = principalOf(res);
    const { scope, unit, province } = resolveScope(String(req.params.code));
    if (!canListDossiers(p, scope)) throw denied(p, `the dossiers of ${scope}`);
    const { status, pastDue, holder } = parseQuery(dossierListQuery, req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const { sort, dir } = parseQuery(sortQuery(DOSSIER_SORT_KEYS), req);
    const now = deps.now();
    // A drill from a service index count lists that count's dossiers instead of a status.
    const drill = parseDrill(req, now);
    const result = await items.dossierPage({
      drill: drill?.where,
      sort,
      dir,
      pastDue: pastDue === '1',
      holder,
      unit,
      units: province?.units,
      filter: status as DossierFilter,
      now,
      dueSoonUntil: calendar.addWorkingMs(now, deps.settings.dueSoonWorkingHours * 3_600_000),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const body: DossierDrillPage = { total: result.total, page, pageSize, items: result.items.map((s) => dossierItem(s, now, ctx)) };
    if (drill !== null) body.drill = drill.drill;
    res.json(body);
  });

  r.get(['/units/:code/tasks', '/departments/:code/tasks'], async (req, res) => {
    const p = principalOf(res);
    const { scope, unit, province } = resolveScope(String(req.params.code));
    if (!canListTasks(p, scope)) throw denied(p, `the tasks of ${scope}`);
    const { status } = parseQuery(taskListQuery, req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const now = deps.now();
    const { sort, dir } = parseQuery(sortQuery(TASK_SORT_KEYS), req);
    const result = await items.taskPage({
      assignee: unit,
      assignees: province?.units,
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

  r.get('/dossiers/:id', async (req, res) => {
    const p = principalOf(res);
    const notFound = new HttpError(404, 'not_found', `no dossier with id "${req.params.id}"`);
    // Roles that may never open a dossier are refused before the lookup: the answer says nothing of its existence.
    if (p.role === 'public' || p.role === 'admin' || p.role === 'display') throw denied(p, 'dossier details');
    const unitCode = await items.dossierUnit(req.params.id);
    if (unitCode === undefined) throw notFound;
    // Another unit's dossier answers exactly like a missing one: its existence is private.
    if (!canReadDossier(p, unitCode ? deps.scopeOf(unitCode) : null)) throw notFound;
    const state = await items.dossier(req.params.id);
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
      buckPassing: dossierCaseViews(state, deps.settings, calendar, nameOf),
      timeline: await timeline('dossier', state.id),
    };
    // With `at`: the state at that moment (replay-dossier-routes.ts), shown only to whoever may read the dossier.
    const stateAt = dossierStateAtOf(res);
    if (stateAt) body.stateAt = stateAt;
    res.json(body);
  });

  r.get('/tasks/:id', async (req, res) => {
    const p = principalOf(res);
    const notFound = new HttpError(404, 'not_found', `no task with id "${req.params.id}"`);
    if (p.role === 'public' || p.role === 'admin' || p.role === 'display' || p.role === 'supervisor') throw denied(p, 'task details');
    const assignee = await items.taskAssignee(req.params.id);
    if (assignee === undefined) throw notFound;
    if (!canReadTask(p, assignee ? deps.scopeOf(assignee) : null)) throw notFound;
    const state = await items.task(req.params.id);
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
      timeline: await timeline('task', state.id),
    };
    res.json(body);
  });

  async function timeline(kind: 'dossier' | 'task', id: string) {
    return (await items.itemEvents(kind, id)).map((e) => {
      const { id: eventId, type, at: _at, dossierId: _d, taskId: _t, ...data } = JSON.parse(e.payload) as Record<string, unknown>;
      return { eventId: String(eventId), type: String(type), at: toVnIso(e.at), data };
    });
  }

  return r;
}
