/**
 * The heaps favour memory while ingest is quiet and V8's speed while it runs hot (server/heap-mode.ts):
 * the rule alone, on a clock of its own, and the switch it drives (V8's flag replaced by a recorder).
 */
import { describe, expect, it, vi } from 'vitest';
import { COLLECT_AFTER_CHANGES, HOT_EVENTS_PER_S, HOT_HOLD_MS, HeapModeRule, QUIET_MS, startHeapMode } from '../../server/heap-mode.js';

describe('heap mode rule', () => {
  it('is not hot for a trickle of changes, however long it lasts', () => {
    const rule = new HeapModeRule();
    for (let t = 0; t < 60_000; t += 100) expect(rule.applied(HOT_EVENTS_PER_S / 20, t)).toBe(false);
  });

  it('is hot from the second a burst passes the rate until HOT_HOLD_MS after its last hot second', () => {
    const rule = new HeapModeRule();
    expect(rule.applied(HOT_EVENTS_PER_S / 2, 0)).toBe(false);
    expect(rule.applied(HOT_EVENTS_PER_S / 2, 500)).toBe(true);
    expect(rule.hot(500 + HOT_HOLD_MS - 1)).toBe(true);
    expect(rule.hot(500 + HOT_HOLD_MS)).toBe(false);
  });

  it('counts each second afresh: the same changes spread over two seconds are not hot', () => {
    const rule = new HeapModeRule();
    expect(rule.applied(HOT_EVENTS_PER_S - 1, 0)).toBe(false);
    expect(rule.applied(HOT_EVENTS_PER_S - 1, 1_000)).toBe(false);
  });
});

describe('collection after a burst', () => {
  it('collects once a burst has been followed by a quiet spell, fast or slow as the burst came, and not again until the next', () => {
    const rule = new HeapModeRule();
    // A slow burst (never hot): 100 changes every 100 ms.
    let t = 0;
    for (let n = 0; n < COLLECT_AFTER_CHANGES; n += 100, t += 100) {
      rule.applied(100, t);
      expect(rule.collectNow(t)).toBe(false);
    }
    expect(rule.collectNow(t + QUIET_MS - 200)).toBe(false);
    expect(rule.collectNow(t + QUIET_MS)).toBe(true);
    expect(rule.collectNow(t + 10 * QUIET_MS)).toBe(false);
  });

  it('never collects under a trickle that never stops (the simulator at real volume)', () => {
    const rule = new HeapModeRule();
    for (let t = 0; t < 3_600_000; t += 1_000) {
      rule.applied(15, t);
      expect(rule.collectNow(t + 999)).toBe(false);
    }
  });
});

describe('heap mode switch', () => {
  it('leaves V8 as it is until its first check, favours memory then, switches only when the mode changes and collects after the burst', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const calls: boolean[] = [];
      let collections = 0;
      const mode = startHeapMode({ set: (small) => calls.push(small), collect: () => collections++, now: () => now });
      expect(calls).toEqual([]);
      now = 1_000;
      vi.advanceTimersByTime(1_000);
      expect(calls).toEqual([true]);
      // A burst: speed at once, and only one switch however many batches come.
      for (let i = 0; i < COLLECT_AFTER_CHANGES / HOT_EVENTS_PER_S; i++) mode.applied(HOT_EVENTS_PER_S);
      expect(calls).toEqual([true, false]);
      expect(mode.small).toBe(false);
      // Quiet again: memory at the first check past the hold.
      now += HOT_HOLD_MS;
      vi.advanceTimersByTime(1_000);
      expect(calls).toEqual([true, false, true]);
      expect(collections).toBe(1);
      // Once per burst, not at every check.
      now += 5_000;
      vi.advanceTimersByTime(5_000);
      expect(collections).toBe(1);
      mode.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
