/**
 * As received vs as corrected at one moment (issue 16): how many overdue dossiers the late syncs and
 * corrections received since add to (or take from) what was shown then — a data-trust signal.
 */
import type { ReplayAsOf } from '../../../shared/contract/replay';

export interface Correction {
  /** Overdue dossiers as corrected minus as received (what was shown then). */
  diff: number;
  /** The other mode's figure (the one not on screen). */
  other: number;
}

/** The difference between the two modes, from the figure on screen and the other mode's figure. */
export function correctionOf(shownAsOf: ReplayAsOf, shown: number, other: number): Correction {
  const received = shownAsOf === 'received' ? shown : other;
  const corrected = shownAsOf === 'received' ? other : shown;
  return { diff: corrected - received, other };
}

/** The other mode, whose figure is read to compare. */
export const otherAsOf = (a: ReplayAsOf): ReplayAsOf => (a === 'received' ? 'corrected' : 'received');
