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

/** One class of the map's diverging legend: what it means, its colour and the changes it covers (inclusive). */
export interface DivergingClass {
  kind: 'muchFewer' | 'fewer' | 'same' | 'more' | 'muchMore';
  color: string;
  min: number;
  max: number;
}

/**
 * The legend's classes for integer changes scaled by `maxAbs`, as {@link divergingColor} draws them
 * (strong past half the largest change), leaving out the classes no change can fall in.
 */
export function divergingClasses(maxAbs: number): DivergingClass[] {
  const half = Math.floor(maxAbs / 2);
  const out: DivergingClass[] = [];
  if (maxAbs > 0) out.push({ kind: 'muchFewer', color: DIVERGING[0], min: -maxAbs, max: -(half + 1) });
  if (half >= 1) out.push({ kind: 'fewer', color: DIVERGING[1], min: -half, max: -1 });
  out.push({ kind: 'same', color: DIVERGING[2], min: 0, max: 0 });
  if (half >= 1) out.push({ kind: 'more', color: DIVERGING[3], min: 1, max: half });
  if (maxAbs > 0) out.push({ kind: 'muchMore', color: DIVERGING[4], min: half + 1, max: maxAbs });
  return out;
}

/** Dark text on the pale colours, white on the two strong ends (contrast ≥ 4.5:1 on each). */
export function divergingInk(fill: string): string {
  return fill === DIVERGING[0] || fill === DIVERGING[4] ? '#FFFFFF' : '#101828';
}

/** A place's change on the map: its row (null: not in the answer), fill and ink. */
export interface ChangeView {
  row: ReplayChangeRow | null;
  fill: string;
  ink: string;
}

/**
 * Each place's colour by its change, keyed by code (`unit:<code>` rows only, or `department:` with
 * `prefix`); a place the answer leaves out gets no entry (drawn as "no data").
 */
export function changeViews(rows: readonly ReplayChangeRow[], prefix = 'unit:'): Map<string, ChangeView> {
  const max = maxAbsChange(rows.filter((r) => r.scope.startsWith(prefix)));
  const out = new Map<string, ChangeView>();
  for (const r of rows) {
    if (!r.scope.startsWith(prefix)) continue;
    const fill = divergingColor(r.change, max);
    out.set(r.scope.slice(prefix.length), { row: r, fill, ink: divergingInk(fill) });
  }
  return out;
}
