// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { createFakeSocket } from './fake-socket';

const fake = vi.hoisted(() => ({ resumed: 0, ref: null as null | ReturnType<typeof createFakeSocket> }));

vi.mock('../../../client/realtime/socket', async () => {
  const { createFakeSocket, FAKE_EV } = await import('./fake-socket');
  fake.ref = createFakeSocket();
  return {
    EV: FAKE_EV,
    getSocket: () => fake.ref!.socket,
    resumeSocket: () => {
      fake.resumed++;
    },
  };
});

const { useSocketLifecycle, useResumeAfterServerDisconnect } = await import('../../../client/realtime/useSocketLifecycle');
const sock = () => fake.ref!;

afterEach(() => {
  cleanup();
  fake.resumed = 0;
});

describe('useSocketLifecycle', () => {
  it('calls onServerDisconnect only when the server ended the socket', () => {
    const onServerDisconnect = vi.fn();
    renderHook(() => useSocketLifecycle({ onServerDisconnect }));
    sock().fire('disconnect', 'transport close');
    sock().fire('disconnect', 'io client disconnect');
    expect(onServerDisconnect).not.toHaveBeenCalled();
    sock().fire('disconnect', 'io server disconnect');
    expect(onServerDisconnect).toHaveBeenCalledTimes(1);
  });

  it('passes the code of a refused handshake and ignores network errors', () => {
    const onRefused = vi.fn();
    renderHook(() => useSocketLifecycle({ onRefused }));
    sock().fire('connect_error', new Error('xhr poll error'));
    sock().fire('connect_error', Object.assign(new Error('refused'), { data: { code: 'display_token_invalid' } }));
    expect(onRefused.mock.calls).toEqual([['display_token_invalid']]);
  });

  it('calls the latest handlers without registering again', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderHook(({ h }) => useSocketLifecycle({ onServerDisconnect: h }), { initialProps: { h: first } });
    rerender({ h: second });
    expect(sock().count('disconnect')).toBe(1);
    sock().fire('disconnect', 'io server disconnect');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('leaves no listener behind when unmounted or disabled', () => {
    const { unmount } = renderHook(() => useSocketLifecycle({ onServerDisconnect: () => {}, onRefused: () => {} }));
    expect(sock().count('disconnect')).toBe(1);
    expect(sock().count('connect_error')).toBe(1);
    unmount();
    expect(sock().remaining()).toEqual([]);

    const { rerender, unmount: unmount2 } = renderHook(({ on }) => useSocketLifecycle({ onRefused: () => {} }, on), {
      initialProps: { on: false },
    });
    expect(sock().remaining()).toEqual([]);
    rerender({ on: true });
    expect(sock().count('connect_error')).toBe(1);
    rerender({ on: false });
    expect(sock().remaining()).toEqual([]);
    unmount2();
  });
});

describe('useResumeAfterServerDisconnect', () => {
  it('learns who we are now, then reconnects, after the server ended the socket', async () => {
    let settle!: () => void;
    const refresh = vi.fn(() => new Promise<void>((r) => (settle = r)));
    const { unmount } = renderHook(() => useResumeAfterServerDisconnect(refresh));
    sock().fire('disconnect', 'transport close');
    expect(refresh).not.toHaveBeenCalled();
    sock().fire('disconnect', 'io server disconnect');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fake.resumed).toBe(0);
    await act(async () => settle());
    expect(fake.resumed).toBe(1);
    unmount();
    expect(sock().remaining()).toEqual([]);
  });
});
