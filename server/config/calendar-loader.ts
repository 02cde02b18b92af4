/**
 * Loads the official calendar years from fixtures/calendar/YYYY.json (one editable file per year)
 * and validates them. Kept out of server/domain/, which is pure: the calendar itself
 * (domain/calendar.ts) is built from the years this returns.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createWorkCalendar } from '../domain/calendar.js';
import { dayOfWeekOfIndex, parseDayKey } from '../domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../domain/types.js';
import type { CalendarYear, DomainSettings, WorkCalendar } from '../domain/types.js';

/** fixtures/calendar of this repository, whatever the working directory. */
export const DEFAULT_CALENDAR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/calendar');

/** Raised for any problem in a calendar file; the message names the file. */
export class CalendarLoadError extends Error {
  override name = 'CalendarLoadError';
  readonly code = 'CALENDAR_INVALID';
}

const calendarDay = z.object({
  date: z.string().refine((s) => parseDayKey(s) !== null, 'must be a calendar date YYYY-MM-DD'),
  name: z.string().trim().min(1, 'needs a name (e.g. "Tết Nguyên đán")'),
});

const workingSaturday = calendarDay.extend({
  /** The day off this Saturday is worked in exchange for (optional; a day off of the same file). */
  compensates: z
    .string()
    .refine((s) => parseDayKey(s) !== null, 'must be a calendar date YYYY-MM-DD')
    .optional(),
});

/** Shape of one fixtures/calendar/YYYY.json file. */
export const calendarYearSchema = z
  .object({
    year: z.number().int().min(1900).max(2999),
    daysOff: z.array(calendarDay),
    workingSaturdays: z.array(workingSaturday),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const off = new Set<string>();
    cal.daysOff.forEach(({ date }, i) => {
      off.add(date);
      if (!date.startsWith(`${cal.year}-`)) {
        ctx.addIssue({ code: 'custom', path: ['daysOff', i, 'date'], message: `${date} is not in ${cal.year}` });
      }
    });
    cal.workingSaturdays.forEach(({ date, compensates }, i) => {
      const path = ['workingSaturdays', i, 'date'];
      if (compensates !== undefined && !off.has(compensates)) {
        ctx.addIssue({ code: 'custom', path: ['workingSaturdays', i, 'compensates'], message: `${compensates} is not in daysOff` });
      }
      const d = parseDayKey(date);
      if (!date.startsWith(`${cal.year}-`)) ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${cal.year}` });
      if (d !== null && dayOfWeekOfIndex(d) !== 6) ctx.addIssue({ code: 'custom', path, message: `${date} is not a Saturday` });
      if (off.has(date)) ctx.addIssue({ code: 'custom', path, message: `${date} is also listed in daysOff` });
    });
  });

/** Validates one parsed calendar file; `source` names it in the error. Throws CalendarLoadError. */
export function parseCalendarYear(json: unknown, source: string): CalendarYear {
  const result = calendarYearSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new CalendarLoadError(`${source}: invalid calendar year\n${issues}`);
  }
  return result.data;
}

/**
 * Reads and validates every `YYYY.json` in `dir` (default fixtures/calendar), sorted by year.
 * The file name must match the `year` inside. Throws CalendarLoadError naming the file.
 */
export function loadCalendarYears(dir: string = DEFAULT_CALENDAR_DIR): CalendarYear[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (err) {
    throw new CalendarLoadError(`${dir}: cannot read the calendar directory (${(err as Error).message})`);
  }
  const years: CalendarYear[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CalendarLoadError(`${file}: cannot read JSON (${(err as Error).message})`);
    }
    const year = parseCalendarYear(json, file);
    if (name !== `${year.year}.json`) {
      throw new CalendarLoadError(`${file}: holds year ${year.year}; the file must be named ${year.year}.json`);
    }
    years.push(year);
  }
  return years;
}

/** Loads the calendar years from `dir` and builds the working calendar with the given office hours. */
export function loadWorkCalendar(
  dir: string = DEFAULT_CALENDAR_DIR,
  officeHours: DomainSettings['officeHours'] = DEFAULT_DOMAIN_SETTINGS.officeHours,
): WorkCalendar {
  return createWorkCalendar(loadCalendarYears(dir), officeHours);
}
