/**
 * The shape of demand over time: how the city's volume spreads over the 48 half-hour slots of a
 * day (office sessions, a morning peak, online submissions at night and on days off) and over the
 * days of the year (weekday, the backlog after a long break).
 */

import { dayOfWeekOfIndex, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../domain/time.js';
import type { DomainSettings } from '../domain/types.js';
import type { SimCalendar } from './sim-calendar.js';

/** Length of an arrival slot. Office sessions start and end on half hours, so slots align with them. */
export const SLOT_MS = 30 * MS_PER_MINUTE;
const SLOTS_PER_DAY = MS_PER_DAY / SLOT_MS;

/** Relative volume by day of week (0 = Sunday): Monday heavy, Friday light; mean of Mon–Fri = 1. */
const WEEKDAY_FACTOR = [0.9, 1.15, 1.05, 1.0, 0.95, 0.85, 0.9];
/** The first working day after a long break (Tết, 30/4–1/5) brings the backlog. */
const AFTER_LONG_BREAK_FACTOR = 1.3;
/** Online submissions on a day off, relative to a working day's online volume. */
export const DAY_OFF_ONLINE_FACTOR = 0.18;

/** Counter-side demand by local hour: a morning peak, a lighter afternoon. */
function counterShape(hour: number): number {
  if (hour < 8) return 0.8;
  if (hour < 9) return 1.35;
  if (hour < 10) return 1.5;
  if (hour < 11) return 1.2;
  if (hour < 12) return 0.75;
  if (hour < 14) return 0.8;
  if (hour < 15) return 1.0;
  if (hour < 16) return 0.9;
  if (hour < 17) return 0.6;
  return 0.5;
}

/** Online submissions outside office hours on a working day, by local hour. */
function onlineOffHoursShape(hour: number): number {
  if (hour < 6) return 0.04;
  if (hour < 8) return 0.25;
  if (hour < 13) return 0.45;
  if (hour < 19) return 0.5;
  if (hour < 22) return 0.45;
  return 0.2;
}

/** Online submissions on a day off, by local hour. */
function dayOffShape(hour: number): number {
  if (hour < 6) return 0.08;
  if (hour < 8) return 0.5;
  if (hour < 22) return 1;
  return 0.3;
}

/** ms after midnight of an "HH:MM" office hour. */
export function parseClock(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`Office hour must be "HH:MM": ${JSON.stringify(s)}`);
  return Number(m[1]) * MS_PER_HOUR + Number(m[2]) * MS_PER_MINUTE;
}

const normalise = (xs: number[]): number[] => {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => (total > 0 ? x / total : 0));
};
const hourOf = (k: number): number => (k * SLOT_MS) / MS_PER_HOUR;

/** Per-slot demand profiles of a day (index k = slot of the day, 0–47), each summing to 1. */
export class DemandProfile {
  /** Parts of slot k inside office sessions, as [start, end) ms after midnight. */
  readonly officeParts: (readonly [number, number])[][] = [];
  /** Share of slot k inside office sessions. */
  readonly officeFraction: number[] = [];
  /** Counter (in person, post) arrivals on a working day. */
  readonly counter: number[];
  /** Online arrivals on a working day. */
  readonly onlineWorking: number[];
  /** Online arrivals on a day off. */
  readonly onlineDayOff: number[];
  private readonly dayFactors = new Map<number, number>();

  constructor(
    officeHours: DomainSettings['officeHours'],
    private readonly cal: SimCalendar,
  ) {
    const sessions = officeHours.map((s) => [parseClock(s.start), parseClock(s.end)] as const);
    for (let k = 0; k < SLOTS_PER_DAY; k++) {
      const a = k * SLOT_MS;
      const b = a + SLOT_MS;
      const parts: [number, number][] = [];
      for (const [s, e] of sessions) {
        const lo = Math.max(a, s);
        const hi = Math.min(b, e);
        if (hi > lo) parts.push([lo, hi]);
      }
      this.officeParts.push(parts);
      this.officeFraction.push(parts.reduce((sum, [lo, hi]) => sum + hi - lo, 0) / SLOT_MS);
    }
    const f = this.officeFraction;
    this.counter = normalise(f.map((x, k) => x * counterShape(hourOf(k))));
    this.onlineWorking = normalise(f.map((x, k) => x * counterShape(hourOf(k)) + (1 - x) * onlineOffHoursShape(hourOf(k))));
    this.onlineDayOff = normalise(f.map((_, k) => dayOffShape(hourOf(k))));
  }

  /** Volume multiplier of a working day: weekday, and the backlog after a long break. */
  dayFactor(d: number): number {
    let f = this.dayFactors.get(d);
    if (f === undefined) {
      f = WEEKDAY_FACTOR[dayOfWeekOfIndex(d)]!;
      let off = 0;
      while (off < 10 && !this.cal.isWorking(d - 1 - off)) off++;
      if (off >= 3) f = Math.max(f, AFTER_LONG_BREAK_FACTOR);
      this.dayFactors.set(d, f);
    }
    return f;
  }
}

/**
 * The instant `x` ms into the office-hours `parts` of a slot ({@link DemandProfile.officeParts}) of
 * the day starting at `dayStart`, x below their total length: counter arrivals only happen while
 * the office is open.
 */
export function officeInstant(parts: readonly (readonly [number, number])[], dayStart: number, x: number): number {
  for (const [lo, hi] of parts) {
    if (x < hi - lo) return dayStart + lo + x;
    x -= hi - lo;
  }
  return 0;
}
