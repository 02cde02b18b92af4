/**
 * The early-warning lists under /api/v1 (Cảnh báo sớm): the at-risk dossiers of the city, a unit or a
 * department (optionally of one holding official), and the at-risk tasks with the status-update rate.
 * Dossier lists go to those who may list the scope's dossiers (they name holders), task lists to those
 * who may list its tasks (supervisors do not).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { WARNING_STATUSES, type AtRiskDossierList, type AtRiskTaskList, type WarningStatus } from '../../shared/contract/early-warning.js';
import { canListDossiers, canListTasks } from '../auth/policy.js';
import { toVnIso } from '../domain/time.js';
import { atRiskDossierList, atRiskTaskList } from './early-warning-items.js';
import { denied, principalOf } from './principal.js';
import { pageQuery, parseQuery } from './query.js';
import { scopeResolver, type ResolvedScope } from './scope-resolver.js';
import type { ReadDeps } from './read-routes.js';

const statusList = z
  .string()
  .max(64)
  .optional()
  .transform((v, c) => {
    if (v === undefined || v === '') return new Set<WarningStatus>(WARNING_STATUSES);
    const parts = v.split(',');
    const bad = parts.filter((x) => !(WARNING_STATUSES as readonly string[]).includes(x));
    if (bad.length > 0) {
      c.addIssue({
        code: 'custom',
        message: `unknown colour ${bad.map((b) => JSON.stringify(b)).join(', ')}: use ${WARNING_STATUSES.join(', ')}`,
      });
      return z.NEVER;
    }
    return new Set(parts as WarningStatus[]);
  });

export const dossierQuery = pageQuery.extend({ status: statusList, official: z.string().min(1).max(100).optional() });
export const taskQuery = pageQuery.extend({ status: statusList });

export function earlyWarningRoutes(deps: ReadDeps): Router {
  const r = Router();
  const ctx = { calendar: deps.calendar, settings: deps.settings };
  const a = deps.settings.accountability;
  const names = new Map<string, string>([
    ...deps.jurisdiction.units.map((u) => [u.code, u.fullName] as const),
    ...deps.jurisdiction.departments.map((d) => [d.code, d.name] as const),
  ]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const resolve = scopeResolver(deps.jurisdiction, deps.scopeOf);
  const scopeOfRequest = (req: Request) => resolve(req.params.code === undefined ? 'city' : String(req.params.code));
  // The index keeps units, departments and the city; a province's lists are its communes' together.
  const dueSoonOf = ({ scope, province }: ResolvedScope) =>
    province ? province.units.flatMap((u) => deps.warnings.dueSoonCandidates(`unit:${u}`)) : deps.warnings.dueSoonCandidates(scope);
  const openTasksOf = ({ scope, province }: ResolvedScope) =>
    province ? province.units.flatMap((u) => [...deps.warnings.openTasks(`unit:${u}`)]) : deps.warnings.openTasks(scope);

  r.get(['/city/at-risk', '/units/:code/at-risk', '/departments/:code/at-risk'], (req, res) => {
    const p = principalOf(res);
    const asked = scopeOfRequest(req);
    const { scope } = asked;
    if (!canListDossiers(p, scope)) throw denied(p, `the at-risk dossiers of ${scope}`);
    const q = parseQuery(dossierQuery, req);
    const now = deps.now();
    const list = atRiskDossierList(dueSoonOf(asked), ctx, {
      now,
      statuses: q.status,
      page: q.page,
      pageSize: q.pageSize,
      nameOf,
      official: q.official ?? null,
    });
    const body: AtRiskDossierList = {
      asOf: toVnIso(now),
      rule: { dueWithinWorkingHours: a.atRiskDueWithinWorkingHours, idleWorkingHours: a.atRiskIdleWorkingHours },
      official: q.official ?? null,
      ...list,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  r.get(['/city/at-risk/tasks', '/units/:code/at-risk/tasks', '/departments/:code/at-risk/tasks'], (req, res) => {
    const p = principalOf(res);
    const asked = scopeOfRequest(req);
    const { scope } = asked;
    if (!canListTasks(p, scope)) throw denied(p, `the at-risk tasks of ${scope}`);
    const q = parseQuery(taskQuery, req);
    const now = deps.now();
    const list = atRiskTaskList(openTasksOf(asked), ctx, {
      now,
      statuses: q.status,
      page: q.page,
      pageSize: q.pageSize,
      nameOf,
    });
    const body: AtRiskTaskList = {
      asOf: toVnIso(now),
      rule: { dueWithinWorkingDays: a.taskAtRiskDueWithinDays, idleWorkingDays: a.taskAtRiskIdleDays },
      ...list,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  return r;
}
