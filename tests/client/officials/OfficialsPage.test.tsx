// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfficialDetailResponse, OfficialListRow, OfficialsResponse } from '../../../shared/contract/officials';
import type { RequestView } from '../../../shared/contract/requests';
import { OfficialsPage } from '../../../client/features/officials/OfficialsPage';
import { OfficialPage } from '../../../client/features/officials/OfficialPage';
import { refreshSession } from '../../../client/features/auth/session';
import { CITY_LEADER_ME, json, renderRoute, stubApi, stubResizeObserver } from '../unit/render-helpers';

const SLOW = { timeout: 5_000 };
const card = {
  stepsDone: 4,
  stepsTimed: 4,
  stepsWithin: 3,
  withinShare: 0.75,
  beyondHours: 12.5,
  stepsBeyond: 1,
  beyondHoursMedian: 12.5,
  heldHoursMedian: 6,
  holdingNow: 3,
  overdueHeldNow: 2,
  buckPassingCases: 2,
  reminders: 1,
  explanationRequests: 3,
};
const row = (o: Partial<OfficialListRow>): OfficialListRow => ({
  id: 'A',
  name: 'Phạm Thị An',
  unit: '26740',
  unitName: 'Phường Sài Gòn',
  unitKind: 'unit',
  ...card,
  ...o,
});
const list = (items: OfficialListRow[]): OfficialsResponse => ({
  asOf: '2026-11-20T09:00:00.000+07:00',
  ageSeconds: 12,
  window: { period: 'month', from: '2026-11-01T00:00:00.000+07:00', to: '2026-12-01T00:00:00.000+07:00' },
  filter: { unit: null, department: null, field: null, q: null },
  sort: 'overdueHeldNow',
  dir: 'desc',
  total: items.length,
  page: 1,
  pageSize: 50,
  items,
  fields: ['Hộ tịch', 'Đất đai'],
});

afterEach(cleanup);

describe('OfficialsPage', () => {
  it('shows each official’s figures, how old they are, and links each figure to what is behind it', async () => {
    stubApi([[/^\/api\/v1\/officials$/, () => json(list([row({})]))]]);
    renderRoute('/officials?period=month', '/officials', <OfficialsPage />);
    const table = await screen.findByTestId('officials-table', undefined, SLOW);
    expect(screen.getByTestId('officials-as-of').textContent).toContain('cách đây 12 giây');
    const r = within(table).getByTestId('official-row-A');
    expect(within(r).getByText('Phạm Thị An').getAttribute('href')).toBe('/officials/A?period=month');
    // A city leader's "overdue held now" opens the city's overdue list narrowed to the official.
    expect(
      within(r)
        .getByLabelText(/hồ sơ quá hạn Phạm Thị An đang giữ/)
        .getAttribute('href'),
    ).toBe('/units/city?period=month&tab=overdue&holder=A&holderName=Ph%E1%BA%A1m+Th%E1%BB%8B+An');
    // Hours beyond allotted time (and their median) open the steps beyond it.
    for (const a of within(r).getAllByText('12,5')) expect(a.getAttribute('href')).toBe('/officials/A?period=month&steps=beyond#steps');
    // Buck-passing cases open the buck-passing list narrowed to the official (its total is this figure).
    expect(within(r).getByLabelText('Xem 2 vụ đùn đẩy có Phạm Thị An tham gia').getAttribute('href')).toBe(
      '/buck-passing?period=month&official=A',
    );
    // Reminders and explanation requests, counted apart, open their own section of the official's page.
    expect(
      within(r)
        .getByLabelText(/^Xem 1 nhắc nhở gửi khi/)
        .getAttribute('href'),
    ).toBe('/officials/A?period=month#reminders');
    expect(
      within(r)
        .getByLabelText(/^Xem 3 yêu cầu giải trình gửi khi/)
        .getAttribute('href'),
    ).toBe('/officials/A?period=month#explanations');
  });

  it('asks for the name typed, without its marks mattering, once typing settles', async () => {
    const api = stubApi([[/^\/api\/v1\/officials$/, (u) => json(list(u.searchParams.get('q') ? [] : [row({})]))]]);
    renderRoute('/officials', '/officials', <OfficialsPage />);
    await screen.findByTestId('officials-table', undefined, SLOW);
    fireEvent.change(screen.getByTestId('officials-search'), { target: { value: 'pham thi' } });
    await waitFor(() => expect(api.mock.calls.some(([u]) => String(u).includes('q=pham+thi'))).toBe(true), SLOW);
    expect(await screen.findByText('Không có cán bộ nào khớp bộ lọc trong kỳ.', undefined, SLOW)).toBeTruthy();
  });

  it('sorts on the server when a column heading is clicked', async () => {
    const api = stubApi([[/^\/api\/v1\/officials$/, () => json(list([row({})]))]]);
    renderRoute('/officials', '/officials', <OfficialsPage />);
    await screen.findByTestId('officials-table', undefined, SLOW);
    fireEvent.click(screen.getByRole('button', { name: /^Giờ giữ vượt thời hạn bước/ }));
    await waitFor(() => expect(api.mock.calls.some(([u]) => /sort=beyondHours&dir=desc/.test(String(u)))).toBe(true), SLOW);
  });
});

describe('OfficialPage', () => {
  const detail: OfficialDetailResponse = {
    asOf: '2026-11-20T09:00:00.000+07:00',
    window: { period: 'month', from: '2026-11-01T00:00:00.000+07:00', to: '2026-12-01T00:00:00.000+07:00' },
    official: { id: 'C', name: 'Lê Thị Cúc', unit: 'STP', unitName: 'Sở Tư pháp', unitKind: 'department' },
    scorecard: card,
    weeks: [{ weekStart: '2026-11-16', stepsDone: 4, stepsTimed: 4, stepsWithin: 3, withinShare: 0.75, beyondHours: 12.5 }],
    holdings: [
      {
        dossierId: 'D-4',
        unit: '26740',
        unitName: 'Phường Sài Gòn',
        procedureName: 'Đăng ký đất đai',
        field: 'Đất đai',
        heldSince: '2026-11-19T08:30:00.000+07:00',
        stepDueAt: '2026-11-19T17:00:00.000+07:00',
        heldHours: 9.5,
        allottedHours: 8,
        beyondHours: 1.5,
        dueAt: '2026-11-30T23:59:59.999+07:00',
        timeliness: 'in_term',
        daysOverdue: 0,
        canOpen: false,
      },
    ],
    steps: [],
    stepsTotal: 0,
    requests: [],
    requestsHidden: 0,
  };

  it('shows what the official holds against the allotted time, without a link to a dossier they may not open', async () => {
    stubResizeObserver();
    stubApi([
      [/^\/api\/v1\/officials\/C$/, () => json(detail)],
      [
        /^\/api\/v1\/auth\/me$/,
        () => json({ ...CITY_LEADER_ME, capabilities: { ...CITY_LEADER_ME.capabilities, home: 'department:STP' } }),
      ],
    ]);
    renderRoute('/officials/C', '/officials/:id', <OfficialPage />);
    const holdings = await screen.findByTestId('official-holdings', undefined, SLOW);
    expect(screen.getByTestId('official-name').textContent).toBe('Lê Thị Cúc');
    const r = within(holdings).getByTestId('holding-row-D-4');
    expect(within(r).queryByRole('link')).toBeNull();
    expect(within(r).getByRole('img').getAttribute('aria-label')).toBe('Đã giữ 9,5 giờ, thời hạn bước 8 giờ');
    // The dossier's unit is shown: it is not the official's own (an inter-level step).
    expect(within(r).getByText('Phường Sài Gòn')).toBeTruthy();
  });
  const request = (o: Partial<RequestView>): RequestView => ({
    id: 1,
    kind: 'reminder',
    unit: '26740',
    unitName: 'Phường Sài Gòn',
    subject: { type: 'dossier', id: 'D-4', title: 'Đăng ký đất đai' },
    dossierId: 'D-4',
    message: 'Đề nghị xử lý',
    sentBy: 'Giám sát',
    sentByUsername: 'giamsat',
    sentAt: '2026-11-19T10:00:00.000+07:00',
    holder: { id: 'C', name: 'Lê Thị Cúc', unit: 'STP' },
    answerDueAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    answerSeenAt: null,
    state: 'sent',
    ...o,
  });

  it('lists the official’s buck-passing cases (their own scope’s list) and their reminders and explanation requests apart, with state and answer', async () => {
    stubResizeObserver();
    const withRequests: OfficialDetailResponse = {
      ...detail,
      requests: [
        request({
          id: 2,
          kind: 'explanation',
          message: 'Đề nghị giải trình',
          answerDueAt: '2026-11-23T23:59:59.999+07:00',
          acknowledgedAt: '2026-11-19T11:00:00.000+07:00',
          acknowledgedBy: 'Trưởng phòng',
          answer: 'Đang chờ ý kiến sở',
          answeredBy: 'Trưởng phòng',
          answeredAt: '2026-11-19T12:00:00.000+07:00',
          state: 'answered',
        }),
        request({ id: 1 }),
      ],
      requestsHidden: 1,
    };
    const api = stubApi([
      [/^\/api\/v1\/officials\/C$/, () => json(withRequests)],
      [
        /^\/api\/v1\/auth\/me$/,
        () => json({ ...CITY_LEADER_ME, capabilities: { ...CITY_LEADER_ME.capabilities, home: 'department:STP' } }),
      ],
    ]);
    // A department user (the session is read once per page: read it again for this one).
    await refreshSession();
    renderRoute('/officials/C?period=month', '/officials/:id', <OfficialPage />);
    const explanations = await screen.findByTestId('official-explanations', undefined, SLOW);
    const answered = within(explanations).getByTestId('request-2');
    expect(answered.getAttribute('data-kind')).toBe('explanation');
    expect(within(answered).getByTestId('request-state').textContent).toBe('Đã giải trình');
    expect(within(answered).getByTestId('request-answer').textContent).toContain('Đang chờ ý kiến sở');
    const reminders = screen.getByTestId('official-reminders');
    expect(within(reminders).getByTestId('request-1').getAttribute('data-kind')).toBe('reminder');
    expect(within(reminders).queryByTestId('request-2')).toBeNull();
    expect(screen.getByText('Còn 1 yêu cầu gửi đến đơn vị khác, bạn không có quyền xem.')).toBeTruthy();
    // The cases: the department's own list, narrowed to this official, over the page's period.
    await waitFor(() => {
      const asked = api.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).find((u) => u.pathname.endsWith('/buck-passing'));
      expect(asked?.pathname).toBe('/api/v1/units/STP/buck-passing');
      expect(asked?.searchParams.get('official')).toBe('C');
      expect(asked?.searchParams.get('period')).toBe('month');
    }, SLOW);
    expect(within(screen.getByTestId('official-cases')).queryByTestId('bp-official-filter')).toBeNull();
  });
});
