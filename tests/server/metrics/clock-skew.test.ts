import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_WINDOW,
  createClockSkewTracker,
  createSkewWindow,
  isSkewLarge,
  restoreClockSkew,
} from '../../../server/metrics/clock-skew.js';

const MIN = 60_000;

describe('createSkewWindow', () => {
  it('has no median before any event', () => {
    const w = createSkewWindow(5);
    expect(w.median()).toEqual({ medianMs: null, samples: 0 });
    expect(w.size).toBe(0);
  });

  it('takes the middle value of an odd count, whatever the order the events came in', () => {
    const w = createSkewWindow(5);
    for (const s of [9_000, 1_000, 5_000]) w.push(s, 0);
    expect(w.median().medianMs).toBe(5_000);
    expect(w.size).toBe(3);
  });

  it('takes the mean of the two middle values of an even count', () => {
    const w = createSkewWindow(5);
    for (const s of [4_000, 1_000, 10_000, 2_000]) w.push(s, 0);
    expect(w.median().medianMs).toBe(3_000);
  });

  it('is not moved by one event held back for hours among punctual ones', () => {
    const w = createSkewWindow(5);
    for (const s of [2_000, 3_000, 5 * 3_600_000, 2_500, 3_500]) w.push(s, 0);
    expect(w.median().medianMs).toBe(3_000);
  });

  it('keeps only the last events: the oldest fall out once the window is full', () => {
    const w = createSkewWindow(3);
    for (const s of [60 * MIN, 60 * MIN, 60 * MIN]) w.push(s, 0);
    expect(w.median().medianMs).toBe(60 * MIN);
    w.push(1_000, 0);
    w.push(2_000, 0);
    // [60 min, 1 s, 2 s]: the late events are mostly gone.
    expect(w.median().medianMs).toBe(2_000);
    w.push(3_000, 0);
    expect(w.median().medianMs).toBe(2_000);
    expect(w.size).toBe(3);
  });

  it('keeps a negative skew (a source clock ahead of ours) negative', () => {
    const w = createSkewWindow(3);
    for (const s of [-4 * MIN, -5 * MIN, -6 * MIN]) w.push(s, 0);
    expect(w.median().medianMs).toBe(-5 * MIN);
  });

  it('orders negative and positive skews numerically, not as text', () => {
    const w = createSkewWindow(5);
    for (const s of [-10_000, 200, -3, 1_000_000, 15]) w.push(s, 0);
    expect(w.median().medianMs).toBe(15);
  });

  it('holds 1,001 events by default, so a full window has one middle event', () => {
    const w = createSkewWindow();
    for (let i = 0; i < 1_500; i++) w.push(i, 0);
    expect(w.size).toBe(CLOCK_SKEW_WINDOW);
    // The last 1,001 pushed: 499 … 1,499, whose middle is 999.
    expect(w.median().medianMs).toBe(999);
  });

  it('leaves out the events that arrived up to `since` (a history load), and says over how many it is', () => {
    const w = createSkewWindow(5);
    // A history load arriving at 1,000 with events days old, then live events arriving after it.
    for (const s of [3 * 86_400_000, 2 * 86_400_000, 86_400_000]) w.push(s, 1_000);
    w.push(2 * MIN, 2_000);
    w.push(4 * MIN, 3_000);
    expect(w.median()).toEqual({ medianMs: 86_400_000, samples: 5 });
    expect(w.median(1_000)).toEqual({ medianMs: 3 * MIN, samples: 2 });
    expect(w.median(Infinity)).toEqual({ medianMs: null, samples: 0 });
  });

  it('refuses a window of no events', () => {
    expect(() => createSkewWindow(0)).toThrow(RangeError);
  });
});

describe('createClockSkewTracker', () => {
  it('keeps one window per source and reads null with no samples for a source never heard', () => {
    const t = createClockSkewTracker(5);
    t.window(1).push(3 * MIN, 0);
    t.window(2).push(-MIN, 0);
    t.window(2).push(-3 * MIN, 0);
    expect(t.of(1)).toEqual({ medianMs: 3 * MIN, samples: 1 });
    expect(t.of(2)).toEqual({ medianMs: -2 * MIN, samples: 2 });
    expect(t.of(3)).toEqual({ medianMs: null, samples: 0 });
    expect(t.sources().sort()).toEqual([1, 2]);
  });

  it('is refilled from the log in order, so the window after a restart is the one before it', () => {
    const before = createClockSkewTracker(3);
    const logged: [number, number, number][] = [
      [1, 10_000, 0],
      [2, 500, 0],
      [1, 20_000, 0],
      [1, 30_000, 0],
      [1, 40_000, 0],
    ];
    for (const [id, s] of logged) before.window(id).push(s, 0);
    const after = createClockSkewTracker(3);
    expect(restoreClockSkew(after, logged)).toBe(5);
    expect(after.of(1)).toEqual(before.of(1));
    expect(after.of(1)).toEqual({ medianMs: 30_000, samples: 3 });
    expect(after.of(2)).toEqual({ medianMs: 500, samples: 1 });
  });
});

describe('isSkewLarge', () => {
  it('warns past the threshold either way, and never for a source without events', () => {
    expect(isSkewLarge(16 * MIN, 15 * MIN)).toBe(true);
    expect(isSkewLarge(-16 * MIN, 15 * MIN)).toBe(true);
    expect(isSkewLarge(15 * MIN, 15 * MIN)).toBe(false);
    expect(isSkewLarge(null, 15 * MIN)).toBe(false);
  });
});
