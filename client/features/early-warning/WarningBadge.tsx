/** An early-warning colour as a dot and its word (colour is never the only cue), and the colour key. */
import { useTranslation } from 'react-i18next';
import {
  WARNING_STATUSES,
  type AtRiskRule,
  type WarningCounts as Counts,
  type WarningStatus,
} from '../../../shared/contract/early-warning';
import { useFormat } from '../../i18n';

export function WarningBadge({ status }: { status: WarningStatus }) {
  const { t } = useTranslation('warning');
  return (
    <span className={`warn-badge warn-badge--${status}`} data-status={status}>
      <span className="warn-dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}

export interface WarningCountsProps {
  counts: Counts;
  /** With `onToggle`: the levels listed; each count is then a toggle button filtering the list. */
  selected?: ReadonlySet<WarningStatus>;
  onToggle?: (status: WarningStatus) => void;
}

/** How many items of a list have each colour; optionally the list's level filter. */
export function WarningCounts({ counts, selected, onToggle }: WarningCountsProps) {
  const { t } = useTranslation('warning');
  const f = useFormat();
  return (
    <ul className="warn-counts" aria-label={onToggle ? t('list.filter') : t('list.counts')} data-testid="warning-counts">
      {WARNING_STATUSES.map((s) => (
        <li key={s}>
          {onToggle ? (
            <button type="button" className="warn-toggle" aria-pressed={selected?.has(s) ?? false} onClick={() => onToggle(s)}>
              <WarningBadge status={s} /> <strong>{f.count(counts[s])}</strong>
            </button>
          ) : (
            <>
              <WarningBadge status={s} /> <strong>{f.count(counts[s])}</strong>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What each colour means, with the at-risk rule's hours; folded where room is short (`open` false). */
export function WarningLegend({ rule, open = true }: { rule: AtRiskRule; open?: boolean }) {
  const { t } = useTranslation('warning');
  return (
    <details className="warn-legend" open={open} data-testid="warning-legend">
      <summary>{t('legend.title')}</summary>
      <ul>
        {WARNING_STATUSES.map((s) => (
          <li key={s}>
            <span className={`warn-dot warn-dot--${s}`} aria-hidden="true" />
            {t(`legend.${s}`, { due: rule.dueWithinWorkingHours, idle: rule.idleWorkingHours })}
          </li>
        ))}
      </ul>
    </details>
  );
}
