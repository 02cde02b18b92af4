/**
 * The administration's working calendar tab (`/admin/calendar?year=`): a year's twelve months with
 * its official days off and swapped working Saturdays, its working-day counts, the file it comes
 * from, the years without a file, and one-day edits written to that file. Edits apply after the
 * server restarts, and the tab says so whenever the file differs from what the server runs on.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdminCalendarYear, CalendarDayChange } from '../../../../shared/contract/admin-calendar';
import { useApi } from '../../../api';
import { fetchCalendarYear, putCalendarDay } from './calendar-api';
import { monthGrids, dayMonth, type MonthDay } from './calendar-model';
import { MonthCalendar } from './MonthCalendar';
import { DayEditor } from './DayEditor';
import './calendar.css';
import { errorText } from '../../../api/error-text';

/** This year in Vietnam time (UTC+7, no DST). */
function currentVnYear(): number {
  return new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
}

type Notice = { tone: 'ok' | 'error'; text: string } | null;

export function CalendarSection() {
  const { t } = useTranslation('adminCalendar');
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2999 ? asked : currentVnYear();
  const { data: loaded, error, loading } = useApi((s) => fetchCalendarYear(year, s), [year]);
  // The answer to the last edit is the year as it now stands (until another year is loaded).
  const [edited, setEdited] = useState<AdminCalendarYear | null>(null);
  const data = edited && edited.year === year ? edited : loaded && loaded.year === year ? loaded : null;
  const [picked, setPicked] = useState<MonthDay | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const grids = useMemo(() => (data ? monthGrids(data) : []), [data]);

  const goTo = (y: number) => {
    setPicked(null);
    setNotice(null);
    const next = new URLSearchParams(params);
    next.set('year', String(y));
    setParams(next);
  };

  const save = async (date: string, change: CalendarDayChange) => {
    setBusy(true);
    setNotice(null);
    try {
      const answer = await putCalendarDay(year, date, change);
      setEdited(answer);
      setPicked(null);
      setNotice({ tone: 'ok', text: t('saved', { date: dayMonth(date), file: answer.file }) });
    } catch (e) {
      setNotice({ tone: 'error', text: t('failed', { message: errorText(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cal-section" data-testid="admin-calendar">
      <YearToolbar year={year} years={data?.years ?? []} loading={loading} onGo={goTo} />
      {error && (
        <p role="alert" className="banner banner--error">
          {t('loadFailed', { year, message: errorText(error) })}
        </p>
      )}
      {data && <YearStatus data={data} />}
      {notice && (
        <p
          role={notice.tone === 'error' ? 'alert' : 'status'}
          className={`banner ${notice.tone === 'error' ? 'banner--error' : 'banner--info'}`}
          data-testid="cal-notice"
        >
          {notice.text}
        </p>
      )}
      {data && (
        <>
          <DayEditor year={year} picked={picked} daysOff={data.daysOff} busy={busy} onSubmit={(d, c) => void save(d, c)} />
          <Legend />
          <div className="cal-months">
            {grids.map((g) => (
              <MonthCalendar
                key={g.month}
                grid={g}
                counts={data.months[g.month - 1]}
                selected={picked?.date ?? null}
                onPick={setPicked}
                onRemove={(d) => void save(d.date, { kind: 'regular' })}
                busy={busy}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/** ‹ year › with every year that has a file (and one on each side) in the list. */
function YearToolbar({ year, years, loading, onGo }: { year: number; years: number[]; loading: boolean; onGo(y: number): void }) {
  const { t } = useTranslation('adminCalendar');
  const { t: tc } = useTranslation();
  return (
    <div className="cal-toolbar">
      <button type="button" className="cal-toolbar__step" onClick={() => onGo(year - 1)} aria-label={t('prevYear')}>
        ‹
      </button>
      <label className="cal-toolbar__year">
        <span className="visually-hidden">{t('year')}</span>
        <select value={year} onChange={(e) => onGo(Number(e.target.value))} data-testid="cal-year">
          {yearChoices(year, years).map((y) => (
            <option key={y} value={y}>
              {t('yearOption', { year: y, context: years.length === 0 || years.includes(y) ? undefined : 'missing' })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="cal-toolbar__step" onClick={() => onGo(year + 1)} aria-label={t('nextYear')}>
        ›
      </button>
      {loading && <span className="page-meta">{tc('loading')}</span>}
    </div>
  );
}

/** The years offered: every year with a file and the shown year, with one on each side. */
function yearChoices(year: number, years: number[]): number[] {
  const all = [...years, year];
  const from = Math.min(...all) - 1;
  const to = Math.max(...all) + 1;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Where the year comes from, whether it is in force, and the year's count. */
function YearStatus({ data }: { data: AdminCalendarYear }) {
  const { t } = useTranslation('adminCalendar');
  const c = data.coverage;
  return (
    <div className="cal-status" data-testid="cal-status">
      {data.pendingRestart && (
        <p className="banner banner--warn" role="status" data-testid="cal-pending">
          {t('pendingRestart', { year: data.year })}
        </p>
      )}
      <p className="cal-status__file">{data.exists ? t('file', { file: data.file }) : t('noFile', { year: data.year, file: data.file })}</p>
      <p className="cal-status__years">
        {t('yearsWithFiles', { years: data.years.length ? data.years.join(', ') : t('noYears') })}
        {c.status !== 'ok' && (
          <b
            className={c.status === 'missing_current_year' ? 'cal-status__missing--severe' : 'cal-status__missing'}
            data-testid="cal-coverage"
          >
            {' · '}
            {t(`coverage.${c.status}`, { year: c.year })}
          </b>
        )}
      </p>
      <p className="cal-status__total" data-testid="cal-total">
        <b>{t('workingDaysYear', { count: data.workingDays, year: data.year })}</b>
        <span className="page-meta"> — {t('workingDaysRule')}</span>
      </p>
      <p className="page-meta">{t('appliesAfterRestart')}</p>
    </div>
  );
}

function Legend() {
  const { t } = useTranslation('adminCalendar');
  return (
    <ul className="cal-legend" aria-label={t('legendLabel')}>
      {(['working', 'weekend', 'day_off', 'working_saturday'] as const).map((k) => (
        <li key={k}>
          <span className={`cal-legend__swatch cal-day--${k}`} aria-hidden="true" />
          {t(`legend.${k}`)}
        </li>
      ))}
    </ul>
  );
}
