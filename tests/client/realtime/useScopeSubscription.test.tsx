// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { SubscribeAck, SubscribeRequest } from '../../../shared/contract/events';
import { metrics } from '../fixtures/metrics';

/** A stand-in for the page's socket: listeners by event, a connected flag, pending acks. */
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const socket = {
    connected: true,
    on(event: string, l: (...args: unknown[]) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(l);
      return socket;
    },
    off(event: string, l: (...args: unknown[]) => void) {
      listeners.get(event)?.delete(l);
      return socket;
    },
  };
  return {
    socket,
    listeners,
    fire(event: string, ...args: unknown[]) {
      for (const l of [...(listeners.get(event) ?? [])]) l(...args);
    },
    count: (event: string) => listeners.get(event)?.size ?? 0,
    requests: [] as { req: SubscribeRequest; resolve: (a: SubscribeAck) => void }[],
    connection: { connected: true, connectedAt: Date.now(), lastTickAt: Date.now(), lastTick: null, connects: 1 },
    released: 0,
  };
});

vi.mock('../../../client/realtime/socket', () => ({
  EV: {
    scopeSubscribe: 'scope:subscribe',
    scopeUnsubscribe: 'scope:unsubscribe',
    metricsUpdated: 'metrics:updated',
    alertRaised: 'alert:raised',
    clockTicked: 'clock:ticked',
  },
  getSocket: () => fake.socket,
  requestSubscribe: (req: SubscribeRequest) => new Promise<SubscribeAck>((resolve) => fake.requests.push({ req, resolve })),
  retainScope: () => () => {
    fake.released++;
  },
  // A stable object, as useSyncExternalStore requires.
  getConnection: () => fake.connection,
  onConnectionChange: () => () => {},
}));

const { useScopeSubscription } = await import('../../../client/realtime/useScopeSubscription');

const ack = (seq: number, overdue: number): SubscribeAck => ({
  ok: true,
  seq,
  asOf: '2025-12-15T08:00:00+07:00',
  snapshot: { period: 'month', window: { from: 'a', to: 'b' }, metrics: { city: metrics({ overdue }) } },
});
const update = (seq: number, overdue: number) => ({
  scope: 'city',
  period: 'month',
  seq,
  asOf: '2025-12-15T08:00:01+07:00',
  changes: { city: metrics({ overdue }) },
});

afterEach(() => {
  cleanup();
  fake.requests.length = 0;
});

describe('useScopeSubscription', () => {
  it('subscribes, applies deltas, re-subscribes on a gap and after a reconnect, and cleans up', async () => {
    const { result, unmount } = renderHook(() => useScopeSubscription('city', 'month'));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].req).toEqual({ scope: 'city', period: 'month' });

    await act(async () => fake.requests[0].resolve(ack(5, 10)));
    expect(result.current.state.sync).toBe('ready');
    expect(result.current.state.metrics.city?.overdue).toBe(10);
    expect(result.current.status).toBe('live');

    act(() => fake.fire('metrics:updated', update(6, 11)));
    expect(result.current.state.metrics.city?.overdue).toBe(11);

    // A lost message (seq 7): ask again and take the new snapshot.
    act(() => fake.fire('metrics:updated', update(8, 99)));
    expect(fake.requests).toHaveLength(2);
    await act(async () => fake.requests[1].resolve(ack(8, 12)));
    expect(result.current.state.seq).toBe(8);
    expect(result.current.state.metrics.city?.overdue).toBe(12);

    // The connection drops and comes back: subscribe again, replace from the snapshot.
    act(() => fake.fire('disconnect'));
    expect(result.current.state.sync).toBe('awaiting_snapshot');
    act(() => fake.fire('connect'));
    expect(fake.requests).toHaveLength(3);
    await act(async () => fake.requests[2].resolve(ack(1, 20)));
    expect(result.current.state.seq).toBe(1);
    expect(result.current.state.metrics.city?.overdue).toBe(20);

    expect(fake.count('metrics:updated')).toBe(1);
    const releasedBefore = fake.released;
    unmount();
    expect(fake.count('metrics:updated')).toBe(0);
    expect(fake.count('connect')).toBe(0);
    expect(fake.count('disconnect')).toBe(0);
    expect(fake.released).toBe(releasedBefore + 1);
  });

  it('ignores an ack that arrives after the period changed', async () => {
    const { result, rerender } = renderHook(({ period }) => useScopeSubscription('city', period), {
      initialProps: { period: 'month' as 'month' | 'today' },
    });
    rerender({ period: 'today' });
    expect(fake.requests.map((r) => r.req.period)).toEqual(['month', 'today']);
    await act(async () => fake.requests[0].resolve(ack(5, 10)));
    expect(result.current.state.period).toBe('today');
    expect(result.current.state.sync).toBe('awaiting_snapshot');
    expect(result.current.state.metrics.city).toBeUndefined();
  });

  it('applies deltas that arrive while the previous one is still being drawn, in order, highlighting all they changed', async () => {
    const { result } = renderHook(() => useScopeSubscription('city', 'month'));
    const held = ack(5, 10) as Extract<SubscribeAck, { ok: true }>;
    for (const code of ['1', '2', '3']) held.snapshot.metrics[`unit:${code}`] = metrics({ overdue: 0 });
    await act(async () => fake.requests[0].resolve(held));
    const count = result.current.state.changeCount;
    const unitUpdate = (seq: number, code: string) => ({ ...update(seq, 0), changes: { [`unit:${code}`]: metrics({ overdue: seq }) } });
    // The first goes out as a batch; the next two wait for it to be drawn and then go together.
    await act(async () => {
      fake.fire('metrics:updated', { ...update(6, 11), changes: { city: metrics({ overdue: 11 }), 'unit:1': metrics({ overdue: 1 }) } });
      fake.fire('metrics:updated', unitUpdate(7, '2'));
      fake.fire('metrics:updated', unitUpdate(8, '3'));
    });
    const s = result.current.state;
    expect(s.seq).toBe(8);
    expect(s.metrics.city?.overdue).toBe(11);
    expect(s.metrics['unit:3']?.overdue).toBe(8);
    expect(s.batches).toBe(2);
    expect([...s.changed].sort()).toEqual(['unit:2', 'unit:3']);
    expect(s.changeCount).toBe(count + 2);
  });
});
