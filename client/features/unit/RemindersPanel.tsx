/**
 * Reminders (Nhắc nhở) of a unit: what the administration centre sent about its late dossiers,
 * acknowledged (Đã tiếp nhận) by the unit; a supervisor sends new ones from here.
 */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReminderResponse } from '../../../server/http/reminder-routes';
import { ApiError, apiUrl, getJson, sendJson, useApi } from '../../api';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from './datetime';
import { LoadError } from './LoadError';

export interface RemindersPanelProps {
  code: string;
  canSend: boolean;
  canAcknowledge: boolean;
}

const enc = encodeURIComponent;

export function RemindersPanel({ code, canSend, canAcknowledge }: RemindersPanelProps) {
  const { t } = useTranslation('auth');
  const { linkTo } = useViewParams();
  const id = useId();
  const res = useApi((signal) => getJson<{ items: ReminderResponse[] }>(apiUrl(`/units/${enc(code)}/reminders`), { signal }), [code]);
  const [message, setMessage] = useState(() => t('reminders.defaultMessage'));
  const [dossierId, setDossierId] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      await sendJson('POST', apiUrl('/reminders'), { unit: code, message, ...(dossierId.trim() ? { dossierId: dossierId.trim() } : {}) });
      setStatus(t('reminders.sent'));
      setDossierId('');
      res.reload();
    } catch (err) {
      setStatus(t('reminders.failed', { message: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const acknowledge = async (reminderId: number) => {
    try {
      await sendJson('POST', apiUrl(`/reminders/${reminderId}/acknowledge`), {});
    } finally {
      res.reload();
    }
  };

  const items = res.data?.items ?? [];
  return (
    <section className="block" aria-labelledby={`${id}-title`} data-testid="reminders">
      <h2 id={`${id}-title`}>{t('reminders.title')}</h2>
      {res.error && <LoadError error={res.error} onRetry={res.reload} />}
      {res.data && items.length === 0 && <p className="muted">{t('reminders.empty')}</p>}
      {items.length > 0 && (
        <ul className="reminders">
          {items.map((r) => (
            <li key={r.id} data-testid={`reminder-${r.id}`}>
              <p className="reminders__about">
                {r.dossierId ? (
                  <Link to={linkTo(`/dossiers/${enc(r.dossierId)}`)}>{t('reminders.aboutDossier', { id: r.dossierId })}</Link>
                ) : (
                  t('reminders.aboutUnit')
                )}
                {' · '}
                <span className="muted">{t('reminders.sentBy', { name: r.sentBy, at: formatDayTime(r.sentAt) })}</span>
              </p>
              <p className="reminders__message">{r.message}</p>
              {r.acknowledgedAt ? (
                <p className="reminders__ack">
                  ✓ {t('reminders.acknowledgedBy', { name: r.acknowledgedBy ?? '', at: formatDayTime(r.acknowledgedAt) })}
                </p>
              ) : (
                canAcknowledge && (
                  <button
                    type="button"
                    className="btn btn--small"
                    onClick={() => void acknowledge(r.id)}
                    data-testid={`reminder-ack-${r.id}`}
                  >
                    {t('reminders.acknowledge')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {canSend && (
        <form className="reminders__form" onSubmit={(e) => void send(e)}>
          <label htmlFor={`${id}-message`}>{t('reminders.message')}</label>
          <textarea
            id={`${id}-message`}
            value={message}
            maxLength={1000}
            required
            rows={2}
            onChange={(e) => setMessage(e.target.value)}
            data-testid="reminder-message"
          />
          <label htmlFor={`${id}-dossier`}>{t('reminders.dossierId')}</label>
          <input
            id={`${id}-dossier`}
            value={dossierId}
            maxLength={200}
            onChange={(e) => setDossierId(e.target.value)}
            data-testid="reminder-dossier"
          />
          <button type="submit" className="btn btn--small" disabled={busy} data-testid="reminder-send">
            {busy ? t('reminders.sending') : t('reminders.send')}
          </button>
          {status && <span role="status">{status}</span>}
        </form>
      )}
    </section>
  );
}
