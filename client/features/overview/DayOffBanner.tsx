import { useTranslation } from 'react-i18next';
import type { DayInfo } from '../../../shared/contract/api';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { weekdayDate } from '../../lib/weekday';

/** Weekday and date of a Vietnam day key (YYYY-MM-DD), e.g. "Chủ nhật, 06/12/2026". */
function dayLabel(key: string, lang: string): string {
  return weekdayDate(key, lang === 'en' ? 'en' : 'vi', true);
}

/**
 * On a day off, "today" has no working hours and so no on-time rate: say so, and give the last working
 * day's figures (judged like today: finished that day, and newly overdue that day and still so at its end).
 */
export function DayOffBanner({ day }: { day: DayInfo }) {
  const { t, i18n } = useTranslation('overview');
  const f = useFormat();
  const { set } = useViewParams();
  if (day.workingDay) return null;
  const last = day.lastWorkingDay;
  const m = last?.city ?? null;
  const finished = m ? m.finishedEarly + m.finishedOnTime + m.finishedLate : 0;
  return (
    <div className="banner banner--info" role="status" data-testid="day-off-banner">
      <strong>{t('dayOff.title', { date: dayLabel(day.date, i18n.language) })}</strong>{' '}
      {last ? (
        <>
          {t('dayOff.body', { lastDate: dayLabel(last.date, i18n.language) })}{' '}
          {m && (
            <span data-testid="day-off-last">
              {t('dayOff.finished', { n: f.count(finished) })}
              {' · '}
              {t('dayOff.rate', { rate: f.percent(m.onTimeRate) })}
              {' · '}
              {t('dayOff.newOverdue', { n: f.count(m.overdueNew) })}
            </span>
          )}
        </>
      ) : (
        t('dayOff.noLast')
      )}{' '}
      <button type="button" className="btn btn--small" onClick={() => set({ period: 'week' }, { replace: false })}>
        {t('dayOff.showWeek')}
      </button>
    </div>
  );
}
