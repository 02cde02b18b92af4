import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarFileYears,
  formatCalendarYear,
  readCalendarYearFile,
  writeCalendarYearFile,
} from '../../../server/config/calendar-files.js';
import { CalendarLoadError, DEFAULT_CALENDAR_DIR, loadCalendarYears } from '../../../server/config/calendar-loader.js';

const dirs: string[] = [];
function copyOfFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-files-'));
  dirs.push(dir);
  cpSync(DEFAULT_CALENDAR_DIR, dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('calendar files', () => {
  it('writes a year in the shipped files’ layout: rewriting an unchanged year leaves its file byte for byte', () => {
    const dir = copyOfFixtures();
    for (const y of [2025, 2026]) {
      const before = readFileSync(join(dir, `${y}.json`), 'utf8');
      writeCalendarYearFile(dir, readCalendarYearFile(dir, y)!);
      expect(readFileSync(join(dir, `${y}.json`), 'utf8')).toBe(before);
    }
  });

  it('writes a new year the loader then reads back, leaving no temporary file behind', () => {
    const dir = copyOfFixtures();
    const cal = { year: 2027, daysOff: [{ date: '2027-01-01', name: 'Tết "Dương lịch"' }], workingSaturdays: [] };
    writeCalendarYearFile(dir, cal);
    expect(loadCalendarYears(dir).find((y) => y.year === 2027)).toEqual(cal);
    expect(readdirSync(dir).sort()).toEqual(['2025.json', '2026.json', '2027.json']);
    expect(calendarFileYears(dir)).toEqual([2025, 2026, 2027]);
  });

  it('refuses with the loader’s own validation, naming the file and field, and leaves the old file', () => {
    const dir = copyOfFixtures();
    const before = readFileSync(join(dir, '2026.json'), 'utf8');
    const bad = { ...readCalendarYearFile(dir, 2026)!, workingSaturdays: [{ date: '2026-11-27', name: 'Làm bù' }] };
    expect(() => writeCalendarYearFile(dir, bad)).toThrow(CalendarLoadError);
    expect(() => writeCalendarYearFile(dir, bad)).toThrow(/2026\.json[\s\S]*workingSaturdays\.0\.date: 2026-11-27 is not a Saturday/);
    expect(readFileSync(join(dir, '2026.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['2025.json', '2026.json']);
  });

  it('the loader refuses a worked Saturday compensating a day that is not a day off of the file', () => {
    const dir = copyOfFixtures();
    writeFileSync(
      join(dir, '2027.json'),
      formatCalendarYear({
        year: 2027,
        daysOff: [],
        workingSaturdays: [{ date: '2027-01-09', name: 'Làm bù', compensates: '2027-01-04' }],
      }),
    );
    expect(() => loadCalendarYears(dir)).toThrow(/workingSaturdays\.0\.compensates: 2027-01-04 is not in daysOff/);
  });

  it('reads a year without a file as null', () => {
    expect(readCalendarYearFile(copyOfFixtures(), 2031)).toBeNull();
  });
});
