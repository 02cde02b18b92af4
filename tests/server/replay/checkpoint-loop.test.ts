/** The replay checkpoints' timer (replay/checkpoint-loop.ts): runs the writer every period, not while a history load runs. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointLoop } from '../../../server/replay/checkpoint-loop.js';
import type { CheckpointWriter } from '../../../server/replay/checkpoint-writer.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('checkpoint loop', () => {
  it('skips its runs while paused (a history load) and takes them up once the pause ends', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let loading = true;
    const writer = { catchUp: async () => (runs++, 0) } as unknown as CheckpointWriter;
    const loop = startCheckpointLoop({ writer, periodMs: 1_000, logger: { warn: () => {} }, paused: () => loading });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(0);
    loading = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(2);
    await loop.stop();
  });
});
