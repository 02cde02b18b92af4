/**
 * Edits of one official calendar year (fixtures/calendar/YYYY.json) as the administration makes
 * them, one day at a time, and the counts its tab shows. Pure: a year in, a new year (or the
 * problems, each naming its field and why) out; reading and writing the file is config/calendar-files.ts.
 */
import type { CalendarDayChange, CalendarDayKind, CalendarMonthCounts } from '../../shared/contract/admin-calendar.js';
import { dayKeyOfIndex, dayOfWeekOfIndex, daysFromCivil, parseDayKey } from './time.js';
import type { CalendarYear } from './types.js';

/** Longest name kept for a day (the official names are far shorter). */
export const CALENDAR_NAME_MAX = 120;

/** What a day of the file is, for the audit log's before/after. */
export interface CalendarDayState {
  kind: CalendarDayKind;
  name: string | null;
  compensates: string | null;
}

/** One thing wrong with a change: the field (`date`, `kind`, `name`, `compensates`) and why. */
export interface CalendarEditProblem {
  field: 'date' | 'kind' | 'name' | 'compensates';
  message: string;
}

export type CalendarEditResult =
  { ok: true; year: CalendarYear; before: CalendarDayState; after: CalendarDayState } | { ok: false; problems: CalendarEditProblem[] };

/** A year with no file yet: nothing listed, only weekends off. */
export function emptyCalendarYear(year: number): CalendarYear {
  return { year, daysOff: [], workingSaturdays: [] };
}

/** How `date` is listed in `cal`. */
export function calendarDayState(cal: CalendarYear, date: string): CalendarDayState {
  const off = cal.daysOff.find((d) => d.date === date);
  if (off) return { kind: 'day_off', name: off.name, compensates: null };
  const sat = cal.workingSaturdays.find((d) => d.date === date);
  if (sat) return { kind: 'working_saturday', name: sat.name, compensates: sat.compensates ?? null };
  return { kind: 'regular', name: null, compensates: null };
}

/** "day_off: Tết Nguyên đán", "working_saturday: Làm bù (for 2026-01-02)", "regular": one line for the audit log. */
export function describeCalendarDay(s: CalendarDayState): string {
  if (s.kind === 'regular') return 'regular';
  return `${s.kind}: ${s.name}${s.compensates ? ` (for ${s.compensates})` : ''}`;
}

/** Problems of the date itself: a real date of `year`. */
function dateProblems(year: number, date: string): CalendarEditProblem[] {
  if (parseDayKey(date) === null) return [{ field: 'date', message: `${JSON.stringify(date)} is not a calendar date YYYY-MM-DD` }];
  if (!date.startsWith(`${year}-`))
    return [{ field: 'date', message: `${date} is not in ${year} (the file of ${year} lists only its own days)` }];
  return [];
}

/** Problems of the new listing: a name, a Saturday, a day off to compensate. */
function changeProblems(cal: CalendarYear, date: string, change: CalendarDayChange): CalendarEditProblem[] {
  const problems: CalendarEditProblem[] = [];
  if (change.kind === 'regular') return problems;
  const name = change.name.trim();
  if (!name) problems.push({ field: 'name', message: 'needs a name (e.g. "Tết Nguyên đán", "Làm bù cho ngày nghỉ 2/1")' });
  if (name.length > CALENDAR_NAME_MAX) problems.push({ field: 'name', message: `is longer than ${CALENDAR_NAME_MAX} characters` });
  if (change.kind === 'working_saturday') {
    if (dayOfWeekOfIndex(parseDayKey(date) as number) !== 6) {
      problems.push({ field: 'date', message: `${date} is not a Saturday (a swapped working day is a Saturday)` });
    }
    const c = change.compensates;
    if (c) {
      const off = cal.daysOff.some((d) => d.date === c);
      if (parseDayKey(c) === null)
        problems.push({ field: 'compensates', message: `${JSON.stringify(c)} is not a calendar date YYYY-MM-DD` });
      else if (!off) problems.push({ field: 'compensates', message: `${c} is not a day off of ${cal.year}: add it as a day off first` });
    }
  }
  return problems;
}

/** A day off about to stop being one must not be what a worked Saturday compensates. */
function compensatedBy(cal: CalendarYear, date: string): CalendarEditProblem[] {
  const sat = cal.workingSaturdays.find((s) => s.compensates === date);
  if (!sat) return [];
  return [
    {
      field: 'kind',
      message: `${date} is the day off that the working Saturday ${sat.date} compensates: change or remove that Saturday first`,
    },
  ];
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * Sets how `date` is listed in `cal`: a day off with its name, a swapped working Saturday (with the day
 * off it compensates), or neither (`regular`: removed from both lists). Lists stay sorted by date.
 * A day is in one list at most, so setting it moves it.
 */
export function setCalendarDay(cal: CalendarYear, date: string, change: CalendarDayChange): CalendarEditResult {
  const before = calendarDayState(cal, date);
  const problems = dateProblems(cal.year, date);
  if (problems.length === 0) {
    problems.push(...changeProblems(cal, date, change));
    if (before.kind === 'day_off' && change.kind !== 'day_off') problems.push(...compensatedBy(cal, date));
  }
  if (problems.length > 0) return { ok: false, problems };
  const daysOff = cal.daysOff.filter((d) => d.date !== date);
  const workingSaturdays = cal.workingSaturdays.filter((d) => d.date !== date);
  if (change.kind === 'day_off') daysOff.push({ date, name: change.name.trim() });
  if (change.kind === 'working_saturday') {
    const entry: CalendarYear['workingSaturdays'][number] = { date, name: change.name.trim() };
    if (change.compensates) entry.compensates = change.compensates;
    workingSaturdays.push(entry);
  }
  const year: CalendarYear = { year: cal.year, daysOff: daysOff.sort(byDate), workingSaturdays: workingSaturdays.sort(byDate) };
  return { ok: true, year, before, after: calendarDayState(year, date) };
}

/**
 * Working days of each month by the file alone: Monday–Friday not listed as days off, plus the
 * swapped working Saturdays; and the entries of each list per month.
 */
export function calendarMonthCounts(cal: CalendarYear): CalendarMonthCounts[] {
  const off = new Set(cal.daysOff.map((d) => d.date));
  const worked = new Set(cal.workingSaturdays.map((d) => d.date));
  const months: CalendarMonthCounts[] = [];
  for (let month = 1; month <= 12; month++) {
    const prefix = `${cal.year}-${String(month).padStart(2, '0')}-`;
    const first = daysFromCivil(cal.year, month, 1);
    const next = month === 12 ? daysFromCivil(cal.year + 1, 1, 1) : daysFromCivil(cal.year, month + 1, 1);
    let workingDays = 0;
    for (let d = first; d < next; d++) {
      const key = dayKeyOfIndex(d);
      const dow = dayOfWeekOfIndex(d);
      if (worked.has(key) || (dow !== 0 && dow !== 6 && !off.has(key))) workingDays++;
    }
    months.push({
      month,
      workingDays,
      daysOff: cal.daysOff.filter((d) => d.date.startsWith(prefix)).length,
      workingSaturdays: cal.workingSaturdays.filter((d) => d.date.startsWith(prefix)).length,
    });
  }
  return months;
}

/** Same days, same names, same compensations (order aside): does the running calendar hold this file's year? */
export function sameCalendarYear(a: CalendarYear, b: CalendarYear): boolean {
  const norm = (c: CalendarYear) =>
    JSON.stringify([
      [...c.daysOff].sort(byDate).map((d) => [d.date, d.name]),
      [...c.workingSaturdays].sort(byDate).map((d) => [d.date, d.name, d.compensates ?? null]),
    ]);
  return a.year === b.year && norm(a) === norm(b);
}
