/**
 * Wire types of the working calendar's administration (`/api/v1/admin/calendar`, admin role only):
 * one year as its file holds it, with the counts the calendar tab shows, and one day's change.
 */
import type { CalendarCoverage } from './api.js';

/** How a day of the file is listed: an official day off, a swapped working Saturday (làm bù), or neither. */
export type CalendarDayKind = 'day_off' | 'working_saturday' | 'regular';

export interface CalendarDayOffEntry {
  /** YYYY-MM-DD. */
  date: string;
  name: string;
}

export interface CalendarWorkingSaturdayEntry {
  /** YYYY-MM-DD, a Saturday. */
  date: string;
  name: string;
  /** The day off (YYYY-MM-DD, same year) this Saturday is worked in exchange for, when the file says. */
  compensates?: string;
}

/** One month of the year by the file: its working days (Mon–Fri not off, plus worked Saturdays) and its listed days off. */
export interface CalendarMonthCounts {
  /** 1–12. */
  month: number;
  workingDays: number;
  /** Entries of `daysOff` in this month (weekend ones included). */
  daysOff: number;
  workingSaturdays: number;
}

/** `GET /admin/calendar/:year`. */
export interface AdminCalendarYear {
  year: number;
  /** The file the year is read from and written to (shown to the admin), whether or not it exists yet. */
  file: string;
  /** False: there is no file for this year; only weekends are days off for it. */
  exists: boolean;
  daysOff: CalendarDayOffEntry[];
  workingSaturdays: CalendarWorkingSaturdayEntry[];
  /** Working days of the year by this file. */
  workingDays: number;
  months: CalendarMonthCounts[];
  /** Years that have a file now. */
  years: number[];
  /** The coverage the running server warns about (banner, /health), from the years it loaded at start. */
  coverage: CalendarCoverage;
  /**
   * True when the file differs from the calendar the running server loaded at start: the change
   * takes effect only after the server restarts (see README › Working calendar in the browser).
   */
  pendingRestart: boolean;
}

/** `PUT /admin/calendar/:year/days/:date` body: what the day becomes (`regular`: removed from both lists). */
export type CalendarDayChange =
  { kind: 'day_off'; name: string } | { kind: 'working_saturday'; name: string; compensates?: string | null } | { kind: 'regular' };
