// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { initI18n } from '../../../../client/i18n';
import { DayOffBanner } from '../../../../client/features/overview/DayOffBanner';
import { KpiTiles } from '../../../../client/features/overview/KpiTiles';
import { KpiStrip } from '../../../../client/features/unit/KpiStrip';
import { metrics } from '../../fixtures/metrics';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

describe('the sentences a leader reads on the KPI tiles', () => {
  it('names the processing-time tile as the median it is', () => {
    render(<KpiTiles period="month" city={metrics({ processingDaysMedian: 3.2 })} previous={null} previousToDate={null} />);
    const tile = screen.getByTestId('kpi-processing-time');
    expect(tile.textContent).toContain('Thời gian giải quyết (trung vị)');
    expect(tile.textContent).not.toContain('trung bình');
  });

  it('shows "—" and "Chưa có hồ sơ giải quyết hôm nay" instead of 0 % when nothing was judged today', () => {
    render(
      <KpiTiles
        period="today"
        city={metrics({ overdue: 120, onTimeRate: null, onTimeRateBasis: 'new' })}
        previous={null}
        previousToDate={null}
      />,
    );
    const tile = screen.getByTestId('kpi-on-time-rate');
    expect(screen.getByTestId('kpi-on-time-rate-value').textContent).toBe('—');
    expect(tile.textContent).toContain('Chưa có hồ sơ giải quyết hôm nay');
    expect(tile.textContent).not.toContain('0,0');
    // Shown at every width (other hints only where there is room): it explains the dash.
    expect(tile.querySelector('.kpi__hint')?.classList.contains('kpi__hint--always')).toBe(true);
  });

  it('says which overdue dossiers the rate counts: newly overdue for today, all of them for the month', () => {
    render(
      <KpiTiles
        period="today"
        city={metrics({ finishedOnTime: 5, onTimeRate: 1, onTimeRateBasis: 'new' })}
        previous={null}
        previousToDate={null}
      />,
    );
    expect(screen.getByTestId('kpi-on-time-rate').textContent).toContain('hồ sơ mới quá hạn trong kỳ');
    cleanup();
    render(
      <KpiTiles
        period="month"
        city={metrics({ finishedOnTime: 5, onTimeRate: 0.9, onTimeRateBasis: 'backlog' })}
        previous={null}
        previousToDate={null}
      />,
    );
    expect(screen.getByTestId('kpi-on-time-rate').textContent).toContain('Tính cả hồ sơ đang quá hạn');
  });
});

describe('DayOffBanner', () => {
  it('says today is a day off and gives the last working day with its figures', () => {
    render(
      <MemoryRouter>
        <DayOffBanner
          day={{
            date: '2026-12-06',
            workingDay: false,
            lastWorkingDay: {
              date: '2026-12-04',
              city: metrics({ finishedEarly: 1000, finishedOnTime: 200, finishedLate: 34, overdueNew: 12, onTimeRate: 0.964 }),
            },
          }}
        />
      </MemoryRouter>,
    );
    const text = screen.getByTestId('day-off-banner').textContent ?? '';
    expect(text).toContain('Hôm nay là ngày nghỉ (Chủ nhật, 06/12/2026)');
    expect(text).toContain('Ngày làm việc gần nhất, Thứ Sáu, 04/12/2026');
    expect(text).toContain('1.234 hồ sơ đã giải quyết');
    expect(text).toContain('tỷ lệ đúng hạn 96,4');
    expect(text).toContain('12 hồ sơ mới quá hạn');
    expect(screen.getByRole('button', { name: 'Xem tuần này' })).toBeTruthy();
  });

  it('shows nothing on a working day', () => {
    render(
      <MemoryRouter>
        <DayOffBanner day={{ date: '2026-12-04', workingDay: true, lastWorkingDay: null }} />
      </MemoryRouter>,
    );
    expect(screen.queryByTestId('day-off-banner')).toBeNull();
  });
});

describe('KpiStrip (unit page)', () => {
  it('gives the unit the same previous-period changes as the city: overdue against the end of yesterday, rate in points', () => {
    render(
      <KpiStrip
        period="today"
        metrics={metrics({ received: 40, overdue: 9, finishedOnTime: 9, finishedLate: 1, onTimeRate: 0.9 })}
        previous={metrics({ received: 50, overdue: 12, finishedOnTime: 8, finishedLate: 2, onTimeRate: 0.8 })}
        previousToDate={metrics({ received: 35 })}
      />,
    );
    const overdue = screen.getByTestId('kpi-overdue-change');
    expect(overdue.textContent).toContain('▼');
    expect(overdue.textContent).toContain('−3');
    expect(overdue.textContent).toContain('so với cuối hôm qua');
    expect(overdue.getAttribute('data-tone')).toBe('good');
    expect(screen.getByTestId('kpi-onTimeRate-change').textContent).toContain('+10 điểm %');
    expect(screen.getByTestId('kpi-received-change').textContent).toContain('+5');
  });
});
