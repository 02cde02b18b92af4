/**
 * The data-quality review over REST (admin only; CSRF and the audit log like every admin change):
 * quarantined records with filters, their counts per source × rule and per Vietnam day, one record,
 * and fix-and-replay or dismiss (server/ingest/quarantine-review.ts).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../auth/audit.js';
import { actorOf } from '../auth/audit.js';
import { isAdmin } from '../auth/policy.js';
import type { QuarantineFilter, QuarantineRow } from '../db/quarantine-repo.js';
import type { WriteStore } from '../db/write-store/contract.js';
import { quarantineRule } from '../domain/quarantine-rule.js';
import { dayKeyOfIndex, parseDayKey, toVnIso, vnDayIndex, vnDayStartOfIndex } from '../domain/time.js';
import type { QuarantineReview } from '../ingest/quarantine-review.js';
import {
  QUARANTINE_RULES,
  QUARANTINE_STATES,
  type QuarantineCountsResponse,
  type QuarantineListResponse,
  type QuarantineRecord,
  type ReplayOutcome,
} from '../../shared/contract/quarantine.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

export interface AdminQualityDeps {
  /** The quarantine's records: the write store the ingest path quarantines into (either engine). */
  quarantine: Pick<WriteStore, 'listQuarantine' | 'quarantineRecord' | 'quarantineBySourceRule' | 'quarantineByDay'>;
  audit: AuditLog;
  review: QuarantineReview;
  /** The city's clock: quarantined records are stamped with it, so "today" is its day. */
  now: () => number;
}

/** The counts' default period: the last 30 Vietnam days, today included. */
const DEFAULT_DAYS = 30;
/** The longest period counted per day (a chart of more would be unreadable anyway). */
const MAX_DAYS = 366;
const MAX_NOTE = 500;

const day = z.string().refine((s) => parseDayKey(s) !== null, { message: 'must be a calendar date YYYY-MM-DD (Vietnam time)' });
const filterQuery = z.object({
  source: z.string().max(200).optional(),
  rule: z.enum(QUARANTINE_RULES).optional(),
  state: z.enum(QUARANTINE_STATES).optional(),
  from: day.optional(),
  to: day.optional(),
});
const listQuery = filterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid_query', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/** Day indexes of from/to (both inclusive); from after to is refused. */
function dayRange(from: string | undefined, to: string | undefined): { from: number | null; to: number | null } {
  const f = from === undefined ? null : parseDayKey(from)!;
  const t = to === undefined ? null : parseDayKey(to)!;
  if (f !== null && t !== null && f > t) throw new HttpError(400, 'invalid_query', `from (${from}) is after to (${to})`);
  return { from: f, to: t };
}

function toFilter(q: z.infer<typeof filterQuery>, days: { from: number | null; to: number | null }): QuarantineFilter {
  return {
    source: q.source ?? null,
    rule: q.rule ?? null,
    state: q.state ?? null,
    from: days.from === null ? null : vnDayStartOfIndex(days.from),
    // The last day inclusive: up to the start of the next.
    to: days.to === null ? null : vnDayStartOfIndex(days.to + 1),
  };
}

const iso = (t: number | null) => (t === null ? null : toVnIso(t));

export function quarantineRecord(r: QuarantineRow): QuarantineRecord {
  return {
    ...r,
    receivedAt: toVnIso(r.receivedAt),
    reviewedAt: iso(r.reviewedAt),
    errorRules: r.errors.map((e) => quarantineRule([e])),
  };
}

/** The audit's before/after of a record: flat values (the audit keeps strings, numbers and lists of strings). */
function auditState(r: QuarantineRow, payload?: unknown) {
  return {
    source: r.source,
    kind: r.kind,
    rule: r.rule,
    stateBefore: r.state,
    rawBefore: JSON.stringify(r.raw),
    ...(payload === undefined ? {} : { rawAfter: JSON.stringify(payload) }),
  };
}

function recordId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(400, 'invalid_query', `record id must be a positive whole number`);
  return id;
}

/** See the module's comment. */
export function adminQualityRoutes(deps: AdminQualityDeps): Router {
  const r = Router();
  const { quarantine, audit, review } = deps;
  r.use('/admin/quality', (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    next(isAdmin(p) ? undefined : denied(p, 'the data-quality review'));
  });

  r.get('/admin/quality/records', async (req, res) => {
    const q = parsed(listQuery, req.query);
    const page = await quarantine.listQuarantine({
      ...toFilter(q, dayRange(q.from, q.to)),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const body: QuarantineListResponse = { total: page.total, page: q.page, pageSize: q.pageSize, items: page.items.map(quarantineRecord) };
    res.set('Cache-Control', 'no-store').json(body);
  });

  r.get('/admin/quality/counts', async (req, res) => {
    const q = parsed(filterQuery, req.query);
    const asked = dayRange(q.from, q.to);
    const to = asked.to ?? vnDayIndex(deps.now());
    const from = asked.from ?? to - (DEFAULT_DAYS - 1);
    if (from > to) throw new HttpError(400, 'invalid_query', `from (${dayKeyOfIndex(from)}) is after to (${dayKeyOfIndex(to)})`);
    if (to - from + 1 > MAX_DAYS) throw new HttpError(400, 'invalid_query', `at most ${MAX_DAYS} days at once (asked ${to - from + 1})`);
    const filter = toFilter(q, { from, to });
    const [bySourceRule, byDay] = await Promise.all([quarantine.quarantineBySourceRule(filter), quarantine.quarantineByDay(filter)]);
    const perDay = new Map(byDay.map((d) => [d.day, d.total]));
    const body: QuarantineCountsResponse = {
      from: dayKeyOfIndex(from),
      to: dayKeyOfIndex(to),
      bySourceRule,
      byDay: Array.from({ length: to - from + 1 }, (_, i) => ({ day: dayKeyOfIndex(from + i), total: perDay.get(from + i) ?? 0 })),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  r.get('/admin/quality/records/:id', async (req, res) => {
    const row = await quarantine.quarantineRecord(recordId(req));
    if (!row) throw new HttpError(404, 'not_found', `no quarantined record ${req.params.id}`);
    res.set('Cache-Control', 'no-store').json(quarantineRecord(row));
  });

  r.post('/admin/quality/records/:id/replay', replayHandler(deps));

  r.post('/admin/quality/records/:id/dismiss', async (req, res) => {
    const id = recordId(req);
    const b = (req.body ?? {}) as { note?: unknown };
    const note = typeof b.note === 'string' ? b.note.trim() : '';
    if (!note) throw new HttpError(400, 'invalid_body', 'note: required — say why this record needs no fix');
    if (note.length > MAX_NOTE) throw new HttpError(400, 'invalid_body', `note: at most ${MAX_NOTE} characters (got ${note.length})`);
    const p = principalOf(res);
    const { before, after } = await review.dismiss(id, note, actorOf(p));
    await audit.record({
      principal: p,
      action: 'quarantine.dismissed',
      target: `quarantine:${id}`,
      ip: clientIp(req),
      details: { ...auditState(before), stateAfter: after.state, note },
    });
    res.json(quarantineRecord(after));
  });

  return r;
}

/** Replays the edited payload (body `{"payload": …}`) and audits the outcome with the record before and after. */
function replayHandler(deps: AdminQualityDeps) {
  return async (req: Request, res: Response) => {
    const id = recordId(req);
    const b = (req.body ?? {}) as { payload?: unknown };
    if (!('payload' in b)) throw new HttpError(400, 'invalid_body', 'the body must be {"payload": <the fixed event or record, as JSON>}');
    const p = principalOf(res);
    const result = await deps.review.replay(id, b.payload, actorOf(p));
    await deps.audit.record({
      principal: p,
      action: 'quarantine.replayed',
      target: `quarantine:${id}`,
      outcome: result.outcome === 'rejected' ? 'failed' : 'ok',
      ip: clientIp(req),
      details: {
        ...auditState(result.before, b.payload),
        stateAfter: result.after.state,
        outcome: result.outcome,
        ...(result.outcome === 'rejected'
          ? { errors: result.errors.map((e) => `${e.path}: ${e.message}`) }
          : { eventIds: result.eventIds }),
      },
    });
    const record = quarantineRecord(result.after);
    const body: ReplayOutcome =
      result.outcome === 'rejected'
        ? { outcome: 'rejected', errors: result.errors, record }
        : { outcome: result.outcome, eventIds: result.eventIds, record };
    res.json(body);
  };
}
