// @vitest-environment jsdom
/**
 * The sentence above the index ranking says which dossiers the figures cover: a current month runs
 * until now (not to the month's end, still ahead), and the change compares it with the whole previous
 * month.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { IndexRankingResponse } from '../../../shared/contract/service-index';
import { WindowNote } from '../../../client/features/service-index/ServiceIndexPage';
import { renderRoute } from '../unit/render-helpers';

afterEach(cleanup);

function ranking(current: boolean): IndexRankingResponse {
  return {
    asOf: '2026-12-06T10:15:00.000+07:00',
    window: current
      ? { period: 'month', kind: 'month', from: '2026-12-01T00:00:00.000+07:00', to: '2027-01-01T00:00:00.000+07:00', current: true }
      : { period: '2026-11', kind: 'month', from: '2026-11-01T00:00:00.000+07:00', to: '2026-12-01T00:00:00.000+07:00', current: false },
    previous: current
      ? { period: '2026-11', kind: 'month', from: '2026-11-01T00:00:00.000+07:00', to: '2026-12-01T00:00:00.000+07:00' }
      : { period: '2026-10', kind: 'month', from: '2026-10-01T00:00:00.000+07:00', to: '2026-11-01T00:00:00.000+07:00' },
    rule: 'full',
    gradeCutoffs: { excellent: 90, good: 80, fair: 65, average: 50 },
    portalDifferenceLimit: 2,
    city: null,
    units: [],
    departments: [],
  };
}

describe('index window note', () => {
  it('says a current month runs until now, not to its end, and compares with all of the previous month', () => {
    renderRoute('/index', '/index', <WindowNote data={ranking(true)} />);
    const text = screen.getByTestId('si-window').textContent ?? '';
    expect(text).toContain('từ ngày 01/12/2026 đến nay');
    expect(text).toContain('06/12/2026');
    expect(text).not.toContain('31/12/2026');
    expect(text).toContain('so sánh với toàn bộ Tháng 11/2026');
  });

  it('gives a closed month its last day', () => {
    renderRoute('/index', '/index', <WindowNote data={ranking(false)} />);
    const text = screen.getByTestId('si-window').textContent ?? '';
    expect(text).toContain('từ ngày 01/11/2026 đến hết ngày 30/11/2026');
    expect(text).toContain('so sánh với toàn bộ Tháng 10/2026');
  });
});
