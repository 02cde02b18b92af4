/**
 * The queries of a unit's detail tables on PostgreSQL (issue 17, slice 3): read-repo.ts's breakdowns,
 * holds, trend and histogram with the same answers (tests/server/db/item-store.shared.ts), in
 * PostgreSQL's words: counts with FILTER instead of SQLite's sums of comparisons, quoted camelCase
 * names, a list of units as an array. They run on the pool (no worker thread: the database does the scan).
 */
import type pg from 'pg';
import type { BreakdownCounts, OfficialHoldTotals } from '../../metrics/breakdowns.js';
import { splitBreakdowns, type Breakdowns, type UnitSel } from '../read-repo.js';
import { OVERDUE_SQL } from '../list-sql.js';
import { officialTotalsSql } from '../official-totals-sql.js';
import { named } from '../pg/named-params.js';
import type { AsyncUnitDetailReads } from './contract.js';

/** Which rows a query covers: one unit, else the units listed, else all. */
const who = (p: UnitSel, col = 'unit') => (p.unit !== null ? `${col} = @one` : p.units ? `${col} = ANY(@many)` : 'TRUE');
const sel = (p: UnitSel) => ({ one: p.unit, many: p.units ? [...p.units] : null });
/** Day index in Vietnam time (domain/time.ts vnDayIndex): bigint division truncates as SQLite's does. */
const day = (col: string) => `((${col} + 25200000) / 86400000)`;
const RELEVANT = `(open = 1 OR (received_at >= @from AND received_at < @to) OR (end_at >= @from AND end_at < @to))`;
const count = (cond: string) => `COUNT(*) FILTER (WHERE ${cond})::int`;

type Window = UnitSel & { from: number; to: number; now: number };
type All = <T>(sql: string, params: Record<string, unknown>) => Promise<T[]>;

/** Per VN day: dossiers received, and finished by outcome (read-repo.ts dailyFlows). */
async function dailyFlows(all: All, p: UnitSel & { from: number; to: number }) {
  const params = { ...sel(p), from: p.from, to: p.to };
  const [received, finished] = await Promise.all([
    all<{ day: number; n: number }>(
      `SELECT ${day('received_at')}::int AS day, COUNT(*)::int AS n FROM dossiers
       WHERE ${who(p)} AND received_at >= @from AND received_at < @to GROUP BY 1`,
      params,
    ),
    all<{ day: number; onTime: number; late: number }>(
      `SELECT ${day('end_at')}::int AS day, ${count(`outcome IN ('early', 'on_time')`)} AS "onTime", ${count(`outcome = 'late'`)} AS late
       FROM dossiers WHERE ${who(p)} AND open = 0 AND end_at >= @from AND end_at < @to GROUP BY 1`,
      params,
    ),
  ]);
  const byDay = new Map<number, { day: number; received: number; onTime: number; late: number }>();
  const get = (d: number) => byDay.get(d) ?? byDay.set(d, { day: d, received: 0, onTime: 0, late: 0 }).get(d)!;
  for (const r of received) get(r.day).received = r.n;
  for (const r of finished) Object.assign(get(r.day), { onTime: r.onTime, late: r.late });
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/** The officials' counts over the holds `holds` selects, one row per official (read-repo.ts officialTotals). */
function officialTotals(all: All, p: Window): Promise<OfficialHoldTotals[]> {
  const overdue = OVERDUE_SQL.replace(/\b(open|bucket|due_at|supplement_requests)\b/g, 'd.$1');
  const listOf = (col: string, cond: string) => `COALESCE(json_agg(${col}) FILTER (WHERE ${cond}), '[]'::json)`;
  if (p.unit !== null || p.units)
    return all(
      officialTotalsSql(
        `FROM holds h JOIN dossiers d ON d.id = h.dossier_id
         WHERE h.dossier_id IN (SELECT dossier_id FROM holds WHERE ${who(p)} AND (to_at IS NULL OR to_at >= @from))`,
        { open: 'd.open', overdue: `(${overdue})::int` },
        listOf,
      ),
      { ...sel(p), from: p.from, to: p.to, now: p.now },
    );
  return all(
    officialTotalsSql(
      `FROM holds h LEFT JOIN dossiers d ON h.to_at IS NULL AND d.id = h.dossier_id WHERE h.to_at IS NULL OR h.to_at >= @from`,
      { open: 'COALESCE(d.open, 0)', overdue: `COALESCE((${overdue})::int, 0)` },
      listOf,
    ),
    { from: p.from, to: p.to, now: p.now },
  );
}

/** read-repo.ts breakdowns: the relevant rows' keys and flags materialised once, then grouped each way. */
async function breakdowns(all: All, p: Window): Promise<Breakdowns> {
  const flagCount = (flag: string) => `COUNT(*) FILTER (WHERE ${flag})::int`;
  const sums = `${flagCount('rc')} AS received, ${flagCount('ip')} AS "inProgress", ${flagCount('od')} AS overdue,
    ${flagCount('fo')} AS "finishedOnTime", ${flagCount('fl')} AS "finishedLate"`;
  return splitBreakdowns(
    await all<BreakdownCounts & { byField: boolean }>(
      `WITH rel AS MATERIALIZED (
         SELECT field, procedure_code, procedure_name,
           received_at >= @from AND received_at < @to AS rc,
           open = 1 AND bucket = 'in_progress' AS ip,
           ${OVERDUE_SQL} AS od,
           open = 0 AND end_at >= @from AND end_at < @to AND outcome IN ('early', 'on_time') AS fo,
           open = 0 AND end_at >= @from AND end_at < @to AND outcome = 'late' AS fl
         FROM dossiers WHERE ${who(p)} AND ${RELEVANT})
       SELECT TRUE AS "byField", field AS key, MAX(field) AS label, ${sums} FROM rel WHERE field IS NOT NULL GROUP BY field
       UNION ALL
       SELECT FALSE, procedure_code, MAX(procedure_name), ${sums} FROM rel WHERE procedure_code IS NOT NULL GROUP BY procedure_code`,
      { ...sel(p), from: p.from, to: p.to, now: p.now },
    ),
  );
}

export function createPgUnitDetailReads(pool: pg.Pool): AsyncUnitDetailReads {
  const all: All = async <T>(sql: string, params: Record<string, unknown>) => (await pool.query(named(sql, params))).rows as T[];
  const breakdown = (key: string, label: string, p: Window) =>
    all<BreakdownCounts>(
      `SELECT ${key} AS key, MAX(${label}) AS label,
         ${count('received_at >= @from AND received_at < @to')} AS received,
         ${count(`open = 1 AND bucket = 'in_progress'`)} AS "inProgress",
         ${count(OVERDUE_SQL)} AS overdue,
         ${count(`open = 0 AND end_at >= @from AND end_at < @to AND outcome IN ('early', 'on_time')`)} AS "finishedOnTime",
         ${count(`open = 0 AND end_at >= @from AND end_at < @to AND outcome = 'late'`)} AS "finishedLate"
       FROM dossiers WHERE ${who(p)} AND ${RELEVANT} AND ${key} IS NOT NULL GROUP BY ${key}`,
      { ...sel(p), from: p.from, to: p.to, now: p.now },
    );
  const holdCols = `h.dossier_id AS "dossierId", h.idx, h.handler_id AS "handlerId", h.handler_name AS "handlerName",
    h.handler_unit AS "handlerUnit", h.from_at AS "fromAt", h.to_at AS "toAt", h.step_due_at AS "stepDueAt"`;
  const overdue = OVERDUE_SQL.replace(/\b(open|bucket|due_at|supplement_requests)\b/g, 'd.$1');
  return {
    byField: (p) => breakdown('field', 'field', p),
    byProcedure: (p) => breakdown('procedure_code', 'procedure_name', p),
    breakdowns: (p) => breakdowns(all, p),
    finishedProcessing: (p) =>
      all(
        `SELECT field, procedure_code AS procedure, processing_days AS days FROM dossiers
         WHERE ${who(p)} AND open = 0 AND end_at >= @from AND end_at < @to AND processing_days IS NOT NULL
           AND outcome IN ('early', 'on_time', 'late')`,
        { ...sel(p), from: p.from, to: p.to },
      ),
    holds: (p) =>
      p.unit !== null || p.units
        ? all(
            `SELECT ${holdCols}, d.open AS open, (${overdue})::int AS overdue
             FROM holds h JOIN dossiers d ON d.id = h.dossier_id
             WHERE h.dossier_id IN (SELECT dossier_id FROM holds WHERE ${who(p)} AND (to_at IS NULL OR to_at >= @from))
             ORDER BY h.dossier_id, h.idx`,
            { ...sel(p), from: p.from, now: p.now },
          )
        : all(
            `SELECT ${holdCols}, COALESCE(d.open, 0) AS open, COALESCE((${overdue})::int, 0) AS overdue
             FROM holds h LEFT JOIN dossiers d ON h.to_at IS NULL AND d.id = h.dossier_id
             WHERE h.to_at IS NULL OR h.to_at >= @from
             ORDER BY h.dossier_id, h.idx`,
            { from: p.from, now: p.now },
          ),
    officialTotals: (p) => officialTotals(all, p),
    async buckPassingByOfficial(p) {
      const rows = await all<{ id: string; n: number }>(
        `SELECT handler_id AS id, COUNT(*)::int AS n FROM buck_passing_parties
         WHERE last_at >= @from AND last_at < @to ${p.ids === null ? '' : 'AND handler_id = ANY(@ids)'} GROUP BY handler_id`,
        p.ids === null ? { from: p.from, to: p.to } : { from: p.from, to: p.to, ids: p.ids },
      );
      return new Map(rows.map((r) => [r.id, r.n]));
    },
    dailyFlows: (p) => dailyFlows(all, p),
    overdueSpans: (p) =>
      all(
        `SELECT from_at AS "from", to_at AS "to" FROM overdue_span_rows
         WHERE ${who(p)} AND from_at <= @now AND (to_at IS NULL OR to_at >= @from)`,
        { ...sel(p), from: p.from, now: p.now },
      ),
    processingHistogram: (p) =>
      all(
        `SELECT floor(processing_days)::int AS bin, COUNT(*)::int AS n FROM dossiers
         WHERE ${who(p)} AND open = 0 AND end_at >= @from AND end_at < @to AND processing_days IS NOT NULL
           AND outcome IN ('early', 'on_time', 'late')
         GROUP BY 1 ORDER BY 1`,
        { ...sel(p), from: p.from, to: p.to },
      ),
  };
}
