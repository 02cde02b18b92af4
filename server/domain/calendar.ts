/**
 * Working-time arithmetic over the official calendar (DOMAIN.md › Working calendar).
 *
 * Model: a monotone "working clock" W(t) = working milliseconds elapsed since 1970-01-01 (Vietnam
 * time), signed. It is flat outside office sessions and on days off, and rises 1 ms per ms inside
 * sessions. Then
 *   - workingMsBetween(a, b) = W(b) − W(a)  (so it is negative when b < a);
 *   - addWorkingMs(t, ms)    = the EARLIEST instant x with W(x) = W(t) + ms (t itself when ms = 0).
 * "Earliest" settles every boundary case the same way, in both directions: a result that falls
 * exactly between two sessions is the END of the earlier session, never the start of the next one
 * (07:30 Mon + 8 h = 17:00 Mon; 17:00 Mon − 8 h = 17:00 of the previous working day, whose
 * working-time distance to 17:00 Mon is exactly 8 h). An instant outside office hours reads the
 * same as the end of the last session before it, so a receipt after hours counts from the next
 * working morning without special cases.
 *
 * Speed: W is computed from a per-day prefix count of working days P(d) (d = day index in Vietnam
 * time), which is a typed-array lookup inside the years the data covers and a closed-form weekday
 * count outside them; the inverse finds the day by galloping + binary search over P. No Date
 * objects and no per-call allocation.
 */
import {
  dayOfWeekOfIndex,
  daysFromCivil,
  MS_PER_DAY as MS_PER_DAY_IMPORT,
  MS_PER_MINUTE,
  parseDayKey,
  vnDayIndex,
  VN_OFFSET_MS as VN_OFFSET_IMPORT,
} from './time.js';
import { DEFAULT_DOMAIN_SETTINGS } from './types.js';
import type { CalendarYear, DomainSettings, WorkCalendar } from './types.js';

// Local copies: imported bindings become getter calls under tsx/vitest, and these sit in the hottest loop.
const MS_PER_DAY = MS_PER_DAY_IMPORT;
const VN_OFFSET_MS = VN_OFFSET_IMPORT;

/** Parses 'HH:MM' into milliseconds after midnight; throws RangeError if malformed. */
function parseClock(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) !== 0)) {
    throw new RangeError(`Office hour must be "HH:MM": ${JSON.stringify(s)}`);
  }
  return (Number(m[1]) * 60 + Number(m[2])) * MS_PER_MINUTE;
}

/** Weekdays (Mon–Fri) in the day-index range [0, d); negative for d < 0. */
function weekdaysBefore(d: number): number {
  // Day 4 (1970-01-05) is a Monday; days 0 and 1 (Thu, Fri) are the 2 weekdays before it.
  const o = d - 4;
  const weeks = Math.floor(o / 7);
  const r = o - 7 * weeks;
  return 2 + 5 * weeks + (r < 5 ? r : 5);
}

// Long by design: one closure over the calendar's precomputed day tables and the short methods
// that read them.
/**
 * Builds a working calendar from official years (days off, swapped working Saturdays) and office
 * sessions ("HH:MM" in Vietnam time). Days outside the given years follow the plain rule: Monday to
 * Friday are working days. Throws RangeError on an invalid date, a date listed both as off and as
 * working, or overlapping/unsorted sessions.
 */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function createWorkCalendar(
  years: readonly CalendarYear[],
  officeHours: DomainSettings['officeHours'] = DEFAULT_DOMAIN_SETTINGS.officeHours,
): WorkCalendar {
  const sessionStart: number[] = [];
  const sessionEnd: number[] = [];
  for (const { start, end } of officeHours) {
    const s = parseClock(start);
    const e = parseClock(end);
    const prevEnd = sessionEnd.length > 0 ? sessionEnd[sessionEnd.length - 1] : 0;
    if (e <= s || s < prevEnd) {
      throw new RangeError(`Office sessions must be increasing and non-overlapping: ${start}–${end}`);
    }
    sessionStart.push(s);
    sessionEnd.push(e);
  }
  const sessionCount = sessionStart.length;
  if (sessionCount === 0) throw new RangeError('At least one office session is required');
  let msPerDay = 0;
  for (let i = 0; i < sessionCount; i++) msPerDay += sessionEnd[i] - sessionStart[i];
  const lastSessionEnd = sessionEnd[sessionCount - 1];

  // Dense window over the years the data covers; outside it only weekends are days off.
  const yearNumbers = years.map((y) => y.year);
  const base = yearNumbers.length > 0 ? daysFromCivil(Math.min(...yearNumbers), 1, 1) : 0;
  const end = yearNumbers.length > 0 ? daysFromCivil(Math.max(...yearNumbers) + 1, 1, 1) : 0;
  const windowDays = end - base;
  const working = new Uint8Array(windowDays);
  for (let i = 0; i < windowDays; i++) {
    const dow = dayOfWeekOfIndex(base + i);
    working[i] = dow === 0 || dow === 6 ? 0 : 1;
  }
  const seen = new Map<number, string>();
  const mark = (year: number, date: string, value: 0 | 1, list: string): void => {
    const d = parseDayKey(date);
    if (d === null) throw new RangeError(`Calendar ${year} ${list}: not a date: ${JSON.stringify(date)}`);
    if (!date.startsWith(`${year}-`)) throw new RangeError(`Calendar ${year} ${list}: ${date} is not in ${year}`);
    const previous = seen.get(d);
    if (previous !== undefined && previous !== list) {
      throw new RangeError(`Calendar: ${date} is listed both in daysOff and in workingSaturdays`);
    }
    seen.set(d, list);
    working[d - base] = value;
  };
  for (const y of years) {
    for (const { date } of y.daysOff) mark(y.year, date, 0, 'daysOff');
    for (const { date } of y.workingSaturdays) mark(y.year, date, 1, 'workingSaturdays');
  }
  // prefix[i] = working days in [base, base + i).
  const prefix = new Int32Array(windowDays + 1);
  for (let i = 0; i < windowDays; i++) prefix[i + 1] = prefix[i] + working[i];
  const weekdaysAtBase = weekdaysBefore(base);
  const adjustmentAfterWindow = prefix[windowDays] - (weekdaysBefore(end) - weekdaysAtBase);

  /** Working days in [0, d) (signed). */
  const workingDaysBefore = (d: number): number => {
    if (d <= base) return weekdaysBefore(d);
    if (d >= end) return weekdaysBefore(d) + adjustmentAfterWindow;
    return weekdaysAtBase + prefix[d - base];
  };

  const isWorkingIndex = (d: number): boolean => {
    if (d >= base && d < end) return working[d - base] === 1;
    const dow = dayOfWeekOfIndex(d);
    return dow !== 0 && dow !== 6;
  };

  /** Working ms of a working day elapsed at `msOfDay` after midnight. */
  const elapsedInDay = (msOfDay: number): number => {
    let w = 0;
    for (let i = 0; i < sessionCount; i++) {
      if (msOfDay <= sessionStart[i]) break;
      w += (msOfDay < sessionEnd[i] ? msOfDay : sessionEnd[i]) - sessionStart[i];
    }
    return w;
  };

  /** Earliest ms after midnight at which `w` (0 < w ≤ msPerDay) working ms of the day have elapsed. */
  const positionInDay = (w: number): number => {
    for (let i = 0; i < sessionCount; i++) {
      const len = sessionEnd[i] - sessionStart[i];
      if (w <= len) return sessionStart[i] + w;
      w -= len;
    }
    return lastSessionEnd;
  };

  /** The working clock W(t), ms. */
  const clock = (t: number): number => {
    const d = Math.floor((t + VN_OFFSET_MS) / MS_PER_DAY);
    const before = workingDaysBefore(d) * msPerDay;
    if (!isWorkingIndex(d)) return before;
    return before + elapsedInDay(t + VN_OFFSET_MS - d * MS_PER_DAY);
  };

  /** The working day with ordinal k (i.e. workingDaysBefore(day) = k), searching from `hint`. */
  const dayWithOrdinal = (k: number, hint: number): number => {
    // Find lo < hi with P(lo) ≤ k < P(hi), then bisect for the smallest hi; that day − 1 is it.
    let lo = hint;
    let hi: number;
    let step = 1;
    if (workingDaysBefore(lo) > k) {
      hi = lo;
      lo -= step;
      while (workingDaysBefore(lo) > k) {
        hi = lo;
        step *= 2;
        lo -= step;
      }
    } else {
      hi = lo + 1;
      while (workingDaysBefore(hi) <= k) {
        lo = hi;
        step *= 2;
        hi += step;
      }
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (workingDaysBefore(mid) <= k) lo = mid;
      else hi = mid;
    }
    return hi - 1;
  };

  /** Earliest instant whose working clock reads `target`; `hintDay` is a day index near the answer. */
  const instantAt = (target: number, hintDay: number): number => {
    const k = Math.floor(target / msPerDay);
    const rem = target - k * msPerDay;
    // A reading on a whole number of days is first reached at the end of the previous working day.
    const ordinal = rem === 0 ? k - 1 : k;
    const guess = hintDay + Math.round(((ordinal - workingDaysBefore(hintDay)) * 7) / 5);
    const day = dayWithOrdinal(ordinal, guess);
    const msOfDay = rem === 0 ? lastSessionEnd : positionInDay(rem);
    return day * MS_PER_DAY - VN_OFFSET_MS + msOfDay;
  };

  const addWorkingMs = (t: number, ms: number): number => {
    if (!Number.isFinite(t) || !Number.isFinite(ms)) throw new RangeError(`addWorkingMs(${t}, ${ms}): not finite`);
    if (ms === 0) return t;
    return instantAt(clock(t) + ms, vnDayIndex(t));
  };

  return {
    workingMsPerDay: msPerDay,
    isWorkingDay(day: string): boolean {
      const d = parseDayKey(day);
      if (d === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(day)}`);
      return isWorkingIndex(d);
    },
    workingMsBetween(a: number, b: number): number {
      return clock(b) - clock(a);
    },
    addWorkingMs,
    addWorkingDays(t: number, days: number): number {
      return addWorkingMs(t, days * msPerDay);
    },
  };
}
