/**
 * The work calendar as the simulator asks it: by day index, thousands of times for the same few days.
 *
 * Day arithmetic is `domain/time`'s. What this adds are caches where the benchmark showed a cost:
 * the calendar answers `isWorkingDay` by parsing a 'YYYY-MM-DD' key; a dossier's due date is the
 * same for every dossier received on the same morning with the same legal time; and every event
 * carries a day key, which shared rather than rebuilt per event saved ~10% of the generation time
 * and ~15% of the heap that a generated history holds (bench/simulator.ts, 35 days at 0.1 and 0.25).
 */

import * as time from '../domain/time.js';
import type { WorkCalendar } from '../domain/types.js';

// Local copies of imported bindings used in hot loops: under vitest, ES module imports are compiled
// to property reads on a module object, and reading them millions of times showed up in profiles.
const { dayKeyOfIndex, vnDayIndex, vnDayStartOfIndex, vnEndOfDay } = time;

/** An instant floored to the whole second (every simulated instant is). */
export const floorSecond = (t: number): number => Math.floor(t / 1000) * 1000;

/** The injected work calendar with day-indexed, cached answers. One per generator. */
export class SimCalendar {
  /** Working ms in a working day. */
  readonly perDay: number;
  private readonly dayKeys = new Map<number, string>();
  private readonly workingDays = new Map<number, boolean>();
  private readonly dueCache = new Map<number, number>();

  /**
   * @param calendar the injected work calendar
   * @param firstSessionStartMs start of the first office session, ms after local midnight
   */
  constructor(
    readonly calendar: WorkCalendar,
    private readonly firstSessionStartMs: number,
  ) {
    this.perDay = calendar.workingMsPerDay;
  }

  /** 'YYYY-MM-DD' of a day index, one shared string per day. */
  dayKey(d: number): string {
    let k = this.dayKeys.get(d);
    if (k === undefined) {
      k = dayKeyOfIndex(d);
      this.dayKeys.set(d, k);
    }
    return k;
  }

  /** yymmdd of a day index, for ids ("261120"). */
  yymmdd(d: number): string {
    const k = this.dayKey(d);
    return k.slice(2, 4) + k.slice(5, 7) + k.slice(8, 10);
  }

  isWorking(d: number): boolean {
    let w = this.workingDays.get(d);
    if (w === undefined) {
      w = this.calendar.isWorkingDay(this.dayKey(d));
      this.workingDays.set(d, w);
    }
    return w;
  }

  /** The last millisecond of the Vietnam day of t (a due date written as a bare date). */
  endOfDay(t: number): number {
    return vnEndOfDay(t);
  }

  /** The start of the first office session at or after t on a working day (receipt counts from here). */
  nextWorkingMorning(t: number): number {
    let d = vnDayIndex(t);
    const first = this.firstSessionStartMs;
    if (this.isWorking(d) && t <= vnDayStartOfIndex(d) + first) return vnDayStartOfIndex(d) + first;
    d++;
    while (!this.isWorking(d)) d++;
    return vnDayStartOfIndex(d) + first;
  }

  /** Due instant: legalDays working days from the next working morning (cached per morning and length). */
  dueFrom(t: number, legalDays: number): number {
    const morning = this.nextWorkingMorning(t);
    const key = morning * 64 + legalDays;
    let due = this.dueCache.get(key);
    if (due === undefined) {
      due = this.calendar.addWorkingDays(morning, legalDays);
      this.dueCache.set(key, due);
    }
    return due;
  }

  /** A working day `back` working days before day d (d itself when back = 0). */
  workingDayBefore(d: number, back: number): number {
    let x = d;
    for (let i = 0; i < back; i++) {
      x--;
      while (!this.isWorking(x)) x--;
    }
    return x;
  }
}
