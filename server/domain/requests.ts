/**
 * Rules of explanation requests that need the working calendar or a dossier's holds (DOMAIN.md ›
 * Accountability). Pure: the calendar and the instants come in. The state rule itself is
 * shared/request-state.ts (the client runs it too).
 */
import { parseDayKey, vnDayIndex, vnDayKey, vnEndOfDay } from './time.js';
import type { Hold, WorkCalendar } from './types.js';

/** An answer may be asked for at most this many days ahead. */
export const ANSWER_DUE_MAX_DAYS_AHEAD = 366;

/**
 * The day an explanation request sent at `sentAt` is due by default: the day on which `workingDays`
 * working days from `sentAt` have elapsed (sent Friday 10:30 with 2 → Tuesday; sent after hours or on a
 * day off, counting starts the next working morning). The answer is due by the end of that day.
 */
export function defaultAnswerDueDay(sentAt: number, calendar: WorkCalendar, workingDays: number): string {
  return vnDayKey(calendar.addWorkingDays(sentAt, workingDays));
}

/** The instant an answer due on `day` (YYYY-MM-DD) is due: the end of that day, like a due date given as a bare date. */
export function answerDueAt(day: string): number {
  return vnEndOfDay(day);
}

/**
 * Why a due date the sender chose cannot be used, or null when it can: it must be a real date, from
 * the day of sending on, a working day (an answer is not asked for on a day off), within a year.
 */
export function answerDueDayProblem(day: string, sentAt: number, calendar: WorkCalendar): string | null {
  const d = parseDayKey(day);
  if (d === null) return `"${day}" is not a date (YYYY-MM-DD)`;
  const today = vnDayIndex(sentAt);
  if (d < today) return `${day} is before today (${vnDayKey(sentAt)})`;
  if (d > today + ANSWER_DUE_MAX_DAYS_AHEAD) return `${day} is more than ${ANSWER_DUE_MAX_DAYS_AHEAD} days ahead`;
  if (!calendar.isWorkingDay(day)) return `${day} is not a working day on the official calendar`;
  return null;
}

/**
 * The official a request about the dossier is attributed to: the one holding it now, or, when nobody
 * does (finished, or between holds), the last one who did. Null when it was never assigned.
 */
export function holderWhenSent(holds: readonly Hold[]): Hold | null {
  for (let i = holds.length - 1; i >= 0; i--) if (holds[i].to === null) return holds[i];
  let last: Hold | null = null;
  for (const h of holds) if (!last || (h.to ?? Infinity) >= (last.to ?? Infinity)) last = h;
  return last;
}
