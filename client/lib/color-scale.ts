/**
 * Colour classes of the map. The palette is colour-blind safe: blue / orange / vermillion with
 * clearly different lightness (it still reads in greyscale), and every value is also shown as text
 * (tooltip, tile label, table), so colour is never the only carrier.
 */
import { HIGHER_IS_BETTER, type MetricKey } from './metrics';

export type Level = 'good' | 'warn' | 'bad' | 'none';

/** Fill colours; mirrored as CSS variables --level-* in styles/tokens.css. */
export const LEVEL_FILL: Record<Level, string> = {
  good: '#9DC3E6',
  warn: '#E08E0B',
  bad: '#A63B00',
  none: '#E4E7EC',
};

/** Text colour readable on each fill (contrast ≥ 4.5:1). */
export const LEVEL_TEXT: Record<Level, string> = {
  good: '#101828',
  warn: '#101828',
  bad: '#FFFFFF',
  none: '#344054',
};

/**
 * Two cut points. For the on-time rate and the data-trust figure (higher is better): good ≥ `good`, warn ≥ `warn`, else bad.
 * For counts (higher is worse): good ≤ `good`, warn ≤ `warn`, else bad.
 */
export interface Thresholds {
  good: number;
  warn: number;
}

/** Default cut points of the on-time rate (setting): ≥ 95% good, 85–95% warn, < 85% bad. */
export const DEFAULT_ON_TIME_THRESHOLDS: Thresholds = { good: 0.95, warn: 0.85 };

/** Cut points of the data-trust figure (0–100): ≥ 98 good, 90–98 warn, < 90 bad. */
export const DATA_TRUST_THRESHOLDS: Thresholds = { good: 98, warn: 90 };

/** Default quantiles used to cut count metrics (setting): median and 85th percentile. */
export const DEFAULT_COUNT_QUANTILES: [number, number] = [0.5, 0.85];

/** The q-quantile (0..1) of values, linear interpolation; null for an empty list. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Rounds a cut point to a number people read easily: two significant digits from 10 up
 * (1.234 → 1.200), whole numbers for counts, one decimal for small rates.
 */
export function niceCut(value: number, integer: boolean): number {
  if (!(value > 0)) return 0;
  if (value >= 10) {
    const step = Math.pow(10, Math.floor(Math.log10(value)) - 1);
    return Math.round(value / step) * step;
  }
  return integer ? Math.round(value) : Math.round(value * 10) / 10;
}

/**
 * Thresholds for a metric over the current values: fixed for the on-time rate, quantile-based
 * for counts so the map stays informative whatever the period's volume.
 */
export function thresholdsFor(
  key: MetricKey,
  values: readonly (number | null)[],
  onTime: Thresholds = DEFAULT_ON_TIME_THRESHOLDS,
  quantiles: [number, number] = DEFAULT_COUNT_QUANTILES,
): Thresholds {
  if (key === 'onTimeRate') return onTime;
  if (key === 'dataTrust') return DATA_TRUST_THRESHOLDS;
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  const integer = key !== 'overduePer1000' && key !== 'buckPassingPer1000';
  const a = niceCut(quantile(present, quantiles[0]) ?? 0, integer);
  const b = niceCut(quantile(present, quantiles[1]) ?? 0, integer);
  return { good: a, warn: Math.max(a, b) };
}

/** The colour class of one value. */
export function levelOf(key: MetricKey, value: number | null | undefined, t: Thresholds): Level {
  if (value == null || !Number.isFinite(value)) return 'none';
  if (HIGHER_IS_BETTER[key]) {
    if (value >= t.good) return 'good';
    if (value >= t.warn) return 'warn';
    return 'bad';
  }
  if (value <= t.good) return 'good';
  if (value <= t.warn) return 'warn';
  return 'bad';
}
