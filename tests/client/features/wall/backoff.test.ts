import { describe, expect, it } from 'vitest';
import { backoffDelayMs, WALL_BACKOFF } from '../../../../client/features/wall/backoff';

describe('backoffDelayMs', () => {
  const mid = () => 0.5; // no jitter

  it('doubles from 1 s and stops growing at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelayMs(a, WALL_BACKOFF, mid))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000,
    ]);
  });

  it('spreads each delay by ±20 % so screens do not retry in step, never above the cap', () => {
    expect(backoffDelayMs(1, WALL_BACKOFF, () => 0)).toBe(1_600);
    expect(backoffDelayMs(1, WALL_BACKOFF, () => 0.999999)).toBe(2_400);
    expect(backoffDelayMs(8, WALL_BACKOFF, () => 0.999999)).toBe(10_000);
    expect(backoffDelayMs(8, WALL_BACKOFF, () => 0)).toBe(8_000);
  });

  it('stays finite after thousands of attempts (days of outage) and for nonsense attempts', () => {
    expect(backoffDelayMs(5_000, WALL_BACKOFF, mid)).toBe(10_000);
    expect(backoffDelayMs(-3, WALL_BACKOFF, mid)).toBe(1_000);
  });
});
