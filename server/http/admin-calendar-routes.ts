/**
 * The working calendar's administration (admin role only): one year as its file holds it, and one
 * day's change written to that same file (validated, atomic, audited). The running server keeps the
 * calendar it loaded at start: a change applies after a restart, and the answer says when one is pending.
 */
import { basename } from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AdminCalendarYear, CalendarDayChange } from '../../shared/contract/admin-calendar.js';
import type { AuditLog } from '../auth/audit.js';
import { rememberCalendarFile } from '../auth/calendar-audit.js';
import { isAdmin } from '../auth/policy.js';
import {
  calendarFilePath,
  calendarFileYears,
  displayCalendarPath,
  readCalendarYearFile,
  writeCalendarYearFile,
} from '../config/calendar-files.js';
import { CalendarLoadError } from '../config/calendar-loader.js';
import type { Store } from '../db/store.js';
import { calendarMonthCounts, describeCalendarDay, emptyCalendarYear, sameCalendarYear, setCalendarDay } from '../domain/calendar-edit.js';
import type { CalendarCoverage } from '../domain/calendar-coverage.js';
import type { CalendarYear } from '../domain/types.js';
import { clientIp } from './auth-routes.js';
import { HttpError } from './errors.js';
import { denied, principalOf } from './principal.js';

export interface AdminCalendarRouteDeps {
  store: Store;
  audit: AuditLog;
  /** The directory of YYYY.json files the server loaded its calendar from (and the admin edits). */
  calendarDir: string;
  /** The years the running server loaded at start: what its deadlines and figures use until a restart. */
  runningYears: readonly CalendarYear[];
  /** The coverage the banner and /health show. */
  coverage(): CalendarCoverage;
}

const dayChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('day_off'), name: z.string() }).strict(),
  z.object({ kind: z.literal('working_saturday'), name: z.string(), compensates: z.string().nullable().optional() }).strict(),
  z.object({ kind: z.literal('regular') }).strict(),
]);

/** The year of the path, or a 400 saying what a year is. */
function yearParam(s: string): number {
  const year = /^\d{4}$/.test(s) ? Number(s) : NaN;
  if (!(year >= 1900 && year <= 2999)) throw new HttpError(400, 'invalid_query', `year: ${JSON.stringify(s)} is not a year 1900–2999`);
  return year;
}

/** The year's file (an empty year when it has none); a file that fails validation is a 409 naming it and why. */
function readYear(dir: string, year: number): { cal: CalendarYear; exists: boolean } {
  try {
    const cal = readCalendarYearFile(dir, year);
    return cal ? { cal, exists: true } : { cal: emptyCalendarYear(year), exists: false };
  } catch (err) {
    if (err instanceof CalendarLoadError) throw new HttpError(409, 'calendar_invalid', err.message);
    throw err;
  }
}

/** Writes the year's file; the loader's own validation refusing it is a 400 saying why (nothing is written). */
function writeValidated(dir: string, cal: CalendarYear): string {
  try {
    return writeCalendarYearFile(dir, cal);
  } catch (err) {
    if (err instanceof CalendarLoadError) throw new HttpError(400, 'invalid_body', err.message);
    throw err;
  }
}

/** The answer for one year: the file's days, its counts, and whether the running server holds something else. */
function yearView(deps: AdminCalendarRouteDeps, year: number): AdminCalendarYear {
  const { cal, exists } = readYear(deps.calendarDir, year);
  const months = calendarMonthCounts(cal);
  const running = deps.runningYears.find((y) => y.year === year);
  return {
    year,
    file: displayCalendarPath(calendarFilePath(deps.calendarDir, year)),
    exists,
    daysOff: cal.daysOff,
    workingSaturdays: cal.workingSaturdays,
    workingDays: months.reduce((n, m) => n + m.workingDays, 0),
    months,
    years: calendarFileYears(deps.calendarDir),
    coverage: deps.coverage(),
    pendingRestart: running ? !exists || !sameCalendarYear(running, cal) : exists,
  };
}

/** `GET /admin/calendar/:year` and `PUT /admin/calendar/:year/days/:date`. */
export function adminCalendarRoutes(deps: AdminCalendarRouteDeps): Router {
  const r = Router();
  r.use('/admin/calendar', (_req: Request, res: Response, next: NextFunction) => {
    const p = principalOf(res);
    next(isAdmin(p) ? undefined : denied(p, 'the administration'));
  });

  r.get('/admin/calendar/:year', (req, res) => {
    res.set('Cache-Control', 'no-store').json(yearView(deps, yearParam(req.params.year)));
  });

  r.put('/admin/calendar/:year/days/:date', async (req, res) => {
    const year = yearParam(req.params.year);
    const date = req.params.date;
    const body = dayChange.safeParse(req.body ?? {});
    if (!body.success) {
      const why = body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new HttpError(400, 'invalid_body', `${date}: ${why} (kind is day_off, working_saturday or regular)`);
    }
    // Read, change and write in one synchronous step: two admins' edits cannot interleave.
    const { cal } = readYear(deps.calendarDir, year);
    const result = setCalendarDay(cal, date, body.data as CalendarDayChange);
    if (!result.ok) {
      throw new HttpError(400, 'invalid_body', result.problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    }
    const file = writeValidated(deps.calendarDir, result.year);
    rememberCalendarFile(deps.store, deps.calendarDir, basename(file));
    await deps.audit.record({
      principal: principalOf(res),
      action: 'calendar.changed',
      target: date,
      ip: clientIp(req),
      details: {
        year,
        date,
        file: displayCalendarPath(file),
        before: describeCalendarDay(result.before),
        after: describeCalendarDay(result.after),
        appliesAfterRestart: true,
      },
    });
    res.set('Cache-Control', 'no-store').json(yearView(deps, year));
  });

  return r;
}
