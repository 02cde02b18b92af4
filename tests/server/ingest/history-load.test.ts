/** The history load's life (ingest/history-load.ts): begun by a batch, ended by silence, a shutdown, or a restart. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeInterruptedHistoryLoad, createHistoryLoad } from '../../../server/ingest/history-load.js';
import { HISTORY_UNTIL_KEY } from '../../../server/projection/data-trust-rows.js';

function fakes(now = 1_000) {
  const meta = new Map<string, string>();
  const told: boolean[] = [];
  let ended = 0;
  const load = createHistoryLoad({
    meta: { get: (k) => meta.get(k) ?? null, set: (k, v) => void meta.set(k, v) },
    writer: { setHistoryLoad: (on) => void told.push(on) },
    now: () => now,
    onEnd: () => void ended++,
    idleMs: 3_000,
  });
  return { load, meta, told, ended: () => ended, setNow: (t: number) => (now = t) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('history load', () => {
  it('starts with its first batch: the mark pending, the writer told once', () => {
    vi.useFakeTimers();
    const f = fakes();
    f.load.batch();
    f.load.batch();
    expect(f.meta.get(HISTORY_UNTIL_KEY)).toBe('pending');
    expect(f.told).toEqual([true]);
    expect(f.load.status()).toEqual({ active: true, since: 1_000, batches: 2 });
  });

  it('ends once no batch came for the idle time: the mark at that instant, the writer told, onEnd run once', () => {
    vi.useFakeTimers();
    const f = fakes();
    f.load.batch();
    vi.advanceTimersByTime(2_000);
    f.load.batch(); // keeps it running
    vi.advanceTimersByTime(2_999);
    expect(f.load.active).toBe(true);
    f.setNow(9_000);
    vi.advanceTimersByTime(1);
    expect(f.load.status()).toEqual({ active: false, since: null, batches: 0 });
    expect(f.meta.get(HISTORY_UNTIL_KEY)).toBe('9000');
    expect(f.told).toEqual([true, false]);
    expect(f.ended()).toBe(1);
    f.load.end(); // nothing runs: nothing to end
    expect(f.ended()).toBe(1);
  });

  it('a load cut by a crash ends at the last logged arrival on the next start; a finished one is left alone', () => {
    const meta = new Map([[HISTORY_UNTIL_KEY, 'pending']]);
    const m = { get: (k: string) => meta.get(k) ?? null, set: (k: string, v: string) => void meta.set(k, v) };
    closeInterruptedHistoryLoad(m, () => 4_242);
    expect(meta.get(HISTORY_UNTIL_KEY)).toBe('4242');
    closeInterruptedHistoryLoad(m, () => 9_999);
    expect(meta.get(HISTORY_UNTIL_KEY)).toBe('4242');
  });
});
