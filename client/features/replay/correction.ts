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

/**
 * Each unit's correction at one moment, from the overdue dossiers of both modes' overview answers
 * (the same definition as the unit page's sentence); a unit missing from either answer is left out.
 */
export function unitCorrections(
  shownAsOf: ReplayAsOf,
  shown: Readonly<Record<string, { overdue: number }>>,
  other: Readonly<Record<string, { overdue: number }>>,
): Map<string, Correction> {
  const out = new Map<string, Correction>();
  for (const [code, m] of Object.entries(shown)) {
    const o = other[code];
    if (o) out.set(code, correctionOf(shownAsOf, m.overdue, o.overdue));
  }
  return out;
}

/** How many units have figures corrected since (the two modes differ). */
export function correctedCount(corrections: ReadonlyMap<string, Correction>): number {
  let n = 0;
  for (const c of corrections.values()) if (c.diff !== 0) n++;
  return n;
}
