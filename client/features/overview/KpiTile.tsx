import { useTranslation } from 'react-i18next';
import { ARROW, type ChangeDirection, type ChangeTone } from './kpi';

export interface KpiTileProps {
  /** Suffix of `data-testid="kpi-<name>"`. */
  name: string;
  label: string;
  /** Formatted value. */
  value: string;
  /** Unit after the value (e.g. "ngày làm việc"). */
  unit?: string;
  /** A short line under the value (what is counted). */
  hint?: string;
  /** Show the hint at every width: it explains a missing value ("—"), so it is not optional. */
  hintAlways?: boolean;
  /**
   * Change against the previous period, already formatted; null when the previous period has no data;
   * 'now' for a figure of the backlog now, which has no previous value to compare with; 'replay' for a
   * replayed moment, whose previous period is not computed.
   */
  change:
    | 'now'
    | 'replay'
    | {
        direction: ChangeDirection;
        tone: ChangeTone;
        /** e.g. "+1.204" or "−1,2 điểm %". */
        text: string;
        /** e.g. "so với tháng trước". */
        against: string;
      }
    | null;
}

/** One key figure with its change against the previous period (arrow + words, not colour only). */
export function KpiTile({ name, label, value, unit, hint, hintAlways, change }: KpiTileProps) {
  const { t } = useTranslation('overview');
  return (
    <div className="kpi" data-testid={`kpi-${name}`}>
      <div className="kpi__label">{label}</div>
      <div className="kpi__value">
        <span className="kpi__number" data-testid={`kpi-${name}-value`}>
          {value}
        </span>
        {unit && <span className="kpi__unit"> {unit}</span>}
      </div>
      {hint && <div className={hintAlways ? 'kpi__hint kpi__hint--always' : 'kpi__hint'}>{hint}</div>}
      {change === 'now' ? null : change === 'replay' ? (
        <div className="kpi__change kpi__change--none">{t('kpi.noComparisonReplay')}</div>
      ) : change ? (
        <div className={`kpi__change kpi__change--${change.tone}`} data-direction={change.direction} data-tone={change.tone}>
          <span className="kpi__arrow" aria-hidden="true">
            {ARROW[change.direction]}
          </span>{' '}
          <span className="visually-hidden">{t(`kpi.${change.direction}`)} </span>
          <span className="kpi__diff">{change.text}</span> <span className="kpi__against">{change.against}</span>
        </div>
      ) : (
        <div className="kpi__change kpi__change--none">{t('kpi.noPrevious')}</div>
      )}
    </div>
  );
}
