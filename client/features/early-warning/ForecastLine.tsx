/**
 * The forecast beside the current figures (overview and unit page): "Nếu không xử lý: 37 hồ sơ quá hạn
 * vào 17:00 ngày mai", then the end of today, the end of this week, the period's on-time rate if nothing
 * is processed, and how many dossiers are at risk now. Every count is of open dossiers overdue at that
 * instant if none of them is finished (those overdue now included), as the server computes it.
 */
import { useTranslation } from 'react-i18next';
import type { ForecastHorizons, ScopeForecast } from '../../../shared/contract/early-warning';
import type { Period } from '../../../shared/contract/metrics';
import { useFormat } from '../../i18n';
import { forecastTexts } from './forecast-text';
import './early-warning.css';

export interface ForecastLineProps {
  forecast: ScopeForecast | null | undefined;
  horizons: ForecastHorizons | null | undefined;
  period: Period;
  /** The period's on-time rate now (live), to compare with. */
  rateNow: number | null;
}

export function ForecastLine({ forecast, horizons, period, rateNow }: ForecastLineProps) {
  const { t } = useTranslation('warning');
  const f = useFormat();
  if (!forecast || !horizons) return null;
  const x = forecastTexts(forecast, horizons, period, rateNow, t, f);
  const rateHint = t(horizons.periodEnd.basis === 'new' ? 'forecast.rateHintNew' : 'forecast.rateHintBacklog');
  return (
    <section className="forecast-line" aria-label={t('forecast.label')} data-testid="forecast-line">
      <p className="forecast-line__main" title={t('forecast.hint')}>
        <span className="forecast-line__lead">{t('forecast.lead')}</span> <strong data-testid="forecast-main">{x.main}</strong>{' '}
        <span className="forecast-line__more">{x.more}</span>
      </p>
      <ul className="forecast-line__facts">
        <li data-testid="forecast-today">{x.today}</li>
        <li data-testid="forecast-week">{x.week}</li>
        <li data-testid="forecast-rate" title={rateHint}>
          {x.rate}
        </li>
        <li data-testid="forecast-at-risk" className={forecast.atRisk > 0 ? 'forecast-line__risk' : undefined}>
          {x.atRisk}
        </li>
      </ul>
    </section>
  );
}
