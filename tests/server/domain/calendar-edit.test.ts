import { describe, expect, it } from 'vitest';
import {
  calendarDayState,
  calendarMonthCounts,
  describeCalendarDay,
  emptyCalendarYear,
  sameCalendarYear,
  setCalendarDay,
} from '../../../server/domain/calendar-edit.js';
import { loadCalendarYears } from '../../../server/config/calendar-loader.js';
import type { CalendarYear } from '../../../server/domain/types.js';

const y2026 = (): CalendarYear => structuredClone(loadCalendarYears().find((y) => y.year === 2026)!);

describe('setCalendarDay', () => {
  it('adds a day off with its name, kept in date order, and says what the day was and became', () => {
    const r = setCalendarDay(y2026(), '2026-12-07', { kind: 'day_off', name: '  Nghỉ đột xuất  ' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.year.daysOff.at(-1)).toEqual({ date: '2026-12-07', name: 'Nghỉ đột xuất' });
    expect(r.year.daysOff.map((d) => d.date)).toEqual([...r.year.daysOff.map((d) => d.date)].sort());
    expect(r.before).toEqual({ kind: 'regular', name: null, compensates: null });
    expect(describeCalendarDay(r.after)).toBe('day_off: Nghỉ đột xuất');
  });

  it('removes a day off (regular), leaving every other day as it was', () => {
    const before = y2026();
    const r = setCalendarDay(before, '2026-11-24', { kind: 'regular' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.year.daysOff.map((d) => d.date)).toEqual(before.daysOff.map((d) => d.date).filter((d) => d !== '2026-11-24'));
    expect(r.year.workingSaturdays).toEqual(before.workingSaturdays);
    expect(describeCalendarDay(r.before)).toBe('day_off: Ngày Văn hóa Việt Nam');
    expect(r.after.kind).toBe('regular');
  });

  it('adds a swapped working Saturday with the day off it compensates, and removes it again', () => {
    const added = setCalendarDay(y2026(), '2026-11-28', { kind: 'working_saturday', name: 'Làm bù cho 24/11', compensates: '2026-11-24' });
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
    expect(calendarDayState(added.year, '2026-11-28')).toEqual({
      kind: 'working_saturday',
      name: 'Làm bù cho 24/11',
      compensates: '2026-11-24',
    });
    expect(describeCalendarDay(added.after)).toBe('working_saturday: Làm bù cho 24/11 (for 2026-11-24)');
    const removed = setCalendarDay(added.year, '2026-11-28', { kind: 'regular' });
    if (!removed.ok) throw new Error(JSON.stringify(removed.problems));
    expect(sameCalendarYear(removed.year, y2026())).toBe(true);
  });

  it('moves a day from one list to the other (a day is in one list at most)', () => {
    const r = setCalendarDay(y2026(), '2026-01-10', { kind: 'day_off', name: 'Nghỉ' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.year.workingSaturdays.map((d) => d.date)).toEqual(['2026-08-22']);
    expect(r.year.daysOff.some((d) => d.date === '2026-01-10')).toBe(true);
  });

  it('refuses a working day that is not a Saturday, naming the date and why', () => {
    const r = setCalendarDay(y2026(), '2026-11-27', { kind: 'working_saturday', name: 'Làm bù' });
    expect(r).toEqual({
      ok: false,
      problems: [{ field: 'date', message: '2026-11-27 is not a Saturday (a swapped working day is a Saturday)' }],
    });
  });

  it('refuses a date outside the year, an impossible date, and a day without a name', () => {
    expect(setCalendarDay(y2026(), '2027-01-01', { kind: 'day_off', name: 'Tết' })).toMatchObject({
      ok: false,
      problems: [{ field: 'date', message: expect.stringContaining('2027-01-01 is not in 2026') }],
    });
    expect(setCalendarDay(y2026(), '2026-02-30', { kind: 'day_off', name: 'Tết' })).toMatchObject({
      ok: false,
      problems: [{ field: 'date', message: '"2026-02-30" is not a calendar date YYYY-MM-DD' }],
    });
    expect(setCalendarDay(y2026(), '2026-12-07', { kind: 'day_off', name: '   ' })).toMatchObject({
      ok: false,
      problems: [{ field: 'name', message: expect.stringContaining('needs a name') }],
    });
  });

  it('refuses to compensate a day that is not a day off of the year', () => {
    const r = setCalendarDay(y2026(), '2026-11-28', { kind: 'working_saturday', name: 'Làm bù', compensates: '2026-11-25' });
    expect(r).toMatchObject({
      ok: false,
      problems: [{ field: 'compensates', message: expect.stringContaining('2026-11-25 is not a day off of 2026') }],
    });
  });

  it('refuses to remove a day off that a worked Saturday compensates, naming that Saturday', () => {
    const r = setCalendarDay(y2026(), '2026-01-02', { kind: 'regular' });
    expect(r).toMatchObject({
      ok: false,
      problems: [{ field: 'kind', message: expect.stringContaining('working Saturday 2026-01-10 compensates') }],
    });
    // Renaming it keeps it a day off: allowed.
    expect(setCalendarDay(y2026(), '2026-01-02', { kind: 'day_off', name: 'Nghỉ hoán đổi' }).ok).toBe(true);
  });

  it('starts a year that has no file from nothing', () => {
    const r = setCalendarDay(emptyCalendarYear(2027), '2027-01-01', { kind: 'day_off', name: 'Tết Dương lịch' });
    expect(r.ok && r.year).toEqual({ year: 2027, daysOff: [{ date: '2027-01-01', name: 'Tết Dương lịch' }], workingSaturdays: [] });
  });
});

describe('calendarMonthCounts', () => {
  it('counts 2026 working days per month: weekdays not off, plus worked Saturdays', () => {
    const months = calendarMonthCounts(y2026());
    // January 2026: 22 weekdays, minus 1/1 and 2/1 (Thu, Fri), plus Saturday 10/1 worked = 21.
    expect(months[0]).toEqual({ month: 1, workingDays: 21, daysOff: 4, workingSaturdays: 1 });
    // February 2026: 20 weekdays, minus Tết 16–20/2 (Mon–Fri) = 15.
    expect(months[1]).toMatchObject({ month: 2, workingDays: 15, daysOff: 9 });
    // November 2026: 21 weekdays, minus 24/11 (Tue) = 20.
    expect(months[10]).toMatchObject({ month: 11, workingDays: 20, daysOff: 1, workingSaturdays: 0 });
    expect(months.reduce((n, m) => n + m.workingDays, 0)).toBe(261 - 14 + 2);
  });

  it('counts only weekends off for a year without a file', () => {
    expect(calendarMonthCounts(emptyCalendarYear(2027)).reduce((n, m) => n + m.workingDays, 0)).toBe(261);
  });
});
