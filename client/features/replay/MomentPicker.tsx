import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText, readMoment, timeText } from './moment-input';
import { DAY_MS, HOUR_MS } from './replay-time';

/** The two fields' text, the error of the last attempt, and what Enter and the arrow keys do. */
function useMomentFields(at: number | null, range: { from: number; to: number }, onPick: (at: number) => void) {
  const [day, setDay] = useState(() => (at === null ? '' : dayText(at)));
  const [time, setTime] = useState(() => (at === null ? '' : timeText(at)));
  const [error, setError] = useState<string | null>(null);

  // The moment moved elsewhere (slider, buttons, playback): the fields follow it.
  useEffect(() => {
    setDay(at === null ? '' : dayText(at));
    setTime(at === null ? '' : timeText(at));
    setError(null);
  }, [at]);

  const apply = (): void => {
    // Nothing typed into a picker without a moment: nothing to show, nothing to complain of.
    if (at === null && day.trim() === '' && time.trim() === '') return;
    const m = readMoment(day, time, range);
    if (!m.ok) {
      setError(m.error);
      return;
    }
    setError(null);
    if (m.at !== at) onPick(m.at);
    else {
      setDay(dayText(m.at));
      setTime(timeText(m.at));
    }
  };
  const step = (ms: number): void => {
    if (at === null) return;
    const next = Math.min(range.to, Math.max(range.from, at + ms));
    if (next !== at) onPick(next);
  };
  const onKey =
    (unit: number, page: number) =>
    (e: KeyboardEvent<HTMLInputElement>): void => {
      const by = { ArrowUp: unit, ArrowDown: -unit, PageUp: page, PageDown: -page }[e.key];
      if (by === undefined) return;
      e.preventDefault();
      step(by);
    };

  return { day, setDay, time, setTime, error, apply, onKey };
}

/**
 * The time bar's picker: a date field (`dd/mm/yyyy`) and a time field (`HH:mm`, 24-hour), in Vietnam time,
 * formatted by us so an English browser does not turn 7/12 into "12/07 … AM". Enter or leaving the picker
 * shows the moment typed; ↑/↓ move it by a day in the date field and by an hour in the time field (PageUp/
 * PageDown: a week, a day). A moment that is not one, or outside the bar's range, is said in words and
 * nothing moves.
 */
export function MomentPicker({
  at,
  range,
  onPick,
  label,
  showLabel = false,
  testId = 'moment-picker',
}: {
  /** The moment shown; null: none yet (the fields are empty until one is typed). */
  at: number | null;
  range: { from: number; to: number };
  /** A moment chosen (already within `range`). */
  onPick: (at: number) => void;
  /** What the moment is, for the group ("Thời điểm", "So sánh với thời điểm"). */
  label: string;
  /** Write `label` above the fields (the comparison's picker; the time bar's own has the banner). */
  showLabel?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('replay');
  const id = useId();
  const rootRef = useRef<HTMLFormElement>(null);
  const { day, setDay, time, setTime, error, apply, onKey } = useMomentFields(at, range, onPick);

  const errorId = `${id}-error`;
  const invalid = (field: 'day' | 'time'): boolean => error === field || error === 'before' || error === 'after';
  return (
    <form
      ref={rootRef}
      className="moment-picker"
      role="group"
      aria-label={label}
      data-testid={testId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      onBlur={(e) => {
        // Leaving the picker (not moving between its fields) shows what was typed.
        if (!rootRef.current?.contains(e.relatedTarget as Node | null)) apply();
      }}
    >
      {showLabel && <span className="moment-picker__label">{label}</span>}
      <MomentField
        label={t('pickerDay')}
        className="moment-picker__day"
        placeholder={t('pickerDayPlaceholder')}
        size={10}
        value={day}
        invalid={invalid('day')}
        describedBy={error ? errorId : undefined}
        onChange={setDay}
        onKeyDown={onKey(DAY_MS, 7 * DAY_MS)}
      />
      <MomentField
        label={t('pickerTime')}
        className="moment-picker__time"
        placeholder={t('pickerTimePlaceholder')}
        size={5}
        value={time}
        invalid={invalid('time')}
        describedBy={error ? errorId : undefined}
        onChange={setTime}
        onKeyDown={onKey(HOUR_MS, DAY_MS)}
      />
      <button type="submit" className="btn moment-picker__go">
        {t('pickerGo')}
      </button>
      {error && (
        <p className="moment-picker__error" id={errorId} role="alert" data-testid="moment-picker-error">
          {t(`pickerError.${error}`, {
            from: `${dayText(range.from)} ${timeText(range.from)}`,
            to: `${dayText(range.to)} ${timeText(range.to)}`,
          })}
        </p>
      )}
    </form>
  );
}

/** One of the picker's text fields: digits and separators (a phone's number pad has no "/": 07122026 reads too). */
function MomentField(p: {
  label: string;
  className: string;
  placeholder: string;
  size: number;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (v: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
}) {
  return (
    <label className="timebar__field">
      <span>{p.label}</span>
      <input
        type="text"
        className={p.className}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        placeholder={p.placeholder}
        size={p.size}
        value={p.value}
        aria-invalid={p.invalid || undefined}
        aria-describedby={p.describedBy}
        onChange={(e) => p.onChange(e.target.value)}
        onKeyDown={p.onKeyDown}
      />
    </label>
  );
}
