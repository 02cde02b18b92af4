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

/** The same choice as one select, for a phone's header: five tabs take a line of their own there. */
export function PeriodSelect() {
  const { t } = useTranslation();
  const { period, set } = useViewParams();
  return (
    <select
      className="select period-select"
      aria-label={t('period.label')}
      data-testid="period-select"
      value={period}
      onChange={(e) => set({ period: e.target.value as (typeof VIEW_PERIODS)[number] }, { replace: false })}
    >
      {VIEW_PERIODS.map((p) => (
        <option key={p} value={p}>
          {t(`period.${p}`)}
        </option>
      ))}
    </select>
  );
}
