import { describe, expect, it } from 'vitest';
import { PeriodError, previousNamedPeriod, resolvePeriod } from '../../../server/metrics/named-periods.js';
import { vn } from './factories.js';

const window = (name: string, now: number) => {
  const p = resolvePeriod(name, now);
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), current: p.current, kind: p.kind };
};
const NOW = vn('2026-12-04T10:30');

describe('a period named in `period`', () => {
  it('reads 2026-10 as October in Vietnam time, closed', () => {
    expect(window('2026-10', NOW)).toEqual({
      from: '2026-09-30T17:00:00.000Z',
      to: '2026-10-31T17:00:00.000Z',
      current: null,
      kind: 'month',
    });
  });
  it('reads 2026-Q3 as July to September and 2026 as the whole year', () => {
    expect(window('2026-Q3', NOW)).toMatchObject({ from: '2026-06-30T17:00:00.000Z', to: '2026-09-30T17:00:00.000Z', kind: 'quarter' });
    expect(window('2025', NOW)).toMatchObject({ from: '2024-12-31T17:00:00.000Z', to: '2025-12-31T17:00:00.000Z', kind: 'year' });
  });
  it('is the current period when it holds now (2026, 2026-Q4, 2026-12 in December 2026)', () => {
    expect(resolvePeriod('2026', NOW).current).toBe('year');
    expect(resolvePeriod('2026-Q4', NOW).current).toBe('quarter');
    expect(resolvePeriod('2026-12', NOW).current).toBe('month');
  });
  it('refuses a month that does not exist, naming it', () => {
    expect(() => resolvePeriod('2026-13', NOW)).toThrow(PeriodError);
    expect(() => resolvePeriod('2026-13', NOW)).toThrow(/month 13 does not exist/);
    expect(() => resolvePeriod('2026-00', NOW)).toThrow(/month 00/);
  });
  it('refuses a period that has not begun', () => {
    expect(() => resolvePeriod('2027-01', NOW)).toThrow(/has not begun/);
    expect(() => resolvePeriod('2027', NOW)).toThrow(/has not begun/);
  });
  it('refuses anything else, listing what it accepts', () => {
    expect(() => resolvePeriod('lastmonth', NOW)).toThrow(
      /expected one of live, today, week, month, quarter, year, or YYYY-MM, YYYY-Qn, YYYY/,
    );
    expect(() => resolvePeriod('2026-Q5', NOW)).toThrow(PeriodError);
  });
  it('still accepts the current periods by their names', () => {
    expect(resolvePeriod('month', NOW)).toMatchObject({ current: 'month', kind: 'month', from: vn('2026-12-01T00:00') });
  });
});

describe('named periods at the edges of time', () => {
  it('at midnight starting December, 2026-12 has begun and is current; November is closed', () => {
    const midnight = vn('2026-12-01T00:00');
    expect(resolvePeriod('2026-12', midnight).current).toBe('month');
    expect(resolvePeriod('2026-11', midnight).current).toBeNull();
  });
  it('in the last millisecond of November, 2026-12 has not begun and November is current', () => {
    const last = vn('2026-12-01T00:00') - 1;
    expect(() => resolvePeriod('2026-12', last)).toThrow(/has not begun/);
    expect(resolvePeriod('2026-11', last).current).toBe('month');
  });
  it('on a day off (Sunday 29 November 2026) the month is the whole calendar month, not working days', () => {
    const sunday = vn('2026-11-29T09:00');
    expect(resolvePeriod('month', sunday)).toMatchObject({ from: vn('2026-11-01T00:00'), to: vn('2026-12-01T00:00') });
  });
  it('at month end, a 31-day month ends at the next month’s first midnight', () => {
    expect(resolvePeriod('2026-10', NOW).to - resolvePeriod('2026-10', NOW).from).toBe(31 * 86_400_000);
  });
});

describe('the previous named period', () => {
  it('crosses the year for January and the first quarter', () => {
    expect(previousNamedPeriod(resolvePeriod('2026-01', NOW)).name).toBe('2025-12');
    expect(previousNamedPeriod(resolvePeriod('2026-Q1', NOW)).name).toBe('2025-Q4');
    expect(previousNamedPeriod(resolvePeriod('month', NOW))).toMatchObject({ name: '2026-11', current: null });
  });
});
