import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_TRUST_SETTINGS } from '../../../server/domain/accountability-settings.js';
import { dailyJumps, median, robustJump, type UnitDay } from '../../../server/domain/data-trust-daily.js';

const s = DEFAULT_DATA_TRUST_SETTINGS;
/** 40 working days of history: volume around 100, on-time rate around 80 %. */
const history: UnitDay[] = Array.from({ length: 40 }, (_, i) => {
  const received = 95 + (i % 11);
  const finished = 90 + (i % 7);
  return { day: i, received, finished, onTime: Math.round(finished * (0.78 + (i % 5) / 100)) };
});

describe('daily_jump', () => {
  it('median and MAD-based robust score', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const j = robustJump('volume', [10, 12, 10, 14, 10], 30, 3)!;
    expect(j.median).toBe(10);
    expect(j.mad).toBe(0);
    expect(j.score).toBeCloseTo(20 / 1.4826, 6);
  });

  it('daily_jump: a volume far above the unit’s own history is flagged', () => {
    const today: UnitDay = { day: 40, received: 400, finished: 92, onTime: 74 };
    expect(dailyJumps(today, history, s).map((j) => j.figure)).toEqual(['volume']);
  });

  it('daily_jump: an on-time rate jumping to 100 % against a history near 80 % is flagged', () => {
    const today: UnitDay = { day: 40, received: 100, finished: 95, onTime: 95 };
    const jumps = dailyJumps(today, history, s);
    expect(jumps.map((j) => j.figure)).toEqual(['on_time_rate']);
    expect(jumps[0].score).toBeGreaterThan(s.jumpK);
  });

  it('daily_jump: an ordinary day is not flagged, nor a day with too little history or too few finished', () => {
    expect(dailyJumps({ day: 40, received: 101, finished: 93, onTime: 76 }, history, s)).toEqual([]);
    expect(dailyJumps({ day: 40, received: 400, finished: 95, onTime: 95 }, history.slice(0, 10), s)).toEqual([]);
    expect(dailyJumps({ day: 40, received: 100, finished: 5, onTime: 5 }, history, s)).toEqual([]);
  });
});
