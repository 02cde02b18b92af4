import { describe, expect, it } from 'vitest';
import { levelOf, niceCut, quantile, thresholdsFor, DEFAULT_ON_TIME_THRESHOLDS } from '../../../client/lib/color-scale';

describe('levelOf', () => {
  it.each([
    [0.95, 'good'],
    [0.999, 'good'],
    [0.949, 'warn'],
    [0.85, 'warn'],
    [0.849, 'bad'],
    [null, 'none'],
  ] as const)('on-time rate %s is %s with the default thresholds', (value, level) => {
    expect(levelOf('onTimeRate', value, DEFAULT_ON_TIME_THRESHOLDS)).toBe(level);
  });

  it('treats higher counts as worse', () => {
    const t = { good: 2, warn: 10 };
    expect(levelOf('overdue', 0, t)).toBe('good');
    expect(levelOf('overdue', 2, t)).toBe('good');
    expect(levelOf('overdue', 3, t)).toBe('warn');
    expect(levelOf('overdue', 11, t)).toBe('bad');
  });
});

describe('thresholdsFor', () => {
  it('uses the configured on-time thresholds', () => {
    expect(thresholdsFor('onTimeRate', [0.5, 0.9], { good: 0.9, warn: 0.8 })).toEqual({ good: 0.9, warn: 0.8 });
  });

  it('cuts counts at rounded quantiles of the current values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    const t = thresholdsFor('overdue', [...values, null]);
    expect(t).toEqual({ good: 51, warn: 85 });
  });

  it('keeps all-zero counts good', () => {
    const t = thresholdsFor('overdue', [0, 0, 0]);
    expect(levelOf('overdue', 0, t)).toBe('good');
  });
});

describe('quantile and niceCut', () => {
  it('interpolates', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
  });
  it('rounds to readable cut points', () => {
    expect(niceCut(1234, true)).toBe(1200);
    expect(niceCut(2.5, true)).toBe(3);
    expect(niceCut(2.46, false)).toBe(2.5);
    expect(niceCut(0, true)).toBe(0);
  });
});
