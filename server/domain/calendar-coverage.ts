/**
 * Does the official calendar cover the year we are in, and the next one? Pure: the clock and the
 * years that have a file in fixtures/calendar in; a status out. Without a year's file its days off
 * and swapped working Saturdays are unknown and only weekends count as days off: that must be said,
 * never happen silently.
 */
import type { CalendarCoverage } from '../../shared/contract/api.js';
import { civilFromDays, vnDayIndex } from './time.js';

/** From this month (Vietnam time) on, a missing file for the next year is warned about. */
export const CALENDAR_WARN_FROM_MONTH = 10;

export type { CalendarCoverage } from '../../shared/contract/api.js';

/**
 * The calendar's coverage at `now` (ms) given the years with a calendar file. A missing current
 * year wins over a missing next year; the next year is checked from 1 October (Vietnam time).
 */
export function calendarCoverage(now: number, years: readonly number[]): CalendarCoverage {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const [year, month] = civilFromDays(vnDayIndex(now));
  if (!sorted.includes(year)) {
    return {
      status: 'missing_current_year',
      year,
      years: sorted,
      message:
        `No working calendar for ${year} (fixtures/calendar/${year}.json): its public holidays and swapped working ` +
        `Saturdays are NOT counted now, only Saturdays and Sundays are days off. Add the ${year} calendar file.`,
    };
  }
  if (month >= CALENDAR_WARN_FROM_MONTH && !sorted.includes(year + 1)) {
    return {
      status: 'missing_next_year',
      year: year + 1,
      years: sorted,
      message:
        `No working calendar for ${year + 1} yet (fixtures/calendar/${year + 1}.json): from 1 January ${year + 1} its ` +
        `public holidays will not be counted (only weekends). Add the ${year + 1} calendar file.`,
    };
  }
  return { status: 'ok', years: sorted };
}
