/**
 * The forecast line's sentences, from the server's forecast of one scope and its horizons (pure, so the
 * words a leader reads are tested without a browser): "Nếu không xử lý: 37 hồ sơ quá hạn vào 17:00 ngày
 * mai" — the weekday and date instead of "ngày mai" when the next working day is not tomorrow.
 */
import type { ForecastHorizons, ScopeForecast } from '../../../shared/contract/early-warning';
import type { Period } from '../../../shared/contract/metrics';
import { vnParts, type Formatters } from '../../lib/format';
import { weekdayDate } from '../../lib/weekday';

type T = (key: string, options?: Record<string, unknown>) => string;

export interface ForecastTexts {
  /** "37 hồ sơ quá hạn vào 17:00 ngày mai" (after "Nếu không xử lý:"). */
  main: string;
  /** "(thêm 12 hồ sơ so với hiện nay)". */
  more: string;
  today: string;
  week: string;
  /** The period's on-time rate if nothing is processed, against the rate now. */
  rate: string;
  atRisk: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "HH:mm" of an instant in Vietnam time. */
export function clockTime(iso: string): string {
  const p = vnParts(iso);
  return p ? `${pad2(p.hour)}:${pad2(p.minute)}` : '';
}

/** The sentences of a scope's forecast. `t` reads the `warning` namespace; `rateNow` is the period's on-time rate now. */
export function forecastTexts(
  f: ScopeForecast,
  h: ForecastHorizons,
  period: Period,
  rateNow: number | null,
  t: T,
  fmt: Formatters,
): ForecastTexts {
  const next = h.nextWorkingDay;
  const day = next.tomorrow ? t('forecast.tomorrow') : t('forecast.onDay', { day: weekdayDate(next.date, fmt.lang) });
  const more = f.nextWorkingDay - f.overdueNow;
  return {
    main: t('forecast.main', { n: fmt.count(f.nextWorkingDay), time: clockTime(next.at), day }),
    more: more > 0 ? t('forecast.more', { n: fmt.count(more) }) : t('forecast.noMore'),
    today: t('forecast.today', { n: fmt.count(f.today) }),
    week: t('forecast.week', { n: fmt.count(f.week), day: weekdayDate(h.week.date, fmt.lang) }),
    rate: t('forecast.rate', {
      period: t(`forecast.periodOf.${period}`),
      rate: fmt.percent(f.onTimeRate),
      now: fmt.percent(rateNow),
    }),
    atRisk: t('forecast.atRisk', { n: fmt.count(f.atRisk) }),
  };
}
