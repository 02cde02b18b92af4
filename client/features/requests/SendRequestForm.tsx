/** The dialog of SendRequest: kind, message (filled in for the item), answer due date on the working calendar. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_KINDS,
  REQUEST_MESSAGE_MAX_CHARS,
  type RequestKind,
  type RequestView,
  type SendRequestBody,
} from '../../../shared/contract/requests';
import { formatVnDate } from '../../../shared/datetime';
import { fetchDefaultDue, sendRequest } from './api';
import { Modal } from './Modal';
import type { SubjectRef } from './requests-model';
import { errorText } from '../../api/error-text';

export interface SendRequestFormProps {
  subject: SubjectRef;
  defaultKind: RequestKind;
  onClose: () => void;
  onSent: (r: RequestView) => void;
}

/** The body of `POST /reminders` for a subject. */
export function sendBody(subject: SubjectRef, kind: RequestKind, message: string, answerDueOn: string | null): SendRequestBody {
  return {
    kind,
    subject: { type: subject.type, id: subject.id },
    ...(subject.unit ? { unit: subject.unit } : {}),
    ...(subject.type === 'case' && subject.dossierId ? { dossierId: subject.dossierId } : {}),
    message,
    ...(kind === 'explanation' && answerDueOn ? { answerDueOn } : {}),
  };
}

export function SendRequestForm({ subject, defaultKind, onClose, onSent }: SendRequestFormProps) {
  const { t } = useTranslation('requests');
  const id = useId();
  const [kind, setKind] = useState<RequestKind>(defaultKind);
  const about = t(`inline.${subject.type}`, {
    id: subject.id,
    dossierId: subject.dossierId ?? subject.id,
    title: subject.title ?? subject.id,
  });
  const [message, setMessage] = useState(() => t(`send.defaultMessage.${defaultKind}`, { about }));
  const [edited, setEdited] = useState(false);
  const due = useDefaultDue();
  const [chosenDue, setDueOn] = useState<string | null>(null);
  const dueOn = chosenDue ?? due?.day ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const chooseKind = (k: RequestKind) => {
    setKind(k);
    // The filled-in text follows the kind until the sender writes their own.
    if (!edited) setMessage(t(`send.defaultMessage.${k}`, { about }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSent(await sendRequest(sendBody(subject, kind, message, dueOn || null)));
    } catch (err) {
      setError(t('send.failed', { message: errorText(err) }));
      setBusy(false);
    }
  };

  const title = t(`subject.${subject.type}`, { id: subject.id, title: subject.title ?? subject.id });
  return (
    <Modal title={t('send.title')} onClose={onClose} testId="send-request-dialog">
      <form className="rq-form" onSubmit={(e) => void submit(e)}>
        <p className="rq-form__about">
          <span className="muted">{t('send.about')}:</span> <strong>{title}</strong>
          {subject.type !== 'task' && subject.title && subject.type !== 'unit' ? ` — ${subject.title}` : null}
        </p>
        <fieldset className="rq-form__kinds">
          <legend>{t('send.kindLabel')}</legend>
          {REQUEST_KINDS.map((k) => (
            <label key={k} className="rq-form__kind">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => chooseKind(k)} />
              {t(`kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-message`}>{t('send.message')}</label>
        <textarea
          id={`${id}-message`}
          value={message}
          maxLength={REQUEST_MESSAGE_MAX_CHARS}
          required
          rows={4}
          onChange={(e) => {
            setMessage(e.target.value);
            setEdited(true);
          }}
          data-testid="send-request-message"
        />
        {kind === 'explanation' && <DueDateField due={due} value={dueOn} onChange={setDueOn} />}
        {error && (
          <p className="rq-form__error" role="alert">
            {error}
          </p>
        )}
        <div className="rq-form__actions">
          <button type="submit" className="btn" disabled={busy} data-testid="send-request-submit">
            {busy ? t('send.sending') : t('send.submit')}
          </button>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('send.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

interface DefaultDue {
  /** YYYY-MM-DD: the default due day, and today, in Vietnam time (the server's clock). */
  day: string;
  today: string;
  days: number;
}

/** The day an explanation request sent now is due by default (the server's working calendar); null until known. */
function useDefaultDue(): DefaultDue | null {
  const [due, setDue] = useState<DefaultDue | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchDefaultDue({ signal: ctrl.signal }).then(
      (d) => setDue({ day: d.answerDueOn, today: d.asOf.slice(0, 10), days: d.workingDays }),
      () => {}, // the server then applies its default; the field stays empty
    );
    return () => ctrl.abort();
  }, []);
  return due;
}

/** The answer due date, shown as a date, defaulting to N working days from now. */
function DueDateField({ due, value, onChange }: { due: DefaultDue | null; value: string; onChange: (day: string) => void }) {
  const { t } = useTranslation('requests');
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-due`}>{t('send.due')}</label>
      <input
        id={`${id}-due`}
        type="date"
        value={value}
        min={due?.today}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-due-hint`}
        data-testid="send-request-due"
      />
      <p id={`${id}-due-hint`} className="rq-form__hint">
        {due ? t('send.dueHint', { days: due.days, date: formatVnDate(due.day) }) : t('send.dueLoading')}
      </p>
    </>
  );
}
