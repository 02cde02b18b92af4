/**
 * The national service index (Chỉ số phục vụ, Decision 766/QĐ-TTg) on the wire: one scope's
 * indicators with their counts and points, and the ranking of every unit and department.
 * Pure: this file imports nothing. The rules are in server/domain/service-index.ts and DOMAIN.md.
 */

/** The six groups of the index and their maximum points (they add up to 100). */
export const INDEX_GROUPS = ['transparency', 'progress', 'online', 'payment', 'digitisation', 'satisfaction'] as const;
export type IndexGroup = (typeof INDEX_GROUPS)[number];

/** Indicators that dossier data can compute, per unit and period. */
export const COMPUTABLE_INDICATORS = [
  'progress_on_time',
  'online_dossiers',
  'online_payment',
  'electronic_result',
  'digitised_dossier',
  'digitised_data_reuse',
  'personal_data_store',
  'population_data',
  'dossier_satisfaction',
] as const;

/** Indicators that need catalogue or petition data this product does not receive. */
export const CATALOGUE_INDICATORS = [
  'transparency',
  'digitisation_catalogue',
  'e_certified_copies',
  'petitions_on_time',
  'petitions_satisfaction',
] as const;

export type IndicatorId = (typeof COMPUTABLE_INDICATORS)[number] | (typeof CATALOGUE_INDICATORS)[number];

/**
 * Why an indicator gives no points of its own: `catalogue_data`, it needs data about procedures or
 * the commune (publication, catalogue, e-certified copies) that no dossier carries; `petition_data`,
 * it needs citizen petitions (PAKN), not received; `no_data`, dossier data could compute it but no
 * dossier of the period has the fields it needs (absent fields are unknown, never false).
 */
export type NotApplicableReason = 'catalogue_data' | 'petition_data' | 'no_data';

/** How indicators without points count in the total (setting `noDataRule`). */
export type NoDataRule = 'full' | 'scaled';

/** Xuất sắc, Tốt, Khá, Trung bình, Yếu (best first). */
export const INDEX_GRADES = ['excellent', 'good', 'fair', 'average', 'weak'] as const;
export type IndexGrade = (typeof INDEX_GRADES)[number];

export interface IndicatorResult {
  id: IndicatorId;
  group: IndexGroup;
  /** Maximum points. */
  max: number;
  /** Ratio at or above which the indicator gives full points; 1 for a plain ratio × max. */
  threshold: number;
  /** False when the indicator gives no points of its own (see `reason`). */
  applicable: boolean;
  reason: NotApplicableReason | null;
  /** Dossiers counted above the line; null when not applicable for catalogue or petition data. */
  numerator: number | null;
  /** Dossiers counted below the line (those whose fields are known); null likewise. */
  denominator: number | null;
  /** numerator ÷ denominator; null when not applicable. */
  ratio: number | null;
  /** Points under the threshold rule, 2 decimals; null when not applicable. */
  points: number | null;
}

export interface GroupResult {
  group: IndexGroup;
  max: number;
  /** Points of its applicable indicators, 2 decimals. */
  points: number;
  /** Maximum of its applicable indicators. */
  applicableMax: number;
}

/** One scope's index for one period. */
export interface ServiceIndex {
  indicators: IndicatorResult[];
  groups: GroupResult[];
  /** Points of the applicable indicators, 2 decimals. */
  computedPoints: number;
  /** Maximum of the applicable indicators. */
  computedMax: number;
  /** Total out of 100 under `rule`, 2 decimals. */
  total: number;
  rule: NoDataRule;
  grade: IndexGrade;
}

/** The period an index answer is about. */
export interface IndexWindow {
  /** The `period` value as asked (`month`, `2026-10`, `2026-Q3`, `2026`, …). */
  period: string;
  kind: 'month' | 'quarter' | 'year';
  /** Vietnam-time ISO bounds, [from, to). */
  from: string;
  to: string;
  /** The current period (its figures still move) or a closed one. */
  current: boolean;
}

/** One unit's, department's or the city's place in the ranking. */
export interface IndexRow {
  code: string;
  /**
   * `unit` (ward, commune, special zone), `department` or (national packs) `province`: peers are ranked
   * among themselves; a national pack's communes among the communes of their province.
   */
  kind: 'unit' | 'department' | 'province' | 'city';
  name: string;
  /** Null when the period had nothing to judge (no dossier): a total of untouched maxima would be a false claim. */
  total: number | null;
  grade: IndexGrade | null;
  computedPoints: number;
  computedMax: number;
  /** 1 = best among its peers; ties share a rank. Null for the city. */
  rank: number | null;
  /** Total minus the previous period's total; null when the previous period had no data. */
  change: number | null;
  /** 1 = most improved among its peers; null when `change` is null. */
  improvementRank: number | null;
  /** Dossiers in the period (the progress indicator's denominator). */
  dossiers: number;
  /** The national portal's published figure for the same scope and period, when imported. */
  portal: PortalFigure | null;
}

/**
 * A figure published by the national portal (dichvucong.gov.vn), stored by `npm run index:import`,
 * beside ours. The portal recomputes once a day, so during the day the two may differ.
 */
export interface PortalFigure {
  total: number;
  /** Group points as published; a group the file left empty is absent. */
  groups: Partial<Record<IndexGroup, number>>;
  /** Our total minus the portal's, 2 decimals; null when ours is null. */
  difference: number | null;
  /** |difference| above the setting `portalDifferenceLimit` (default 2 points). */
  flagged: boolean;
  /**
   * The groups the file gave whose points differ from ours (by 0.01 or more), largest |difference| first;
   * empty when our total is null. Our group points are under the setting `noDataRule`, like our total:
   * `full` counts an indicator without points at its maximum (so `transparency`, which no dossier can
   * compute, is 18 on our side); `scaled` scales the group's computed points to its maximum, and a
   * group with nothing computed is left out.
   */
  differingGroups: { group: IndexGroup; ours: number; portal: number; difference: number }[];
  /** When the file was imported (ISO), and its name. */
  importedAt: string;
  source: string;
}

/** GET /api/v1/index?period= */
export interface IndexRankingResponse {
  asOf: string;
  window: IndexWindow;
  previous: Omit<IndexWindow, 'current'>;
  rule: NoDataRule;
  /** Grade cut-offs in force (points): Xuất sắc ≥ excellent, Tốt ≥ good, Khá ≥ fair, Trung bình ≥ average. */
  gradeCutoffs: GradeCutoffs;
  /** Points by which our total may differ from the portal's before a row is `portal.flagged` (setting, default 2). */
  portalDifferenceLimit: number;
  city: IndexRow | null;
  /**
   * Every unit the caller may see; in a national pack the communes of `?province=`, and at country level
   * none for a caller who sees the country (the provinces rank there) unless `?units=all`.
   */
  units: IndexRow[];
  departments: IndexRow[];
  /** National packs only: the provinces ranked among the country's provinces. */
  provinces?: IndexRow[];
}

export interface GradeCutoffs {
  excellent: number;
  good: number;
  fair: number;
  average: number;
}

/** GET /api/v1/units/:code/index, /departments/:code/index, /units/city/index */
export interface ScopeIndexResponse {
  asOf: string;
  window: IndexWindow;
  scope: string;
  row: IndexRow;
  index: ServiceIndex;
  /** The previous period's index, for the change; null when it had no data. */
  previous: ServiceIndex | null;
  gradeCutoffs: GradeCutoffs;
  /** As in IndexRankingResponse: the limit behind `row.portal.flagged`. */
  portalDifferenceLimit: number;
}
