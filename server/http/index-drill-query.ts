/**
 * The query of a dossier list drilled from a service index count (shared/contract/index-drill.ts):
 * `indicator` (a computable one), `side`, and `period` as GET …/index takes it. Both or neither of
 * `indicator` and `side`; anything else is a 400 naming the parameter.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { toVnIso } from '../domain/time.js';
import { COMPUTABLE_INDICATORS, type IndexWindow } from '../../shared/contract/service-index.js';
import { INDEX_DRILL_SIDES, type IndexDrill } from '../../shared/contract/index-drill.js';
import { drillWhere } from '../db/service-index-drill.js';
import { HttpError } from './errors.js';
import { parsePeriodParam, parseQuery } from './query.js';

export const drillQuery = z.object({
  indicator: z.enum(COMPUTABLE_INDICATORS).optional(),
  side: z.enum(INDEX_DRILL_SIDES).optional(),
  period: z.string().max(40).default('month'),
});

export interface ParsedDrill {
  drill: IndexDrill;
  where: ReturnType<typeof drillWhere>;
}

/** The drill asked for by the request, resolved at `now`, or null when the list is not a drill. */
export function parseDrill(req: Request, now: number): ParsedDrill | null {
  const q = parseQuery(drillQuery, req);
  if (q.indicator === undefined && q.side === undefined) return null;
  if (q.indicator === undefined)
    throw new HttpError(400, 'invalid_query', 'indicator: required with side (the indicator whose dossiers to list)');
  if (q.side === undefined) throw new HttpError(400, 'invalid_query', 'side: required with indicator (numerator or denominator)');
  const p = parsePeriodParam(q.period, now);
  if (p.kind === null) {
    throw new HttpError(400, 'invalid_query', `period: the service index is computed per month, quarter or year, not "${p.name}"`);
  }
  // The current period is judged now, as its live counts are: open and overdue at this instant.
  const to = p.current !== null ? Math.min(p.to, now + 1) : p.to;
  const window: IndexWindow = {
    period: p.name,
    kind: p.kind as IndexWindow['kind'],
    from: toVnIso(p.from),
    to: toVnIso(p.to),
    current: p.current !== null,
  };
  return { drill: { indicator: q.indicator, side: q.side, window }, where: drillWhere(q.indicator, q.side, { from: p.from, to }) };
}
