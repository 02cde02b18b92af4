import { describe, expect, it } from 'vitest';
import type { Store } from '../../../server/db/store.js';
import { createPastOverdue, PAST_OVERDUE_STALE_MS, PAST_OVERDUE_TTL_MS } from '../../../server/http/past-overdue.js';
import type { ScopeKey } from '../../../server/metrics/types.js';

/** A store whose overdue reads count themselves and answer `n` overdue dossiers of unit 26740. */
function fakeStore() {
  const state = { reads: 0, n: 3 };
  const store = {
    read: {
      overdueAt: () => {
        state.reads++;
        return { dossiers: [{ code: '26740', n: state.n, nNew: 0 }], tasks: [] };
      },
    },
  } as unknown as Store;
  return { state, store };
}

const scopeOf = (code: string): ScopeKey => `unit:${code}`;
const window = { from: Date.parse('2026-10-01T00:00:00+07:00'), to: Date.parse('2026-11-01T00:00:00+07:00') };

describe('past overdue counts', () => {
  function setup() {
    const { state, store } = fakeStore();
    const clock = { now: 1_000_000, behind: false };
    const past = createPastOverdue(
      store,
      scopeOf,
      () => clock.now,
      undefined,
      () => clock.behind,
    );
    return { state, clock, past };
  }

  it('are read once and shared for their time to live', () => {
    const { state, clock, past } = setup();
    expect(past.atEndOf('city', window).dossiers).toBe(3);
    clock.now += PAST_OVERDUE_TTL_MS - 1;
    expect(past.atEndOf('unit:26740', window).dossiers).toBe(3);
    expect(state.reads).toBe(1);
  });

  it('serve on after it while the projection writer is behind, and are read again once it has caught up', () => {
    const { state, clock, past } = setup();
    past.atEndOf('city', window);
    state.n = 4;
    clock.now += PAST_OVERDUE_TTL_MS + 1;
    clock.behind = true;
    expect(past.atEndOf('city', window).dossiers).toBe(3);
    expect(state.reads).toBe(1);
    clock.behind = false;
    expect(past.atEndOf('city', window).dossiers).toBe(4);
    expect(state.reads).toBe(2);
  });

  it('wait for the writer after all once they are older than the stale limit', () => {
    const { state, clock, past } = setup();
    past.atEndOf('city', window);
    state.n = 5;
    clock.behind = true;
    clock.now += PAST_OVERDUE_TTL_MS + PAST_OVERDUE_STALE_MS;
    expect(past.atEndOf('city', window).dossiers).toBe(5);
    expect(state.reads).toBe(2);
  });

  it('are read at once the first time, writer behind or not', () => {
    const { state, clock, past } = setup();
    clock.behind = true;
    expect(past.atEndOf('city', window).dossiers).toBe(3);
    expect(state.reads).toBe(1);
  });
});
