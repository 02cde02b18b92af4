import { describe, expect, it } from 'vitest';
import { LIVE_WINDOW_DAYS, periodWindow, previousWindow, previousWindowToDate, windowDays } from '../../../server/metrics/periods.js';
import { vnDayIndex } from '../../../server/domain/time.js';
import { vn } from './factories.js';

const DAY_MS = 86_400_000;

describe('periodWindow', () => {
  it('starts the week on Monday 00:00 Vietnam time', () => {
    // Sunday 23:30 in Hanoi is still the week of Monday 17 November.
    const w = periodWindow('week', vn('2025-11-23T23:30'));
    expect(w).toEqual({ period: 'week', from: vn('2025-11-17T00:00'), to: vn('2025-11-24T00:00') });
  });

  it('rolls the week at Vietnam midnight, which is 17:00 UTC on Sunday', () => {
    const mondayVn = vn('2025-11-24T00:00');
    expect(new Date(mondayVn).toISOString()).toBe('2025-11-23T17:00:00.000Z');
    expect(periodWindow('week', mondayVn).from).toBe(mondayVn);
    expect(periodWindow('week', mondayVn - 1).from).toBe(vn('2025-11-17T00:00'));
  });

  it('gives today as the Vietnam calendar day, not the UTC one', () => {
    // 06:59 Vietnam time is 23:59 UTC of the previous day.
    const w = periodWindow('today', vn('2025-11-20T06:59'));
    expect(w).toEqual({ period: 'today', from: vn('2025-11-20T00:00'), to: vn('2025-11-21T00:00') });
  });

  it('gives the quarter of October–December for a November instant', () => {
    const w = periodWindow('quarter', vn('2025-11-20T10:00'));
    expect(w).toEqual({ period: 'quarter', from: vn('2025-10-01T00:00'), to: vn('2026-01-01T00:00') });
  });

  it('gives month and year as calendar periods in Vietnam time', () => {
    const now = vn('2025-12-31T23:59');
    expect(periodWindow('month', now)).toEqual({ period: 'month', from: vn('2025-12-01T00:00'), to: vn('2026-01-01T00:00') });
    expect(periodWindow('year', now)).toEqual({ period: 'year', from: vn('2025-01-01T00:00'), to: vn('2026-01-01T00:00') });
    expect(periodWindow('year', vn('2026-01-01T00:00')).from).toBe(vn('2026-01-01T00:00'));
  });

  it('makes live the 30 Vietnam days ending with today', () => {
    const w = periodWindow('live', vn('2025-11-20T10:00'));
    expect(w.to).toBe(vn('2025-11-21T00:00'));
    expect(w.from).toBe(vn('2025-10-22T00:00'));
    expect((w.to - w.from) / DAY_MS).toBe(LIVE_WINDOW_DAYS);
  });
});

describe('previousWindow', () => {
  const now = vn('2026-01-15T09:00');

  it('gives the previous period of the same kind, across a year boundary', () => {
    expect(previousWindow('today', now)).toMatchObject({ from: vn('2026-01-14T00:00'), to: vn('2026-01-15T00:00') });
    expect(previousWindow('week', now)).toMatchObject({ from: vn('2026-01-05T00:00'), to: vn('2026-01-12T00:00') });
    expect(previousWindow('month', now)).toMatchObject({ from: vn('2025-12-01T00:00'), to: vn('2026-01-01T00:00') });
    expect(previousWindow('quarter', now)).toMatchObject({ from: vn('2025-10-01T00:00'), to: vn('2026-01-01T00:00') });
    expect(previousWindow('year', now)).toMatchObject({ from: vn('2025-01-01T00:00'), to: vn('2026-01-01T00:00') });
  });

  it('gives the 30 days before the live window', () => {
    const cur = periodWindow('live', now);
    expect(previousWindow('live', now)).toEqual({ period: 'live', from: cur.from - 30 * DAY_MS, to: cur.from });
  });
});

describe('previousWindowToDate', () => {
  it('takes as many days of the previous period as the current one has had, today included', () => {
    // Wednesday 2 December: the first two days of November, the first three of last week.
    const now = vn('2026-12-02T09:00');
    expect(previousWindowToDate('month', now)).toMatchObject({ from: vn('2026-11-01T00:00'), to: vn('2026-11-03T00:00') });
    expect(previousWindowToDate('week', now)).toMatchObject({ from: vn('2026-11-23T00:00'), to: vn('2026-11-26T00:00') });
    expect(previousWindowToDate('quarter', now)).toMatchObject({ from: vn('2026-07-01T00:00'), to: vn('2026-09-02T00:00') });
    expect(previousWindowToDate('year', now)).toMatchObject({ from: vn('2025-01-01T00:00'), to: vn('2025-12-03T00:00') });
  });

  it('stops at the end of a shorter previous period (31 March against February)', () => {
    expect(previousWindowToDate('month', vn('2026-03-31T23:59'))).toMatchObject({
      from: vn('2026-02-01T00:00'),
      to: vn('2026-03-01T00:00'),
    });
  });

  it('leaves today and live as whole previous windows', () => {
    const now = vn('2026-12-02T09:00');
    expect(previousWindowToDate('today', now)).toEqual(previousWindow('today', now));
    expect(previousWindowToDate('live', now)).toEqual(previousWindow('live', now));
  });
});

describe('windowDays', () => {
  it('maps a window to Vietnam day indexes', () => {
    const w = periodWindow('week', vn('2025-11-20T10:00'));
    const r = windowDays(w);
    expect(r.fromDay).toBe(vnDayIndex(vn('2025-11-17T00:00')));
    expect(r.toDay - r.fromDay).toBe(7);
  });
});
