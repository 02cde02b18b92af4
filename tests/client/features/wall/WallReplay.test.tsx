// @vitest-environment jsdom
/**
 * The wall playing back the past (issue 16): it asks the server for the moment in the URL, says
 * "Đang xem lại" in large violet letters, draws the scenes from that moment's figures, leaves the
 * live-only feed out of the rotation, and steps an hour at a time, back to the start once past now.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OverviewResponse } from '../../../../shared/contract/api';
import { initI18n } from '../../../../client/i18n';
import { nextWallMoment, overviewMetrics, WallReplay, WALL_REPLAY_STEP_MS } from '../../../../client/features/wall/WallReplay';
import { metrics as fixtureMetrics } from '../../fixtures/metrics';
import { json, stubApi } from '../../unit/render-helpers';

const AT = Date.parse('2026-12-01T10:00:00+07:00');

function overviewAt(overdue: number): OverviewResponse & { replay: unknown } {
  const m = { ...fixtureMetrics(), overdue };
  return {
    asOf: '2026-12-01T10:00:00.000+07:00',
    window: { period: 'today', from: '2026-12-01T00:00:00.000+07:00', to: '2026-12-02T00:00:00.000+07:00' },
    city: m,
    units: { '26734': m },
    departments: {},
    previousCity: null,
    previousCityToDate: null,
    day: { date: '2026-12-01', workingDay: true, lastWorkingDay: null },
    forecast: null,
    replay: {
      at: '2026-12-01T10:00:00.000+07:00',
      asOf: 'received',
      rules: 'now',
      checkpointAt: null,
      itemsFolded: 1,
      firstArrival: null,
      omitted: ['previousCity', 'previousCityToDate', 'forecast', 'lastWorkingDay'],
    },
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the wall’s playback', () => {
  it('steps an hour at a time and starts again from the first moment once past now', () => {
    expect(nextWallMoment(AT, AT, AT + 5 * WALL_REPLAY_STEP_MS)).toBe(AT + WALL_REPLAY_STEP_MS);
    expect(nextWallMoment(AT + 4.5 * WALL_REPLAY_STEP_MS, AT, AT + 5 * WALL_REPLAY_STEP_MS)).toBe(AT);
  });

  it('keys the overview’s figures as the scenes read them', () => {
    const m = overviewMetrics(overviewAt(3));
    expect(Object.keys(m).sort()).toEqual(['city', 'unit:26734']);
    expect(m.city?.overdue).toBe(3);
    expect(overviewMetrics(null)).toEqual({});
  });

  it('asks for the moment, says it is a replay, and leaves the live feed out', async () => {
    const i18n = initI18n('vi');
    await i18n.changeLanguage('vi');
    const fetchMock = stubApi([
      [/^\/api\/v1\/overview$/, () => json(overviewAt(42))],
      [/^\/api\/v1\/jurisdiction$/, () => json({ code: 'HCM', name: 'TP', nameEn: 'HCMC', units: [], departments: [] })],
    ]);
    render(
      <WallReplay
        scope="city"
        config={{ scenes: ['feed', 'kpi'], intervalMs: 10_000, period: 'today', metric: 'overdue' }}
        replay={{ at: AT, asOf: 'received' }}
        warnings={[]}
        displayName={null}
      />,
    );
    const banner = await screen.findByTestId('replay-banner');
    expect(banner.textContent).toBe('Đang xem lại: 10:00 thứ Ba 1/12/2026');
    expect(screen.getByTestId('wall').className).toContain('wall--replay');
    expect(screen.getByTestId('wall').dataset.scene).toBe('kpi');
    const url = new URL(String(fetchMock.mock.calls.find((c) => String(c[0]).includes('/overview'))?.[0]), 'http://localhost');
    expect(url.searchParams.get('at')).toBe('2026-12-01T10:00+07:00');
    expect(url.searchParams.get('period')).toBe('today');
    expect((await screen.findByTestId('wall-kpi-overdue-value', undefined, { timeout: 5_000 })).textContent).toBe('42');
  });
});
