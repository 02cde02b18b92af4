/**
 * A report period named in the `period` parameter itself: `2026-10` (a month), `2026-Q3` (a quarter),
 * `2026` (a year), beside the current ones (`month`, `quarter`, `year`, …, periods.ts). The one parser
 * every read endpoint uses. Pure: `now` is passed in.
 *
 * A named period is a whole Vietnam calendar month, quarter or year, [first day 00:00, next period's
 * first day 00:00) in Vietnam time: it does not depend on working days, so on a day off, at midnight
 * or on the last day of a month it is the same window. The period containing now is the current one
 * (its figures still move); one starting after now is refused.
 */
import { civilFromDays, daysFromCivil, vnDayIndex, vnDayStartOfIndex } from '../domain/time.js';
import { periodWindow } from './periods.js';
import { PERIODS, type Period } from './types.js';

export type NamedKind = 'month' | 'quarter' | 'year';

export interface ResolvedPeriod {
  /** The value as asked: `month`, `2026-10`, … */
  name: string;
  /** The current period this is, when it is one (the engine answers it live); null for a closed one. */
  current: Period | null;
  /** Month, quarter or year for calendar periods; null for today, week and live. */
  kind: NamedKind | null;
  /** [from, to), epoch ms. */
  from: number;
  to: number;
}

/** A period value that cannot be answered: `message` says what is wrong with it. */
export class PeriodError extends Error {}

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const FIRST_YEAR = 2000;

const startOfCivil = (y: number, m: number): number => vnDayStartOfIndex(daysFromCivil(y, m, 1));

/** [from, to) of the named month, quarter or year; null when the name is none of them. */
function namedWindow(name: string): { kind: NamedKind; from: number; to: number } | null {
  let m = MONTH.exec(name);
  if (m !== null) {
    const y = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new PeriodError(`"${name}": month ${m[2]} does not exist (01–12)`);
    return { kind: 'month', from: startOfCivil(y, month), to: month === 12 ? startOfCivil(y + 1, 1) : startOfCivil(y, month + 1) };
  }
  m = QUARTER.exec(name);
  if (m !== null) {
    const y = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return { kind: 'quarter', from: startOfCivil(y, first), to: first === 10 ? startOfCivil(y + 1, 1) : startOfCivil(y, first + 3) };
  }
  m = YEAR.exec(name);
  if (m !== null) {
    const y = Number(m[1]);
    return { kind: 'year', from: startOfCivil(y, 1), to: startOfCivil(y + 1, 1) };
  }
  return null;
}

const CALENDAR_KIND: Partial<Record<Period, NamedKind>> = { month: 'month', quarter: 'quarter', year: 'year' };

/**
 * Resolves a `period` value at `now` (epoch ms): a current period (PERIODS) or a named one. Throws a
 * PeriodError naming the problem for anything else, a month that does not exist, a year before 2000,
 * or a period that has not begun.
 */
export function resolvePeriod(name: string, now: number): ResolvedPeriod {
  if ((PERIODS as readonly string[]).includes(name)) {
    const period = name as Period;
    const w = periodWindow(period, now);
    return { name, current: period, kind: CALENDAR_KIND[period] ?? null, from: w.from, to: w.to };
  }
  const w = namedWindow(name);
  if (w === null) {
    throw new PeriodError(`"${name.slice(0, 40)}" is not a period: expected one of ${PERIODS.join(', ')}, or YYYY-MM, YYYY-Qn, YYYY`);
  }
  const [year] = civilFromDays(vnDayIndex(w.from));
  if (year < FIRST_YEAR) throw new PeriodError(`"${name}": years before ${FIRST_YEAR} are not kept`);
  if (w.from > now) throw new PeriodError(`"${name}" has not begun yet (Vietnam time)`);
  // The named period that holds now is the current one: the live figures answer it.
  const current = now < w.to ? (w.kind as Period) : null;
  return { name, current, kind: w.kind, from: w.from, to: w.to };
}

/**
 * The period of the same kind just before a calendar period (October for `2026-11`, Q2 for `2026-Q3`),
 * as a resolved, closed period.
 */
export function previousNamedPeriod(p: ResolvedPeriod): ResolvedPeriod {
  if (p.kind === null) throw new PeriodError(`"${p.name}" has no named previous period`);
  const day = vnDayIndex(p.from) - 1;
  const [y, m] = civilFromDays(day);
  const name =
    p.kind === 'year' ? String(y) : p.kind === 'quarter' ? `${y}-Q${Math.floor((m - 1) / 3) + 1}` : `${y}-${String(m).padStart(2, '0')}`;
  const w = namedWindow(name) as { kind: NamedKind; from: number; to: number };
  return { name, current: null, kind: w.kind, from: w.from, to: w.to };
}
