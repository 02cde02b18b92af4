/**
 * The settings of DOMAIN.md's national service index (Decision 766/QĐ-TTg), with their defaults: how
 * indicators without points count in the total, and the grade cut-offs. One object, passed in like
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
}

export const DEFAULT_SERVICE_INDEX_SETTINGS: ServiceIndexSettings = Object.freeze({
  noDataRule: 'full',
  gradeCutoffs: Object.freeze({ excellent: 90, good: 80, fair: 70, average: 50 }),
});
