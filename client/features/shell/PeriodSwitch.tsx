import { useTranslation } from 'react-i18next';
import { useViewParams, VIEW_PERIODS } from '../../lib/url-state';

/** Hôm nay / Tuần này / Tháng này / Quý này / Năm nay; the choice is the URL's `period`. */
export function PeriodSwitch() {
  const { t } = useTranslation();
  const { period, set } = useViewParams();
  return (
    <div className="seg" role="group" aria-label={t('period.label')} data-testid="period-switch">
      {VIEW_PERIODS.map((p) => (
        <button
          key={p}
          type="button"
          className="seg__btn"
          aria-pressed={period === p}
          data-period={p}
          onClick={() => set({ period: p }, { replace: false })}
        >
          {t(`period.${p}`)}
        </button>
      ))}
    </div>
  );
}
