/**
 * Comparing two moments (issue 16, `&compare=`): which is A (the earlier) and B, the diverging colour
 * of a change in overdue dossiers (blue: fewer, red: more; a colour-blind-safe palette), and the
 * units that got worse most.
 */
import type { ReplayChangeRow } from '../../../shared/contract/replay';

/** Blue (fewer overdue) through neutral to red (more overdue). */
export const DIVERGING = ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'] as const;

/** A before B, whichever order the URL gives them in; null when they are the same instant. */
export function orderMoments(at: number, compare: number): { from: number; to: number } | null {
  if (at === compare) return null;
  return at < compare ? { from: at, to: compare } : { from: compare, to: at };
}

/** The colour of a change, scaled by the largest change in either direction (`maxAbs`). */
export function divergingColor(change: number, maxAbs: number): string {
  if (change === 0 || maxAbs <= 0) return DIVERGING[2];
  const strong = Math.abs(change) > maxAbs / 2;
  if (change < 0) return strong ? DIVERGING[0] : DIVERGING[1];
  return strong ? DIVERGING[4] : DIVERGING[3];
}

/** The `n` rows that got worse most (an increase only), in the server's order. */
export function worsened(rows: readonly ReplayChangeRow[], n: number): ReplayChangeRow[] {
  return rows.filter((r) => r.change > 0).slice(0, n);
}

/** The largest change either way (the colour scale's end). */
export function maxAbsChange(rows: readonly ReplayChangeRow[]): number {
  return rows.reduce((m, r) => Math.max(m, Math.abs(r.change)), 0);
}
