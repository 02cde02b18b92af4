import type { Db } from './connection.js';
import type { FieldError } from '../../shared/contract/errors.js';
import type { QuarantineKind, QuarantineRule, QuarantineState } from '../../shared/contract/quarantine.js';
import { quarantineRule } from '../domain/quarantine-rule.js';
import { MS_PER_DAY, VN_OFFSET_MS } from '../domain/time.js';

export type { FieldError } from '../../shared/contract/errors.js';

export interface QuarantineRow {
  id: number;
  source: string | null;
  kind: QuarantineKind;
  receivedAt: number;
  eventId: string | null;
  raw: unknown;
  errors: FieldError[];
  rule: QuarantineRule;
  state: QuarantineState;
  reviewedAt: number | null;
  reviewedBy: string | null;
  note: string | null;
  replayedEventIds: string[] | null;
  replayedRaw: unknown;
}

/** The review's filters; null or absent: any. `from` inclusive, `to` exclusive (epoch ms). */
export interface QuarantineFilter {
  source?: string | null;
  rule?: string | null;
  state?: QuarantineState | null;
  from?: number | null;
  to?: number | null;
}

export type StoredRow = Omit<QuarantineRow, 'raw' | 'errors' | 'replayedEventIds' | 'replayedRaw'> & {
  raw: string;
  errors: string;
  replayedEventIds: string | null;
  replayedRaw: string | null;
};

const COLUMNS = `q.id, s.name AS source, q.kind, q.received_at AS receivedAt, q.event_id AS eventId, q.raw, q.errors,
  q.rule, q.state, q.reviewed_at AS reviewedAt, q.reviewed_by AS reviewedBy, q.review_note AS note,
  q.replayed_event_ids AS replayedEventIds, q.replayed_raw AS replayedRaw`;
const FROM = 'FROM quarantine q LEFT JOIN sources s ON s.id = q.source_id';
const WHERE = `WHERE (@source IS NULL OR s.name = @source) AND (@rule IS NULL OR q.rule = @rule)
  AND (@state IS NULL OR q.state = @state) AND (@from IS NULL OR q.received_at >= @from) AND (@to IS NULL OR q.received_at < @to)`;

/** Rejected events, kept with their raw payload and every error for review, and the review's outcome. */
export function createQuarantineRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO quarantine (source_id, kind, received_at, event_id, raw, errors, rule) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare(`SELECT ${COLUMNS} ${FROM} ${WHERE} ORDER BY q.id DESC LIMIT @limit OFFSET @offset`);
  const count = db.prepare(`SELECT COUNT(*) ${FROM} ${WHERE}`).pluck();
  const one = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE q.id = ?`);
  const bySourceRule = db.prepare(
    `SELECT s.name AS source, q.rule, COUNT(*) AS total, SUM(q.state = 'open') AS open ${FROM} ${WHERE}
     GROUP BY s.name, q.rule ORDER BY total DESC, s.name, q.rule`,
  );
  // Vietnam days: the offset is constant (no daylight saving), so a day is a plain integer division.
  const byDay = db.prepare(
    `SELECT (q.received_at + ${VN_OFFSET_MS}) / ${MS_PER_DAY} AS day, COUNT(*) AS total ${FROM} ${WHERE} GROUP BY day ORDER BY day`,
  );
  const review = db.prepare(
    `UPDATE quarantine SET state = @state, reviewed_at = @at, reviewed_by = @by, review_note = @note,
       replayed_event_ids = @eventIds, replayed_raw = @raw WHERE id = @id`,
  );
  const params = (f: QuarantineFilter) => ({
    source: f.source ?? null,
    rule: f.rule ?? null,
    state: f.state ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  });

  return {
    add(sourceId: number | null, kind: string, receivedAt: number, eventId: string | null, raw: string, errors: FieldError[]): void {
      insert.run(sourceId, kind, receivedAt, eventId, raw, JSON.stringify(errors), quarantineRule(errors));
    },
    page(opts: QuarantineFilter & { limit: number; offset: number }): { total: number; items: QuarantineRow[] } {
      const p = params(opts);
      const rows = page.all({ ...p, limit: opts.limit, offset: opts.offset }) as StoredRow[];
      return { total: count.get(p) as number, items: rows.map(fromStored) };
    },
    get(id: number): QuarantineRow | null {
      const row = one.get(id) as StoredRow | undefined;
      return row ? fromStored(row) : null;
    },
    /** Per source and rule, with how many are still open. */
    countsBySourceRule(f: QuarantineFilter): { source: string | null; rule: QuarantineRule; total: number; open: number }[] {
      return bySourceRule.all(params(f)) as { source: string | null; rule: QuarantineRule; total: number; open: number }[];
    },
    /** Per Vietnam day (index: days since 1970-01-01, Vietnam time); days without any are absent. */
    countsByDay(f: QuarantineFilter): { day: number; total: number }[] {
      return byDay.all(params(f)) as { day: number; total: number }[];
    },
    /** Records the review's outcome (the caller checks the transition). */
    review(
      id: number,
      r: { state: QuarantineState; at: number; by: string; note: string | null; eventIds?: string[] | null; raw?: string | null },
    ): void {
      review.run({
        id,
        state: r.state,
        at: r.at,
        by: r.by,
        note: r.note,
        eventIds: r.eventIds ? JSON.stringify(r.eventIds) : null,
        raw: r.raw ?? null,
      });
    },
  };
}

export function fromStored(r: StoredRow): QuarantineRow {
  return {
    ...r,
    raw: safeParse(r.raw),
    errors: readErrors(r.errors),
    replayedEventIds: r.replayedEventIds === null ? null : (JSON.parse(r.replayedEventIds) as string[]),
    replayedRaw: r.replayedRaw === null ? null : safeParse(r.replayedRaw),
  };
}

/** The stored errors; text that is not a list of them (never written so, but read defensively) becomes one error. */
function readErrors(s: string): FieldError[] {
  const v = safeParse(s);
  return Array.isArray(v) ? (v as FieldError[]) : [{ path: '', message: s }];
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export type QuarantineRepo = ReturnType<typeof createQuarantineRepo>;
