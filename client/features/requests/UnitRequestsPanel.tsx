/**
 * The unit page's reminders and explanation requests (Nhắc nhở, Yêu cầu giải trình): everything sent
 * to the unit, live, with state filters; its users acknowledge and answer here, and those who may send
 * remind it or ask it to explain its backlog.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestStateFilter } from '../../../shared/contract/requests';
import { useSession } from '../auth/session';
import { LoadError } from '../unit/LoadError';
import { mayOfferRequest } from './offer';
import { fetchUnitRequests } from './api';
import { RequestList } from './RequestList';
import { SendRequest } from './SendRequest';
import { useRequestFeed } from './use-request-feed';
import { useServerNow, useViewer } from './use-viewer';
import './requests.css';

export function UnitRequestsPanel({ code }: { code: string }) {
  const { t } = useTranslation('requests');
  const id = useId();
  const viewer = useViewer();
  const now = useServerNow();
  const [filter, setFilter] = useState<RequestStateFilter | null>(null);
  const { me } = useSession();
  const subject = { type: 'unit' as const, id: code };
  const feed = useRequestFeed(
    (signal) => fetchUnitRequests(code, null, { signal }),
    (r) => r.unit === code,
    code,
  );

  return (
    <section className="block rq-panel" aria-labelledby={`${id}-title`} data-testid="reminders">
      <div className="rq-panel__head">
        <h2 id={`${id}-title`}>{t('panel.title')}</h2>
        {mayOfferRequest(me.capabilities, subject) && (
          <span className="rq-panel__send">
            <span className="muted">{t('panel.sendAboutUnit')}</span> <SendRequest subject={subject} onSent={feed.apply} />
          </span>
        )}
      </div>
      <p className="rq-hint">{t('panel.hint')}</p>
      {feed.error && <LoadError error={feed.error} onRetry={feed.reload} />}
      {feed.loaded && (
        <RequestList
          items={feed.items}
          viewer={viewer}
          now={now}
          filter={filter}
          onFilter={setFilter}
          onChange={feed.apply}
          empty={t('panel.empty')}
          emptyFilter={t('panel.emptyFilter')}
          testId="unit-requests"
        />
      )}
    </section>
  );
}
