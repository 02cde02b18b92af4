/**
 * The officials' counts of a unit page (or the city's) in SQL, one row per official
 * (metrics/breakdowns.ts OfficialHoldTotals): a city month is 50–80k holds, and building a JS object
 * for each cost more than the scan (issue 15). The same rules as foldHoldTotals for both engines
 * (read-repo.ts, item-store/pg-detail-reads.ts): one set of sums, each engine its form of the grouping.
 */

/** How an engine lists one column of a group's rows where `cond` holds, as a JSON array ('[]' when none). */
export type JsonListOf = (col: string, cond: string) => string;

/** A step finished in the window [@from, @to). */
const DONE = 'to_at >= @from AND to_at < @to';
const countOf = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
/** A column of the official's first hold in (dossier, step) order, the one the fold names them from. */
const firstOf = (col: string) => `MAX(CASE WHEN rn = 1 THEN ${col} END)`;

/** The counts and lists of one official's rows (columns named as in `holds`, `open`/`overdue` the dossier's flags). */
function totalsOf(open: string, overdue: string, listOf: JsonListOf): string {
  return `COUNT(*) AS holds,
      ${countOf(`to_at IS NULL AND ${open} <> 0`)} AS "holdingNow",
      ${countOf(`to_at IS NULL AND ${open} <> 0 AND ${overdue} <> 0`)} AS "overdueHeldNow",
      ${countOf(DONE)} AS "stepsDone",
      ${countOf(`${DONE} AND step_due_at IS NOT NULL`)} AS "stepsTimed",
      ${countOf(`${DONE} AND to_at <= step_due_at`)} AS "stepsOnTime",
      ${listOf('from_at', DONE)} AS "doneFrom", ${listOf('to_at', DONE)} AS "doneTo"`;
}

/**
 * Per official over the holds `fromWhere` selects (a FROM … WHERE over `holds h` and `dossiers d`,
 * as the engine's holds query), with `open` and `overdue` the dossier's flags (0/1, null when not
 * looked up). Rows in order of each official's first hold; `doneFrom`/`doneTo` as JSON arrays.
 * PostgreSQL's form: the first hold found by a window function.
 */
export function officialTotalsSql(fromWhere: string, flags: { open: string; overdue: string }, listOf: JsonListOf): string {
  return `WITH sel AS (
      SELECT h.dossier_id, h.idx, h.handler_id, h.handler_name, h.handler_unit, h.from_at, h.to_at, h.step_due_at,
        ${flags.open} AS open, ${flags.overdue} AS overdue,
        ROW_NUMBER() OVER (PARTITION BY h.handler_id ORDER BY h.dossier_id, h.idx) AS rn
      ${fromWhere}
    )
    SELECT handler_id AS id, ${firstOf('handler_name')} AS name, ${firstOf('handler_unit')} AS unit,
      ${totalsOf('open', 'overdue', listOf)}
    FROM sel GROUP BY handler_id
    ORDER BY ${firstOf('dossier_id')}, ${firstOf('idx')}`;
}

/**
 * officialTotalsSql in one grouped pass, SQLite's form (a third less CPU than the window function,
 * which walked the holds through the handler index): the name and unit are bare columns, which SQLite
 * takes from the row of the query's only min(): the first hold, by a key ordered as (dossier, step).
 * The group key is `+h.handler_id` so that the holds are scanned in table order, then sorted.
 */
export function officialTotalsSqlite(fromWhere: string, flags: { open: string; overdue: string }): string {
  return `SELECT h.handler_id AS id, h.handler_name AS name, h.handler_unit AS unit,
      MIN(h.dossier_id || char(1) || printf('%010d', h.idx)) AS firstKey,
      ${totalsOf(flags.open, flags.overdue, (col, cond) => `json_group_array(${col}) FILTER (WHERE ${cond})`)}
    ${fromWhere}
    GROUP BY +h.handler_id ORDER BY firstKey`;
}
