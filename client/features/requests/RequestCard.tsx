/**
 * One reminder or explanation request: what it is about (a link to the item), who sent it to whom and
 * when, the official holding the dossier then, its due date and state, the message, and the answer.
 * The unit it was sent to marks it read and answers it here.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../shared/contract/requests';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';
import { acknowledgeRequest } from './api';
import { AnswerForm } from './AnswerForm';
import { isForMe, isMine, liveState, type Viewer } from './requests-model';
import { errorText } from '../../api/error-text';

const enc = encodeURIComponent;

export interface RequestCardProps {
  request: RequestView;
  viewer: Viewer | null;
  /** The server's clock (epoch ms): the state is judged at it. */
  now: number;
  /** A request the user just changed (acknowledged, answered). */
  onChange: (r: RequestView) => void;
}

function SubjectLink({ r }: { r: RequestView }) {
  const { t } = useTranslation('requests');
  const { linkTo } = useViewParams();
  const s = r.subject;
  const text = t(`subject.${s.type}`, { id: s.id, title: s.title ?? s.id });
  switch (s.type) {
    case 'dossier':
      return <Link to={linkTo(`/dossiers/${enc(s.id)}`)}>{text}</Link>;
    case 'task':
      return <Link to={linkTo(`/tasks/${enc(s.id)}`)}>{text}</Link>;
    case 'unit':
      return <Link to={linkTo(`/units/${enc(s.id)}`)}>{text}</Link>;
    case 'case':
      return r.dossierId ? <Link to={linkTo(`/dossiers/${enc(r.dossierId)}`)}>{text}</Link> : <>{text}</>;
  }
}

function RequestAnswer({ r }: { r: RequestView }) {
  const { t } = useTranslation('requests');
  return (
    <blockquote className="rq-card__answer" data-testid="request-answer">
      <p className="rq-card__meta">{t('card.answerBy', { name: r.answeredBy ?? '', at: formatDayTime(r.answeredAt) })}</p>
      <p>{r.answer}</p>
    </blockquote>
  );
}

export function RequestCard({ request: r, viewer, now, onChange }: RequestCardProps) {
  const { t } = useTranslation('requests');
  const [answering, setAnswering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = liveState(r, now);
  const forMe = viewer !== null && isForMe(r, viewer);
  const mine = viewer !== null && isMine(r, viewer);
  const newAnswer = mine && r.answeredAt !== null && r.answerSeenAt === null;

  const acknowledge = async () => {
    setError(null);
    try {
      onChange(await acknowledgeRequest(r.id));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <article className={`rq-card rq-card--${state}`} data-testid={`request-${r.id}`} data-state={state} data-kind={r.kind}>
      <header className="rq-card__head">
        <span className={`rq-kind rq-kind--${r.kind}`}>{t(`kind.${r.kind}`)}</span>
        <span className={`rq-state rq-state--${state}`} data-testid="request-state">
          {t(`state.${state}`)}
        </span>
        {newAnswer && <span className="rq-new">{t('card.newAnswer')}</span>}
      </header>
      <p className="rq-card__subject">
        <SubjectLink r={r} />
        {r.subject.type === 'dossier' && r.subject.title ? <span className="muted"> — {r.subject.title}</span> : null}
      </p>
      <p className="rq-card__meta">
        {mine
          ? t('card.to', { unit: r.unitName, at: formatDayTime(r.sentAt) })
          : t('card.from', { name: r.sentBy, at: formatDayTime(r.sentAt) })}
      </p>
      {r.holder && <p className="rq-card__meta">{t('card.holder', { name: r.holder.name })}</p>}
      {r.answerDueAt && (
        <p className={`rq-card__meta${state === 'overdue' ? ' text-danger' : ''}`}>
          {t('card.due', { date: formatDayTime(r.answerDueAt) })}
        </p>
      )}
      <p className="rq-card__message">{r.message}</p>
      {r.acknowledgedAt && !r.answeredAt && (
        <p className="rq-card__meta">✓ {t('card.readBy', { name: r.acknowledgedBy ?? '', at: formatDayTime(r.acknowledgedAt) })}</p>
      )}
      {r.answer !== null && <RequestAnswer r={r} />}
      {error && (
        <p className="rq-form__error" role="alert">
          {error}
        </p>
      )}
      {forMe && !answering && (
        <div className="rq-card__actions">
          {!r.acknowledgedAt && (
            <button type="button" className="btn btn--ghost" onClick={() => void acknowledge()} data-testid={`request-ack-${r.id}`}>
              {t('card.acknowledge')}
            </button>
          )}
          {r.kind === 'explanation' && !r.answeredAt && (
            <button type="button" className="btn" onClick={() => setAnswering(true)} data-testid={`request-answer-${r.id}`}>
              {t('card.answer')}
            </button>
          )}
        </div>
      )}
      {answering && (
        <AnswerForm
          request={r}
          onCancel={() => setAnswering(false)}
          onAnswered={(v) => {
            setAnswering(false);
            onChange(v);
          }}
        />
      )}
    </article>
  );
}
