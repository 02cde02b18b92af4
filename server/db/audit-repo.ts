import type { Db } from './connection.js';
import type { AuditOutcome } from '../../shared/contract/admin-ops.js';

export type { AuditOutcome } from '../../shared/contract/admin-ops.js';

export interface AuditEntry {
  at: number;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditRow extends AuditEntry {
  id: number;
}

interface RawAudit {
  id: number;
  at: number;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details: string | null;
}

/** Which rows to read: each field null or absent keeps every row; `from` inclusive, `to` exclusive (epoch ms). */
export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
  from?: number | null;
  to?: number | null;
}

/** The append-only audit log. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, role, action, target, outcome, ip, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // The filter of every read: each condition is off when its parameter is null; `to` is exclusive.
  const where = `(@action IS NULL OR action = @action) AND (@actor IS NULL OR actor = @actor)
     AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)`;
  const page = db.prepare(`SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`);
  const count = db.prepare(`SELECT COUNT(*) FROM audit_log WHERE ${where}`).pluck();
  const actions = db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck();
  const params = (q: AuditFilter) => ({ action: q.action ?? null, actor: q.actor ?? null, from: q.from ?? null, to: q.to ?? null });
  const toRow = (r: RawAudit): AuditRow => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null });

  return {
    add(e: AuditEntry): void {
      insert.run(e.at, e.actor, e.role, e.action, e.target, e.outcome, e.ip, e.details ? JSON.stringify(e.details) : null);
    },
    /** One page of the rows the filter keeps, newest first, and how many it keeps in all. */
    page(q: AuditFilter & { limit: number; offset: number }): { total: number; items: AuditRow[] } {
      const p = params(q);
      const rows = page.all({ ...p, limit: q.limit, offset: q.offset }) as RawAudit[];
      return { total: count.get(p) as number, items: rows.map(toRow) };
    },
    /** Every action the log holds, sorted. */
    actions(): string[] {
      return actions.all() as string[];
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
