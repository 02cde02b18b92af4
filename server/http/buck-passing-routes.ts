/** The buck-passing lists (đùn đẩy) under /api/v1: the city's, a unit's and a department's. */
import { Router } from 'express';
import { z } from 'zod';
import { toVnIso } from '../domain/time.js';
import { BUCK_PASSING_RULES, BUCK_PASSING_SORTS, type BuckPassingListResponse } from '../../shared/contract/buck-passing.js';
import { canReadDossier, canSeeMetrics, canSeeNames } from '../auth/policy.js';
import { caseView, workingHoursOf } from './buck-passing-view.js';
import { denied, principalOf } from './principal.js';
import { askedWindow, pageQuery, parseQuery, periodParam, resolveScopeCode, wireWindow } from './query.js';
import type { ReadDeps } from './read-routes.js';

/** The list's query at `now` (its period checked with the other parameters, so one 400 names them all). */
export const listQuery = (now: number) =>
  z.object({
    // `30d` is the rolling 30 days, as `live` is elsewhere; else a current or named period (query.ts askedWindow).
    period: periodParam(now, 'live').transform((p) => (p === '30d' ? 'live' : p)),
    rule: z.enum(BUCK_PASSING_RULES).optional(),
    official: z.string().min(1).max(64).optional(),
    sort: z.enum(BUCK_PASSING_SORTS).default('recent'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  });

/**
 * Cases whose last hand-over fell in the period, to whoever may see the scope's figures; officials'
 * names (and the filter by official) only to those who may see names, the evidence link only where
 * the asker may open the dossier.
 */
export function buckPassingRoutes(deps: ReadDeps): Router {
  const r = Router();
  const { jurisdiction } = deps;
  const names = new Map<string, string>([
    ...jurisdiction.units.map((u) => [u.code, u.fullName] as const),
    ...jurisdiction.departments.map((d) => [d.code, d.name] as const),
  ]);
  const nameOf = (code: string) => names.get(code) ?? code;

  r.get(['/city/buck-passing', '/units/:code/buck-passing', '/departments/:code/buck-passing'], async (req, res) => {
    const p = principalOf(res);
    const { scope, unit } = resolveScopeCode(String(req.params.code ?? 'city'), deps.scopeOf);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the buck-passing cases of ${scope}`);
    const q = parseQuery(listQuery(deps.now()), req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const withNames = canSeeNames(p, scope);
    if (q.official !== undefined && !withNames) throw denied(p, "an official's buck-passing cases");
    const window = askedWindow(q.period, deps.now(), (w) => deps.metrics.window(w));
    const result = await deps.officials.buckPassingPage({
      unit,
      from: window.from,
      to: window.to,
      rule: q.rule ?? null,
      official: q.official ?? null,
      sort: q.sort,
      dir: q.dir,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const canOpen = (code: string | null) => canReadDossier(p, code ? deps.scopeOf(code) : null);
    const body: BuckPassingListResponse = {
      asOf: toVnIso(deps.now()),
      window: wireWindow(window),
      scope,
      rule: q.rule ?? null,
      official: q.official ?? null,
      sort: q.sort,
      dir: q.dir,
      total: result.total,
      page,
      pageSize,
      items: result.items.map((c) => caseView(c, { names: withNames, canOpen, nameOf })),
      byRule: BUCK_PASSING_RULES.map((rule) => {
        const t = result.byRule.find((x) => x.rule === rule);
        return { rule, cases: t?.cases ?? 0, lostWorkingHours: workingHoursOf(t?.lostMs ?? 0) };
      }),
      namesHidden: !withNames,
      passAround: {
        transfers: deps.settings.accountability.passAroundTransfers,
        holders: deps.settings.accountability.passAroundHolders,
      },
    };
    res.json(body);
  });
  return r;
}
