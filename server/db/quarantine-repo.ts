import type { Db } from './connection.js';
import type { FieldError } from '../../shared/contract/errors.js';

export type { FieldError } from '../../shared/contract/errors.js';

export interface QuarantineRow {
  id: number;
  source: string | null;
  kind: string;
  receivedAt: number;
  eventId: string | null;
  raw: unknown;
  errors: FieldError[];
}

/** Rejected events, kept with their raw payload and every error for review. */
export function createQuarantineRepo(db: Db) {
  const insert = db.prepare('INSERT INTO quarantine (source_id, kind, received_at, event_id, raw, errors) VALUES (?, ?, ?, ?, ?, ?)');
  const page = db.prepare(
    `SELECT q.id, s.name AS source, q.kind, q.received_at AS receivedAt, q.event_id AS eventId, q.raw, q.errors
     FROM quarantine q LEFT JOIN sources s ON s.id = q.source_id
     WHERE (@source IS NULL OR s.name = @source)
     ORDER BY q.id DESC LIMIT @limit OFFSET @offset`,
  );
  const count = db
    .prepare(`SELECT COUNT(*) FROM quarantine q LEFT JOIN sources s ON s.id = q.source_id WHERE (@source IS NULL OR s.name = @source)`)
    .pluck();

  return {
    add(sourceId: number | null, kind: string, receivedAt: number, eventId: string | null, raw: string, errors: FieldError[]): void {
      insert.run(sourceId, kind, receivedAt, eventId, raw, JSON.stringify(errors));
    },
    page(opts: { source?: string | null; limit: number; offset: number }): { total: number; items: QuarantineRow[] } {
      const params = { source: opts.source ?? null, limit: opts.limit, offset: opts.offset };
      const rows = page.all(params) as (Omit<QuarantineRow, 'raw' | 'errors'> & { raw: string; errors: string })[];
      return {
        total: count.get(params) as number,
        items: rows.map((r) => ({ ...r, raw: safeParse(r.raw), errors: JSON.parse(r.errors) as FieldError[] })),
      };
    },
  };
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export type QuarantineRepo = ReturnType<typeof createQuarantineRepo>;
