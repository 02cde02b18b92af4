// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DossierListItem, Page, UnitDetailResponse } from '../../../shared/contract/api';
import type { ScopeMetrics } from '../../../shared/contract/metrics';
import { unitForecast } from '../fixtures/forecast';
import { CITY_LEADER_ME, json, renderRoute, stubApi, stubResizeObserver } from './render-helpers';

/** First renders are slow on a loaded machine (two workers, jsdom). */
const SLOW = { timeout: 5_000 };

/** What the mocked live subscription holds (a test may put metrics in it). */
const live = vi.hoisted(() => ({ metrics: {} as Record<string, unknown>, asOf: null as string | null }));

vi.mock('../../../client/realtime', () => ({
  useScopeSubscription: () => ({
    state: { scope: 'unit:26734', period: 'month', metrics: live.metrics, asOf: live.asOf },
    status: 'live',
    resubscribe: () => {},
  }),
}));

const { UnitPage } = await import('../../../client/features/unit/UnitPage');

function metrics(over: Partial<ScopeMetrics> = {}): ScopeMetrics {
  return {
    received: 1234,
    receivedOnline: 900,
    inProgress: 300,
    overdue: 17,
    dueSoon: 5,
    awaitingSupplement: 4,
    paused: 0,
    finishedEarly: 800,
    finishedOnTime: 100,
    finishedLate: 30,
    withdrawn: 2,
    overdueNew: 0,
    onTimeRate: 0.9637,
    onTimeRateBasis: 'backlog',
    processingDaysMedian: 2.5,
    processingDaysP90: 6,
    onlineShare: 0.73,
    apologies: 3,
    buckPassingCases: 2,
    tasks: { assigned: 10, openInTerm: 4, openOverdue: 2, doneOnTime: 3, doneLate: 1, noDeadline: 0 },
    ...over,
  };
}

function detail(): UnitDetailResponse {
  return {
    asOf: '2025-11-14T09:30:00+07:00',
    window: { period: 'month', from: '2025-11-01T00:00:00+07:00', to: '2025-12-01T00:00:00+07:00' },
    scope: 'unit:26734',
    unit: {
      code: '26734',
      type: 'Phường',
      name: 'Bến Thành',
      fullName: 'Phường Bến Thành',
      nameEn: 'Ben Thanh',
      lat: 10.77,
      lon: 106.69,
      areaKm2: 1.6,
      population: 50000,
    },
    department: null,
    metrics: metrics(),
    previous: null,
    previousToDate: null,
    byField: [],
    byProcedure: [],
    byOfficial: [],
    trend: [],
    processingHistogram: [],
    forecast: unitForecast(),
  };
}

function item(over: Partial<DossierListItem>): DossierListItem {
  return {
    id: 'HS-1',
    unit: '26734',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    channel: 'online',
    receivedAt: '2025-11-03T08:00:00+07:00',
    dueAt: '2025-11-06T17:00:00+07:00',
    endAt: null,
    timeliness: 'overdue',
    daysOverdue: 5.5,
    overdueReason: 'past_due',
    holderId: 'cb-1',
    holderName: 'Nguyễn Văn An',
    supplementRequests: 0,
    apologies: 0,
    ...over,
  };
}

const PAGE: Page<DossierListItem> = {
  total: 2,
  page: 1,
  pageSize: 20,
  items: [
    item({ id: 'HS-1', daysOverdue: 5.5 }),
    item({
      id: 'HS-2',
      procedureName: 'Cấp giấy phép xây dựng',
      field: 'Xây dựng',
      dueAt: '2025-11-10T17:00:00+07:00',
      daysOverdue: 1234.5,
      holderName: null,
    }),
  ],
};

beforeEach(() => {
  stubResizeObserver();
});

afterEach(() => {
  live.metrics = {};
  live.asOf = null;
  cleanup();
  vi.unstubAllGlobals();
});

describe('UnitPage', () => {
  it('shows the overdue dossiers with Vietnamese headers, links, dates and numbers', async () => {
    const fetchMock = stubApi([
      [/^\/api\/v1\/units\/26734\/dossiers$/, () => json(PAGE)],
      [/^\/api\/v1\/units\/26734$/, () => json(detail())],
    ]);
    renderRoute('/units/26734?tab=overdue', '/units/:code', <UnitPage />);

    const table = await screen.findByTestId('unit-overdue-list', undefined, SLOW);
    expect(screen.getByTestId('unit-page')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Bến Thành');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Phường');

    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual(['Mã hồ sơ', 'Thủ tục', 'Lĩnh vực', 'Cán bộ đang xử lý', 'Hạn xử lý', 'Số ngày quá hạn']);

    const row2 = screen.getByTestId('dossier-row-HS-2');
    const link = within(row2).getByRole('link', { name: 'HS-2' });
    expect(link.getAttribute('href')).toBe('/dossiers/HS-2');
    expect(row2.textContent).toContain('10/11/2025 17:00');
    expect(row2.textContent).toContain('1.234,5');
    expect(row2.textContent).toContain('Chưa phân công');
    expect(screen.getByTestId('dossier-row-HS-1').textContent).toContain('Nguyễn Văn An');

    // KPIs in Vietnamese number format.
    expect(screen.getByTestId('kpi-received').textContent).toContain('1.234');
    expect(screen.getByTestId('kpi-onTimeRate').textContent).toContain('96,4');

    const listCall = fetchMock.mock.calls.map((c) => String(c[0])).find((u) => u.includes('/dossiers'));
    expect(listCall).toContain('status=overdue');
    expect(listCall).toContain('page=1');
  });

  it("writes the procedure table's median processing days with one decimal each, 7,0 not 7, so the column aligns", async () => {
    const row = (label: string, median: number | null) => ({
      key: label,
      label,
      received: 10,
      inProgress: 2,
      overdue: 0,
      finishedOnTime: 8,
      finishedLate: 0,
      onTimeRate: 1,
      processingDaysMedian: median,
    });
    stubApi([
      [/^\/api\/v1\/units\/26734\/dossiers$/, () => json(PAGE)],
      [
        /^\/api\/v1\/units\/26734$/,
        () => json({ ...detail(), byProcedure: [row('TT-A', 8.8), row('TT-B', 7.9), row('TT-C', 1.3), row('TT-D', 7), row('TT-E', null)] }),
      ],
    ]);
    renderRoute('/units/26734?tab=overdue', '/units/:code', <UnitPage />);
    const cell = async (label: string) => {
      const th = await screen.findByText(label, undefined, SLOW);
      const cells = th.closest('tr')!.querySelectorAll('td');
      return cells[cells.length - 1]!.textContent;
    };
    expect([await cell('TT-A'), await cell('TT-B'), await cell('TT-C'), await cell('TT-D'), await cell('TT-E')]).toEqual([
      '8,8',
      '7,9',
      '1,3',
      '7,0',
      '—',
    ]);
    // The dossier list's days overdue are a column too: 5,5 and 1.234,5 already carry their decimal.
    expect((await screen.findByTestId('dossier-row-HS-1', undefined, SLOW)).textContent).toContain('5,5');
  });

  it('shows "Yêu cầu bổ sung 2 lần" instead of 0 days for a dossier counted overdue by the two-supplements rule', async () => {
    const page: Page<DossierListItem> = {
      ...PAGE,
      total: 1,
      items: [
        item({ id: 'HS-SUP', dueAt: '2025-11-20T17:00:00+07:00', daysOverdue: 0, overdueReason: 'supplements', supplementRequests: 2 }),
      ],
    };
    stubApi([
      [/\/dossiers$/, () => json(page)],
      [/^\/api\/v1\/units\/26734$/, () => json(detail())],
    ]);
    renderRoute('/units/26734?tab=overdue', '/units/:code', <UnitPage />);
    const row = await screen.findByTestId('dossier-row-HS-SUP', undefined, SLOW);
    const cells = within(row).getAllByRole('cell');
    expect(cells.at(-1)?.textContent).toBe('Yêu cầu bổ sung 2 lần');
    expect(row.textContent).not.toMatch(/(^|\D)0$/);
  });

  it('sorts by a column on header click, announces it with aria-sort and asks the server for that order', async () => {
    const fetchMock = stubApi([
      [/\/dossiers$/, () => json(PAGE)],
      [/^\/api\/v1\/units\/26734$/, () => json(detail())],
    ]);
    renderRoute('/units/26734', '/units/:code', <UnitPage />);
    const table = await screen.findByTestId('unit-overdue-list', undefined, SLOW);
    await within(table).findByTestId('dossier-row-HS-1', undefined, SLOW);

    const th = within(table).getByRole('columnheader', { name: /Số ngày quá hạn/ });
    expect(th.getAttribute('aria-sort')).toBe('descending'); // default: most overdue first

    const dueHeader = within(table).getByRole('columnheader', { name: /Hạn xử lý/ });
    fireEvent.click(within(dueHeader).getByRole('button'));
    await waitFor(() => expect(dueHeader.getAttribute('aria-sort')).toBe('ascending'), SLOW);
    expect(th.getAttribute('aria-sort')).toBe('none');
    await waitFor(
      () => expect(fetchMock.mock.calls.some((c) => String(c[0]).includes('sort=dueAt') && String(c[0]).includes('dir=asc'))).toBe(true),
      SLOW,
    );
    // The visible rows follow the header.
    const ids = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.getAttribute('data-testid'));
    expect(ids).toEqual(['dossier-row-HS-1', 'dossier-row-HS-2']);
  });

  it('shows live metrics over the loaded ones and draws the trend chart', async () => {
    live.metrics = { 'unit:26734': metrics({ overdue: 42 }) };
    live.asOf = '2025-11-14T10:15:00+07:00';
    const d = detail();
    d.trend = [
      { date: '2025-11-12', received: 50, finishedOnTime: 40, finishedLate: 2, overdueBacklog: 15, onTimeRate: 0.95 },
      { date: '2025-11-13', received: 61, finishedOnTime: 45, finishedLate: 3, overdueBacklog: 17, onTimeRate: 0.94 },
    ];
    stubApi([
      [/\/dossiers$/, () => json(PAGE)],
      [/^\/api\/v1\/units\/26734$/, () => json(d)],
    ]);
    renderRoute('/units/26734', '/units/:code', <UnitPage />);
    const kpi = await screen.findByTestId('kpi-overdue', undefined, SLOW);
    expect(kpi.textContent).toContain('42');
    expect(screen.getByText(/Cập nhật lúc 14\/11\/2025 10:15/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Diễn biến 30 ngày' })).toBeTruthy();
  });

  it('says so when the unit does not exist', async () => {
    stubApi([[/^\/api\/v1\/units\/99999$/, () => json({ error: { code: 'not_found', message: 'unknown unit' } }, 404)]]);
    renderRoute('/units/99999', '/units/:code', <UnitPage />);
    const alert = await screen.findByRole('alert', undefined, SLOW);
    expect(alert.textContent).toContain('Không tìm thấy đơn vị có mã 99999');
  });
});

describe('UnitPage of another unit for a signed-in ward leader (public view on)', () => {
  it('shows the figures the public sees, but neither lists, reminders nor officials of a unit that is not theirs', async () => {
    const { refreshSession } = await import('../../../client/features/auth/session');
    const wardLeader = {
      ...CITY_LEADER_ME,
      user: { username: 'phuong', displayName: 'Chủ tịch UBND phường', role: 'unit_leader', scope: 'unit:26740' },
      capabilities: { ...CITY_LEADER_ME.capabilities, home: 'unit:26740', acknowledgeReminders: true },
    };
    const fetchMock = stubApi([
      [/^\/api\/v1\/auth\/me$/, () => json(wardLeader)],
      [/^\/api\/v1\/units\/26734$/, () => json(detail())],
    ]);
    try {
      await refreshSession();
      renderRoute('/units/26734', '/units/:code', <UnitPage />);
      expect((await screen.findByTestId('kpi-received', undefined, SLOW)).textContent).toContain('1.234');
      const refused = await screen.findByTestId('unit-lists-refused', undefined, SLOW);
      expect(within(refused).getByTestId('access-forbidden')).toBeTruthy();
      const asked = fetchMock.mock.calls.map((c) => String(c[0]));
      expect(asked.filter((u) => /\/dossiers|\/tasks|\/reminders/.test(u))).toEqual([]);
    } finally {
      stubApi([]);
      await refreshSession();
    }
  });
});
