// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initI18n } from '../../../../client/i18n';
import { ForecastLine } from '../../../../client/features/early-warning/ForecastLine';
import { horizons, scopeForecast } from '../../fixtures/forecast';

const i18n = initI18n('vi');
beforeAll(() => void i18n.changeLanguage('vi'));
afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('vi');
});

const forecast = scopeForecast({
  overdueNow: 25,
  today: 30,
  nextWorkingDay: 37,
  week: 52,
  onTimeRate: 0.912,
  onTimeRateOverdue: 41,
  atRisk: 6,
});

describe('the forecast sentence a leader reads', () => {
  it('reads "Nếu không xử lý: 37 hồ sơ quá hạn vào 17:00 ngày mai" when the next working day is tomorrow', () => {
    render(<ForecastLine forecast={forecast} horizons={horizons()} period="month" rateNow={0.934} />);
    expect(screen.getByTestId('forecast-line').querySelector('p')?.textContent).toBe(
      'Nếu không xử lý: 37 hồ sơ quá hạn vào 17:00 ngày mai (thêm 12 hồ sơ so với hiện nay)',
    );
    expect(screen.getByTestId('forecast-today').textContent).toBe('Hết hôm nay: 30');
    expect(screen.getByTestId('forecast-week').textContent).toBe('Hết tuần này (Chủ nhật, 06/12): 52');
    expect(screen.getByTestId('forecast-rate').textContent).toBe('Tỷ lệ đúng hạn tháng này nếu không xử lý: 91,2% (hiện nay 93,4%)');
    expect(screen.getByTestId('forecast-at-risk').textContent).toBe('Có nguy cơ trễ hạn ngay lúc này: 6 hồ sơ');
  });

  it('names the weekday and date instead of "ngày mai" on a Friday evening or a Saturday: Monday', () => {
    const saturday = horizons({
      today: { at: '2026-12-05T23:59:59.999+07:00', date: '2026-12-05' },
      nextWorkingDay: { at: '2026-12-07T17:00:00.000+07:00', date: '2026-12-07', tomorrow: false },
    });
    render(<ForecastLine forecast={forecast} horizons={saturday} period="today" rateNow={null} />);
    expect(screen.getByTestId('forecast-main').textContent).toBe('37 hồ sơ quá hạn vào 17:00 Thứ Hai, 07/12');
    expect(screen.getByTestId('forecast-rate').textContent).toBe('Tỷ lệ đúng hạn hôm nay nếu không xử lý: 91,2% (hiện nay —)');
  });

  it('says nothing is added when no more dossiers turn overdue, and reads in English', async () => {
    await i18n.changeLanguage('en');
    const monday = horizons({ nextWorkingDay: { at: '2026-12-07T17:00:00.000+07:00', date: '2026-12-07', tomorrow: false } });
    render(<ForecastLine forecast={scopeForecast({ overdueNow: 3, nextWorkingDay: 3 })} horizons={monday} period="week" rateNow={null} />);
    expect(screen.getByTestId('forecast-line').querySelector('p')?.textContent).toBe(
      'If nothing is processed: 3 dossiers overdue at 17:00 on Monday, 07/12 (no more than now)',
    );
  });

  it('shows nothing while the forecast is not there yet', () => {
    const { container } = render(<ForecastLine forecast={null} horizons={horizons()} period="month" rateNow={null} />);
    expect(container.textContent).toBe('');
  });
});
