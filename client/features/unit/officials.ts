/**
 * Accountability of handling officials: who is slow and who is involved in buck-passing cases.
 * Pure: ordering and badges from the API's OfficialRow.
 */
import type { OfficialRow } from '../../../shared/contract/api';
import { compareVi } from '../../lib/collate';

/** Below this share of steps done within their allotted time an official is flagged slow. */
export const SLOW_STEP_ON_TIME_SHARE = 0.8;

export type OfficialBadge = 'overdue' | 'slow' | 'buckPassing';

/** Badges of an official: holding overdue dossiers now, slow steps, involved in buck-passing cases (đùn đẩy). */
export function officialBadges(row: OfficialRow): OfficialBadge[] {
  const badges: OfficialBadge[] = [];
  if (row.overdueHeldNow > 0) badges.push('overdue');
  if (row.stepOnTimeShare !== null && row.stepOnTimeShare < SLOW_STEP_ON_TIME_SHARE) badges.push('slow');
  if (row.buckPassingCases > 0) badges.push('buckPassing');
  return badges;
}

const desc = (a: number, b: number): number => b - a;
/** Ascending, unknown (null) last. */
const ascNullLast = (a: number | null, b: number | null): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);
/** Descending, unknown (null) last. */
const descNullLast = (a: number | null, b: number | null): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a);

/**
 * Worst first: most overdue dossiers held now, then most buck-passing cases, then lowest step on-time share,
 * then longest median hold, then most held now; ties by name.
 */
export function compareOfficialsWorstFirst(a: OfficialRow, b: OfficialRow): number {
  return (
    desc(a.overdueHeldNow, b.overdueHeldNow) ||
    desc(a.buckPassingCases, b.buckPassingCases) ||
    ascNullLast(a.stepOnTimeShare, b.stepOnTimeShare) ||
    descNullLast(a.medianHoldDays, b.medianHoldDays) ||
    desc(a.holdingNow, b.holdingNow) ||
    compareVi(a.name, b.name)
  );
}

/** A sorted copy, worst first (see {@link compareOfficialsWorstFirst}). */
export function officialsWorstFirst(rows: readonly OfficialRow[]): OfficialRow[] {
  return [...rows].sort(compareOfficialsWorstFirst);
}
