import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CalendarCoverage } from '../../../shared/contract/api';

/**
 * For admins: the working calendar has no file for next year (from 1 October) or, worse, for this
 * year (only weekends are days off until it is added). The server decides; this only says it, and
 * links to the administration's calendar tab where the year is added.
 */
export function CalendarBanner({ calendar, visible }: { calendar: CalendarCoverage | null | undefined; visible: boolean }) {
  const { t } = useTranslation();
  if (!visible || !calendar || calendar.status === 'ok') return null;
  const severe = calendar.status === 'missing_current_year';
  return (
    <div
      className={`banner ${severe ? 'banner--error' : 'banner--warn'}`}
      role={severe ? 'alert' : 'status'}
      data-testid="calendar-banner"
      data-status={calendar.status}
    >
      <span aria-hidden="true">⚠</span> {t(`calendar.${calendar.status}`, { year: calendar.year })}{' '}
      <Link to={`/admin/calendar?year=${calendar.year}`} data-testid="calendar-banner-link">
        {t('calendar.open', { year: calendar.year })}
      </Link>
    </div>
  );
}
