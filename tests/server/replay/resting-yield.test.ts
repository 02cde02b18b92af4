import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { restingYield } from '../../../server/replay/checkpoint-writer.js';

describe('the checkpoint writer between slices', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rests three times as long as its slice took, so it holds at most a quarter of the main thread', async () => {
    const rest = restingYield();
    vi.advanceTimersByTime(40); // a slice of 40 ms of work
    let resumed = false;
    const waiting = rest().then(() => (resumed = true));
    await vi.advanceTimersByTimeAsync(119);
    expect(resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(resumed).toBe(true);
  });

  it('rests at most 250 ms after a long slice, and hardly at all after a short one', async () => {
    const rest = restingYield();
    vi.advanceTimersByTime(1_000);
    let resumed = false;
    void rest().then(() => (resumed = true));
    await vi.advanceTimersByTimeAsync(250);
    expect(resumed).toBe(true);

    resumed = false;
    void rest().then(() => (resumed = true)); // no work since it resumed
    await vi.advanceTimersByTimeAsync(0);
    expect(resumed).toBe(true);
  });
});
