/**
 * A scope's index headline (total, grade, computed points and maximum) from its counts: the one
 * definition behind the REST ranking's rows (http/service-index-view.ts) and the live channel's
 * figures (realtime/hub.ts). Pure.
 */
import type { IndexFigure } from '../../shared/contract/live-index.js';
import type { ServiceIndex } from '../../shared/contract/service-index.js';
import type { IndexCounts } from './service-index-facts.js';
import type { ServiceIndexSettings } from './service-index-settings.js';
import { serviceIndex } from './service-index.js';

/** Whether a scope had anything to judge in the period: without it, no indicator is computable. */
export const hasIndexData = (c: IndexCounts): boolean => c.progressTotal > 0 || c.received > 0;

/** The headline of a scored index; total and grade are null when there was nothing to judge. */
export function figureOfIndex(index: ServiceIndex, has: boolean): IndexFigure {
  return {
    total: has ? index.total : null,
    grade: has ? index.grade : null,
    computedPoints: index.computedPoints,
    computedMax: index.computedMax,
  };
}

/** The headline of a scope's counts, scored under `settings`. */
export const indexFigure = (c: IndexCounts, settings: ServiceIndexSettings): IndexFigure =>
  figureOfIndex(serviceIndex(c, settings), hasIndexData(c));

export const sameFigure = (a: IndexFigure, b: IndexFigure): boolean =>
  a.total === b.total && a.grade === b.grade && a.computedPoints === b.computedPoints && a.computedMax === b.computedMax;

/** Whether two scopes' counts are the same (a score computed from one holds for the other). */
export function sameIndexCounts(a: IndexCounts, b: IndexCounts): boolean {
  for (const k in a) if (a[k as keyof IndexCounts] !== b[k as keyof IndexCounts]) return false;
  return true;
}
