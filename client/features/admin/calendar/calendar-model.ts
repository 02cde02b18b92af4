/**
 * The calendar tab's month grids, from one year's file as the server sends it: each day of a month
 * with what it is (working day, weekend, official day off, swapped working Saturday) and its name.
 */
import type { AdminCalendarYear } from '../../../../shared/contract/admin-calendar';
import { weekdayOf } from '../../../lib/weekday';

export type DayKind = 'working' | 'weekend' | 'day_off' | 'working_saturday';

export interface MonthDay {
  /** YYYY-MM-DD. */
  date: string;
  day: number;
  kind: DayKind;
  /** The official name of a day off or a worked Saturday. */
  name: string | null;
  /** For a worked Saturday: the day off it compensates. */
  compensates: string | null;
  /** For a day off: the worked Saturday that compensates it. */
  compensatedBy: string | null;
}

export interface MonthGrid {
  month: number;
  /** Empty cells before the 1st, weeks starting on Monday as Vietnamese calendars do. */
  leadingBlanks: number;
  days: MonthDay[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Days in `month` (1–12) of `year`. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The twelve months of the year with every day's kind and name. */
export function monthGrids(cal: Pick<AdminCalendarYear, 'year' | 'daysOff' | 'workingSaturdays'>): MonthGrid[] {
  const off = new Map(cal.daysOff.map((d) => [d.date, d.name]));
  const worked = new Map(cal.workingSaturdays.map((d) => [d.date, d]));
  const compensatedBy = new Map(cal.workingSaturdays.filter((d) => d.compensates).map((d) => [d.compensates as string, d.date]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const days: MonthDay[] = [];
    for (let day = 1; day <= daysInMonth(cal.year, month); day++) {
      const date = `${cal.year}-${pad2(month)}-${pad2(day)}`;
      const wd = weekdayOf(date);
      const sat = worked.get(date);
      const kind: DayKind = off.has(date) ? 'day_off' : sat ? 'working_saturday' : wd === 0 || wd === 6 ? 'weekend' : 'working';
      days.push({
        date,
        day,
        kind,
        name: off.get(date) ?? sat?.name ?? null,
        compensates: sat?.compensates ?? null,
        compensatedBy: compensatedBy.get(date) ?? null,
      });
    }
    // Monday first: Sunday (0) is the 7th column.
    const leadingBlanks = (weekdayOf(`${cal.year}-${pad2(month)}-01`) + 6) % 7;
    return { month, leadingBlanks, days };
  });
}

/** "07/12" of a day key. */
export function dayMonth(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}
