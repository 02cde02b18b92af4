/**
 * The header's bell: how many requests are unread (sent to the user's unit and not yet acknowledged,
 * plus answers to the user's own requests not yet seen), live; it opens the list (loaded on demand).
 */
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import { fetchMine } from './api';
import { belongsToViewer, unreadCount } from './requests-model';
import { useRequestFeed } from './use-request-feed';
import { useViewer } from './use-viewer';
import './requests.css';

const RequestsInbox = lazy(() => import('./RequestsInbox').then((m) => ({ default: m.RequestsInbox })));

export function RequestsBell() {
  const { t } = useTranslation('requests');
  const f = useFormat();
  const viewer = useViewer();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const feed = useRequestFeed(
    viewer ? (signal) => fetchMine(null, { signal }) : null,
    (r) => viewer !== null && belongsToViewer(r, viewer),
    viewer?.username ?? '',
  );

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !document.querySelector('.rq-modal') && setOpen(false);
    const onPointer = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  if (!viewer) return null;
  const unread = unreadCount(feed.items, viewer);
  const label = unread > 0 ? `${t('bell.label')}: ${t('bell.unread', { count: unread })}` : t('bell.label');

  return (
    <div className="rq-bell" ref={root}>
      <button
        type="button"
        className="rq-bell__button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="requests-bell"
        data-unread={unread}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {unread > 0 && (
          <span className="rq-bell__badge" data-testid="requests-badge">
            {f.count(unread)}
          </span>
        )}
      </button>
      {open && (
        <div className="rq-bell__panel" id={panelId} role="dialog" aria-label={t('bell.title')} data-testid="requests-panel">
          <Suspense fallback={<p role="status">{t('bell.loading')}</p>}>
            <RequestsInbox viewer={viewer} feed={feed} onClose={() => setOpen(false)} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
