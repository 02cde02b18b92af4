/**
 * The settings of DOMAIN.md's national service index (Decision 766/QĐ-TTg), with their defaults: how
 * indicators without points count in the total, the grade cut-offs, and how far our total may
 * stray from the national portal's before it is flagged. One object, passed in like
 * AccountabilitySettings, so the scoring stays pure and testable.
 */
import type { GradeCutoffs, NoDataRule } from '../../shared/contract/service-index.js';

export interface ServiceIndexSettings {
  /**
   * Indicators that give no points of their own (catalogue or petition data, or no dossier with the
   * fields): `full`, they count at their maximum, as the national portal does for communes' criteria
   * that do not apply to them (default); `scaled`, the total is the computed points scaled to 100.
   */
  noDataRule: NoDataRule;
  /**
   * Lowest total of each grade. Xuất sắc ≥ 90 and Yếu < 50 are confirmed by DOMAIN.md; the middle
   * cut-offs (Tốt 80, Khá 70) are settings the revision of Decision 766 may change.
   */
  gradeCutoffs: GradeCutoffs;
  /**
   * Points by which our total may differ from the national portal's published one (npm run
   * index:import) before the row is flagged: a difference above it, not at it (default 2). The portal
   * recomputes once a day, so a live figure drifts from it during the day by design.
   */
  portalDifferenceLimit: number;
}

export const DEFAULT_SERVICE_INDEX_SETTINGS: ServiceIndexSettings = Object.freeze({
  noDataRule: 'full',
  gradeCutoffs: Object.freeze({ excellent: 90, good: 80, fair: 70, average: 50 }),
  portalDifferenceLimit: 2,
});
