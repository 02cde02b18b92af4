/** One refused record: when, from which source, its errors in words, the payload as sent, its review. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarantineRecord } from '../../../../shared/contract/quarantine';
import { formatDateTime } from '../../../lib/format';
import { ErrorTable } from './ErrorTable';
import { ReviewPanel } from './ReviewPanel';

/** The payload as it was sent, indented (text that was not JSON as it came). */
export function pretty(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2);
}

export function RecordCard({ record: r, onChanged }: { record: QuarantineRecord; onChanged: (notice: string) => void }) {
  const { t } = useTranslation('adminQuality');
  const [open, setOpen] = useState(false);
  return (
    <li className="aq-card" data-testid="aq-record" data-state={r.state} data-rule={r.rule}>
      <div className="aq-card__head">
        <strong>{t(`rule.${r.rule}`)}</strong>
        <span className={`aq-state aq-state--${r.state}`}>{t(`state.${r.state}`)}</span>
      </div>
      <dl className="aq-facts">
        <div>
          <dt>{t('list.receivedAt')}</dt>
          <dd>{formatDateTime(r.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('list.source')}</dt>
          <dd>{r.source ?? t('list.noSource')}</dd>
        </div>
        <div>
          <dt>{t('list.kind')}</dt>
          <dd>{t(`kind.${r.kind}`)}</dd>
        </div>
        {r.eventId && (
          <div>
            <dt>{t('list.eventId')}</dt>
            <dd>
              <code>{r.eventId}</code>
            </dd>
          </div>
        )}
      </dl>
      <ErrorTable errors={r.errors} rules={r.errorRules} />
      <details className="aq-raw">
        <summary>{t('list.raw')}</summary>
        <pre>{pretty(r.raw)}</pre>
      </details>
      <ReviewLine record={r} />
      {r.state !== 'dismissed' && (
        <button
          type="button"
          className="btn btn--ghost aq-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="aq-open"
        >
          {open ? t('list.hide') : t('list.review')}
        </button>
      )}
      {open && r.state !== 'dismissed' && (
        <ReviewPanel record={r} onChanged={(notice) => onChanged(t('notice', { id: r.eventId ?? `#${r.id}`, text: notice }))} />
      )}
    </li>
  );
}

function ReviewLine({ record: r }: { record: QuarantineRecord }) {
  const { t } = useTranslation('adminQuality');
  if (r.state === 'open') return null;
  const who = { by: r.reviewedBy?.replace(/^user:/, '') ?? '', at: formatDateTime(r.reviewedAt) };
  return (
    <p className="aq-review" data-testid="aq-review">
      {r.state === 'replayed'
        ? t('review.replayed', { ...who, ids: (r.replayedEventIds ?? []).join(', ') })
        : t('review.dismissed', { ...who, note: r.note ?? '' })}
    </p>
  );
}
