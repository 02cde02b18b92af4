/**
 * Reporting windows in Vietnam time. Every window is a whole number of Vietnam days, so a flow fact
 * (received, finished, …) belongs to a window exactly when its Vietnam day index does; the engine
 * works on day indexes and the windows below are the single definition of the periods.
 */
import { MS_PER_DAY, dayKeyOfIndex, vnDayIndex, vnNextPeriodStart, vnPeriodStart, vnStartOfDay } from '../domain/time.js';
import type { VnPeriod } from '../domain/time.js';
import type { OnTimeRateBasis, Period, PeriodWindow } from './types.js';

/** Length of the rolling `live` flow window, in Vietnam days (today and the 29 days before it). */
export const LIVE_WINDOW_DAYS = 30;

const CALENDAR_PERIOD: Record<Exclude<Period, 'live'>, VnPeriod> = {
  today: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/**
 * The current window of `period` at `now` (epoch ms), [from, to) in epoch ms.
 * `today`, `week` (Monday 00:00), `month`, `quarter`, `year`: the calendar period containing now,
 * in Vietnam time. `live`: the last LIVE_WINDOW_DAYS Vietnam days, today included.
 */
export function periodWindow(period: Period, now: number): PeriodWindow {
  if (period === 'live') {
    const startOfToday = vnStartOfDay(now);
    return { period, from: startOfToday - (LIVE_WINDOW_DAYS - 1) * MS_PER_DAY, to: startOfToday + MS_PER_DAY };
  }
  const kind = CALENDAR_PERIOD[period];
  return { period, from: vnPeriodStart(now, kind), to: vnNextPeriodStart(now, kind) };
}

/**
 * The window of the same kind just before the current one (yesterday, last week, last month, …;
 * for `live`, the 30 days before the current 30), for "change vs previous period".
 */
export function previousWindow(period: Period, now: number): PeriodWindow {
  const current = periodWindow(period, now);
  if (period === 'live') {
    return { period, from: current.from - LIVE_WINDOW_DAYS * MS_PER_DAY, to: current.from };
  }
  // The last millisecond of the previous period lies in it; windows are contiguous.
  return periodWindow(period, current.from - 1);
}

/**
 * The same elapsed part of the previous window ("cùng kỳ"): as many Vietnam days from its start as the
 * current window has had so far, today included, and no more than it has. A count of a period still
 * running (received so far this month) is compared with this, not with the whole previous period,
 * which on the 2nd of a month would show a fall of nearly everything. `today` and `live` are whole
 * days already: the same as previousWindow.
 */
export function previousWindowToDate(period: Period, now: number): PeriodWindow {
  const previous = previousWindow(period, now);
  if (period === 'today' || period === 'live') return previous;
  const elapsedDays = vnDayIndex(now) - vnDayIndex(periodWindow(period, now).from) + 1;
  // Vietnam keeps no daylight saving time: its days are all MS_PER_DAY long.
  return { period, from: previous.from, to: Math.min(previous.to, previous.from + elapsedDays * MS_PER_DAY) };
}

/**
 * The on-time rate's rule per period. Short periods (today, this week) count finished dossiers plus
 * those that became overdue in the window: with the whole overdue backlog in the denominator, a day
 * off (nothing finished) would read 0 % everywhere. Longer ones follow DVCQG: every dossier overdue at
 * the window's end (now, for the current one).
 */
export function onTimeRateBasis(period: Period): OnTimeRateBasis {
  return period === 'today' || period === 'week' ? 'new' : 'backlog';
}

/**
 * The Vietnam day index of the last working day before `day` (within `lookBackDays`), or null: on a day
 * off, the day whose figures a leader is offered instead of an empty "today".
 */
export function lastWorkingDayBefore(day: number, isWorkingDay: (key: string) => boolean, lookBackDays = 31): number | null {
  for (let d = day - 1; d >= day - lookBackDays; d--) if (isWorkingDay(dayKeyOfIndex(d))) return d;
  return null;
}

/**
 * The previous window up to the same instant ("cùng kỳ", to the minute): as long from its start as the
 * current window has run. At 10:30 today that is yesterday 00:00–10:30; on the 3rd at 10:30, the 1st to
 * the 3rd 10:30 of last month. Counts of a period still running compare with this; never longer than
 * the previous window (31 March against February).
 */
export function previousWindowSameTime(period: Period, now: number): PeriodWindow {
  const previous = previousWindow(period, now);
  const elapsed = now - periodWindow(period, now).from;
  return { period, from: previous.from, to: Math.min(previous.to, previous.from + elapsed) };
}

/** A window as Vietnam day indexes: days d with fromDay ≤ d < toDay. */
export interface DayRange {
  fromDay: number;
  toDay: number;
}

/** The day indexes covered by a window (windows start and end at Vietnam midnight). */
export function windowDays(window: PeriodWindow): DayRange {
  return { fromDay: vnDayIndex(window.from), toDay: vnDayIndex(window.to) };
}
