// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render as rtlRender, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { i18next, initI18n } from '../../../../client/i18n';
import { CalendarBanner } from '../../../../client/features/shell/CalendarBanner';
import type { CalendarCoverage } from '../../../../shared/contract/api';

const render = (ui: ReactElement) => rtlRender(<MemoryRouter>{ui}</MemoryRouter>);

beforeAll(() => {
  initI18n('vi');
});
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('vi');
});

const nextYear: CalendarCoverage = {
  status: 'missing_next_year',
  year: 2027,
  years: [2025, 2026],
  message: 'No working calendar for 2027 yet',
};
const thisYear: CalendarCoverage = {
  status: 'missing_current_year',
  year: 2027,
  years: [2025, 2026],
  message: 'No working calendar for 2027',
};

describe('CalendarBanner', () => {
  it('tells an admin in December that the 2027 calendar is missing', () => {
    render(<CalendarBanner calendar={nextYear} visible />);
    const banner = screen.getByTestId('calendar-banner');
    expect(banner.textContent).toContain('Chưa có lịch làm việc năm 2027 — ngày nghỉ lễ năm 2027 sẽ không được tính. Thêm tệp lịch 2027');
    expect(banner.getAttribute('role')).toBe('status');
    expect(screen.getByTestId('calendar-banner-link').getAttribute('href')).toBe('/admin/calendar?year=2027');
  });

  it('says loudly that only weekends count once the year has begun without a calendar', () => {
    render(<CalendarBanner calendar={thisYear} visible />);
    const banner = screen.getByTestId('calendar-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('hiện chỉ tính thứ Bảy, Chủ nhật là ngày nghỉ');
  });

  it('is shown to admins only, and not when the calendar is complete', () => {
    const { container } = render(<CalendarBanner calendar={nextYear} visible={false} />);
    expect(container.textContent).toBe('');
    render(<CalendarBanner calendar={{ status: 'ok', years: [2026, 2027] }} visible />);
    expect(screen.queryByTestId('calendar-banner')).toBeNull();
  });

  it('speaks English when switched', async () => {
    await i18next.changeLanguage('en');
    render(<CalendarBanner calendar={nextYear} visible />);
    expect(screen.getByTestId('calendar-banner').textContent).toContain('No working calendar for 2027');
  });
});
