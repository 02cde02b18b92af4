/**
 * The overview's past reads on PostgreSQL (issue 17, slice 3): read-repo.ts's counts, flowsBetween,
 * buckPassingReceivedBetween, overdueAt, newlyOverdue and overdueCounts with the same answers
 * (tests/server/db/past-store.shared.ts), over migration 003's projections, in PostgreSQL's words:
 * counts with FILTER instead of SQLite's sums of comparisons, a list of codes as an array.
 */
import type pg from 'pg';
import { OVERDUE_SQL, spanHoldsSql } from '../list-sql.js';
import { named } from '../pg/named-params.js';
import { openPgPool } from '../pg/pool.js';
import type { PastStore } from './contract.js';

const count = (cond: string) => `COUNT(*) FILTER (WHERE ${cond})::int`;

export function createPgPastStore(pool: pg.Pool): PastStore {
  const all = async <T>(sql: string, params: Record<string, unknown>) => (await pool.query(named(sql, params))).rows as T[];
  return {
    engine: 'postgres',
    async counts() {
      const r = await pool.query<{ dossiers: number; tasks: number }>(
        'SELECT (SELECT COUNT(*) FROM dossiers)::int AS dossiers, (SELECT COUNT(*) FROM tasks)::int AS tasks',
      );
      return r.rows[0];
    },
    async flowsBetween(p) {
      const args = { codes: p.codes, from: p.from, to: p.to };
      const [received, finished] = await Promise.all([
        all<{ code: string; n: number; online: number }>(
          `SELECT unit AS code, COUNT(*)::int AS n, ${count(`channel = 'online'`)} AS online FROM dossiers
           WHERE unit = ANY(@codes) AND received_at >= @from AND received_at < @to AND bucket != 'not_received' GROUP BY unit`,
          args,
        ),
        all<{ code: string; outcome: string; n: number }>(
          `SELECT unit AS code, outcome, COUNT(*)::int AS n FROM dossiers
           WHERE unit = ANY(@codes) AND end_at >= @from AND end_at < @to AND outcome IN ('early', 'on_time', 'late')
           GROUP BY unit, outcome`,
          args,
        ),
      ]);
      return { received, finished };
    },
    buckPassingReceivedBetween: (p) =>
      all(
        `SELECT c.unit AS code, COUNT(*)::int AS n FROM buck_passing_cases c JOIN dossiers d ON d.id = c.dossier_id
         WHERE c.received_at >= @from AND c.received_at < @to AND c.unit IS NOT NULL AND d.bucket != 'not_received'
         GROUP BY c.unit`,
        { from: p.from, to: p.to },
      ),
    async overdueAt(p) {
      const [dossiers, tasks] = await Promise.all([
        all<{ code: string; n: number; nNew: number }>(
          `SELECT unit AS code, COUNT(*)::int AS n, ${count('work_day >= @newFromDay AND work_day < @newToDay')} AS "nNew"
           FROM overdue_span_rows WHERE ${spanHoldsSql('from_at', 'to_at')} GROUP BY unit`,
          { at: p.at, newFromDay: p.newFromDay ?? 0, newToDay: p.newToDay ?? 0 },
        ),
        all<{ code: string; n: number }>(
          `SELECT assignee AS code, COUNT(*)::int AS n FROM tasks
           WHERE due_at < @at AND assigned_at <= @at AND status != 'cancelled' AND (completed_at IS NULL OR completed_at > @at)
           GROUP BY assignee`,
          { at: p.at },
        ),
      ]);
      return { dossiers, tasks };
    },
    newlyOverdue: (p) =>
      all(
        `SELECT code, ${count('t >= @dayStart')} AS today, ${count('t >= @hourAgo')} AS "lastHour" FROM (
           SELECT unit AS code, from_at AS t FROM overdue_span_rows
           WHERE ${p.unit === null ? 'TRUE' : 'unit = @unit'} AND to_at IS NULL AND from_at >= @from AND from_at <= @now
           UNION ALL
           SELECT assignee AS code, due_at AS t FROM tasks
           WHERE ${p.unit === null ? 'TRUE' : 'assignee = @unit'} AND status = 'open' AND due_at >= @from AND due_at < @now
         ) AS recent WHERE code IS NOT NULL GROUP BY code ORDER BY today DESC, "lastHour" DESC, code`,
        {
          ...(p.unit === null ? {} : { unit: p.unit }),
          dayStart: p.dayStart,
          hourAgo: p.hourAgo,
          now: p.now,
          from: Math.min(p.dayStart, p.hourAgo),
        },
      ),
    async overdueCounts(now) {
      const rows = await all<{ unit: string; n: number }>(
        `SELECT unit, ${count(OVERDUE_SQL)} AS n FROM dossiers WHERE open = 1 GROUP BY unit`,
        { now },
      );
      return new Map(rows.map((r) => [r.unit, r.n]));
    },
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgPastStore(url: string, opts: { maxConnections?: number } = {}): Promise<PastStore> {
  return createPgPastStore(await openPgPool(url, opts.maxConnections));
}
