// @vitest-environment jsdom
/**
 * The header's bell with a fake socket: the unread count and the list change when `request:created`
 * and `request:updated` arrive, without a reload; the unit leader answers in the list.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { createFakeSocket } from '../realtime/fake-socket';
import { CITY_LEADER_ME, json, renderRoute, stubApi } from '../unit/render-helpers';
import { request } from './factories';

const fake = vi.hoisted(() => ({ ref: null as null | ReturnType<typeof createFakeSocket> }));
vi.mock('../../../client/realtime/socket', async () => {
  const { createFakeSocket, FAKE_EV } = await import('../realtime/fake-socket');
  fake.ref = createFakeSocket();
  const connection = { connected: true, connectedAt: 0, lastTickAt: null, lastTick: null, connects: 1 };
  return {
    EV: FAKE_EV,
    getSocket: () => fake.ref!.socket,
    getConnection: () => connection,
    onConnectionChange: () => () => {},
    reconnectSocket: () => {},
  };
});

const { RequestsBell } = await import('../../../client/features/requests/RequestsBell');
const { refreshSession } = await import('../../../client/features/auth/session');

const SLOW = { timeout: 5_000 };
const WARD_ME = {
  ...CITY_LEADER_ME,
  user: { username: 'phuong', displayName: 'Chủ tịch phường', role: 'unit_leader', scope: 'unit:26740' },
  capabilities: { ...CITY_LEADER_ME.capabilities, home: 'unit:26740', acknowledgeReminders: true, requestSubjects: [] },
};
const SUPERVISOR_ME = {
  ...CITY_LEADER_ME,
  user: { username: 'giamsat', displayName: 'Giám sát viên', role: 'supervisor', scope: 'city' },
  capabilities: { ...CITY_LEADER_ME.capabilities, sendReminders: true, requestSubjects: ['dossier', 'case', 'unit'] },
};
const list = (items: unknown[]) => json({ asOf: '2026-12-04T11:00:00.000+07:00', items, counts: {}, unread: 0 });

afterEach(async () => {
  cleanup();
  stubApi([]);
  await refreshSession();
});

describe('RequestsBell', () => {
  it('raises the ward leader’s badge when a request arrives live, and the leader acknowledges and answers it in the list', async () => {
    let answered: any = null;
    stubApi([
      [/^\/api\/v1\/auth\/me$/, () => json(WARD_ME)],
      [/\/reminders\/mine$/, () => list([])],
      [
        /\/reminders\/5\/acknowledge$/,
        () => json(request({ id: 5, acknowledgedAt: '2026-12-04T11:05:00.000+07:00', acknowledgedBy: 'Chủ tịch phường' })),
      ],
      [
        /\/reminders\/5\/answer$/,
        () => {
          answered = request({
            id: 5,
            acknowledgedAt: '2026-12-04T11:05:00.000+07:00',
            answeredAt: '2026-12-04T11:10:00.000+07:00',
            answeredBy: 'Chủ tịch phường',
            answer: 'Đã xử lý xong.',
          });
          return json(answered);
        },
      ],
    ]);
    await refreshSession();
    renderRoute('/x', '/x', <RequestsBell />);
    const bell = await screen.findByTestId('requests-bell', undefined, SLOW);
    await waitFor(() => expect(fake.ref!.count('request:created')).toBeGreaterThan(0));
    expect(bell.getAttribute('data-unread')).toBe('0');
    // Another unit's request, pushed to a city-wide socket by mistake, would not count; this ward's does.
    act(() => fake.ref!.fire('request:created', { asOf: '', request: request({ id: 9, unit: '26743' }) }));
    act(() => fake.ref!.fire('request:created', { asOf: '', request: request({ id: 5 }) }));
    expect(screen.getByTestId('requests-badge').textContent).toBe('1');
    expect(bell.getAttribute('aria-label')).toBe('Nhắc nhở và yêu cầu giải trình: 1 chưa đọc');

    fireEvent.click(bell);
    const card = await screen.findByTestId('request-5', undefined, SLOW);
    expect(within(card).getByTestId('request-state').textContent).toBe('Chưa tiếp nhận');
    expect(card.textContent).toContain('Cán bộ xử lý khi gửi: Nguyễn Thị Lan');
    expect(card.textContent).toContain('Hạn giải trình: 08/12/2026');
    fireEvent.click(within(card).getByTestId('request-ack-5'));
    await waitFor(() => expect(within(screen.getByTestId('request-5')).getByTestId('request-state').textContent).toBe('Đã tiếp nhận'));
    expect(screen.queryByTestId('requests-badge')).toBeNull();

    fireEvent.click(within(screen.getByTestId('request-5')).getByTestId('request-answer-5'));
    fireEvent.change(screen.getByTestId('answer-text'), { target: { value: 'x'.repeat(2_001) } });
    expect(screen.getByText('2.001/2.000 ký tự')).toBeTruthy();
    fireEvent.click(screen.getByTestId('answer-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Tối đa 2.000 ký tự; nội dung hiện có 2.001.');
    expect(answered).toBeNull();
    fireEvent.change(screen.getByTestId('answer-text'), { target: { value: 'Đã xử lý xong.' } });
    fireEvent.click(screen.getByTestId('answer-submit'));
    await waitFor(() => expect(within(screen.getByTestId('request-5')).getByTestId('request-state').textContent).toBe('Đã giải trình'));
    expect(within(screen.getByTestId('request-5')).getByTestId('request-answer').textContent).toContain('Đã xử lý xong.');
  });

  it('counts, for the sender, the answer that arrives live, and its entry turns "Đã giải trình"', async () => {
    stubApi([
      [/^\/api\/v1\/auth\/me$/, () => json(SUPERVISOR_ME)],
      [/\/reminders\/mine$/, () => list([request({ id: 5 })])],
      [/\/reminders\/answers-seen$/, () => json({ seen: [5] })],
    ]);
    await refreshSession();
    renderRoute('/x', '/x', <RequestsBell />);
    const bell = await screen.findByTestId('requests-bell', undefined, SLOW);
    await waitFor(() => expect(fake.ref!.count('request:updated')).toBeGreaterThan(0));
    expect(bell.getAttribute('data-unread')).toBe('0');
    // A city-wide reader's socket also gets requests others sent: they are not the sender's.
    act(() => fake.ref!.fire('request:created', { asOf: '', request: request({ id: 6, sentByUsername: 'lanhdao' }) }));
    const answer = {
      answeredAt: '2026-12-04T11:10:00.000+07:00',
      answeredBy: 'Chủ tịch phường',
      answer: 'Đã xử lý xong.',
      acknowledgedAt: '2026-12-04T11:10:00.000+07:00',
    };
    act(() =>
      fake.ref!.fire('request:updated', { asOf: '', change: 'answered', request: request({ id: 5, ...answer, state: 'answered' }) }),
    );
    expect(screen.getByTestId('requests-badge').textContent).toBe('1');
    fireEvent.click(bell);
    const card = await screen.findByTestId('request-5', undefined, SLOW);
    expect(within(card).getByTestId('request-state').textContent).toBe('Đã giải trình');
    expect(card.textContent).toContain('Giải trình mới');
    expect(screen.queryByTestId('request-6')).toBeNull();
  });
});
