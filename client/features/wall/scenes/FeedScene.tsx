/**
 * The live feed of dossiers and tasks that just became overdue (`alert:raised`), newest first, filled
 * at start from the server's recent alerts; beside it, how many items became overdue in the last
 * hour and today, per unit. The public (no display token) sees the same without officials' names.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import { AlertList } from './AlertList';
import type { SceneData } from './scene-data';

/** Rows drawn (more would not fit at a readable size; the buffer keeps MAX_FEED_ITEMS). */
export const FEED_ROWS = 12;
/** Units listed beside the feed, most newly overdue today first. */
export const FEED_UNIT_ROWS = 10;

export const FeedScene = memo(function FeedScene(p: Pick<SceneData, 'alerts' | 'today' | 'newlyOverdue' | 'anonymous'>) {
  const { t } = useTranslation('wall');
  const f = useFormat();
  const counts = p.newlyOverdue;
  return (
    <div className="wall-feed" data-testid="wall-scene-feed">
      <div className="wall-feed__main">
        <h2 className="wall-scene-title">{t('feed.title')}</h2>
        {p.anonymous && (
          <p className="wall-feed__note" data-testid="wall-public-note">
            {t('feed.publicNote')}
          </p>
        )}
        <AlertList alerts={p.alerts.slice(0, FEED_ROWS)} today={p.today} />
      </div>
      <aside className="wall-feed__side" data-testid="wall-newly-overdue">
        <div className="wall-feed__totals">
          <div className="wall-feed__total" data-testid="wall-newly-overdue-hour">
            <span className="wall-feed__total-value wall-number">{counts ? f.count(counts.lastHour) : '—'}</span>
            <span className="wall-feed__total-label">{t('feed.lastHour')}</span>
          </div>
          <div className="wall-feed__total" data-testid="wall-newly-overdue-today">
            <span className="wall-feed__total-value wall-number">{counts ? f.count(counts.today) : '—'}</span>
            <span className="wall-feed__total-label">{t('feed.today')}</span>
          </div>
        </div>
        <h3 className="wall-subtitle">{t('feed.byUnit')}</h3>
        {counts && counts.byUnit.length === 0 && <p className="wall-empty">{t('feed.byUnitEmpty')}</p>}
        {counts && counts.byUnit.length > 0 && (
          <ol className="wall-feed__units">
            {counts.byUnit.slice(0, FEED_UNIT_ROWS).map((u) => (
              <li key={u.code} className="wall-feed__unit" data-unit={u.code}>
                <span className="wall-feed__unit-name">{u.name}</span>
                <span className="wall-feed__unit-count wall-number">{f.count(u.today)}</span>
                {u.lastHour > 0 && <span className="wall-feed__unit-hour">{t('feed.unitLastHour', { count: u.lastHour })}</span>}
              </li>
            ))}
          </ol>
        )}
      </aside>
    </div>
  );
});
