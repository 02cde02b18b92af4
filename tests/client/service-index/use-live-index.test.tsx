// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { SubscribeAck, SubscribeRequest } from '../../../shared/contract/events';
import type { createFakeSocket } from '../realtime/fake-socket';
import { json, stubApi } from '../unit/render-helpers';

/** The page's socket, replaced (tests/client/realtime/fake-socket.ts), and the subscriptions asked for. */
const fake = vi.hoisted(() => ({
  ref: null as null | ReturnType<typeof createFakeSocket>,
  subscribed: [] as SubscribeRequest[],
  connection: { connected: true, connectedAt: Date.now(), lastTickAt: Date.now(), lastTick: null, connects: 1 },
}));

vi.mock('../../../client/realtime/socket', async () => {
  const { createFakeSocket, FAKE_EV } = await import('../realtime/fake-socket');
  fake.ref = createFakeSocket();
  return {
    EV: FAKE_EV,
    getSocket: () => fake.ref!.socket,
    requestSubscribe: (req: SubscribeRequest) => {
      fake.subscribed.push(req);
      return new Promise<SubscribeAck>(() => {});
    },
    retainScope: () => () => {},
    getConnection: () => fake.connection,
    onConnectionChange: () => () => {},
  };
});

const { useLiveIndex, LIVE_REFETCH_MIN_MS } = await import('../../../client/features/service-index/use-live-index');

function ranking(url: URL) {
  const period = url.searchParams.get('period') ?? 'month';
  const closed = /^\d/.test(period);
  return {
    asOf: '2026-12-04T10:30:00.000+07:00',
    window: { period, kind: 'month', from: '2026-12-01T00:00:00.000+07:00', to: '2027-01-01T00:00:00.000+07:00', current: !closed },
    previous: { period: '2026-11', kind: 'month', from: '', to: '' },
    rule: 'full',
    gradeCutoffs: { excellent: 90, good: 80, fair: 70, average: 50 },
    city: null,
    units: [],
    departments: [],
  };
}

/** Fake clock from here on (Testing Library's waitFor needs the real one until the first answer is in). */
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
/** Lets `ms` pass on the fake clock, then the fetches' promises settle. */
async function pass(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  for (let i = 0; i < 5; i++) await act(async () => Promise.resolve());
}

const update = (period: string) => ({ scope: 'city', period, seq: 1, asOf: '2026-12-04T10:30:01+07:00', changes: {} });

let calls: () => number;
beforeEach(() => {
  fake.subscribed.length = 0;
  const api = stubApi([[/^\/api\/v1\/index$/, (url) => json(ranking(url))]]);
  calls = () => api.mock.calls.filter(([u]) => String(u).includes('/api/v1/index')).length;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useLiveIndex', () => {
  it('fetches the ranking again when metrics:updated arrives for the current period, at most once per 5 s', async () => {
    const { result } = renderHook(() => useLiveIndex('month'));
    await waitFor(() => expect(result.current.ranking.data).not.toBeNull());
    expect(fake.subscribed).toEqual([{ scope: 'city', period: 'month' }]);
    expect(calls()).toBe(1);
    fakeClock();
    act(() => {
      for (let i = 0; i < 5; i++) fake.ref!.fire('metrics:updated', update('month'));
    });
    await pass(0);
    expect(calls()).toBe(2);
    expect(result.current.liveTick).toBe(1);
    // The four other updates within the gap make one fetch at its end, not four.
    await pass(LIVE_REFETCH_MIN_MS - 1);
    expect(calls()).toBe(2);
    await pass(1);
    expect(calls()).toBe(3);
    expect(result.current.liveTick).toBe(2);
    expect(LIVE_REFETCH_MIN_MS).toBe(5_000);
  });

  it('ignores updates of another period', async () => {
    const { result } = renderHook(() => useLiveIndex('month'));
    await waitFor(() => expect(result.current.ranking.data).not.toBeNull());
    fakeClock();
    act(() => fake.ref!.fire('metrics:updated', update('quarter')));
    await pass(LIVE_REFETCH_MIN_MS * 2);
    expect(calls()).toBe(1);
  });

  it('does not follow a closed period: no subscription, no re-fetch', async () => {
    const { result } = renderHook(() => useLiveIndex('2026-10'));
    await waitFor(() => expect(result.current.ranking.data).not.toBeNull());
    expect(result.current.livePeriod).toBeNull();
    expect(fake.subscribed).toEqual([]);
    fakeClock();
    act(() => fake.ref!.fire('metrics:updated', update('month')));
    await pass(LIVE_REFETCH_MIN_MS * 2);
    expect(calls()).toBe(1);
  });
});
