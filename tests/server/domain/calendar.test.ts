import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../server/domain/calendar.js';
import { loadCalendarYears } from '../../../server/config/calendar-loader.js';
import {
  dayKeyOfIndex,
  dayOfWeekOfIndex,
  MS_PER_HOUR,
  parseIsoWithOffset,
  toVnIso,
  vnDayIndex,
  vnDayStartOfIndex,
} from '../../../server/domain/time.js';

const years = loadCalendarYears();
const cal = createWorkCalendar(years);
const H = MS_PER_HOUR;

/** Epoch ms of a Vietnam wall-clock time 'YYYY-MM-DDTHH:MM'. */
function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}+07:00`);
  if (t === null) throw new Error(`bad test time ${local}`);
  return t;
}

const iso = (t: number): string => toVnIso(t).slice(0, 16);

describe('createWorkCalendar', () => {
  it('lands 3 working days after a Friday-afternoon receipt before Tết 2026 on 25/2', () => {
    // Fri 13/2 14:00–17:00 = 3 h; 14/2–22/2 off; Mon 23/2 8 h; Tue 24/2 8 h; Wed 25/2 5 h more.
    expect(iso(cal.addWorkingDays(vn('2026-02-13T14:00'), 3))).toBe('2026-02-25T14:00');
  });

  it('skips Tết 2025 (25/1–2/2)', () => {
    expect(iso(cal.addWorkingDays(vn('2025-01-24T10:00'), 1))).toBe('2025-02-03T10:00');
    expect(cal.isWorkingDay('2025-01-31')).toBe(false);
  });

  it('works Saturday 22/8/2026 and rests 29/8–2/9/2026', () => {
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    for (const d of ['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02']) {
      expect(cal.isWorkingDay(d)).toBe(false);
    }
    expect(iso(cal.addWorkingMs(vn('2026-08-21T17:00'), 4 * H))).toBe('2026-08-22T11:30');
    expect(iso(cal.addWorkingMs(vn('2026-08-28T16:00'), 2 * H))).toBe('2026-09-03T08:30');
  });

  it('works Saturday 10/1/2026 and rests 1/1–4/1/2026', () => {
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(iso(cal.addWorkingDays(vn('2026-01-09T17:00'), 1))).toBe('2026-01-10T17:00');
    expect(iso(cal.addWorkingMs(vn('2025-12-31T17:00'), 1 * H))).toBe('2026-01-05T08:30');
  });

  it('works Saturday 26/4/2025 and rests 30/4–4/5/2025', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
    expect(cal.isWorkingDay('2025-05-05')).toBe(true);
  });

  it('rests on 24/11/2026 (Ngày Văn hóa Việt Nam)', () => {
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(iso(cal.addWorkingMs(vn('2026-11-23T18:00'), 1 * H))).toBe('2026-11-25T08:30');
  });

  it('counts a receipt after office hours from the next working morning', () => {
    expect(cal.workingMsBetween(vn('2026-03-02T18:00'), vn('2026-03-03T08:30'))).toBe(1 * H);
    expect(cal.workingMsBetween(vn('2026-03-06T17:30'), vn('2026-03-09T07:30'))).toBe(0);
    expect(iso(cal.addWorkingMs(vn('2026-03-03T06:00'), 1 * H))).toBe('2026-03-03T08:30');
  });

  it('does not count the lunch break', () => {
    expect(cal.workingMsBetween(vn('2026-03-02T11:00'), vn('2026-03-02T13:30'))).toBe(1 * H);
    expect(iso(cal.addWorkingMs(vn('2026-03-02T11:00'), 1 * H))).toBe('2026-03-02T13:30');
  });

  it('lands at the end of a session rather than the start of the next one', () => {
    expect(iso(cal.addWorkingMs(vn('2026-03-02T07:30'), 8 * H))).toBe('2026-03-02T17:00');
    expect(iso(cal.addWorkingMs(vn('2026-03-02T07:30'), 4 * H))).toBe('2026-03-02T11:30');
    expect(iso(cal.addWorkingMs(vn('2026-03-02T13:30'), -30 * 60_000))).toBe('2026-03-02T11:30');
    expect(iso(cal.addWorkingMs(vn('2026-03-02T17:00'), -8 * H))).toBe('2026-02-27T17:00');
  });

  it('walks backwards with a negative amount', () => {
    expect(iso(cal.addWorkingDays(vn('2026-02-25T14:00'), -3))).toBe('2026-02-13T14:00');
    expect(iso(cal.addWorkingMs(vn('2026-03-02T13:30'), -1 * H))).toBe('2026-03-02T11:00');
  });

  it('returns a negative working time when the end is before the start', () => {
    expect(cal.workingMsBetween(vn('2026-03-03T09:00'), vn('2026-03-02T09:00'))).toBe(-8 * H);
  });

  it('returns t unchanged when adding nothing, even outside office hours', () => {
    expect(cal.addWorkingMs(vn('2026-03-07T10:00'), 0)).toBe(vn('2026-03-07T10:00'));
  });

  it('uses weekends only for years outside the data', () => {
    expect(cal.isWorkingDay('2030-01-01')).toBe(true);
    expect(cal.isWorkingDay('2030-01-05')).toBe(false);
    expect(cal.isWorkingDay('2024-12-31')).toBe(true);
    expect(iso(cal.addWorkingDays(vn('2030-01-04T10:00'), 1))).toBe('2030-01-07T10:00');
    expect(cal.workingMsBetween(vn('2024-12-30T07:30'), vn('2025-01-02T17:00'))).toBe(3 * 8 * H);
  });

  it('counts 8 working hours in a day and honours other office hours', () => {
    expect(cal.workingMsPerDay).toBe(8 * H);
    const short = createWorkCalendar(years, [{ start: '08:00', end: '12:00' }]);
    expect(short.workingMsPerDay).toBe(4 * H);
    expect(iso(short.addWorkingDays(vn('2026-03-02T10:00'), 1))).toBe('2026-03-03T10:00');
  });

  it('rejects a date listed both as a day off and as a working Saturday', () => {
    const bad = { year: 2027, daysOff: [{ date: '2027-01-02', name: 'x' }], workingSaturdays: [{ date: '2027-01-02', name: 'y' }] };
    expect(() => createWorkCalendar([bad])).toThrow(/both/);
  });

  describe('properties', () => {
    const from = vn('2024-06-01T00:00');
    const to = vn('2027-06-01T00:00');
    const instant = fc.integer({ min: from, max: to });
    const amount = fc.integer({ min: -120 * 8 * H, max: 120 * 8 * H });

    it('round-trips: the working time to addWorkingMs(t, ms) is ms', () => {
      fc.assert(
        fc.property(instant, amount, (t, ms) => cal.workingMsBetween(t, cal.addWorkingMs(t, ms)) === ms),
        { numRuns: 2000 },
      );
    });

    it('returns the earliest such instant (just after a working millisecond)', () => {
      fc.assert(
        fc.property(instant, amount, (t, ms) => {
          fc.pre(ms !== 0);
          const r = cal.addWorkingMs(t, ms);
          return cal.workingMsBetween(r - 1, r) === 1;
        }),
        { numRuns: 2000 },
      );
    });

    it('composes: adding a then b equals adding a + b', () => {
      fc.assert(
        fc.property(instant, amount, amount, (t, a, b) => {
          fc.pre(b !== 0 && a + b !== 0);
          return cal.addWorkingMs(cal.addWorkingMs(t, a), b) === cal.addWorkingMs(t, a + b);
        }),
        { numRuns: 1000 },
      );
    });

    it('agrees with a day-by-day reference count', () => {
      const off = new Set(years.flatMap((y) => y.daysOff.map((d) => d.date)));
      const worked = new Set(years.flatMap((y) => y.workingSaturdays.map((d) => d.date)));
      const sessions = [
        [7.5 * H, 11.5 * H],
        [13 * H, 17 * H],
      ];
      const reference = (a: number, b: number): number => {
        let total = 0;
        for (let d = vnDayIndex(a); d <= vnDayIndex(b); d++) {
          const key = dayKeyOfIndex(d);
          const dow = dayOfWeekOfIndex(d);
          const working = worked.has(key) || (!off.has(key) && dow !== 0 && dow !== 6);
          if (!working) continue;
          for (const [s, e] of sessions) {
            const lo = Math.max(a, vnDayStartOfIndex(d) + s);
            const hi = Math.min(b, vnDayStartOfIndex(d) + e);
            if (hi > lo) total += hi - lo;
          }
        }
        return total;
      };
      fc.assert(
        fc.property(instant, fc.integer({ min: 0, max: 60 * 86_400_000 }), (a, span) => {
          return cal.workingMsBetween(a, a + span) === reference(a, a + span);
        }),
        { numRuns: 500 },
      );
    });
  });
});
