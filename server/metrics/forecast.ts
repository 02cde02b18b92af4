/**
 * The exact forecast's instants and its on-time rate (shared/contract/early-warning.ts): how many open
 * dossiers will be overdue at the end of today, at the close of office on the next working day and at
 * the end of this week if none of them is finished, and the period's on-time rate judged at its end
 * then. Pure: the instant, the calendar and the counts in.
 *
 * Every instant makes sense on a day off, at midnight and at month end: "today" is the Vietnam day of
 * `now` (a Saturday too); the next working day is the first working day after today by the calendar
 * (Monday from a Friday evening, a Saturday or a Sunday; the day after a holiday); the week is the
 * `week` period's (Monday to Sunday, so on a Sunday it ends with today); the period's end is its
 * window's last millisecond, as the metrics judge a period.
 */
import { dayKeyOfIndex, toVnIso, vnDayIndex } from '../domain/time.js';
import type { WorkCalendar } from '../domain/types.js';
import { closeInstantOf } from '../domain/forecast.js';
import type { ForecastHorizons } from '../../shared/contract/early-warning.js';
import { onTimeRateBasis, periodWindow } from './periods.js';
import type { OnTimeRateBasis, Period, ScopeMetrics } from './types.js';

/** The forecast's instants at `now`, with the Vietnam days the counters are keyed by. */
export interface Horizons {
  now: number;
  /** Today: its day index and its last millisecond. */
  today: { day: number; at: number };
  /** The next working day after today and its close of office; `tomorrow` when it is today + 1. */
  nextWorkingDay: { day: number; close: number; tomorrow: boolean };
  /** Sunday of this week and its last millisecond. */
  week: { day: number; at: number };
  /** The requested period: its first and last day, its last millisecond, and its on-time rate's basis. */
  periodEnd: { period: Period; basis: OnTimeRateBasis; fromDay: number; lastDay: number; at: number };
}

/** A year of days off in a row does not happen; past it the next day is taken as working. */
const MAX_DAYS_OFF_IN_A_ROW = 62;

/** The first working day after day `day` (by the calendar's data: weekends, holidays, swapped Saturdays). */
export function nextWorkingDayAfter(day: number, calendar: WorkCalendar): number {
  for (let d = day + 1; d <= day + MAX_DAYS_OFF_IN_A_ROW; d++) if (calendar.isWorkingDay(dayKeyOfIndex(d))) return d;
  return day + 1;
}

/** The forecast's instants at `now` for `period`; `closeMsOfDay` is the close of office after midnight. */
export function forecastHorizons(now: number, period: Period, calendar: WorkCalendar, closeMsOfDay: number): Horizons {
  const today = vnDayIndex(now);
  const next = nextWorkingDayAfter(today, calendar);
  const week = periodWindow('week', now);
  const w = periodWindow(period, now);
  return {
    now,
    today: { day: today, at: periodWindow('today', now).to - 1 },
    nextWorkingDay: { day: next, close: closeInstantOf(next, closeMsOfDay), tomorrow: next === today + 1 },
    week: { day: vnDayIndex(week.to - 1), at: week.to - 1 },
    periodEnd: { period, basis: onTimeRateBasis(period), fromDay: vnDayIndex(w.from), lastDay: vnDayIndex(w.to - 1), at: w.to - 1 },
  };
}

/** The horizons on the wire. */
export function horizonsWire(h: Horizons): ForecastHorizons {
  const at = (t: number) => ({ at: toVnIso(t), date: dayKeyOfIndex(vnDayIndex(t)) });
  return {
    today: at(h.today.at),
    nextWorkingDay: { ...at(h.nextWorkingDay.close), tomorrow: h.nextWorkingDay.tomorrow },
    week: at(h.week.at),
    periodEnd: { ...at(h.periodEnd.at), period: h.periodEnd.period, basis: h.periodEnd.basis },
  };
}

/**
 * The on-time rate of a period judged at its end if nothing more is finished: the dossiers finished in
 * it so far (from `m`, the period's metrics now) and `overdueAtEnd`, the overdue term of its basis then
 * — the metrics' formula (counters.ts buildScopeMetrics); null when nothing would be judged.
 */
export function projectedOnTimeRate(m: ScopeMetrics, overdueAtEnd: number): number | null {
  const onTime = m.finishedEarly + m.finishedOnTime;
  const judged = onTime + m.finishedLate + overdueAtEnd;
  return judged === 0 ? null : onTime / judged;
}
