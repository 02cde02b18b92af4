// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuckPassingPage } from '../../../client/features/buck-passing/BuckPassingPage';
import type { BuckPassingCaseView, BuckPassingListResponse } from '../../../shared/contract/buck-passing';
import { refreshSession } from '../../../client/features/auth/session';
import { CITY_LEADER_ME, emptyBuckPassingList, json, renderRoute, stubApi } from '../unit/render-helpers';

const SLOW = { timeout: 5_000 };

afterEach(async () => {
  cleanup();
  // The session is read once per page: the next test starts from the default user again.
  stubApi([]);
  await refreshSession();
  vi.unstubAllGlobals();
});

const bounce: BuckPassingCaseView = {
  id: 'B-1:bounce:1',
  rule: 'bounce',
  dossierId: 'B-1',
  unit: '26740',
  unitName: 'Phường Sài Gòn',
  procedureCode: '1.009994',
  procedureName: 'Cấp giấy phép xây dựng',
  holds: { first: 1, last: 3 },
  firstHandoverAt: '2026-11-17T09:00:00.000+07:00',
  lastHandoverAt: '2026-11-18T09:00:00.000+07:00',
  lostWorkingHours: 8,
  ongoing: false,
  officials: [
    { id: 'A', name: 'Nguyễn Văn An', unit: '26740', unitName: 'Phường Sài Gòn' },
    { id: 'B', name: 'Trần Thị Bình', unit: '26740', unitName: 'Phường Sài Gòn' },
  ],
  evidence: '/dossiers/B-1?case=B-1%3Abounce%3A1',
};

function list(url: URL, over: Partial<BuckPassingListResponse> = {}): BuckPassingListResponse {
  return {
    ...(emptyBuckPassingList(url) as BuckPassingListResponse),
    total: 1,
    items: [bounce],
    byRule: [
      { rule: 'bounce', cases: 1, lostWorkingHours: 8 },
      { rule: 'sent_back', cases: 0, lostWorkingHours: 0 },
      { rule: 'pass_around', cases: 0, lostWorkingHours: 0 },
      { rule: 'cross_unit', cases: 2, lostWorkingHours: 30.5 },
    ],
    ...over,
  };
}

describe('BuckPassingPage', () => {
  it('lists the city’s cases with the rule in officials’ words, who, which dossier, the hours lost, when, and the evidence link', async () => {
    const api = stubApi([[/^\/api\/v1\/city\/buck-passing$/, (url) => json(list(url))]]);
    renderRoute('/buck-passing?period=month', '/buck-passing', <BuckPassingPage />);
    const row = await screen.findByTestId('bp-case-B-1:bounce:1', undefined, SLOW);
    expect(row.textContent).toContain('Chuyển qua lại');
    expect(row.textContent).toContain('Nguyễn Văn An (Phường Sài Gòn)');
    expect(row.textContent).toContain('Trần Thị Bình (Phường Sài Gòn)');
    expect(row.textContent).toContain('Cấp giấy phép xây dựng');
    expect(row.textContent).toContain('8 giờ');
    expect(row.textContent).toContain('18/11/2026 09:00');
    expect(within(row).getByTestId('bp-evidence').getAttribute('href')).toBe('/dossiers/B-1?period=month&case=B-1%3Abounce%3A1');
    // The chips count every rule over the whole list; the total says cases and working hours.
    expect(screen.getByRole('button', { name: /Liên thông qua lại/ }).textContent).toContain('2');
    expect(screen.getByTestId('bp-list-city').textContent).toContain('3 vụ · 38,5 giờ làm việc');
    expect(screen.getByTestId('bp-rules').textContent).toContain('Hơn 4 lần chuyển liên tiếp');
    const asked = new URL(String(api.mock.calls.find(([u]) => String(u).includes('buck-passing'))?.[0]), 'http://localhost');
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({ period: 'month', sort: 'recent', page: '1' });
  });

  it('asks the server for one rule when its chip is pressed, and says so when the period has none', async () => {
    const api = stubApi([
      [
        /^\/api\/v1\/city\/buck-passing$/,
        (url) => json(url.searchParams.get('rule') === 'sent_back' ? list(url, { total: 0, items: [] }) : list(url)),
      ],
    ]);
    renderRoute('/buck-passing', '/buck-passing', <BuckPassingPage />);
    await screen.findByTestId('bp-case-B-1:bounce:1', undefined, SLOW);
    fireEvent.click(screen.getByRole('button', { name: /Trả về bước trước/ }));
    expect(await screen.findByText('Không có vụ nào theo hình thức này trong kỳ.', undefined, SLOW)).toBeTruthy();
    expect(api.mock.calls.some(([u]) => String(u).includes('rule=sent_back'))).toBe(true);
    expect(screen.getByRole('button', { name: /Trả về bước trước/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says a case still sent back has not been passed on yet, instead of 0 hours lost', async () => {
    const pending: BuckPassingCaseView = { ...bounce, id: 'B-1:sent_back:2', rule: 'sent_back', lostWorkingHours: 0, ongoing: true };
    stubApi([[/^\/api\/v1\/city\/buck-passing$/, (url) => json(list(url, { items: [pending] }))]]);
    renderRoute('/buck-passing', '/buck-passing', <BuckPassingPage />);
    const row = await screen.findByTestId('bp-case-B-1:sent_back:2', undefined, SLOW);
    expect(row.textContent).toContain('Chưa chuyển lại');
    expect(row.textContent).not.toContain('0 giờ');
  });

  it('shows the units, not the names, to those who may not see officials, and no link to a dossier they may not open', async () => {
    const hidden: BuckPassingCaseView = {
      ...bounce,
      evidence: null,
      officials: bounce.officials.map((o) => ({ ...o, id: null, name: null })),
    };
    stubApi([[/^\/api\/v1\/city\/buck-passing$/, (url) => json(list(url, { items: [hidden], namesHidden: true }))]]);
    renderRoute('/buck-passing', '/buck-passing', <BuckPassingPage />);
    const row = await screen.findByTestId('bp-case-B-1:bounce:1', undefined, SLOW);
    expect(row.textContent).toContain('2 cán bộ: Phường Sài Gòn');
    expect(row.textContent).not.toContain('Nguyễn Văn An');
    expect(within(row).queryByTestId('bp-evidence')).toBeNull();
    expect(screen.getByText(/Tên cán bộ chỉ hiển thị cho người có quyền xem/)).toBeTruthy();
  });

  it('offers a supervisor one click from a case row: a request about the case, to its dossier’s unit, with its dossier', async () => {
    const supervisor = {
      ...CITY_LEADER_ME,
      user: { username: 'giamsat', displayName: 'Giám sát viên', role: 'supervisor', scope: 'city' },
      capabilities: { ...CITY_LEADER_ME.capabilities, sendReminders: true, requestSubjects: ['dossier', 'case', 'unit'] },
    };
    const api = stubApi([
      [/^\/api\/v1\/auth\/me$/, () => json(supervisor)],
      [/^\/api\/v1\/city\/buck-passing$/, (url) => json(list(url))],
      [/\/reminders\/default-due$/, () => json({ asOf: '2026-11-20T09:00:00.000+07:00', answerDueOn: '2026-11-24', workingDays: 2 })],
      [/^\/api\/v1\/reminders$/, () => json({ error: { code: 'test', message: 'not sent in this test' } }, 400)],
    ]);
    await refreshSession();
    renderRoute('/buck-passing', '/buck-passing', <BuckPassingPage />);
    const row = await screen.findByTestId('bp-case-B-1:bounce:1', undefined, SLOW);
    fireEvent.click(within(row).getByRole('button', { name: /Gửi nhắc nhở hoặc yêu cầu giải trình về hồ sơ .+ \(vụ đùn đẩy\)/ }));
    const dialog = await screen.findByRole('dialog', undefined, SLOW);
    expect(dialog.textContent).toContain('Vụ đùn đẩy B-1:bounce:1');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gửi' }));
    await screen.findByRole('alert', undefined, SLOW);
    const calls = api.mock.calls as unknown as [string, RequestInit | undefined][];
    const post = calls.find(([u, init]) => String(u).endsWith('/reminders') && init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toMatchObject({
      kind: 'explanation',
      subject: { type: 'case', id: 'B-1:bounce:1' },
      unit: '26740',
      dossierId: 'B-1',
    });
  });

  it('lists a unit-bound user’s own unit’s cases when narrowed to one official (names stay within their scope)', async () => {
    const ward = { ...CITY_LEADER_ME, capabilities: { ...CITY_LEADER_ME.capabilities, home: 'unit:26740' } };
    const api = stubApi([
      [/^\/api\/v1\/auth\/me$/, () => json(ward)],
      [/^\/api\/v1\/units\/26740\/buck-passing$/, (url) => json(list(url))],
    ]);
    await refreshSession();
    renderRoute('/buck-passing?official=A', '/buck-passing', <BuckPassingPage />);
    await screen.findByTestId('bp-case-B-1:bounce:1', undefined, SLOW);
    const asked = api.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).filter((u) => u.pathname.endsWith('/buck-passing'));
    expect(asked.map((u) => [u.pathname, u.searchParams.get('official')])).toEqual([['/api/v1/units/26740/buck-passing', 'A']]);
  });
});
