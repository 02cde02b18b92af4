import { describe, expect, it } from 'vitest';
import type { PastReads } from '../../../server/db/past-store/contract.js';
import { countsOf, createPastOverdue, PAST_OVERDUE_STALE_MS, PAST_OVERDUE_TTL_MS } from '../../../server/http/past-overdue.js';
import type { ScopeKey } from '../../../server/metrics/types.js';

/** A past store whose overdue reads count themselves and answer `n` overdue dossiers of unit 26740. */
function fakeStore() {
  const state = { reads: 0, n: 3 };
  const store: Pick<PastReads, 'overdueAt'> = {
    overdueAt: async () => {
      state.reads++;
      return { dossiers: [{ code: '26740', n: state.n, nNew: 0 }], tasks: [] };
    },
  };
  return { state, store };
}

const scopeOf = (code: string): ScopeKey => `unit:${code}`;
const window = { from: Date.parse('2026-10-01T00:00:00+07:00'), to: Date.parse('2026-11-01T00:00:00+07:00') };

describe('past overdue counts', async () => {
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

  it('are read once and shared for their time to live', async () => {
    const { state, clock, past } = setup();
    expect(countsOf(await past.atEndOf(window), 'city').dossiers).toBe(3);
    clock.now += PAST_OVERDUE_TTL_MS - 1;
    expect(countsOf(await past.atEndOf(window), 'unit:26740').dossiers).toBe(3);
    expect(state.reads).toBe(1);
  });

  it('serve on after it while the projection writer is behind, and are read again once it has caught up', async () => {
    const { state, clock, past } = setup();
    await past.atEndOf(window);
    state.n = 4;
    clock.now += PAST_OVERDUE_TTL_MS + 1;
    clock.behind = true;
    expect(countsOf(await past.atEndOf(window), 'city').dossiers).toBe(3);
    expect(state.reads).toBe(1);
    clock.behind = false;
    expect(countsOf(await past.atEndOf(window), 'city').dossiers).toBe(4);
    expect(state.reads).toBe(2);
  });

  it('wait for the writer after all once they are older than the stale limit', async () => {
    const { state, clock, past } = setup();
    await past.atEndOf(window);
    state.n = 5;
    clock.behind = true;
    clock.now += PAST_OVERDUE_TTL_MS + PAST_OVERDUE_STALE_MS;
    expect(countsOf(await past.atEndOf(window), 'city').dossiers).toBe(5);
    expect(state.reads).toBe(2);
  });

  it('are read at once the first time, writer behind or not', async () => {
    const { state, clock, past } = setup();
    clock.behind = true;
    expect(countsOf(await past.atEndOf(window), 'city').dossiers).toBe(3);
    expect(state.reads).toBe(1);
  });

  it('are read once by requests arriving while the read is under way', async () => {
    const { state, past } = setup();
    const [a, b] = await Promise.all([past.atEndOf(window), past.atEndOf(window)]);
    expect(countsOf(a, 'city').dossiers).toBe(3);
    expect(b).toBe(a);
    expect(state.reads).toBe(1);
  });

  it('are read again after a failed read instead of keeping the failure', async () => {
    let fail = true;
    const past = createPastOverdue(
      {
        overdueAt: async () => {
          if (fail) throw new Error('connection lost');
          return { dossiers: [{ code: '26740', n: 2, nNew: 1 }], tasks: [{ code: '26740', n: 1 }] };
        },
      },
      scopeOf,
      () => 1_000_000,
    );
    await expect(past.atEndOf(window)).rejects.toThrow('connection lost');
    fail = false;
    expect(countsOf(await past.atEndOf(window), 'unit:26740')).toEqual({ dossiers: 2, dossiersNew: 1, tasks: 1 });
  });
});
