/** The header's list of the user's requests (to their unit, and sent by them), with state filters; marks new answers seen. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestStateFilter } from '../../../shared/contract/requests';
import { markAnswersSeen } from './api';
import { isMine, type Viewer } from './requests-model';
import { RequestList } from './RequestList';
import type { RequestFeed } from './use-request-feed';
import { useServerNow } from './use-viewer';
import { errorText } from '../../api/error-text';

export interface RequestsInboxProps {
  viewer: Viewer;
  feed: RequestFeed;
  onClose: () => void;
}

export function RequestsInbox({ viewer, feed, onClose }: RequestsInboxProps) {
  const { t } = useTranslation('requests');
  const now = useServerNow();
  const [filter, setFilter] = useState<RequestStateFilter | null>(null);
  // Answers to the user's requests count as seen once this list has shown them (the badge drops).
  const unseen = feed.items.filter((r) => isMine(r, viewer) && r.answeredAt && !r.answerSeenAt).map((r) => r.id);
  const unseenKey = unseen.join(',');
  useEffect(() => {
    if (!unseenKey) return;
    const timer = window.setTimeout(() => {
      void markAnswersSeen(unseenKey.split(',').map(Number)).catch(() => {}); // the next load shows them again
    }, 1_500);
    return () => window.clearTimeout(timer);
  }, [unseenKey]);

  return (
    <>
      <div className="rq-bell__head">
        <strong>{t('bell.title')}</strong>
        <button type="button" className="btn btn--ghost" onClick={onClose}>
          {t('bell.close')}
        </button>
      </div>
      <p className="rq-hint">{t(viewer.unit && viewer.sends ? 'bell.hintBoth' : viewer.unit ? 'bell.hintReceiver' : 'bell.hintSender')}</p>
      {feed.error && !feed.loaded ? (
        <p role="alert" className="rq-form__error">
          {errorText(feed.error)}
        </p>
      ) : !feed.loaded ? (
        <p role="status">{t('bell.loading')}</p>
      ) : (
        <RequestList
          items={feed.items}
          viewer={viewer}
          now={now}
          filter={filter}
          onFilter={setFilter}
          onChange={feed.apply}
          empty={t('bell.empty')}
          emptyFilter={t('bell.emptyFilter')}
          testId="requests-inbox"
        />
      )}
    </>
  );
}
