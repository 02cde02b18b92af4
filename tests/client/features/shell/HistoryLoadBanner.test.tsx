// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { i18next, initI18n } from '../../../../client/i18n';
import { HistoryLoadBanner } from '../../../../client/features/shell/HistoryLoadBanner';
import type { HistoryLoadState } from '../../../../shared/contract/history-load';

beforeAll(() => {
  initI18n('vi');
});
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('vi');
});

const loading: HistoryLoadState = {
  phase: 'loading',
  sources: ['import-hcc'],
  since: '2026-12-07T08:00:00.000+07:00',
  eventsReceived: 125_000,
  eventsToProject: 0,
  projectedPercent: 100,
};
const catchingUp: HistoryLoadState = { ...loading, phase: 'catching_up', eventsToProject: 40_000, projectedPercent: 68 };

describe('HistoryLoadBanner', () => {
  it('says a history load is running, with its source and the events received', () => {
    render(<HistoryLoadBanner load={loading} />);
    const banner = screen.getByTestId('history-load-banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('Đang nạp lịch sử — số liệu đang được cập nhật');
    expect(screen.getByTestId('history-load-detail').textContent).toBe('Nguồn: import-hcc · đã nhận 125.000 sự kiện');
  });

  it('while catching up, says how much of the load is folded into the figures and how much is left', () => {
    render(<HistoryLoadBanner load={catchingUp} />);
    expect(screen.getByTestId('history-load-detail').textContent).toBe(
      'Nguồn: import-hcc · đã nhận 125.000 sự kiện · đã đưa vào số liệu 68% (còn 40.000 sự kiện)',
    );
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('68');
  });

  it('speaks English second', async () => {
    await i18next.changeLanguage('en');
    render(<HistoryLoadBanner load={catchingUp} />);
    expect(screen.getByTestId('history-load-banner').textContent).toContain('Loading history — figures are catching up');
    expect(screen.getByTestId('history-load-detail').textContent).toBe(
      'Source: import-hcc · events received: 125,000 · 68% folded into the figures (40,000 events to go)',
    );
  });

  it('on the wall: one line, no bar', () => {
    render(<HistoryLoadBanner load={catchingUp} variant="wall" />);
    expect(screen.getByTestId('history-load-banner').className).toBe('wall-history');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows nothing when no load runs', () => {
    const { container } = render(<HistoryLoadBanner load={null} />);
    expect(container.innerHTML).toBe('');
  });
});
