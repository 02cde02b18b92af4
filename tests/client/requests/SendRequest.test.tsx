// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshSession } from '../../../client/features/auth/session';
import { SendRequest } from '../../../client/features/requests/SendRequest';
import { CITY_LEADER_ME, json, renderRoute, stubApi } from '../unit/render-helpers';
import { request } from './factories';

const SLOW = { timeout: 5_000 };
const SUPERVISOR_ME = {
  ...CITY_LEADER_ME,
  user: { username: 'giamsat', displayName: 'Giám sát viên', role: 'supervisor', scope: 'city' },
  capabilities: { ...CITY_LEADER_ME.capabilities, sendReminders: true, requestSubjects: ['dossier', 'case', 'unit'] },
};
const DEPARTMENT_ME = {
  ...CITY_LEADER_ME,
  user: { username: 'so-tuphap', displayName: 'Sở Tư pháp', role: 'department', scope: 'department:STP' },
  capabilities: { ...CITY_LEADER_ME.capabilities, home: 'department:STP', sendReminders: true, requestSubjects: ['dossier', 'case'] },
};
const WARD_ME = {
  ...CITY_LEADER_ME,
  user: { username: 'phuong', displayName: 'Chủ tịch phường', role: 'unit_leader', scope: 'unit:26740' },
  capabilities: { ...CITY_LEADER_ME.capabilities, home: 'unit:26740', acknowledgeReminders: true, requestSubjects: [] },
};

async function signIn(me: unknown, routes: Parameters<typeof stubApi>[0] = []) {
  const mock = stubApi([[/^\/api\/v1\/auth\/me$/, () => json(me)], ...routes]);
  await refreshSession();
  return mock;
}

afterEach(async () => {
  cleanup();
  stubApi([]);
  await refreshSession();
});

describe('SendRequest', () => {
  it('opens with the dossier filled in and the answer due date 2 working days on, shown as a date, and sends them', async () => {
    await signIn(SUPERVISOR_ME, [
      [/\/reminders\/default-due$/, () => json({ asOf: '2026-12-04T10:30:00.000+07:00', answerDueOn: '2026-12-08', workingDays: 2 })],
      [/^\/api\/v1\/reminders$/, () => json(request({ id: 7, unitName: 'Phường Sài Gòn' }), 201)],
    ]);
    const fetchMock = globalThis.fetch as unknown as { mock: { calls: [string, RequestInit?][] } };
    renderRoute('/x', '/x', <SendRequest subject={{ type: 'dossier', id: 'D-1', title: 'Đăng ký khai sinh' }} />);
    fireEvent.click(await screen.findByRole('button', { name: /Nhắc nhở \/ Giải trình/ }, SLOW));
    const dialog = await screen.findByRole('dialog', { name: 'Nhắc nhở hoặc yêu cầu giải trình' });
    expect(dialog.textContent).toContain('Hồ sơ D-1');
    expect((screen.getByLabelText('Yêu cầu giải trình') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('send-request-message') as HTMLTextAreaElement).value).toBe(
      'Đề nghị đơn vị giải trình lý do chậm trễ hồ sơ D-1 và cho biết thời hạn hoàn thành.',
    );
    await waitFor(() => expect((screen.getByTestId('send-request-due') as HTMLInputElement).value).toBe('2026-12-08'));
    expect(dialog.textContent).toContain('Mặc định 2 ngày làm việc: đến hết ngày 08/12/2026');
    // A reminder has no due date, and its text follows the kind until the sender writes their own.
    fireEvent.click(screen.getByLabelText('Nhắc nhở'));
    expect(screen.queryByTestId('send-request-due')).toBeNull();
    expect((screen.getByTestId('send-request-message') as HTMLTextAreaElement).value).toBe(
      'Đề nghị đơn vị khẩn trương giải quyết hồ sơ D-1.',
    );
    fireEvent.click(screen.getByLabelText('Yêu cầu giải trình'));
    fireEvent.change(screen.getByTestId('send-request-due'), { target: { value: '2026-12-10' } });
    fireEvent.click(screen.getByTestId('send-request-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = fetchMock.mock.calls.find(([u, init]) => String(u).endsWith('/reminders') && init?.method === 'POST');
    const sent = JSON.parse(String(post![1]!.body));
    expect(sent).toEqual({
      kind: 'explanation',
      subject: { type: 'dossier', id: 'D-1' },
      message: 'Đề nghị đơn vị giải trình lý do chậm trễ hồ sơ D-1 và cho biết thời hạn hoàn thành.',
      answerDueOn: '2026-12-10',
    });
    expect(screen.getByRole('status').textContent).toBe('✓ Đã gửi yêu cầu giải trình đến Phường Sài Gòn.');
  });

  it('shows the server’s refusal in the dialog, in its words', async () => {
    await signIn(SUPERVISOR_ME, [
      [/\/reminders\/default-due$/, () => json({ asOf: '2026-12-04T10:30:00.000+07:00', answerDueOn: '2026-12-08', workingDays: 2 })],
      [
        /^\/api\/v1\/reminders$/,
        () =>
          json(
            { error: { code: 'invalid_reminder', message: 'answerDueOn: 2026-12-05 is not a working day on the official calendar' } },
            400,
          ),
      ],
    ]);
    renderRoute('/x', '/x', <SendRequest subject={{ type: 'dossier', id: 'D-1' }} />);
    fireEvent.click(await screen.findByRole('button', { name: /Nhắc nhở \/ Giải trình/ }, SLOW));
    fireEvent.click(await screen.findByTestId('send-request-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Không gửi được: Nhắc nhở hoặc yêu cầu giải trình chưa hợp lệ (chi tiết: answerDueOn: 2026-12-05 is not a working day on the official calendar)',
    );
  });

  it('is not offered to a ward leader, nor to a department for a dossier its officials do not hold', async () => {
    await signIn(WARD_ME);
    const ward = renderRoute('/x', '/x', <SendRequest subject={{ type: 'dossier', id: 'D-1' }} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(ward.container.textContent).toBe('');
    cleanup();
    await signIn(DEPARTMENT_ME);
    renderRoute(
      '/x',
      '/x',
      <>
        <SendRequest subject={{ type: 'dossier', id: 'D-LT', holderUnit: 'STP' }} />
        <SendRequest subject={{ type: 'dossier', id: 'D-SXD', holderUnit: 'SXD' }} />
        <SendRequest subject={{ type: 'unit', id: '26740' }} />
      </>,
    );
    expect(await screen.findByTestId('send-request-dossier-D-LT', undefined, SLOW)).toBeTruthy();
    expect(screen.queryByTestId('send-request-dossier-D-SXD')).toBeNull();
    expect(screen.queryByTestId('send-request-unit-26740')).toBeNull();
  });
});
