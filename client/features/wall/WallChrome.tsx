/** The wall's frame around the scene: the header (scope, scene, clock, status), the footer, the error and stale banners. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceFreshness } from '../../../shared/contract/api';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { formatTime } from '../../lib/format';
import { hourMinute, type WallFreshness } from './freshness';
import type { WallWarning } from './wall-config';
import { WallSources } from './WallSources';
import { errorText } from '../../api/error-text';

/** The app and scope, the scene's name, "Cập nhật lúc" with the server's time, and the live status. */
export function WallHeader({
  scopeName,
  scene,
  serverNow,
  freshness,
}: {
  scopeName: string;
  scene: string;
  serverNow: string | null;
  freshness: WallFreshness;
}) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  return (
    <header className="wall__head">
      <div className="wall__brand">
        <span className="wall__emblem" aria-hidden="true">
          ★
        </span>
        <span className="wall__app">{tc('appTitle')}</span>
        <span className="wall__scope">{scopeName}</span>
      </div>
      <h1 className="wall__scene-name">{t(`scene.${scene}`)}</h1>
      <div className="wall__clock">
        <span className="wall__as-of" data-testid="wall-as-of" data-as-of={serverNow ?? ''}>
          {t('asOf')} <time dateTime={serverNow ?? undefined}>{formatTime(serverNow)}</time>
        </span>
        <span className={`wall-status wall-status--${freshness}`} data-testid="wall-status" data-status={freshness}>
          <span aria-hidden="true">{freshness === 'live' ? '●' : freshness === 'reconnecting' ? '↻' : '!'}</span> {t(`status.${freshness}`)}
        </span>
      </div>
    </header>
  );
}

/** Shown instead of the scene when the subscription was refused or failed. */
export function SubscribeError({ error, scope }: { error: { code: string; message: string }; scope: ScopeKey }) {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-error" role="alert" data-testid="wall-error">
      <h2>{t('error.title')}</h2>
      <p>{error.code === 'forbidden' ? t('error.forbidden', { scope }) : t('error.other', { message: errorText(error) })}</p>
    </div>
  );
}

export interface WallFooterProps {
  scenes: readonly string[];
  /** The scene shown now. */
  index: number;
  /** Sources from the latest clock tick (null before the first). */
  sources: readonly SourceFreshness[] | null;
  /** False while the wall is stale: the last tick's source states are no longer known to hold. */
  sourcesKnown?: boolean;
  warnings: readonly WallWarning[];
  displayName: string | null;
  /** Changes when a new scene period starts, to restart the progress bar. */
  progressKey: string;
  intervalMs: number;
}

/** Silent sources, the scene dots, the sources bar, URL warnings, the display's name and the scene's progress bar. */
export function WallFooter({
  scenes,
  index,
  sources,
  sourcesKnown = true,
  warnings,
  displayName,
  progressKey,
  intervalMs,
}: WallFooterProps) {
  const { t } = useTranslation('wall');
  const silent = useMemo(() => (sources ?? []).filter((s) => s.silent).map((s) => s.name), [sources]);
  return (
    <footer className="wall__foot">
      {silent.length > 0 && (
        <div className="wall-silent" role="status" data-testid="wall-sources-silent">
          <span aria-hidden="true">⚠</span> {t('sourcesSilent', { names: silent.join(', ') })}
        </div>
      )}
      <div className="wall__foot-row">
        <ol className="wall-dots" aria-label={t('title')}>
          {scenes.map((s, i) => (
            <li key={`${s}-${i}`} className={i === index ? 'wall-dots__dot wall-dots__dot--on' : 'wall-dots__dot'}>
              {t(`scene.${s}`)}
            </li>
          ))}
        </ol>
        <WallSources sources={sources} known={sourcesKnown} />
        {warnings.length > 0 && (
          <span className="wall-warnings" data-testid="wall-warnings">
            {warnings.map((w) => t(`warning.${w.code}`, { value: w.value })).join(' · ')}
          </span>
        )}
        {displayName && <span className="wall__display-name">{displayName}</span>}
      </div>
      <div className="wall-progress" aria-hidden="true">
        <span key={progressKey} style={{ animationDuration: `${intervalMs}ms` }} />
      </div>
    </footer>
  );
}

/** The large "Mất kết nối" banner: since when the numbers have not moved, and that the wall reconnects by itself. */
export function StaleBanner({ serverNow }: { serverNow: string | null }) {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-stale" role="alert" data-testid="wall-stale-banner">
      <div className="wall-stale__title">
        {hourMinute(serverNow) ? t('stale.title', { time: hourMinute(serverNow) }) : t('stale.titleNoData')}
      </div>
      <div className="wall-stale__hint">{t('stale.hint')}</div>
    </div>
  );
}
