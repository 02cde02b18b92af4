/**
 * Reads and writes one year's calendar file (YYYY.json in the calendar directory) for the
 * administration. A write is validated by the loader's own validation first, then written
 * atomically: a temporary file beside it, flushed, then renamed over it, so a reader (or a start)
 * sees the old file or the new one, never half of one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { CalendarYear } from '../domain/types.js';
import { CalendarLoadError, parseCalendarYear } from './calendar-loader.js';

/** The file of `year` in `dir`. */
export function calendarFilePath(dir: string, year: number): string {
  return join(dir, `${year}.json`);
}

/** Years that have a file in `dir`, ascending (empty when the directory cannot be read). */
export function calendarFileYears(dir: string): number[] {
  try {
    return readdirSync(dir)
      .filter((n) => /^\d{4}\.json$/.test(n))
      .map((n) => Number(n.slice(0, 4)))
      .sort((a, b) => a - b);
  } catch {
    return [];
  }
}

/** The file as shown to the admin: relative to the working directory when it is inside it. */
export function displayCalendarPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** The year's file, validated; null when there is none. Throws CalendarLoadError naming the file. */
export function readCalendarYearFile(dir: string, year: number): CalendarYear | null {
  const file = calendarFilePath(dir, year);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CalendarLoadError(`${file}: cannot read JSON (${(err as Error).message})`);
  }
  const cal = parseCalendarYear(json, file);
  if (cal.year !== year) throw new CalendarLoadError(`${file}: holds year ${cal.year}; the file must be named ${cal.year}.json`);
  return cal;
}

/** The file's text in the shipped files' layout: one day per line, so that a diff shows the day that changed. */
export function formatCalendarYear(cal: CalendarYear): string {
  const q = (v: string) => JSON.stringify(v);
  const entry = (d: { date: string; name: string; compensates?: string }) =>
    `    { "date": ${q(d.date)}, "name": ${q(d.name)}${d.compensates ? `, "compensates": ${q(d.compensates)}` : ''} }`;
  const list = (items: CalendarYear['workingSaturdays']) => (items.length === 0 ? '[]' : `[\n${items.map(entry).join(',\n')}\n  ]`);
  return `{\n  "year": ${cal.year},\n  "daysOff": ${list(cal.daysOff)},\n  "workingSaturdays": ${list(cal.workingSaturdays)}\n}\n`;
}

/**
 * Validates `cal` as the loader would (throws CalendarLoadError, nothing written), then replaces the
 * year's file atomically. Returns the file written.
 */
export function writeCalendarYearFile(dir: string, cal: CalendarYear): string {
  const file = calendarFilePath(dir, cal.year);
  const checked = parseCalendarYear(JSON.parse(JSON.stringify(cal)), file);
  const text = formatCalendarYear(checked);
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return file;
}
