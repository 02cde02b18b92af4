/**
 * What the exact forecast needs of one open dossier: from which instant it is overdue if nothing happens
 * (no event, in particular no end of processing), by the overdue spans' definition (overdue-spans.ts).
 * With no event, an open dossier's overdue spans stop changing, and the last one — if it is still open
 * ([from, null)) — holds it overdue from `from` on for good: past due with the clock running, or the
 * two-supplements rule. A dossier waiting for the citizen's supplement has no such span: with no event
 * it never becomes overdue. Pure.
 */
import { firstWorkingInstant, overdueSpans } from './overdue-spans.js';
import { vnDayIndex, vnDayStartOfIndex } from './time.js';
import type { DossierState, WorkCalendar } from './types.js';

/**
 * The instant (epoch ms) an open dossier is overdue from if nothing happens (in the past when it is
 * overdue now); null when it never will be, and for a dossier that is not open.
 */
export function overdueFromIfIdle(state: DossierState): number | null {
  if (state.endAt !== null || state.unit === null) return null;
  const spans = overdueSpans(state);
  const last = spans[spans.length - 1];
  return last !== undefined && last.to === null ? last.from : null;
}

/** An open dossier's place in the forecast counters (EarlyWarningIndex). */
export interface ForecastKey {
  /** Vietnam day index of overdueFromIfIdle. */
  fromDay: number;
  /**
   * It turns overdue after the close of office of that day (and the instant after it): at the close it is
   * not late yet (due at or before the close → late at the close; see forecastHorizons).
   */
  afterClose: boolean;
  /** The Vietnam day its lateness begins in working time (overdueWorkDay): the short periods' on-time rate. */
  workDay: number;
}

/**
 * The forecast key of an open dossier, or null when it never turns overdue with no event.
 * `closeMsOfDay`: the close of office, ms after midnight (the last office session's end).
 */
export function forecastKey(state: DossierState, calendar: WorkCalendar, closeMsOfDay: number): ForecastKey | null {
  const from = overdueFromIfIdle(state);
  if (from === null) return null;
  const fromDay = vnDayIndex(from);
  return {
    fromDay,
    afterClose: from > closeInstantOf(fromDay, closeMsOfDay) + 1,
    workDay: vnDayIndex(firstWorkingInstant(from, calendar)),
  };
}

/** The close of office on Vietnam day `day`, epoch ms. */
export function closeInstantOf(day: number, closeMsOfDay: number): number {
  return vnDayStartOfIndex(day) + closeMsOfDay;
}

/** The close of office (the end of the last session, "HH:MM") as ms after midnight. */
export function officeCloseMs(officeHours: readonly { start: string; end: string }[]): number {
  const last = officeHours[officeHours.length - 1];
  const m = last ? /^(\d{2}):(\d{2})$/.exec(last.end) : null;
  if (!m) throw new RangeError(`office hours must end with an "HH:MM" session: ${JSON.stringify(officeHours)}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}
