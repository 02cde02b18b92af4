/**
 * Pure helpers of the Index page: which periods it offers, how grades are coloured, how the ranking
 * is ordered, and the indicator breakdown grouped so that group subtotals visibly add up to the total.
 */
import type { IndexGrade, IndexGroup, IndexRow, IndicatorResult, ServiceIndex } from '../../../shared/contract/service-index';
import type { Level } from '../../lib/color-scale';
import { compareVi } from '../../lib/collate';

/** The current periods the index is computed for (the API's `period`). */
export const CURRENT_INDEX_PERIODS = ['month', 'quarter', 'year'] as const;
export type CurrentIndexPeriod = (typeof CURRENT_INDEX_PERIODS)[number];

const NAMED = /^(\d{4})(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** True for `month`, `quarter`, `year` and a named month, quarter or year (`2026-11`, `2026-Q3`, `2026`). */
export function isIndexPeriod(v: string | null | undefined): v is string {
  return v != null && ((CURRENT_INDEX_PERIODS as readonly string[]).includes(v) || NAMED.test(v));
}

export interface PastPeriods {
  months: string[];
  quarters: string[];
  years: string[];
}

/**
 * Closed periods before `asOf` (a Vietnam-time ISO string, read as written: its date is the city's),
 * most recent first: `months` closed months, `quarters` closed quarters, `years` closed years.
 */
export function pastPeriods(asOf: string, counts = { months: 12, quarters: 4, years: 2 }): PastPeriods {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const months: string[] = [];
  for (let i = 1; i <= counts.months; i++) {
    const idx = year * 12 + (month - 1) - i;
    months.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  const quarter = Math.floor((month - 1) / 3);
  const quarters: string[] = [];
  for (let i = 1; i <= counts.quarters; i++) {
    const idx = year * 4 + quarter - i;
    quarters.push(`${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`);
  }
  const years = Array.from({ length: counts.years }, (_, i) => String(year - 1 - i));
  return { months, quarters, years };
}

/** Fill and text colours of each grade (colour-blind safe: blue for the best through vermillion). */
export const GRADE_FILL: Record<IndexGrade, string> = {
  excellent: '#1F5FA8',
  good: '#9DC3E6',
  fair: '#F3D9A4',
  average: '#E08E0B',
  weak: '#A63B00',
};
export const GRADE_TEXT: Record<IndexGrade, string> = {
  excellent: '#FFFFFF',
  good: '#101828',
  fair: '#101828',
  average: '#101828',
  weak: '#FFFFFF',
};

/** The map's three-level class of a grade (for its dashed "no data" outline and data-level). */
export function gradeLevel(grade: IndexGrade | null): Level {
  if (grade === null) return 'none';
  if (grade === 'excellent' || grade === 'good') return 'good';
  return grade === 'weak' ? 'bad' : 'warn';
}

export type RankingOrder = 'rank' | 'improvement';

/** Rows ordered by rank or by rank of improvement; rows without one go last, ties by name. */
export function orderRows(rows: readonly IndexRow[], order: RankingOrder): IndexRow[] {
  const key = (r: IndexRow) => (order === 'rank' ? r.rank : r.improvementRank) ?? Infinity;
  return [...rows].sort((a, b) => key(a) - key(b) || compareVi(a.name, b.name));
}

export interface BreakdownGroup {
  group: IndexGroup;
  /** The group's maximum under the 766 rule. */
  max: number;
  /** Points of its applicable indicators. */
  points: number;
  /** Maximum of its applicable indicators. */
  applicableMax: number;
  /** Points the total grants for its indicators without data (`full` rule); 0 under `scaled`. */
  grantedPoints: number;
  /** What the group adds to the sum: points + granted points, out of `subtotalMax`. */
  subtotal: number;
  /** The group's maximum under `full`, its applicable maximum under `scaled`. */
  subtotalMax: number;
  indicators: IndicatorResult[];
}

export interface Breakdown {
  groups: BreakdownGroup[];
  /** Sum of the group subtotals (under `full`, the total; under `scaled`, the points before scaling). */
  sumOfSubtotals: number;
  /** Sum of the applicable points (the computed part). */
  computedPoints: number;
  computedMax: number;
  /** Points granted for indicators without data (`full`), summed. */
  grantedPoints: number;
  /** The total as the server states it. */
  total: number;
  /** The sum of the subtotals (full) or computedPoints × 100 ÷ computedMax (scaled), 2 decimals: equals `total`. */
  recomputedTotal: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The indicators by group with their subtotals, and how the subtotals make the total: under `full`
 * the indicators without data count at their maximum (as the portal does for communes); under
 * `scaled` the applicable points are scaled to 100.
 */
export function breakdownOf(index: ServiceIndex): Breakdown {
  const full = index.rule === 'full';
  const groups: BreakdownGroup[] = index.groups.map((g) => {
    const grantedPoints = full ? round2(g.max - g.applicableMax) : 0;
    return {
      group: g.group,
      max: g.max,
      points: g.points,
      applicableMax: g.applicableMax,
      grantedPoints,
      subtotal: round2(g.points + grantedPoints),
      subtotalMax: full ? g.max : g.applicableMax,
      indicators: index.indicators.filter((i) => i.group === g.group),
    };
  });
  const computedPoints = round2(groups.reduce((n, g) => n + g.points, 0));
  const grantedPoints = round2(groups.reduce((n, g) => n + g.grantedPoints, 0));
  const sumOfSubtotals = round2(groups.reduce((n, g) => n + g.subtotal, 0));
  const recomputedTotal = full ? sumOfSubtotals : index.computedMax > 0 ? round2((computedPoints * 100) / index.computedMax) : 0;
  return { groups, sumOfSubtotals, computedPoints, computedMax: index.computedMax, grantedPoints, total: index.total, recomputedTotal };
}
