/**
 * Requests about a dossier or task as entries of its timeline list (each at its instant), for those
 * allowed to read them; live, like every request list.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayTime } from '../unit/datetime';
import type { TimelineExtra } from '../item/TimelineList';
import { fetchItemRequests } from './api';
import { requestMoments, type RequestMoment } from './request-timeline';
import { isAbout } from './requests-model';
import { useRequestFeed, type RequestFeed } from './use-request-feed';
import { useServerNow, useViewer } from './use-viewer';

function MomentView({ m }: { m: RequestMoment }) {
  const { t } = useTranslation('requests');
  const r = m.request;
  const kind = t(`kind.${r.kind}`);
  let label: string;
  let details: string | null = null;
  switch (m.kind) {
    case 'sent':
      label = t('timeline.sent', { kind, name: r.sentBy });
      details = r.answerDueAt ? `${r.message} (${t('timeline.due', { date: formatDayTime(r.answerDueAt) })})` : r.message;
      break;
    case 'read':
      label = t(`timeline.read.${r.kind}`);
      details = r.acknowledgedBy;
      break;
    case 'overdue':
      label = t('timeline.overdue');
      break;
    case 'answered':
      label = t('timeline.answered', { name: r.answeredBy ?? '' });
      details = r.answer;
      break;
  }
  return (
    <>
      <time dateTime={m.at} className="tl-entry-at">
        {formatDayTime(m.at)}
      </time>{' '}
      <strong className={`tl-entry-type${m.kind === 'overdue' ? ' text-danger' : ''}`}>{label}</strong>
      {details && <span className="tl-entry-details"> — {details}</span>}
    </>
  );
}

export interface RequestTimeline {
  extra: TimelineExtra[];
  feed: RequestFeed;
}

export function useRequestTimeline(kind: 'dossier' | 'task', id: string): RequestTimeline {
  const viewer = useViewer();
  const now = useServerNow();
  const feed = useRequestFeed(
    viewer ? (signal) => fetchItemRequests(kind, id, { signal }) : null,
    (r) => isAbout(r, kind, id),
    `${kind}:${id}`,
  );
  const extra = useMemo(
    () =>
      requestMoments(feed.items, now).map((m) => ({
        key: m.key,
        at: m.at,
        className: `tl-entry-request tl-entry-request-${m.kind}`,
        node: <MomentView m={m} />,
      })),
    [feed.items, now],
  );
  return { extra, feed };
}
