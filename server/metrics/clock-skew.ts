/**
 * Per-source clock skew: the median of (arrival − event `at`) over a source's last accepted events.
 * Positive: events reach us after they happened (a source sending late, or a clock behind ours);
 * negative: events dated after they arrived (a clock ahead of ours). The median ignores the odd event
 * held back or re-sent, and shows a source that is steadily late or whose clock is wrong.
 *
 * Cheap on the ingest path: one fixed ring buffer per source (a Float64Array, no allocation per event);
 * the median is computed when read (a copy of at most the window, sorted).
 */

/** Events per source the median is taken over: the last 1,001 accepted (odd, so a full window has one middle). */
export const CLOCK_SKEW_WINDOW = 1_001;

/** A source's recent skews: `push` is the hot path, `median` the read side. */
export interface SkewWindow {
  /** Records one accepted event's (arrival − at) in ms and its arrival; the oldest falls out once the window is full. */
  push(skewMs: number, arrivedAt: number): void;
  /**
   * The median in ms of the events that arrived after `since` (the mean of the two middle values for an
   * even count), and how many that is; null when there are none.
   */
  median(since?: number): SourceSkew;
  /** How many events the window holds (at most its size). */
  readonly size: number;
}

/** A ring buffer of the last `capacity` skews. */
export function createSkewWindow(capacity: number = CLOCK_SKEW_WINDOW): SkewWindow {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a skew window holds at least one event (got ${capacity})`);
  const ring = new Float64Array(capacity);
  const arrivals = new Float64Array(capacity);
  let next = 0;
  let count = 0;
  return {
    push(skewMs, arrivedAt) {
      ring[next] = skewMs;
      arrivals[next] = arrivedAt;
      next = next + 1 === capacity ? 0 : next + 1;
      if (count < capacity) count++;
    },
    median(since = -Infinity) {
      // Order does not matter for a median: the filled part of the ring (arrived after `since`), sorted numerically.
      const kept = new Float64Array(count);
      let n = 0;
      for (let i = 0; i < count; i++) if (arrivals[i] > since) kept[n++] = ring[i];
      if (n === 0) return { medianMs: null, samples: 0 };
      const sorted = kept.subarray(0, n).sort();
      const mid = n >> 1;
      return { medianMs: n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, samples: n };
    },
    get size() {
      return count;
    },
  };
}

/** One source's skew as read: the median in ms (null before any event) and how many events it is over. */
export interface SourceSkew {
  medianMs: number | null;
  samples: number;
}

/** Every source's skew window, by source id. */
export interface ClockSkewTracker {
  /** The source's window, created on its first event: looked up once per batch, pushed once per accepted event. */
  window(sourceId: number): SkewWindow;
  /** The source's skew now, over the events that arrived after `since` (a history load's end: those before were late by nature). */
  of(sourceId: number, since?: number): SourceSkew;
  /** Every source with at least one event. */
  sources(): number[];
}

export function createClockSkewTracker(capacity: number = CLOCK_SKEW_WINDOW): ClockSkewTracker {
  const windows = new Map<number, SkewWindow>();
  return {
    window(sourceId) {
      let w = windows.get(sourceId);
      if (!w) windows.set(sourceId, (w = createSkewWindow(capacity)));
      return w;
    },
    of(sourceId, since) {
      return windows.get(sourceId)?.median(since) ?? { medianMs: null, samples: 0 };
    },
    sources: () => [...windows.keys()],
  };
}

/**
 * A source's skew over the events after the last history load (data-trust's mark: null none, `pending`
 * one running, else its end): events that arrived in one (the demo's seeded weeks, a first import)
 * were late by nature.
 */
export function skewAfterHistory(tracker: Pick<ClockSkewTracker, 'of'>, historyMark: () => string | null) {
  return (sourceId: number): SourceSkew => {
    const mark = historyMark();
    return tracker.of(sourceId, mark === null ? -Infinity : mark === 'pending' ? Infinity : Number(mark));
  };
}

/** CLOCK_SKEW_WARN_MINUTES' default, in ms: a source whose events arrive 15 minutes off is worth a look. */
export const DEFAULT_CLOCK_SKEW_WARN_MS = 15 * 60_000;

/** Is this skew worth a warning (its size over `warnMs`, either way)? Never for a source without events. */
export function isSkewLarge(medianMs: number | null, warnMs: number): boolean {
  return medianMs !== null && Math.abs(medianMs) > warnMs;
}

/**
 * How many of the log's last events are read at start to refill the windows: 16 full windows' worth.
 * Each row read costs its page (the payload is in the row): 16,016 rows of a 2-million-event log took
 * 25–120 ms of CPU (0.1–0.7 s wall on the loaded shared machine); 64,064, four times that. A source not
 * heard in them starts empty.
 */
export const CLOCK_SKEW_RESTORE_EVENTS = CLOCK_SKEW_WINDOW * 16;

/** Refills the windows from logged events, oldest first ([source id, arrival − at in ms, arrival]); answers how many were read. */
export function restoreClockSkew(
  tracker: Pick<ClockSkewTracker, 'window'>,
  events: Iterable<readonly [sourceId: number, skewMs: number, arrivedAt: number]>,
): number {
  let n = 0;
  for (const [sourceId, skewMs, arrivedAt] of events) {
    tracker.window(sourceId).push(skewMs, arrivedAt);
    n++;
  }
  return n;
}
