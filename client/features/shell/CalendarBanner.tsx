import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CalendarCoverage } from '../../../shared/contract/api';

/**
 * For admins: the working calendar has no file for next year (from 1 October) or, worse, for this
 * year (only weekends are days off until it is added). The server decides; this only says it, and
 * links to the administration's calendar tab where the year is added. `compact` (a phone): one line, the
 * short words and the link; the full sentence is the line's title and on the calendar tab.
 */
export function CalendarBanner({
  calendar,
  visible,
  compact = false,
}: {
  calendar: CalendarCoverage | null | undefined;
  visible: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!visible || !calendar || calendar.status === 'ok') return null;
  const severe = calendar.status === 'missing_current_year';
  return (
    <div
      className={`banner ${severe ? 'banner--error' : 'banner--warn'}${compact ? ' banner--line' : ''}`}
      role={severe ? 'alert' : 'status'}
      data-testid="calendar-banner"
      data-status={calendar.status}
      title={compact ? t(`calendar.${calendar.status}`, { year: calendar.year }) : undefined}
    >
      <span className="banner__text">
        <span aria-hidden="true">⚠</span>{' '}
        {compact
          ? t(`calendar.${calendar.status}_short`, { year: calendar.year })
          : t(`calendar.${calendar.status}`, { year: calendar.year })}
      </span>{' '}
      <Link to={`/admin/calendar?year=${calendar.year}`} data-testid="calendar-banner-link">
        {compact ? t('calendar.openShort') : t('calendar.open', { year: calendar.year })}
      </Link>
    </div>
  );
}
