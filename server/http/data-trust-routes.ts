/**
 * Data trust (độ tin cậy dữ liệu) under /api/v1: every unit's and department's figure, a scope's
 * flags with their evidence, and a supervisor's review of a flag (audited).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { canReadDossier, canReviewDataTrust, canSeeMetrics, canSeeNames } from '../auth/policy.js';
import type { AuditLog } from '../auth/audit.js';
import { toVnIso, vnDayIndex, vnDayStartOfIndex } from '../domain/time.js';
import { PERIODS, type PeriodWindow } from '../metrics/types.js';
import {
  DATA_TRUST_RULES,
  DATA_TRUST_RULE_SEVERITY,
  DATA_TRUST_SEVERITY_WEIGHT,
  DATA_TRUST_STATUSES,
  DATA_TRUST_VERDICTS,
  type DataTrustFigure,
  type DataTrustFlagsResponse,
  type DataTrustReviewResponse,
  type DataTrustSummaryResponse,
} from '../../shared/contract/data-trust.js';
import { clientIp } from './auth-routes.js';
import { emptyTally, flagView, ruleCounts, tallyFlag, trustOf, type TrustTally } from './data-trust-view.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';
import { pageQuery, parseQuery, resolveScopeCode } from './query.js';
import type { ReadDeps } from './read-routes.js';

export const periodQuery = z.object({ period: z.enum(PERIODS).default('month') });
export const flagsQuery = periodQuery.extend({
  rule: z.enum(DATA_TRUST_RULES).optional(),
  status: z.enum(DATA_TRUST_STATUSES).optional(),
});
export const reviewBody = z.object({ verdict: z.enum(DATA_TRUST_VERDICTS), note: z.string().trim().min(1).max(2000) });

/** The window in whole Vietnam days (the figures are kept per day): from the start of its first day. */
function dayWindow(w: PeriodWindow): PeriodWindow {
  return { period: w.period, from: vnDayStartOfIndex(vnDayIndex(w.from)), to: w.to };
}

// Long by design: the three handlers registered in one place, each short.
// eslint-disable-next-line max-lines-per-function -- see the comment above
export function dataTrustRoutes(deps: ReadDeps & { audit: AuditLog }): Router {
  const r = Router();
  const { jurisdiction, dataTrust } = deps;
  const names = new Map<string, string>([
    ...jurisdiction.units.map((u) => [u.code, u.fullName] as const),
    ...jurisdiction.departments.map((d) => [d.code, d.name] as const),
  ]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const trust = deps.settings.accountability.dataTrust;
  const windowOf = (req: Request) => {
    const q = parseQuery(flagsQuery, req);
    return { q, window: dayWindow(deps.metrics.window(q.period)) };
  };
  const wireWindow = (w: PeriodWindow) => ({ period: w.period, from: toVnIso(w.from), to: toVnIso(w.to) });

  r.get('/data-trust', async (req, res) => {
    const p = principalOf(res);
    if (!canSeeMetrics(p, p.scope ?? 'city', deps.policy)) throw denied(p, 'the data-trust figures');
    const { window } = windowOf(req);
    const visible = (code: string) => canSeeMetrics(p, deps.scopeOf(code) ?? 'city', deps.policy);
    const tallies = new Map<string, TrustTally>();
    const tally = (code: string) => tallies.get(code) ?? tallies.set(code, emptyTally()).get(code)!;
    const city = emptyTally();
    const [days, flags] = await Promise.all([
      dataTrust.unitDays(vnDayIndex(window.from), vnDayIndex(window.to - 1)),
      dataTrust.flagsBetween(window.from, window.to),
    ]);
    for (const d of days) {
      if (!visible(d.unit)) continue;
      tally(d.unit).dossiers += d.received;
      city.dossiers += d.received;
    }
    for (const f of flags) {
      if (!visible(f.unit)) continue;
      tallyFlag(tally(f.unit), f);
      tallyFlag(city, f);
    }
    const figure = (code: string, kind: 'unit' | 'department'): DataTrustFigure => ({
      code,
      name: nameOf(code),
      kind,
      dossiers: tally(code).dossiers,
      ...trustOf(tally(code)),
    });
    const body: DataTrustSummaryResponse = {
      asOf: toVnIso(deps.now()),
      window: wireWindow(window),
      city: { dossiers: city.dossiers, ...trustOf(city) },
      figures: [
        ...jurisdiction.units.filter((u) => visible(u.code)).map((u) => figure(u.code, 'unit')),
        ...jurisdiction.departments.filter((d) => visible(d.code)).map((d) => figure(d.code, 'department')),
      ],
      weights: { ...DATA_TRUST_SEVERITY_WEIGHT },
      severity: { ...DATA_TRUST_RULE_SEVERITY },
      settings: {
        backdatedWorkingDays: trust.backdatedWorkingDays,
        supplementLastWorkingHours: trust.supplementLastWorkingHours,
        burstCompletions: trust.burstCompletions,
        burstMinutes: trust.burstMinutes,
        jumpK: trust.jumpK,
      },
    };
    res.json(body);
  });

  r.get(['/city/data-trust/flags', '/units/:code/data-trust/flags', '/departments/:code/data-trust/flags'], async (req, res) => {
    const p = principalOf(res);
    const { scope, unit } = resolveScopeCode(String(req.params.code ?? 'city'), deps.scopeOf);
    if (!canSeeMetrics(p, scope, deps.policy)) throw denied(p, `the data-trust flags of ${scope}`);
    const { q, window } = windowOf(req);
    const { page, pageSize } = parseQuery(pageQuery, req);
    const result = await dataTrust.flagsPage({
      unit,
      from: window.from,
      to: window.to,
      rule: q.rule ?? null,
      status: q.status ?? null,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const canOpen = (code: string) => canReadDossier(p, deps.scopeOf(code));
    const body: DataTrustFlagsResponse = {
      asOf: toVnIso(deps.now()),
      window: wireWindow(window),
      scope,
      rule: q.rule ?? null,
      status: q.status ?? null,
      total: result.total,
      page,
      pageSize,
      items: result.items.map((f) => flagView(f, { names: canSeeNames(p, scope), canOpen, nameOf })),
      byRule: ruleCounts(result.byRule),
      canReview: canReviewDataTrust(p, scope),
    };
    res.json(body);
  });

  r.post(['/units/:code/data-trust/flags/:id/review', '/departments/:code/data-trust/flags/:id/review'], async (req, res) => {
    const p = principalOf(res);
    const { scope, unit } = resolveScopeCode(String(req.params.code), deps.scopeOf);
    if (!canReviewDataTrust(p, scope)) throw denied(p, `reviewing the data-trust flags of ${scope}`);
    const parsed = reviewBody.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_body', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    }
    const id = String(req.params.id);
    const flag = await dataTrust.flag(id);
    if (!flag || flag.unit !== unit) throw new HttpError(404, 'not_found', `no data-trust flag "${id}" in ${scope}`);
    const { verdict, note } = parsed.data;
    const by = p.username ?? 'unknown';
    await dataTrust.review(id, verdict, note, by, deps.now());
    await deps.audit.record({
      principal: p,
      action: 'data_trust.reviewed',
      target: id,
      ip: clientIp(req),
      details: { verdict, unit, note },
    });
    const body: DataTrustReviewResponse = {
      flag: flagView((await dataTrust.flag(id))!, {
        names: canSeeNames(p, scope),
        canOpen: (c) => canReadDossier(p, deps.scopeOf(c)),
        nameOf,
      }),
    };
    res.json(body);
  });
  return r;
}
