/**
 * Is an ingest source live, late or silent? Pure: the source's last batch, its settings, the clock
 * and the working calendar in; a state out.
 *
 * A source that only sends during office hours (`hours: 'office'`, the default) is measured in
 * WORKING time: the nights, weekends and days off of the official calendar do not count, so it is
 * not reported silent on a Sunday for not sending on a Sunday. A source that runs around the clock
 * (`hours: 'always'`) is measured in calendar time.
 */
import type { SourceHours, SourceState } from '../../shared/contract/api.js';
import type { WorkCalendar } from '../domain/types.js';

/** When a source is expected to send: during office hours only, or around the clock (defined in the contract). */
export type { SourceHours, SourceState } from '../../shared/contract/api.js';
export const SOURCE_HOURS: readonly SourceHours[] = ['office', 'always'];

/** A source quiet for more than this share of its silence threshold is shown as late. */
export const LATE_SHARE = 0.5;

export interface SourceSilenceInput {
  /** When the source's last batch arrived (ms); null if it never sent one. */
  lastSeenAt: number | null;
  now: number;
  /** Quiet time (working or calendar ms, per `hours`) after which the source is silent. */
  silentAfterMs: number;
  hours: SourceHours;
}

export interface SourceSilence {
  state: SourceState;
  /** Calendar ms since the last batch; null when none yet. */
  lagMs: number | null;
  /** The quiet time that counts against the threshold (working ms for office hours); null when none yet. */
  quietMs: number | null;
}

/**
 * Classifies a source. Never heard → silent. Otherwise the quiet time (working ms since the last
 * batch for an office-hours source, calendar ms for a 24/7 one) is compared with `silentAfterMs`:
 * above it silent, above `LATE_SHARE` of it late, else live. A last batch stamped after `now`
 * (clock skew) counts as just heard.
 */
export function sourceSilence(i: SourceSilenceInput, calendar: Pick<WorkCalendar, 'workingMsBetween'>): SourceSilence {
  if (i.lastSeenAt === null) return { state: 'silent', lagMs: null, quietMs: null };
  const lagMs = Math.max(0, i.now - i.lastSeenAt);
  const quietMs = i.hours === 'always' ? lagMs : Math.max(0, calendar.workingMsBetween(i.lastSeenAt, i.now));
  const state: SourceState = quietMs > i.silentAfterMs ? 'silent' : quietMs > i.silentAfterMs * LATE_SHARE ? 'late' : 'live';
  return { state, lagMs, quietMs };
}
