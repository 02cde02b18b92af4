/** Change of a KPI against the previous period (pure). */

export type ChangeDirection = 'up' | 'down' | 'flat';
/** good/bad when a direction is better or worse; neutral for volumes (more received is neither). */
export type ChangeTone = 'good' | 'bad' | 'neutral';

export interface KpiChange {
  /** current − previous, in the value's own unit (ratio for rates). */
  diff: number;
  direction: ChangeDirection;
  tone: ChangeTone;
}

/**
 * The change from `previous` to `current`; null when either is missing.
 * @param higherIsBetter true/false for judged metrics, null for neutral volumes.
 * @param epsilon differences at or below this count as no change (e.g. 0.0005 for ratios).
 */
export function kpiChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  higherIsBetter: boolean | null,
  epsilon = 0,
): KpiChange | null {
  if (current == null || previous == null) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const diff = current - previous;
  const direction: ChangeDirection = Math.abs(diff) <= epsilon ? 'flat' : diff > 0 ? 'up' : 'down';
  let tone: ChangeTone = 'neutral';
  if (higherIsBetter != null && direction !== 'flat') {
    tone = (direction === 'up') === higherIsBetter ? 'good' : 'bad';
  }
  return { diff, direction, tone };
}

export const ARROW: Record<ChangeDirection, string> = { up: '▲', down: '▼', flat: '■' };
