// @vitest-environment jsdom
/**
 * The unit page at a past moment (`?at=`, issue 16): it asks the server for that moment, says so in a
 * violet frame ("Đang xem lại"), labels its figures as of then, lists the dossiers overdue then with
 * the official who held each then, says what a replay leaves out, and ignores the live figures.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DossierListItem, UnitDetailResponse } from '../../../shared/contract/api';
import type { ReplayInfo } from '../../../shared/contract/replay';
import { detailFixture } from '../auth/fixtures';
import { json, renderRoute, stubApi, stubResizeObserver } from './render-helpers';

const SLOW = { timeout: 10_000 };

vi.mock('../../../client/realtime', () => ({
  // Live figures that differ from the replayed ones: the page must not show them while replaying.
  useScopeSubscription: (scope: string | null) => ({
    state: { scope, period: 'month', metrics: scope ? { [scope]: { ...detailFixture().metrics, overdue: 999 } } : {}, asOf: null },
    status: 'live',
    resubscribe: () => {},
  }),
}));

const { UnitPage } = await import('../../../client/features/unit/UnitPage');

const AT = '2026-12-01T10:00+07:00';
const REPLAY: ReplayInfo = {
  at: '2026-12-01T10:00:00.000+07:00',
  asOf: 'received',
  rules: 'now',
  checkpointAt: '2026-12-01T00:00:00.000+07:00',
  itemsFolded: 12,
  firstArrival: '2026-11-01T00:00:00.000+07:00',
  omitted: ['previous', 'previousToDate', 'forecast', 'byField', 'byProcedure', 'byOfficial', 'trend', 'processingHistogram'],
};

/** The unit at AT: 7 overdue dossiers as received then, 10 as corrected since (late syncs). */
function replayedDetail(asOf: string | null = 'received'): UnitDetailResponse & { replay: ReplayInfo } {
  const live = detailFixture();
  return {
    ...live,
    asOf: REPLAY.at,
    metrics: { ...live.metrics, overdue: asOf === 'corrected' ? 10 : 7 },
    previous: null,
    previousToDate: null,
    byField: [],
    byProcedure: [],
    byOfficial: [],
    trend: [],
    processingHistogram: [],
    forecast: null,
    replay: { ...REPLAY, asOf: asOf === 'corrected' ? 'corrected' : 'received' },
  };
}

const HELD_THEN: DossierListItem = {
  id: 'HS-9',
  unit: '26734',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  channel: 'online',
  receivedAt: '2026-11-20T08:00:00.000+07:00',
  dueAt: '2026-11-25T17:00:00.000+07:00',
  endAt: null,
  timeliness: 'overdue',
  daysOverdue: 4,
  overdueReason: 'past_due',
  holderId: 'cb-7',
  holderName: 'Trần Thị Bảy',
  supplementRequests: 0,
  apologies: 0,
};

beforeEach(() => stubResizeObserver());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('UnitPage replaying a past moment', () => {
  it('asks for that moment, says it is a replay, and shows the figures and overdue dossiers of then', async () => {
    const fetchMock = stubApi([
      [/^\/api\/v1\/units\/26734\/dossiers$/, () => json({ total: 1, page: 1, pageSize: 20, items: [HELD_THEN], replay: REPLAY })],
      [/^\/api\/v1\/units\/26734$/, (url) => json(replayedDetail(url.searchParams.get('asOf')))],
    ]);
    renderRoute(`/units/26734?at=${encodeURIComponent(AT)}`, '/units/:code', <UnitPage />);

    const banner = await screen.findByTestId('replay-banner', undefined, SLOW);
    expect(banner.textContent).toBe('Đang xem lại: 10:00 thứ Ba 1/12/2026');
    expect(screen.getByTestId('unit-page').className).toContain('unit-page--replay');
    await screen.findByText('Số liệu tại 01/12/2026 10:00', undefined, SLOW);
    // The replayed figure, not the live one.
    expect(screen.getByTestId('kpi-overdue').textContent).toContain('7');
    expect(screen.getByTestId('kpi-overdue').textContent).not.toContain('999');
    // What the late syncs changed since, from the corrected figures of the same moment.
    const correction = await screen.findByTestId('replay-correction', undefined, SLOW);
    expect(correction.textContent).toBe(
      'Sửa sau: +3 hồ sơ quá hạn so với lúc đó (đã hiệu chỉnh đến nay: 10), do dữ liệu đồng bộ muộn hoặc đính chính.',
    );
    expect(screen.getByTestId('replay-omitted').textContent).toContain('Không có so sánh với kỳ trước, dự báo, xu hướng 30 ngày');

    const list = await screen.findByTestId('replay-overdue-list', undefined, SLOW);
    expect(within(list).getByRole('heading', { level: 2 }).textContent).toBe('Hồ sơ quá hạn lúc 10:00 1/12/2026');
    const row = await within(list).findByTestId('replay-dossier-row-HS-9', undefined, SLOW);
    expect(row.textContent).toContain('Trần Thị Bảy');
    expect(within(list).getAllByText('Cán bộ giữ hồ sơ lúc đó').length).toBeGreaterThan(0);

    const asked = fetchMock.mock.calls.map((c) => new URL(String(c[0]), 'http://localhost'));
    // The last read (the first may go before the session says who is signed in).
    const detailUrl = asked.filter((u) => u.pathname === '/api/v1/units/26734' && u.searchParams.get('asOf') !== 'corrected').at(-1);
    expect(detailUrl?.searchParams.get('at')).toBe(AT);
    expect(detailUrl?.searchParams.get('asOf')).toBe('received');
    const listUrl = asked.find((u) => u.pathname === '/api/v1/units/26734/dossiers');
    expect(listUrl?.searchParams.get('at')).toBe(AT);
    // The live page's other reads (officials, trend) are not asked for a replayed moment.
    expect(screen.queryByTestId('unit-overdue-list')).toBeNull();
  });

  it('live (no `at`), offers the time bar and shows the live figures', async () => {
    stubApi([
      [/^\/api\/v1\/units\/26734\/dossiers$/, () => json({ total: 0, page: 1, pageSize: 20, items: [] })],
      [/^\/api\/v1\/units\/26734$/, () => json(detailFixture())],
    ]);
    renderRoute('/units/26734', '/units/:code', <UnitPage />);
    await screen.findByRole('button', { name: /Xem lại/ }, SLOW);
    expect(screen.queryByTestId('replay-banner')).toBeNull();
    expect(screen.getByTestId('kpi-overdue').textContent).toContain('999');
  });

  it('compares with a second moment: the legend says what the number is, the units that got worse most are ranked', async () => {
    const fetchMock = stubApi([
      [/^\/api\/v1\/units\/26734\/dossiers$/, () => json({ total: 0, page: 1, pageSize: 20, items: [], replay: REPLAY })],
      [/^\/api\/v1\/units\/26734$/, (url) => json(replayedDetail(url.searchParams.get('asOf')))],
      [
        /^\/api\/v1\/replay\/compare$/,
        () =>
          json({
            from: '2026-11-30T10:00:00.000+07:00',
            to: REPLAY.at,
            asOf: 'received',
            metric: 'overdue',
            rules: 'now',
            city: { scope: 'city', from: 10, to: 13, change: 3 },
            rows: [
              { scope: 'unit:26734', from: 4, to: 7, change: 3 },
              { scope: 'unit:26737', from: 6, to: 6, change: 0 },
            ],
          }),
      ],
      [/^\/api\/v1\/jurisdiction$/, () => json({ code: 'HCM', name: 'TP', nameEn: 'HCMC', units: [], departments: [] })],
    ]);
    renderRoute(
      `/units/26734?at=${encodeURIComponent(AT)}&compare=${encodeURIComponent('2026-11-30T10:00+07:00')}`,
      '/units/:code',
      <UnitPage />,
    );
    const legend = await screen.findByTestId('compare-legend', undefined, SLOW);
    expect(legend.textContent).toBe('Thay đổi số hồ sơ quá hạn từ 10:00 30/11/2026 đến 10:00 1/12/2026');
    const worse = await screen.findByTestId('compare-worse', undefined, SLOW);
    expect(within(worse).getAllByRole('listitem')).toHaveLength(1);
    expect(worse.textContent).toContain('4 → 7 (+3)');
    expect(screen.getByTestId('compare-city').textContent).toBe('Toàn thành phố: 10 → 13 hồ sơ quá hạn (+3).');
    const url = fetchMock.mock.calls
      .map((c) => new URL(String(c[0]), 'http://localhost'))
      .find((u) => u.pathname === '/api/v1/replay/compare');
    expect(url?.searchParams.get('from')).toBe('2026-11-30T10:00+07:00');
    expect(url?.searchParams.get('to')).toBe(AT);
  });
});
