/** Query-string schemas and helpers shared by the read routes. */
import type { Request } from 'express';
import { z } from 'zod';
import { toVnIso } from '../domain/time.js';
import type { Period, PeriodWindow, ScopeKey } from '../metrics/types.js';
import { DOSSIER_LIST_STATUSES, HOLDER_ID_MAX_LENGTH, TASK_LIST_STATUSES } from '../../shared/contract/api.js';
import { HttpError } from './errors.js';
import { PeriodError, resolvePeriod, type ResolvedPeriod } from '../metrics/named-periods.js';

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const sortQuery = (keys: string[]) =>
  z.object({ sort: z.enum(keys as [string, ...string[]]).optional(), dir: z.enum(['asc', 'desc']).optional() });
export const dossierStatus = z.enum(DOSSIER_LIST_STATUSES);
export const taskStatus = z.enum(TASK_LIST_STATUSES);
/** A dossier list's `holder` filter: a handler id. */
export const holderFilter = z.string().trim().min(1).max(HOLDER_ID_MAX_LENGTH).optional();

/** The query parsed by `schema`, or 400 `invalid_query` naming every bad parameter. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, req: Request): z.infer<T> {
  const r = schema.safeParse(req.query);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    throw new HttpError(400, 'invalid_query', msg);
  }
  return r.data;
}

/**
 * parseQuery for a hot route (issue 15: the overview, polled by every screen): the answer kept per raw
 * query string, as a route sees the same few strings again and again; a bad one still throws each time.
 * The answers are shared between requests: read them, never change them.
 */
export function keptQueryParser<T extends z.ZodTypeAny>(schema: T, max = 64): (req: Request) => z.infer<T> {
  const kept = new Map<string, z.infer<T>>();
  return (req) => {
    const at = req.url.indexOf('?');
    const raw = at < 0 ? '' : req.url.slice(at + 1);
    const hit = kept.get(raw);
    if (hit !== undefined) return hit;
    const parsed = parseQuery(schema, req);
    if (kept.size >= max) kept.clear();
    kept.set(raw, parsed);
    return parsed;
  };
}

/**
 * A `period` value (a current period or a named one: 2026-10, 2026-Q3, 2026) resolved at `now`, or 400
 * `invalid_query` saying what is wrong with it (metrics/named-periods.ts, the one parser).
 */
export function parsePeriodParam(value: string, now: number): ResolvedPeriod {
  try {
    return resolvePeriod(value, now);
  } catch (e) {
    if (e instanceof PeriodError) throw new HttpError(400, 'invalid_query', `period: ${e.message}`);
    throw e;
  }
}

/**
 * A `period` parameter in a query schema, checked at `now` like parsePeriodParam, so that a schema
 * names every bad parameter at once (`period: "2026-13": month 13 does not exist …`).
 */
export const periodParam = (now: number, dflt: string) =>
  z
    .string()
    .max(40)
    .default(dflt)
    .superRefine((value, ctx) => {
      try {
        resolvePeriod(value === '30d' ? 'live' : value, now);
      } catch (e) {
        if (!(e instanceof PeriodError)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message });
      }
    });

/** The window a list or table covers as `period` asked it; `name` when it was named (2026-10, 2026-Q3, 2026). */
export interface AskedWindow extends PeriodWindow {
  name?: string;
}

/**
 * The window of a `period` value: a current period's live window (`windowOf`, the engine's), the same
 * for a named period that holds now, and a closed named one's whole month, quarter or year (its
 * `period` the kind). 400 naming `period` for anything else (parsePeriodParam).
 */
export function askedWindow(value: string, now: number, windowOf: (p: Period) => PeriodWindow): AskedWindow {
  const p = parsePeriodParam(value, now);
  if (p.current !== null) {
    const w = windowOf(p.current);
    return p.name === p.current ? w : { ...w, name: p.name };
  }
  return { period: p.kind as Period, from: p.from, to: p.to, name: p.name };
}

/** An asked window on the wire (`name` only when the period was named). */
export const wireWindow = (w: AskedWindow): { period: Period; from: string; to: string; name?: string } => ({
  period: w.period,
  from: toVnIso(w.from),
  to: toVnIso(w.to),
  ...(w.name === undefined ? {} : { name: w.name }),
});

export const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : toVnIso(t));

/** Resolves a unit/department code or the pseudo-code "city"; 404 otherwise. */
export function resolveScopeCode(code: string, scopeOf: (code: string) => ScopeKey | null): { scope: ScopeKey; unit: string | null } {
  if (code === 'city') return { scope: 'city', unit: null };
  const scope = scopeOf(code);
  if (!scope) throw new HttpError(404, 'not_found', `no unit or department with code "${code}"`);
  return { scope, unit: code };
}
