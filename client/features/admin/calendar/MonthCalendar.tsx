/** One month of the calendar tab: a Monday-first grid of its days and the list of its named days. */
import { useTranslation } from 'react-i18next';
import type { CalendarMonthCounts } from '../../../../shared/contract/admin-calendar';
import { dayMonth, type MonthDay, type MonthGrid } from './calendar-model';

interface Props {
  grid: MonthGrid;
  counts: CalendarMonthCounts | undefined;
  selected: string | null;
  onPick(day: MonthDay): void;
  onRemove(day: MonthDay): void;
  busy: boolean;
}

export function MonthCalendar({ grid, counts, selected, onPick, onRemove, busy }: Props) {
  const { t } = useTranslation('adminCalendar');
  const weekdays = t('weekdaysShort', { returnObjects: true }) as string[];
  const named = grid.days.filter((d) => d.kind === 'day_off' || d.kind === 'working_saturday');
  return (
    <section className="cal-month" data-testid={`cal-month-${grid.month}`} aria-labelledby={`cal-month-${grid.month}-title`}>
      <h3 id={`cal-month-${grid.month}-title`} className="cal-month__title">
        <span>{t('monthTitle', { month: grid.month })}</span>
        {counts && <span className="cal-month__count">{t('monthWorkingDays', { count: counts.workingDays })}</span>}
      </h3>
      <div className="cal-grid" role="group" aria-label={t('monthTitle', { month: grid.month })}>
        {weekdays.map((w) => (
          <span key={w} className="cal-grid__head" aria-hidden="true">
            {w}
          </span>
        ))}
        {Array.from({ length: grid.leadingBlanks }, (_, i) => (
          <span key={`b${i}`} aria-hidden="true" />
        ))}
        {grid.days.map((d) => (
          <button
            key={d.date}
            type="button"
            className={`cal-day cal-day--${d.kind}${selected === d.date ? ' cal-day--selected' : ''}`}
            data-date={d.date}
            data-kind={d.kind}
            title={d.name ?? undefined}
            aria-label={`${dayMonth(d.date)} — ${t(`legend.${d.kind}`)}${d.name ? `: ${d.name}` : ''}`}
            aria-pressed={selected === d.date}
            onClick={() => onPick(d)}
          >
            {d.day}
          </button>
        ))}
      </div>
      {named.length > 0 && (
        <ul className="cal-month__list">
          {named.map((d) => (
            <li key={d.date} className={`cal-entry cal-entry--${d.kind}`} data-testid={`cal-entry-${d.date}`}>
              <span className="cal-entry__text">
                <b>{dayMonth(d.date)}</b> {d.name}
                {d.compensates && <span className="cal-entry__note"> · {t('compensates', { date: dayMonth(d.compensates) })}</span>}
                {d.compensatedBy && <span className="cal-entry__note"> · {t('compensatedBy', { date: dayMonth(d.compensatedBy) })}</span>}
              </span>
              <button
                type="button"
                className="cal-entry__remove"
                disabled={busy}
                aria-label={t('removeLabel', { date: dayMonth(d.date), name: d.name })}
                onClick={() => onRemove(d)}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
