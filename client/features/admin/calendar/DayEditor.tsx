/**
 * The calendar tab's form: what one day of the year becomes (a day off with its name, a swapped
 * working Saturday with the day off it compensates, or a regular day). It is written to the year's
 * file and applies after the server restarts; the form says so.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayChange, CalendarDayKind, CalendarDayOffEntry } from '../../../../shared/contract/admin-calendar';
import type { MonthDay } from './calendar-model';

interface Props {
  year: number;
  picked: MonthDay | null;
  daysOff: CalendarDayOffEntry[];
  busy: boolean;
  onSubmit(date: string, change: CalendarDayChange): void;
}

/** The form's starting kind for a picked day: what it is now, or the likely edit of a plain day. */
function initialKind(d: MonthDay | null): CalendarDayKind {
  if (!d) return 'day_off';
  if (d.kind === 'day_off' || d.kind === 'working_saturday') return d.kind;
  return d.kind === 'weekend' && new Date(`${d.date}T12:00:00Z`).getUTCDay() === 6 ? 'working_saturday' : 'day_off';
}

export function DayEditor({ year, picked, daysOff, busy, onSubmit }: Props) {
  const { t } = useTranslation('adminCalendar');
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('day_off');
  const [name, setName] = useState('');
  const [compensates, setCompensates] = useState('');
  useEffect(() => {
    setDate(picked?.date ?? '');
    setKind(initialKind(picked));
    setName(picked?.name ?? '');
    setCompensates(picked?.compensates ?? '');
  }, [picked]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const change: CalendarDayChange =
      kind === 'regular' ? { kind } : kind === 'day_off' ? { kind, name } : { kind, name, compensates: compensates || null };
    onSubmit(date, change);
  };

  return (
    <form className="cal-editor" onSubmit={submit} data-testid="cal-editor" aria-labelledby="cal-editor-title">
      <h2 id="cal-editor-title">{t('editor.title')}</h2>
      <p className="page-meta">{t('editor.hint')}</p>
      <div className="cal-editor__fields">
        <label>
          <span>{t('editor.date')}</span>
          <input
            type="date"
            required
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-testid="cal-editor-date"
          />
        </label>
        <label>
          <span>{t('editor.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as CalendarDayKind)} data-testid="cal-editor-kind">
            {(['day_off', 'working_saturday', 'regular'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`editor.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'regular' && (
          <label className="cal-editor__name">
            <span>{t('editor.name')}</span>
            <input
              type="text"
              required
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="cal-editor-name"
            />
          </label>
        )}
        {kind === 'working_saturday' && (
          <label>
            <span>{t('editor.compensates')}</span>
            <select value={compensates} onChange={(e) => setCompensates(e.target.value)} data-testid="cal-editor-compensates">
              <option value="">{t('editor.compensatesNone')}</option>
              {daysOff.map((d) => (
                <option key={d.date} value={d.date}>
                  {`${d.date.slice(8, 10)}/${d.date.slice(5, 7)} — ${d.name}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <button type="submit" className="cal-editor__save" disabled={busy || !date} data-testid="cal-editor-save">
        {busy ? t('editor.saving') : t('editor.save')}
      </button>
    </form>
  );
}
