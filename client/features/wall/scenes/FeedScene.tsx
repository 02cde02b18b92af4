/** The live feed of dossiers and tasks that just became overdue (`alert:raised`), newest first. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertList } from './AlertList';
import type { SceneData } from './scene-data';

/** Rows drawn (more would not fit at a readable size; the buffer keeps MAX_FEED_ITEMS). */
export const FEED_ROWS = 12;

export const FeedScene = memo(function FeedScene(p: Pick<SceneData, 'alerts' | 'today'>) {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-feed" data-testid="wall-scene-feed">
      <h2 className="wall-scene-title">{t('feed.title')}</h2>
      <AlertList alerts={p.alerts.slice(0, FEED_ROWS)} today={p.today} />
    </div>
  );
});
