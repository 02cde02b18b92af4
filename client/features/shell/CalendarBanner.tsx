import { useTranslation } from 'react-i18next';
import type { CalendarCoverage } from '../../../shared/contract/api';

/**
 * For admins: the working calendar has no file for next year (from 1 October) or, worse, for this
 * year (only weekends are days off until it is added). The server decides; this only says it.
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
      <span aria-hidden="true">⚠</span> {t(`calendar.${calendar.status}`, { year: calendar.year })}
    </div>
  );
}
