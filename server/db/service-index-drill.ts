/**
 * The dossiers behind one side of a service index indicator, as an SQL condition on the dossiers
 * table: each count of IndexCounts (domain/service-index-facts.ts) is the set of dossier rows the
 * closed-period counts sum (service-index-repo.ts, the same conditions), and an indicator's side is
 * the count term its definition declares (domain/service-index.ts COMPUTABLE_DEFS). So the list's
 * total is the count shown beside the indicator, for the current period as for a closed one.
 * Written so that SQLite and PostgreSQL both take it (the item stores' lists): every condition is a
 * truth value, never an integer standing for one.
 */
import { COUNT_OF_BIT, type IndexCounts } from '../domain/service-index-facts.js';
import { COMPUTABLE_DEFS, type CountTerm } from '../domain/service-index.js';
import type { IndicatorId } from '../../shared/contract/service-index.js';
import { spanHoldsSql } from './read-repo.js';
import { ENDED_AFTER_SQL, OPEN_NOW_AT_SQL, RECEIVED_IN_SQL, SATISFACTION_BAD_SQL, endedInSql, indexBitSql } from './service-index-repo.js';

/** Open at the window's last instant @at (the closed counts' openAtEnd). */
const OPEN_AT_END = `(${OPEN_NOW_AT_SQL} OR ${ENDED_AFTER_SQL})`;
/**
 * Overdue at @at by the dossier's stored overdue spans (db/migrations/012: in its own row or in
 * overdue_spans, never both), the per-dossier form of read-repo.ts overdueAt.
 */
const OVERDUE_AT_END = `(${spanHoldsSql('overdue_from', 'end_at')}
  OR EXISTS (SELECT 1 FROM overdue_spans s WHERE s.dossier_id = dossiers.id AND ${spanHoldsSql('s.from_at', 's.to_at')}))`;

/**
 * Not `condition`, where a null (a comparison with an empty column) counts as false — as the
 * counts' TOTAL(…) counts it — so it is not dropped as SQL's NOT NULL would. `0 = 1` is false in
 * both engines (SQLite: 0; PostgreSQL: a boolean, where a bare 0 would not be one).
 */
const not = (condition: string) => `NOT COALESCE(${condition}, 0 = 1)`;

/** An index bit as a truth value (`indexBitSql` is the integer the closed counts sum). */
export const asTruth = (sql: string) => sql.replace(/\(\(index_bits >> (\d+)\) & 1\)/g, '(((index_bits >> $1) & 1) = 1)');

const receivedWith = (condition: string) => `(${RECEIVED_IN_SQL} AND ${condition})`;

/** The dossier rows a count sums (metrics/index-counts.ts buildIndexCounts over the repo's queries). */
export function countSql(count: keyof IndexCounts): string {
  switch (count) {
    case 'progressOnTime':
      return `(${endedInSql('early')} OR ${endedInSql('on_time')} OR (${OPEN_AT_END} AND ${not(OVERDUE_AT_END)}))`;
    case 'progressTotal':
      return `(${endedInSql('early')} OR ${endedInSql('on_time')} OR ${endedInSql('late')} OR ${OPEN_AT_END})`;
    case 'received':
      return RECEIVED_IN_SQL;
    case 'receivedOnline':
      return receivedWith(`channel = 'online'`);
    case 'satisfactionBad':
      return receivedWith(asTruth(SATISFACTION_BAD_SQL));
    default: {
      const k = COUNT_OF_BIT.indexOf(count);
      if (k < 0) throw new Error(`no dossier condition for the count ${count}`);
      return receivedWith(asTruth(indexBitSql(k)));
    }
  }
}

/** The dossier rows of a count term: those of its count, less those of the subtracted one. */
export const termSql = (t: CountTerm): string =>
  t.minus === undefined ? countSql(t.of) : `(${countSql(t.of)} AND ${not(countSql(t.minus))})`;

export type DrillSide = 'numerator' | 'denominator';

/** The indicators a drill can open: those dossier data can compute. */
export const DRILLABLE_INDICATORS: readonly IndicatorId[] = COMPUTABLE_DEFS.map((d) => d.id);

/**
 * The condition and parameters selecting the dossiers counted in one side of an indicator over the
 * window [from, to) (`at`, its last instant: open and overdue at its end); satisfaction is judged at
 * the list's @now, as the counts are.
 */
export function drillWhere(
  indicator: IndicatorId,
  side: DrillSide,
  w: { from: number; to: number },
): { where: string; params: Record<string, number> } {
  const def = COMPUTABLE_DEFS.find((d) => d.id === indicator);
  if (def === undefined) throw new Error(`the indicator ${indicator} is not computed from dossiers`);
  return { where: `(unit IS NOT NULL AND ${termSql(def[side])})`, params: { from: w.from, to: w.to, at: w.to - 1 } };
}
