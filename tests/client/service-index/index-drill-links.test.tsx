// @vitest-environment jsdom
/**
 * The drill from the Index page's breakdown: each computable indicator's numerator and denominator
 * are links to the unit page's list of the dossiers behind them (indicator, side and the index's
 * period in the URL), and that URL asks the dossier list API for exactly that drill.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { initI18n } from '../../../client/i18n';
import { Breakdown, type DrillHref } from '../../../client/features/service-index/Breakdown';
import { indexDrillLink, indexDrillUrl, readIndexDrill } from '../../../client/features/service-index/drill';
import { COMPUTABLE_INDICATORS } from '../../../shared/contract/service-index';
import { PORTAL, scopeResponse, wardIndex } from './fixtures';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

/** The links as the page builds them (ServiceIndexPage: linkTo over indexDrillLink), for ward 26734. */
const hrefFor =
  (period: string): DrillHref =>
  (indicator, side) => {
    const l = indexDrillLink('26734', { indicator, side, period });
    return `${l.path}?${new URLSearchParams(Object.entries(l.extra).filter((e): e is [string, string] => e[1] !== null)).toString()}`;
  };

describe('the breakdown’s counts as drill links', () => {
  it('links each applicable indicator’s numerator and denominator to the ward’s dossiers behind them', () => {
    const data = scopeResponse(wardIndex('full'));
    render(
      <MemoryRouter>
        <Breakdown data={data} drillHref={hrefFor('2026-11')} />
      </MemoryRouter>,
    );
    const applicable = data.index.indicators.filter((i) => i.applicable);
    expect(applicable.length).toBeGreaterThan(3);
    for (const i of applicable) {
      for (const side of ['numerator', 'denominator'] as const) {
        const a = screen.getByTestId(`si-drill-${i.id}-${side}`);
        expect(a.tagName).toBe('A');
        expect(a.getAttribute('href')).toBe(`/units/26734?iperiod=2026-11&indicator=${i.id}&side=${side}`);
        expect(Number(a.getAttribute('data-value'))).toBe(i[side]);
      }
    }
    const online = screen.getByTestId('si-ind-online_dossiers');
    expect(online.textContent).toContain('14 / 40 hồ sơ');
    expect(screen.getByTestId('si-drill-online_dossiers-denominator').getAttribute('aria-label')).toBe('Xem 40 hồ sơ được tính vào mẫu số');
    // Indicators without points have no counts to open.
    expect(screen.queryByTestId('si-drill-transparency-numerator')).toBeNull();
  });

  it('keeps a current period in the header’s `period` and shows no links where the viewer may not list dossiers', () => {
    const data = scopeResponse(wardIndex('full'));
    const { rerender } = render(
      <MemoryRouter>
        <Breakdown data={data} drillHref={hrefFor('quarter')} />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('si-drill-progress_on_time-numerator').getAttribute('href')).toBe(
      '/units/26734?period=quarter&indicator=progress_on_time&side=numerator',
    );
    rerender(
      <MemoryRouter>
        <Breakdown data={data} />
      </MemoryRouter>,
    );
    expect(screen.queryByTestId('si-drill-progress_on_time-numerator')).toBeNull();
  });

  it('reads the drill back from the unit page’s URL and asks the dossier list API for it', () => {
    for (const indicator of COMPUTABLE_INDICATORS) {
      const link = new URL(`http://x${hrefFor('2026-Q3')(indicator, 'denominator')}`);
      const drill = readIndexDrill(link.searchParams);
      expect(drill).toEqual({ indicator, side: 'denominator', period: '2026-Q3' });
      const api = new URL(`http://x${indexDrillUrl('26734', drill!, { page: 2, pageSize: 50 })}`);
      expect(api.pathname).toBe('/api/v1/units/26734/dossiers');
      expect(Object.fromEntries(api.searchParams)).toEqual({
        indicator,
        side: 'denominator',
        period: '2026-Q3',
        page: '2',
        pageSize: '50',
      });
    }
    expect(readIndexDrill(new URLSearchParams('indicator=transparency&side=numerator'))).toBeNull();
    expect(readIndexDrill(new URLSearchParams('indicator=online_dossiers&side=top'))).toBeNull();
    expect(readIndexDrill(new URLSearchParams('indicator=online_dossiers&side=numerator'))?.period).toBe('month');
  });

  it('says the allowed difference from the portal where the breakdown explains the flag', () => {
    const { rerender } = render(<Breakdown data={{ ...scopeResponse(wardIndex('full'), PORTAL), portalDifferenceLimit: 1.5 }} />);
    expect(screen.getByTestId('si-portal-flag').textContent).toBe('⚑ Lệch quá 1,5 điểm so với Cổng (vượt ngưỡng cho phép)');
    rerender(<Breakdown data={{ ...scopeResponse(wardIndex('full'), { ...PORTAL, flagged: false }), portalDifferenceLimit: 5 }} />);
    expect(screen.queryByTestId('si-portal-flag')).toBeNull();
    expect(screen.getByTestId('si-portal-limit').textContent).toBe('Ngưỡng cho phép: lệch tối đa 5 điểm');
  });
});
