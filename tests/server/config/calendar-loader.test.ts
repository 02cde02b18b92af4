import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarLoadError, loadCalendarYears, loadWorkCalendar } from '../../../server/config/calendar-loader.js';

const dirs: string[] = [];
function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadCalendarYears', () => {
  it('loads the shipped 2025 and 2026 calendars', () => {
    const years = loadCalendarYears();
    expect(years.map((y) => y.year)).toEqual([2025, 2026]);
    const y2026 = years[1];
    expect(y2026.daysOff.find((d) => d.date === '2026-11-24')?.name).toBe('Ngày Văn hóa Việt Nam');
    expect(y2026.workingSaturdays.map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(loadWorkCalendar().isWorkingDay('2026-02-17')).toBe(false);
  });

  it('names the file and the field of a working Saturday that is not a Saturday', () => {
    const dir = dirWith({
      '2027.json': { year: 2027, daysOff: [], workingSaturdays: [{ date: '2027-01-04', name: 'Làm bù' }] },
    });
    expect(() => loadCalendarYears(dir)).toThrow(CalendarLoadError);
    expect(() => loadCalendarYears(dir)).toThrow(/2027\.json[\s\S]*workingSaturdays\.0\.date: 2027-01-04 is not a Saturday/);
  });

  it('rejects a file whose name does not match its year', () => {
    const dir = dirWith({ '2027.json': { year: 2028, daysOff: [], workingSaturdays: [] } });
    expect(() => loadCalendarYears(dir)).toThrow(/2027\.json: holds year 2028/);
  });

  it('rejects malformed JSON and impossible dates, naming the file', () => {
    expect(() => loadCalendarYears(dirWith({ '2027.json': '{ year: ' }))).toThrow(/2027\.json: cannot read JSON/);
    const dir = dirWith({ '2027.json': { year: 2027, daysOff: [{ date: '2027-02-30', name: 'x' }], workingSaturdays: [] } });
    expect(() => loadCalendarYears(dir)).toThrow(/2027\.json[\s\S]*daysOff\.0\.date/);
  });
});
