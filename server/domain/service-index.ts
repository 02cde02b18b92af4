/**
 * The national service index (Chỉ số phục vụ, Decision 766/QĐ-TTg) of one scope and period, from its
 * counts (service-index-facts.ts), by DOMAIN.md's formulas. Pure: no I/O, settings passed in.
 *
 * Threshold rule: ratio ≥ threshold → full points, else ratio × max ÷ threshold; 2 decimals. A plain
 * "ratio × max" indicator is the rule with threshold 1.
 */
import type {
  GradeCutoffs,
  GroupResult,
  IndexGrade,
  IndexGroup,
  IndicatorId,
  IndicatorResult,
  NotApplicableReason,
  ServiceIndex,
} from '../../shared/contract/service-index.js';
import { INDEX_GROUPS } from '../../shared/contract/service-index.js';
import type { IndexCounts } from './service-index-facts.js';
import type { ServiceIndexSettings } from './service-index-settings.js';

/** Maximum points of each group (they add up to 100). */
export const GROUP_MAX: Readonly<Record<IndexGroup, number>> = Object.freeze({
  transparency: 18,
  progress: 20,
  online: 12,
  payment: 10,
  digitisation: 22,
  satisfaction: 18,
});

/**
 * One side of an indicator as counts: the dossiers of count `of`, less those of count `minus` (a
 * subset of them). Declared, not computed, so that the drill to the dossiers behind a count
 * (db/service-index-drill.ts) selects exactly the dossiers this sums.
 */
export interface CountTerm {
  of: keyof IndexCounts;
  minus?: keyof IndexCounts;
}

export interface ComputableDef {
  id: IndicatorId;
  group: IndexGroup;
  max: number;
  threshold: number;
  numerator: CountTerm;
  denominator: CountTerm;
}

/** The number of dossiers a count term stands for. */
export const countOf = (t: CountTerm, c: IndexCounts): number => c[t.of] - (t.minus === undefined ? 0 : c[t.minus]);

/** The indicators dossier data can compute (DOMAIN.md's table), in the portal's order. */
export const COMPUTABLE_DEFS: readonly ComputableDef[] = [
  {
    id: 'progress_on_time',
    group: 'progress',
    max: 20,
    threshold: 1,
    numerator: { of: 'progressOnTime' },
    denominator: { of: 'progressTotal' },
  },
  { id: 'online_dossiers', group: 'online', max: 12, threshold: 0.5, numerator: { of: 'receivedOnline' }, denominator: { of: 'received' } },
  { id: 'online_payment', group: 'payment', max: 10, threshold: 1, numerator: { of: 'paidOnline' }, denominator: { of: 'feeDossiers' } },
  {
    id: 'electronic_result',
    group: 'digitisation',
    max: 6,
    threshold: 1,
    numerator: { of: 'electronicResult' },
    denominator: { of: 'electronicResultKnown' },
  },
  {
    id: 'digitised_dossier',
    group: 'digitisation',
    max: 4,
    threshold: 0.8,
    numerator: { of: 'digitised' },
    denominator: { of: 'digitisedKnown' },
  },
  {
    id: 'digitised_data_reuse',
    group: 'digitisation',
    max: 2,
    threshold: 0.8,
    numerator: { of: 'reuse' },
    denominator: { of: 'reuseKnown' },
  },
  {
    id: 'personal_data_store',
    group: 'digitisation',
    max: 4,
    threshold: 1,
    numerator: { of: 'personalStore' },
    denominator: { of: 'personalStoreKnown' },
  },
  {
    id: 'population_data',
    group: 'digitisation',
    max: 2,
    threshold: 1,
    numerator: { of: 'population' },
    denominator: { of: 'populationKnown' },
  },
  {
    id: 'dossier_satisfaction',
    group: 'satisfaction',
    max: 6,
    threshold: 0.9,
    numerator: { of: 'satisfactionKnown', minus: 'satisfactionBad' },
    denominator: { of: 'satisfactionKnown' },
  },
];

interface CatalogueDef {
  id: IndicatorId;
  group: IndexGroup;
  max: number;
  reason: NotApplicableReason;
}

/**
 * Indicators no dossier can compute. DOMAIN.md's digitisation group has 22 points but its dossier
 * formulas and e-certified copies account for 20: the other 2 are catalogue-level criteria (the
 * share of procedures offered online with payment integrated), shown here as not computable.
 */
export const CATALOGUE_DEFS: readonly CatalogueDef[] = [
  { id: 'transparency', group: 'transparency', max: 18, reason: 'catalogue_data' },
  { id: 'digitisation_catalogue', group: 'digitisation', max: 2, reason: 'catalogue_data' },
  { id: 'e_certified_copies', group: 'digitisation', max: 2, reason: 'catalogue_data' },
  { id: 'petitions_on_time', group: 'satisfaction', max: 6, reason: 'petition_data' },
  { id: 'petitions_satisfaction', group: 'satisfaction', max: 6, reason: 'petition_data' },
];

/**
 * Rounds to 2 decimals, half away from zero, without binary drift (0.125 → 0.13; 78.985, stored as
 * 78.98499999…, → 78.99): a nudge of 1e-9 hundredths, far below any real difference of points
 * (ratios of counts × at most 100), and far above the drift of one multiplication.
 */
export function round2(x: number): number {
  const hundredths = Math.round(Math.abs(x) * 100 + 1e-9);
  return x < 0 ? -hundredths / 100 : hundredths / 100;
}

/** Points under the threshold rule: full at or above the threshold, else ratio × max ÷ threshold. */
export function thresholdPoints(ratio: number, max: number, threshold: number): number {
  if (ratio >= threshold) return max;
  return round2((ratio * max) / threshold);
}

function computable(def: ComputableDef, c: IndexCounts): IndicatorResult {
  const numerator = countOf(def.numerator, c);
  const denominator = countOf(def.denominator, c);
  const base = { id: def.id, group: def.group, max: def.max, threshold: def.threshold, numerator, denominator };
  if (denominator <= 0) return { ...base, applicable: false, reason: 'no_data', ratio: null, points: null };
  const ratio = numerator / denominator;
  return { ...base, applicable: true, reason: null, ratio, points: thresholdPoints(ratio, def.max, def.threshold) };
}

/** Every indicator of the index from a scope's counts: the computable ones, then the catalogue ones. */
export function indicatorResults(c: IndexCounts): IndicatorResult[] {
  const out = COMPUTABLE_DEFS.map((d) => computable(d, c));
  for (const d of CATALOGUE_DEFS) {
    out.push({
      id: d.id,
      group: d.group,
      max: d.max,
      threshold: 1,
      applicable: false,
      reason: d.reason,
      numerator: null,
      denominator: null,
      ratio: null,
      points: null,
    });
  }
  return out;
}

/** The grade of a total: Xuất sắc, Tốt, Khá, Trung bình at or above their cut-offs, else Yếu. */
export function gradeOf(total: number, cutoffs: GradeCutoffs): IndexGrade {
  if (total >= cutoffs.excellent) return 'excellent';
  if (total >= cutoffs.good) return 'good';
  if (total >= cutoffs.fair) return 'fair';
  if (total >= cutoffs.average) return 'average';
  return 'weak';
}

/**
 * The total out of 100 from the applicable indicators' points: `full` adds the maximum of every
 * indicator without points (the portal's rule for communes); `scaled` scales the computed points to
 * 100 (0 when nothing is computable).
 */
export function totalUnderRule(computedPoints: number, computedMax: number, rule: ServiceIndexSettings['noDataRule']): number {
  if (rule === 'full') return round2(computedPoints + (100 - computedMax));
  return computedMax === 0 ? 0 : round2((computedPoints * 100) / computedMax);
}

function groupResults(indicators: readonly IndicatorResult[]): GroupResult[] {
  return INDEX_GROUPS.map((group) => {
    let points = 0;
    let applicableMax = 0;
    for (const i of indicators) {
      if (i.group !== group || !i.applicable) continue;
      points += i.points as number;
      applicableMax += i.max;
    }
    return { group, max: GROUP_MAX[group], points: round2(points), applicableMax };
  });
}

/** A scope's whole index for one period. */
export function serviceIndex(c: IndexCounts, settings: ServiceIndexSettings): ServiceIndex {
  const indicators = indicatorResults(c);
  let computedPoints = 0;
  let computedMax = 0;
  for (const i of indicators) {
    if (!i.applicable) continue;
    computedPoints += i.points as number;
    computedMax += i.max;
  }
  computedPoints = round2(computedPoints);
  const total = totalUnderRule(computedPoints, computedMax, settings.noDataRule);
  return {
    indicators,
    groups: groupResults(indicators),
    computedPoints,
    computedMax,
    total,
    rule: settings.noDataRule,
    grade: gradeOf(total, settings.gradeCutoffs),
  };
}

/**
 * Competition ranks (1, 2, 2, 4) by `value`, best first; ties share a rank. Null values get null.
 */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => b.v - a.v);
  const ranks: (number | null)[] = values.map(() => null);
  order.forEach((x, k) => {
    ranks[x.i] = k > 0 && order[k - 1].v === x.v ? ranks[order[k - 1].i] : k + 1;
  });
  return ranks;
}
