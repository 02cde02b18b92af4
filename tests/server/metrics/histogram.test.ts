import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BINS, OVERFLOW_BIN, histogramQuantile, processingBin } from '../../../server/metrics/histogram.js';

describe('processingBin', () => {
  it('puts an exact number of tenths of a working day in its own bin despite float division', () => {
    const msPerDay = 8 * 3_600_000;
    for (let tenths = 0; tenths <= 300; tenths++) {
      const ms = (tenths * msPerDay) / 10;
      expect(processingBin(ms / msPerDay)).toBe(tenths);
      expect(processingBin((ms - 1) / msPerDay)).toBe(Math.max(0, tenths - 1));
    }
  });

  it('clamps negative durations to bin 0 and long ones to the overflow bin', () => {
    expect(processingBin(-3)).toBe(0);
    expect(processingBin(120)).toBe(OVERFLOW_BIN);
    expect(processingBin(5000)).toBe(OVERFLOW_BIN);
  });
});

describe('histogramQuantile', () => {
  it('returns the nearest-rank value as the lower edge of its bin', () => {
    const bins = new Int32Array(HISTOGRAM_BINS);
    // Values 0.3, 0.3, 1.2, 2.5 working days.
    bins[3] = 2;
    bins[12] = 1;
    bins[25] = 1;
    expect(histogramQuantile(bins, 4, 5)).toBe(0.3); // 2nd of 4
    expect(histogramQuantile(bins, 4, 9)).toBe(2.5); // 4th of 4
  });

  it('is null for an empty histogram', () => {
    expect(histogramQuantile(new Int32Array(HISTOGRAM_BINS), 0, 5)).toBeNull();
  });
});
