/**
 * Bounded buffers of the wall: it runs for days, so every list it keeps has a fixed maximum. Pure.
 */
import type { FeedAlert } from '../../lib/alert-feed';

// The feed's pure helpers are shared with the overview's "Quá hạn mới" (lib/alert-feed.ts).
export { MAX_FEED_ITEMS, mergeByTime, overdueItemsToAlerts, pushAllBounded, pushBounded, sameAlert } from '../../lib/alert-feed';
export type WallAlert = FeedAlert;

/** Trend samples kept (one a minute: 12 hours). */
export const MAX_TREND_SAMPLES = 720;
export const TREND_SAMPLE_MS = 60_000;
/** A unit whose alert came within this long pulses on the map. */
export const PULSE_WINDOW_MS = 30_000;

/**
 * Appends a sample (oldest first), keeping at most `max`. A sample within `minSpacingMs` of the last
 * one replaces it, so bursts of updates do not crowd out history.
 */
export function appendSample<T extends { at: number }>(buf: readonly T[], sample: T, max: number, minSpacingMs = 0): T[] {
  if (max <= 0) return [];
  const last = buf[buf.length - 1];
  if (last && sample.at < last.at) return buf as T[]; // out of order: ignore
  const base = last && sample.at - last.at < minSpacingMs ? buf.slice(0, -1) : buf;
  const out = [...base, sample];
  return out.length > max ? out.slice(out.length - max) : out;
}

/** Codes of units with an alert received within `windowMs` before `now`, newest first, once each. */
export function recentAlertUnits(alerts: readonly WallAlert[], now: number, windowMs = PULSE_WINDOW_MS): string[] {
  const seen = new Set<string>();
  for (const a of alerts) {
    if (now - a.receivedAt > windowMs) continue;
    seen.add(a.unit);
  }
  return [...seen];
}
