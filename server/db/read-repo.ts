import type { Db } from './connection.js';
import type { DossierState, TaskState } from '../domain/types.js';
// Row shapes of the breakdown and holds queries are the inputs of metrics/breakdowns.ts, defined there.
import type { BreakdownCounts, HoldInput, OfficialHoldTotals } from '../metrics/breakdowns.js';
import { officialTotalsSqlite } from './official-totals-sql.js';
import { createBuckPassingReads } from './buck-passing-read.js';
import {
  DOSSIER_FILTERS,
  DOSSIER_SORTS,
  OVERDUE_SQL,
  orderBy,
  spanHoldsSql,
  TASK_FILTERS,
  TASK_SORTS,
  type DossierFilter,
  type TaskFilter,
} from './list-sql.js';

export { DOSSIER_SORT_KEYS, OVERDUE_SQL, spanHoldsSql, TASK_SORT_KEYS, type DossierFilter, type TaskFilter } from './list-sql.js';

/**
 * Which dossiers a read covers: one unit or department (`unit`), else the units listed in `units` (a
 * province's communes), else the whole city or country.
 */
export interface UnitSel {
  unit: string | null;
  units?: readonly string[];
}
const UNITS_IN = 'unit IN (SELECT value FROM json_each(@units))';
/** Parameters with `units` as JSON text, which SQLite's json_each reads (better-sqlite3 binds no arrays). */
function bound<P extends UnitSel>(p: P): Omit<P, 'units'> & { units: string | null } {
  return { ...p, units: p.units ? JSON.stringify(p.units) : null };
}

/** A view's dossiers counted by field and by procedure (BreakdownCounts each). */
export interface Breakdowns {
  byField: BreakdownCounts[];
  byProcedure: BreakdownCounts[];
}

/** Rows of both groupings (`byField` 1 or true: a field's) split into the two lists. */
export function splitBreakdowns(rows: readonly (BreakdownCounts & { byField: number | boolean })[]): Breakdowns {
  const out: Breakdowns = { byField: [], byProcedure: [] };
  for (const { byField, ...r } of rows) (byField ? out.byField : out.byProcedure).push(r);
  return out;
}

/** Day index in Vietnam time, computed in SQL the same way as domain/time.ts vnDayIndex. */
const VN_DAY = '((%s + 25200000) / 86400000)';
const day = (col: string) => VN_DAY.replace('%s', col);

// Long by design: one closure holding the prepared statements (prepared once, STYLE.md) and the short
// methods that run them; each method is small, the factory's length is their sum.
/** Read-side queries for drill-down pages, lists and trends. `unit` null means the whole city. */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createReadRepo(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  // Separate SQL for one unit, a province's communes and the whole city, so one unit's queries use the
  // (unit, …) indexes (an "@unit IS NULL OR unit = @unit" clause would defeat them).
  const unitWhereOf = (p: UnitSel) => (p.unit !== null ? 'unit = @unit' : p.units ? UNITS_IN : '1');
  const relevant = `(open = 1 OR (received_at >= @from AND received_at < @to) OR (end_at >= @from AND end_at < @to))`;

  function breakdown(groupKey: string, groupLabel: string, p: UnitSel & { from: number; to: number; now: number }): BreakdownCounts[] {
    return stmt(
      `SELECT ${groupKey} AS key, MAX(${groupLabel}) AS label,
         SUM(received_at >= @from AND received_at < @to) AS received,
         SUM(open = 1 AND bucket = 'in_progress') AS inProgress,
         SUM(${OVERDUE_SQL}) AS overdue,
         SUM(open = 0 AND end_at >= @from AND end_at < @to AND outcome IN ('early', 'on_time')) AS finishedOnTime,
         SUM(open = 0 AND end_at >= @from AND end_at < @to AND outcome = 'late') AS finishedLate
       FROM dossiers WHERE ${unitWhereOf(p)} AND ${relevant} AND ${groupKey} IS NOT NULL
       GROUP BY ${groupKey}`,
    ).all(bound(p)) as BreakdownCounts[];
  }

  /**
   * byField and byProcedure in one pass over the dossiers (issue 15: without a unit each was a scan of
   * the whole table): the relevant rows' keys and flags materialised once, then grouped each way.
   */
  function breakdowns(p: UnitSel & { from: number; to: number; now: number }): Breakdowns {
    const sums = `SUM(rc) AS received, SUM(ip) AS inProgress, SUM(od) AS overdue, SUM(fo) AS finishedOnTime, SUM(fl) AS finishedLate`;
    const rows = stmt(
      `WITH rel AS MATERIALIZED (
         SELECT field, procedure_code, procedure_name,
           received_at >= @from AND received_at < @to AS rc,
           open = 1 AND bucket = 'in_progress' AS ip,
           ${OVERDUE_SQL} AS od,
           open = 0 AND end_at >= @from AND end_at < @to AND outcome IN ('early', 'on_time') AS fo,
           open = 0 AND end_at >= @from AND end_at < @to AND outcome = 'late' AS fl
         FROM dossiers WHERE ${unitWhereOf(p)} AND ${relevant})
       SELECT 1 AS byField, field AS key, MAX(field) AS label, ${sums} FROM rel WHERE field IS NOT NULL GROUP BY field
       UNION ALL
       SELECT 0, procedure_code, MAX(procedure_name), ${sums} FROM rel WHERE procedure_code IS NOT NULL GROUP BY procedure_code`,
    ).all(bound(p)) as (BreakdownCounts & { byField: number })[];
    return splitBreakdowns(rows);
  }

  const dossierById = db.prepare('SELECT state FROM dossiers WHERE id = ?').pluck();
  const taskById = db.prepare('SELECT state FROM tasks WHERE id = ?').pluck();
  const counts = db.prepare('SELECT (SELECT COUNT(*) FROM dossiers) AS dossiers, (SELECT COUNT(*) FROM tasks) AS tasks');

  return {
    ...createBuckPassingReads(stmt),
    /** One dossier's projection, or null. */
    dossier(id: string): DossierState | null {
      const s = dossierById.get(id) as string | undefined;
      return s ? (JSON.parse(s) as DossierState) : null;
    },
    /** One task's projection, or null. */
    task(id: string): TaskState | null {
      const s = taskById.get(id) as string | undefined;
      return s ? (JSON.parse(s) as TaskState) : null;
    },
    counts(): { dossiers: number; tasks: number } {
      return counts.get() as { dossiers: number; tasks: number };
    },

    byField: (p: UnitSel & { from: number; to: number; now: number }) => breakdown('field', 'field', p),
    breakdowns,
    byProcedure: (p: UnitSel & { from: number; to: number; now: number }) => breakdown('procedure_code', 'procedure_name', p),

    /** Processing days of dossiers finished in the window, with their group keys (for medians). */
    finishedProcessing(p: UnitSel & { from: number; to: number }): { field: string; procedure: string; days: number }[] {
      return stmt(
        `SELECT field, procedure_code AS procedure, processing_days AS days FROM dossiers
         WHERE ${unitWhereOf(p)} AND open = 0 AND end_at >= @from AND end_at < @to AND processing_days IS NOT NULL
           AND outcome IN ('early', 'on_time', 'late')`,
      ).all(bound(p)) as { field: string; procedure: string; days: number }[];
    },

    /** Holds relevant to a unit's officials in a window: open ones, and ones ended in the window, with their whole dossier's holds for bounce detection. */
    holds(p: UnitSel & { from: number; now: number }): HoldInput[] {
      const overdue = OVERDUE_SQL.replace(/\b(open|bucket|due_at|supplement_requests)\b/g, 'd.$1');
      const cols = `h.dossier_id AS dossierId, h.idx, h.handler_id AS handlerId, h.handler_name AS handlerName,
           h.handler_unit AS handlerUnit, h.from_at AS fromAt, h.to_at AS toAt, h.step_due_at AS stepDueAt`;
      if (p.unit !== null || p.units) {
        // One unit (or a province's): every hold of its dossiers active in the window (whole sequences, for bounces).
        return stmt(
          `SELECT ${cols}, d.open AS open, ${overdue} AS overdue
           FROM holds h JOIN dossiers d ON d.id = h.dossier_id
           WHERE h.dossier_id IN (SELECT dossier_id FROM holds WHERE ${unitWhereOf(p)} AND (to_at IS NULL OR to_at >= @from))
           ORDER BY h.dossier_id, h.idx`,
        ).all(bound(p)) as HoldInput[];
      }
      // The whole city: holds active in the window, in their clustered (dossier, step) order; only open
      // holds look up their dossier. Bounces whose earlier step ended before the window are not seen here.
      return stmt(
        `SELECT ${cols}, COALESCE(d.open, 0) AS open, COALESCE(${overdue}, 0) AS overdue
         FROM holds h LEFT JOIN dossiers d ON h.to_at IS NULL AND d.id = h.dossier_id
         WHERE h.to_at IS NULL OR h.to_at >= @from
         ORDER BY h.dossier_id, h.idx`,
      ).all(bound(p)) as HoldInput[];
    },

    /**
     * The officials' counts over the holds `holds` selects (the same view), aggregated in SQL: one row
     * per official, the finished steps' start and end as two numbers each (no object per hold).
     */
    officialTotals(p: UnitSel & { from: number; to: number; now: number }): OfficialHoldTotals[] {
      const overdue = OVERDUE_SQL.replace(/\b(open|bucket|due_at|supplement_requests)\b/g, 'd.$1');
      const sql =
        p.unit !== null || p.units
          ? officialTotalsSqlite(
              `FROM holds h JOIN dossiers d ON d.id = h.dossier_id
               WHERE h.dossier_id IN (SELECT dossier_id FROM holds WHERE ${unitWhereOf(p)} AND (to_at IS NULL OR to_at >= @from))`,
              { open: 'd.open', overdue },
            )
          : officialTotalsSqlite(
              `FROM holds h LEFT JOIN dossiers d ON h.to_at IS NULL AND d.id = h.dossier_id WHERE h.to_at IS NULL OR h.to_at >= @from`,
              { open: 'COALESCE(d.open, 0)', overdue: `COALESCE(${overdue}, 0)` },
            );
      type Row = Omit<OfficialHoldTotals, 'doneFrom' | 'doneTo'> & { firstKey: string; doneFrom: string; doneTo: string };
      return (stmt(sql).all(bound(p)) as Row[]).map(({ firstKey: _firstKey, doneFrom, doneTo, ...r }) => ({
        ...r,
        doneFrom: JSON.parse(doneFrom) as number[],
        doneTo: JSON.parse(doneTo) as number[],
      }));
    },

    /** Per VN day: dossiers received, and finished by outcome, in [fromDay, toDay]. */
    dailyFlows(p: UnitSel & { from: number; to: number }): { day: number; received: number; onTime: number; late: number }[] {
      const received = stmt(
        `SELECT ${day('received_at')} AS day, COUNT(*) AS n FROM dossiers
         WHERE ${unitWhereOf(p)} AND received_at >= @from AND received_at < @to GROUP BY day`,
      ).all(bound(p)) as { day: number; n: number }[];
      const finished = stmt(
        `SELECT ${day('end_at')} AS day, SUM(outcome IN ('early', 'on_time')) AS onTime, SUM(outcome = 'late') AS late
         FROM dossiers WHERE ${unitWhereOf(p)} AND open = 0 AND end_at >= @from AND end_at < @to GROUP BY day`,
      ).all(bound(p)) as { day: number; onTime: number; late: number }[];
      const byDay = new Map<number, { day: number; received: number; onTime: number; late: number }>();
      const get = (d: number) => {
        let r = byDay.get(d);
        if (!r) byDay.set(d, (r = { day: d, received: 0, onTime: 0, late: 0 }));
        return r;
      };
      for (const r of received) get(r.day).received = r.n;
      for (const r of finished) Object.assign(get(r.day), { onTime: r.onTime, late: r.late });
      return [...byDay.values()].sort((a, b) => a.day - b.day);
    },

    /**
     * Flow counts of [from, to) per unit or department code (for the part of a day the engine's day
     * buckets cannot split): received (counted: not refused) and online, and finished by outcome. One
     * index range per code (`codes`), so a part of a day costs a few thousand rows, not a table scan.
     */
    flowsBetween(p: { codes: string[]; from: number; to: number }): {
      received: { code: string; n: number; online: number }[];
      finished: { code: string; outcome: string; n: number }[];
    } {
      const args = { codes: JSON.stringify(p.codes), from: p.from, to: p.to };
      const received = stmt(
        `SELECT u.value AS code, COUNT(*) AS n, SUM(d.channel = 'online') AS online
         FROM json_each(@codes) u JOIN dossiers d ON d.unit = u.value AND d.received_at >= @from AND d.received_at < @to
         WHERE d.bucket != 'not_received' GROUP BY u.value`,
      ).all(args) as { code: string; n: number; online: number }[];
      const finished = stmt(
        `SELECT u.value AS code, d.outcome AS outcome, COUNT(*) AS n
         FROM json_each(@codes) u JOIN dossiers d ON d.unit = u.value AND d.end_at >= @from AND d.end_at < @to
         WHERE d.outcome IN ('early', 'on_time', 'late') GROUP BY u.value, d.outcome`,
      ).all(args) as { code: string; outcome: string; n: number }[];
      return { received, finished };
    },

    /**
     * The overdue backlog at instant `at`, per unit/department code: dossiers whose overdue span holds
     * `at` (the definition the live engine counts by, domain/overdue-spans.ts), `nNew` of them whose
     * lateness began (in working time) on a Vietnam day in [newFromDay, newToDay), and open tasks past
     * their deadline in force.
     */
    overdueAt(p: { at: number; newFromDay?: number; newToDay?: number }): {
      dossiers: { code: string; n: number; nNew: number }[];
      tasks: { code: string; n: number }[];
    } {
      const dossiers = stmt(
        `SELECT unit AS code, COUNT(*) AS n, SUM(work_day >= @newFromDay AND work_day < @newToDay) AS nNew FROM overdue_span_rows
         WHERE ${spanHoldsSql('from_at', 'to_at')}
         GROUP BY unit`,
      ).all({ at: p.at, newFromDay: p.newFromDay ?? 0, newToDay: p.newToDay ?? 0 }) as { code: string; n: number; nNew: number }[];
      const tasks = stmt(
        `SELECT assignee AS code, COUNT(*) AS n FROM tasks
         WHERE due_at < @at AND assigned_at <= @at AND status != 'cancelled' AND (completed_at IS NULL OR completed_at > @at)
         GROUP BY assignee`,
      ).all({ at: p.at }) as { code: string; n: number }[];
      return { dossiers, tasks };
    },

    /**
     * Items still overdue now whose lateness began since `dayStart` or since `hourAgo` (ms), per unit or
     * department code: dossiers by their open overdue span (domain/overdue-spans.ts, the live count's
     * definition: the feed's "became overdue") and open tasks by their deadline. Counts only.
     */
    newlyOverdue(p: {
      unit: string | null;
      dayStart: number;
      hourAgo: number;
      now: number;
    }): { code: string; today: number; lastHour: number }[] {
      const from = Math.min(p.dayStart, p.hourAgo);
      return stmt(
        `SELECT code, SUM(t >= @dayStart) AS today, SUM(t >= @hourAgo) AS lastHour FROM (
           SELECT unit AS code, from_at AS t FROM overdue_span_rows
           WHERE ${unitWhereOf(p)} AND to_at IS NULL AND from_at >= @from AND from_at <= @now
           UNION ALL
           SELECT assignee AS code, due_at AS t FROM tasks
           WHERE ${p.unit === null ? '1' : 'assignee = @unit'} AND status = 'open' AND due_at >= @from AND due_at < @now
         ) WHERE code IS NOT NULL GROUP BY code ORDER BY today DESC, lastHour DESC, code`,
      ).all({ ...p, from }) as { code: string; today: number; lastHour: number }[];
    },

    /** Overdue spans begun by `now` and not ended before `from` (for the backlog trend). */
    overdueSpans(p: UnitSel & { from: number; now: number }): { from: number; to: number | null }[] {
      return stmt(
        `SELECT from_at AS "from", to_at AS "to" FROM overdue_span_rows
         WHERE ${unitWhereOf(p)} AND from_at <= @now AND (to_at IS NULL OR to_at >= @from)`,
      ).all(bound(p)) as { from: number; to: number | null }[];
    },

    dossierPage(
      p: UnitSel & {
        filter: DossierFilter;
        now: number;
        dueSoonUntil: number;
        limit: number;
        offset: number;
        sort?: string;
        dir?: 'asc' | 'desc';
        /** Only dossiers whose due time has passed (the two-supplements rule counts some overdue before it). */
        pastDue?: boolean;
        /** Only dossiers this official (handler id) holds now. */
        holder?: string;
        /** Instead of `filter`: a condition and its parameters (the dossiers behind an index count, service-index-drill.ts). */
        drill?: { where: string; params: Record<string, number> };
      },
    ): { total: number; items: DossierState[] } {
      const f = p.drill ? { where: p.drill.where, order: 'received_at DESC, id' } : DOSSIER_FILTERS[p.filter];
      let where = p.pastDue ? `${f.where} AND due_at < @now` : f.where;
      if (p.holder !== undefined) where += ' AND holder_id = @holder';
      const order = orderBy(DOSSIER_SORTS, f.order, p.sort, p.dir);
      const args = {
        ...p.drill?.params,
        unit: p.unit,
        units: bound(p).units,
        now: p.now,
        dueSoonUntil: p.dueSoonUntil,
        holder: p.holder ?? null,
      };
      const total = stmt(`SELECT COUNT(*) AS n FROM dossiers WHERE ${unitWhereOf(p)} AND ${where}`).get(args) as { n: number };
      const rows = stmt(
        `SELECT state FROM dossiers WHERE ${unitWhereOf(p)} AND ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      ).all({ ...args, limit: p.limit, offset: p.offset }) as { state: string }[];
      return { total: total.n, items: rows.map((r) => JSON.parse(r.state) as DossierState) };
    },

    taskPage(p: {
      assignee: string | null;
      /** With `assignee` null: only tasks assigned to one of these (a province's communes). */
      assignees?: readonly string[];
      filter: TaskFilter;
      now: number;
      limit: number;
      offset: number;
      sort?: string;
      dir?: 'asc' | 'desc';
    }): {
      total: number;
      items: TaskState[];
    } {
      const f = TASK_FILTERS[p.filter];
      const who = p.assignee !== null ? 'assignee = @assignee' : p.assignees ? UNITS_IN.replace('unit', 'assignee') : '1';
      const where = `${who} AND ${f.where}`;
      const params = { assignee: p.assignee, units: p.assignees ? JSON.stringify(p.assignees) : null, now: p.now };
      const total = stmt(`SELECT COUNT(*) AS n FROM tasks WHERE ${where}`).get(params) as { n: number };
      const order = orderBy(TASK_SORTS, f.order, p.sort, p.dir);
      const rows = stmt(`SELECT state FROM tasks WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit: p.limit,
        offset: p.offset,
      }) as {
        state: string;
      }[];
      return { total: total.n, items: rows.map((r) => JSON.parse(r.state) as TaskState) };
    },

    /** Histogram of processing days (1-day bins) of dossiers finished in the window. */
    /** The unit a dossier belongs to (undefined: no such dossier; null: not received yet). For access checks. */
    dossierUnit(id: string): string | null | undefined {
      const r = stmt('SELECT unit FROM dossiers WHERE id = ?').get(id) as { unit: string | null } | undefined;
      return r ? r.unit : undefined;
    },
    /** The unit or department a task is assigned to (undefined: no such task). For access checks. */
    taskAssignee(id: string): string | null | undefined {
      const r = stmt('SELECT assignee FROM tasks WHERE id = ?').get(id) as { assignee: string | null } | undefined;
      return r ? r.assignee : undefined;
    },
    processingHistogram(p: UnitSel & { from: number; to: number }): { bin: number; n: number }[] {
      return stmt(
        `SELECT CAST(processing_days AS INTEGER) AS bin, COUNT(*) AS n FROM dossiers
         WHERE ${unitWhereOf(p)} AND open = 0 AND end_at >= @from AND end_at < @to AND processing_days IS NOT NULL
           AND outcome IN ('early', 'on_time', 'late')
         GROUP BY bin ORDER BY bin`,
      ).all(bound(p)) as { bin: number; n: number }[];
    },

    /** Counts the SQL side classifies as overdue now, per unit (reconciled with the engine by a test). */
    overdueCounts(now: number): Map<string, number> {
      const rows = stmt(`SELECT unit, SUM(${OVERDUE_SQL}) AS n FROM dossiers WHERE open = 1 GROUP BY unit`).all({ now }) as {
        unit: string;
        n: number;
      }[];
      return new Map(rows.map((r) => [r.unit, r.n]));
    },
  };
}

export type ReadRepo = ReturnType<typeof createReadRepo>;
/** A page of a dossier list: its filter (or index drill), sort and place. */
export type DossierPageQuery = Parameters<ReadRepo['dossierPage']>[0];
/** A page of a task list. */
export type TaskPageQuery = Parameters<ReadRepo['taskPage']>[0];
