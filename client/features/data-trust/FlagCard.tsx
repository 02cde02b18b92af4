/** One flag: its check, severity, unit, dossier, official, the evidence (each event with its instants), its review. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DataTrustEvidence, DataTrustFlagView, DataTrustVerdict } from '../../../shared/contract/data-trust';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';
import { reviewFlag } from './api';
import { errorText } from '../../api/error-text';

interface Props {
  flag: DataTrustFlagView;
  canReview: boolean;
  kind: 'unit' | 'department';
  onReviewed: () => void;
}

export function FlagCard({ flag, canReview, kind, onReviewed }: Props) {
  const { t } = useTranslation('dataTrust');
  const { linkTo } = useViewParams();
  return (
    <li className="dt-card" data-testid="dt-flag" data-rule={flag.rule} data-status={flag.status}>
      <div className="dt-card__head">
        <span className={`dt-sev dt-sev--${flag.severity}`}>{t(`severity.${flag.severity}`)}</span>
        <strong className="dt-card__rule">{t(`rule.${flag.rule}`)}</strong>
        <span className={`dt-status dt-status--${flag.status}`}>{t(`status.${flag.status}`)}</span>
      </div>
      <dl className="dt-card__facts">
        <div>
          <dt>{t('figures.unit')}</dt>
          <dd>{flag.unitName}</dd>
        </div>
        {flag.dossierId && (
          <div>
            <dt>{t('flags.dossier')}</dt>
            <dd>{flag.link ? <Link to={linkTo(flag.link)}>{flag.dossierId}</Link> : flag.dossierId}</dd>
          </div>
        )}
        {flag.official && (
          <div>
            <dt>{t('flags.official')}</dt>
            <dd>{flag.official.name}</dd>
          </div>
        )}
        <div>
          <dt>{t('flags.raisedAt')}</dt>
          <dd>{formatDayTime(flag.raisedAt)}</dd>
        </div>
      </dl>
      <h3 className="dt-card__sub">{t('flags.evidence')}</h3>
      <ul className="dt-evidence">
        {flag.evidence.map((e, i) => (
          <EvidenceItem key={`${e.eventId ?? e.type}-${i}`} e={e} />
        ))}
      </ul>
      {flag.review && (
        <p className="dt-review" data-testid="dt-review">
          {t('review.by', {
            verdict: t(`status.${flag.review.verdict}`),
            by: flag.review.by,
            at: formatDayTime(flag.review.at),
            note: flag.review.note,
          })}
        </p>
      )}
      {canReview && <ReviewForm flag={flag} kind={kind} onReviewed={onReviewed} />}
    </li>
  );
}

function EvidenceItem({ e }: { e: DataTrustEvidence }) {
  const { t } = useTranslation('dataTrust');
  const f = useFormat();
  if (e.figure) {
    const pct = e.figure.name === 'on_time_rate';
    const v = (x: number) => (pct ? f.percent(x) : f.number(x, 1));
    return (
      <li>
        {formatDayTime(e.at).slice(0, 10)} ·{' '}
        {t('evidence.figure', {
          figure: t(`evidence.${e.figure.name}`),
          value: v(e.figure.value),
          median: v(e.figure.median),
          mad: v(e.figure.mad),
          score: f.number(e.figure.score, 1),
        })}
      </li>
    );
  }
  return (
    <li>
      <span className="dt-evidence__type">{t(`evidence.type.${e.type}`, { defaultValue: e.type })}</span>
      {e.dossierId && <span className="muted"> · {e.dossierId}</span>}
      {e.eventId && <code className="dt-evidence__id">{e.eventId}</code>}
      <span className="dt-evidence__times">
        {t('evidence.at')}: {formatDayTime(e.at)}
        {e.arrivedAt && (
          <>
            {' · '}
            {t('evidence.arrivedAt')}: {formatDayTime(e.arrivedAt)}
          </>
        )}
        {e.limitAt && (
          <>
            {' · '}
            {t('evidence.limitAt')}: {formatDayTime(e.limitAt)}
          </>
        )}
      </span>
    </li>
  );
}

function ReviewForm({ flag, kind, onReviewed }: { flag: DataTrustFlagView; kind: 'unit' | 'department'; onReviewed: () => void }) {
  const { t } = useTranslation('dataTrust');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (verdict: DataTrustVerdict) => {
    setBusy(true);
    setError(null);
    try {
      await reviewFlag(flag.unit, kind, flag.id, { verdict, note: note.trim() });
      setNote('');
      onReviewed();
    } catch (err) {
      setError(t('review.failed', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };
  const id = `dt-note-${flag.id}`;
  return (
    <div className="dt-review-form">
      <label htmlFor={id}>{t('review.note')}</label>
      <textarea id={id} rows={2} value={note} placeholder={t('review.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
      <div className="dt-review-form__buttons">
        <button
          type="button"
          className="btn"
          disabled={busy || note.trim() === ''}
          onClick={() => void send('justified')}
          data-verdict="justified"
        >
          {t('review.justified')}
        </button>
        <button
          type="button"
          className="btn btn--danger"
          disabled={busy || note.trim() === ''}
          onClick={() => void send('confirmed')}
          data-verdict="confirmed"
        >
          {t('review.confirmed')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
