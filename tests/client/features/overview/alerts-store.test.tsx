// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { AlertRaised } from '../../../../shared/contract/events';
import type { createFakeSocket } from '../../realtime/fake-socket';

const fake = vi.hoisted(() => ({ ref: null as null | ReturnType<typeof createFakeSocket> }));

vi.mock('../../../../client/realtime/socket', async () => {
  const { createFakeSocket, FAKE_EV } = await import('../../realtime/fake-socket');
  fake.ref = createFakeSocket();
  return { EV: FAKE_EV, getSocket: () => fake.ref!.socket };
});

const { useAlerts, clearAlerts } = await import('../../../../client/features/overview/alerts-store');
const sock = () => fake.ref!;

const alert = (id: string): AlertRaised => ({
  kind: 'dossier',
  id,
  unit: '26740',
  unitName: 'Phường Bến Thành',
  title: 'Đăng ký khai sinh',
  dueAt: '2026-11-20T10:00:00.000+07:00',
  at: '2026-11-20T10:00:00.000+07:00',
  holderName: null,
});

afterEach(() => {
  cleanup();
  clearAlerts();
});

describe('useAlerts', () => {
  it('listens to alert:raised while mounted and leaves no listener behind', () => {
    const { result, unmount } = renderHook(() => useAlerts());
    expect(sock().count('alert:raised')).toBe(1);
    act(() => sock().fire('alert:raised', alert('D-1')));
    expect(result.current.map((a) => a.id)).toEqual(['D-1']);
    unmount();
    expect(sock().remaining()).toEqual([]);
  });

  it('keeps the feed across unmount and mount, with one listener at a time', () => {
    const first = renderHook(() => useAlerts());
    act(() => sock().fire('alert:raised', alert('D-1')));
    first.unmount();
    const second = renderHook(() => useAlerts());
    expect(sock().count('alert:raised')).toBe(1);
    act(() => sock().fire('alert:raised', alert('D-2')));
    expect(second.result.current.map((a) => a.id)).toEqual(['D-2', 'D-1']);
    second.unmount();
    expect(sock().remaining()).toEqual([]);
  });
});
