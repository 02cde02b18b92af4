/** A history load's metrics-engine updates, coalesced per dossier over a window (metrics/history-applies.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHistoryApplies } from '../../../server/metrics/history-applies.js';
import type { DossierState } from '../../../server/domain/types.js';

/** A stand-in state: the applies only look at `id` and pass states through. */
const state = (id: string, version: number) => ({ id, version }) as unknown as DossierState;

function fakes(windowMs = 2_000) {
  const applied: [DossierState | null, DossierState][] = [];
  let flushes = 0;
  const applies = createHistoryApplies({
    apply: (prev, next) => void applied.push([prev, next]),
    flushed: () => void flushes++,
    windowMs,
  });
  return { applies, applied, flushes: () => flushes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('history applies', () => {
  it('applies a dossier changed by several batches once, from its state before the first to its state after the last', () => {
    const f = fakes();
    f.applies.add(null, state('D-1', 1));
    f.applies.add(state('D-1', 1), state('D-1', 2));
    f.applies.add(state('D-2', 1), state('D-2', 2));
    f.applies.add(state('D-1', 2), state('D-1', 3));
    expect(f.applied).toEqual([]);
    f.applies.flush();
    expect(f.applied).toEqual([
      [null, state('D-1', 3)],
      [state('D-2', 1), state('D-2', 2)],
    ]);
    expect(f.flushes()).toBe(1);
    expect(f.applies.pending).toBe(0);
  });

  it('applies what waits once the window has passed, and nothing when nothing waits', () => {
    vi.useFakeTimers();
    const f = fakes(2_000);
    f.applies.add(null, state('D-1', 1));
    vi.advanceTimersByTime(1_999);
    expect(f.applied).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(f.applied).toEqual([[null, state('D-1', 1)]]);
    f.applies.flush();
    expect(f.flushes()).toBe(1);
  });

  it('starts a new window after a flush: a dossier changed again is applied from the state last applied', () => {
    const f = fakes();
    f.applies.add(null, state('D-1', 1));
    f.applies.flush();
    f.applies.add(state('D-1', 1), state('D-1', 2));
    f.applies.flush();
    expect(f.applied).toEqual([
      [null, state('D-1', 1)],
      [state('D-1', 1), state('D-1', 2)],
    ]);
  });
});
