import type { Db } from './connection.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

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

/** The append-only audit log. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, role, action, target, outcome, ip, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare(
    `SELECT * FROM audit_log
     WHERE (@action IS NULL OR action = @action) AND (@actor IS NULL OR actor = @actor)
     ORDER BY id DESC LIMIT @limit OFFSET @offset`,
  );
  const count = db
    .prepare('SELECT COUNT(*) FROM audit_log WHERE (@action IS NULL OR action = @action) AND (@actor IS NULL OR actor = @actor)')
    .pluck();

  return {
    add(e: AuditEntry): void {
      insert.run(e.at, e.actor, e.role, e.action, e.target, e.outcome, e.ip, e.details ? JSON.stringify(e.details) : null);
    },
    page(q: { action?: string | null; actor?: string | null; limit: number; offset: number }): { total: number; items: AuditRow[] } {
      const params = { action: q.action ?? null, actor: q.actor ?? null, limit: q.limit, offset: q.offset };
      const rows = page.all(params) as RawAudit[];
      return {
        total: count.get(params) as number,
        items: rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null })),
      };
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
