/**
 * Processing-time histogram: 0.1-working-day bins. Counting integers per bin (instead of keeping
 * every duration) is what makes the incremental engine, a restart and the from-scratch oracle give
 * EXACTLY the same median and p90: integer adds and subtracts commute, floating sums do not.
 */

/** Bin width: one tenth of a working day. */
export const BINS_PER_WORKING_DAY = 10;
/** Durations of this many working days or more share the last (overflow) bin. */
export const HISTOGRAM_CAP_WORKING_DAYS = 120;
/** Index of the overflow bin. */
export const OVERFLOW_BIN = HISTOGRAM_CAP_WORKING_DAYS * BINS_PER_WORKING_DAY;
/** Number of bins, overflow included. */
export const HISTOGRAM_BINS = OVERFLOW_BIN + 1;

// Working days come from integer milliseconds divided by 28,800,000; a duration of exactly k tenths
// can land a hair below k after the division. The nearest other duration (1 ms away) is 3.5e-7 bins
// away, so this nudge fixes the rounding without ever moving a value into the next bin.
const ROUNDING_NUDGE = 1e-7;

/**
 * The bin of a processing time in working days: floor(days × 10), clamped to [0, OVERFLOW_BIN].
 * Negative durations (bad data: end before receipt) fall in bin 0.
 */
export function processingBin(workingDays: number): number {
  if (!(workingDays > 0)) return 0;
  const bin = Math.floor(workingDays * BINS_PER_WORKING_DAY + ROUNDING_NUDGE);
  return bin > OVERFLOW_BIN ? OVERFLOW_BIN : bin;
}

/** The lower edge of a bin, in working days (0.1 steps; the overflow bin gives the cap). */
export function binLowerEdge(bin: number): number {
  return bin / BINS_PER_WORKING_DAY;
}

/** 1-based nearest rank of the q-quantile among n values: ⌈q·n⌉, with q given in tenths. */
export function nearestRank(n: number, qTenths: number): number {
  // Integer form of ceil(n × q / 10), free of floating rounding.
  return Math.max(1, Math.floor((n * qTenths + 9) / 10));
}

/**
 * The q-quantile (nearest-rank: the ⌈q·n⌉-th smallest value) of the durations counted in a dense
 * histogram, as that bin's lower edge in working days; null when the histogram is empty.
 * `total` is the number of values counted (the sum of the bins). O(HISTOGRAM_BINS).
 */
export function histogramQuantile(bins: ArrayLike<number>, total: number, qTenths: number): number | null {
  if (total <= 0) return null;
  const rank = nearestRank(total, qTenths);
  let seen = 0;
  for (let bin = 0; bin < bins.length; bin++) {
    seen += bins[bin];
    if (seen >= rank) return binLowerEdge(bin);
  }
  return binLowerEdge(bins.length - 1);
}
