// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { KpiTile } from '../../../../client/features/overview/KpiTile';
import { KpiTiles } from '../../../../client/features/overview/KpiTiles';
import { metrics } from '../../fixtures/metrics';

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

describe('KpiTile', () => {
  it('renders the Vietnamese label, the value and an up arrow with the change', () => {
    render(
      <KpiTile
        name="overdue"
        label="Quá hạn"
        value="1.204"
        change={{ direction: 'up', tone: 'bad', text: '+37', against: 'so với tháng trước' }}
      />,
    );
    const tile = screen.getByTestId('kpi-overdue');
    expect(tile.textContent).toContain('Quá hạn');
    expect(screen.getByTestId('kpi-overdue-value').textContent).toBe('1.204');
    const change = tile.querySelector('.kpi__change')!;
    expect(change.getAttribute('data-direction')).toBe('up');
    expect(change.getAttribute('data-tone')).toBe('bad');
    expect(change.textContent).toContain('▲');
    expect(change.textContent).toContain('Tăng'); // said in words for screen readers, not colour only
    expect(change.textContent).toContain('+37');
    expect(change.textContent).toContain('so với tháng trước');
  });

  it('says so when there is no previous period to compare with', () => {
    render(<KpiTile name="received" label="Hồ sơ tiếp nhận" value="0" change={null} />);
    expect(screen.getByTestId('kpi-received').textContent).toContain('Chưa có số liệu kỳ trước');
  });
});

describe('KpiTiles', () => {
  it('shows the six key figures with Vietnamese numbers, flows against the previous period and overdue against its end', () => {
    render(
      <KpiTiles
        period="month"
        city={metrics({
          received: 312468,
          inProgress: 20500,
          overdue: 812,
          onTimeRate: 0.963,
          processingDaysMedian: 3.25,
          tasks: { assigned: 10, openInTerm: 4, openOverdue: 7, doneOnTime: 1, doneLate: 1, noDeadline: 0 },
        })}
        previous={metrics({
          received: 300000,
          inProgress: 0,
          overdue: 900,
          onTimeRate: 0.95,
          processingDaysMedian: 3.5,
          tasks: { assigned: 9, openInTerm: 0, openOverdue: 5, doneOnTime: 0, doneLate: 0, noDeadline: 0 },
        })}
        previousToDate={metrics({ received: 310000 })}
      />,
    );
    expect(screen.getByTestId('kpi-received-value').textContent).toBe('312.468');
    expect(screen.getByTestId('kpi-on-time-rate-value').textContent).toBe('96,3%');
    expect(screen.getByTestId('kpi-processing-time').textContent).toContain('ngày làm việc');
    expect(screen.getByTestId('kpi-processing-time').textContent).toContain('Thời gian giải quyết (trung vị)');
    const rate = screen.getByTestId('kpi-on-time-rate').querySelector('.kpi__change')!;
    expect(rate.textContent).toContain('▲');
    expect(rate.textContent).toContain('+1,3 điểm %');
    expect(rate.getAttribute('data-tone')).toBe('good');
    // Overdue counts compare with the backlog at the end of the previous period: fewer is good.
    const overdue = screen.getByTestId('kpi-overdue').querySelector('.kpi__change')!;
    expect(overdue.textContent).toContain('−88');
    expect(overdue.textContent).toContain('so với cuối tháng trước');
    expect(overdue.getAttribute('data-tone')).toBe('good');
    expect(screen.getByTestId('kpi-overdue').textContent).toContain('Tại thời điểm hiện tại');
    expect(screen.getByTestId('kpi-tasks-overdue-value').textContent).toBe('7');
    expect(screen.getByTestId('kpi-tasks-overdue').querySelector('.kpi__change')!.textContent).toContain('+2');
    // The in-progress backlog is not kept for past instants: no comparison rather than a false one.
    expect(screen.getByTestId('kpi-in-progress').querySelector('.kpi__change')).toBeNull();
    // Received so far this month compares with the same days of last month, not with all of it.
    expect(screen.getByTestId('kpi-received').textContent).toContain('+2.468');
    expect(screen.getByTestId('kpi-received').textContent).toContain('so với cùng kỳ tháng trước');
  });

  it('compares the received count with all of the previous period, and says so, when its same days are not kept', () => {
    render(<KpiTiles period="year" city={metrics({ received: 5000 })} previous={metrics({ received: 4000 })} previousToDate={null} />);
    expect(screen.getByTestId('kpi-received').textContent).toContain('+1.000');
    expect(screen.getByTestId('kpi-received').textContent).toContain('so với cả năm trước');
  });

  it('says a replayed moment is not compared, instead of claiming the previous period had no figures', () => {
    render(<KpiTiles period="month" city={metrics({ received: 5000 })} previous={null} previousToDate={null} replaying />);
    const received = screen.getByTestId('kpi-received').textContent;
    expect(received).toContain('Không so sánh với kỳ trước khi xem lại');
    expect(received).not.toContain('Chưa có số liệu kỳ trước');
  });
});
