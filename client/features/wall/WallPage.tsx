/**
 * `/wall`: the operations-centre display. Unattended for days, read from across the room, never
 * stale without saying so. Rotates scenes (map, ranking, feed, KPIs, departments) chosen by the URL
 * or a server preset; shows "Cập nhật lúc" from the server's clock ticks and a large "Mất kết nối"
 * banner when they stop; reconnects, resubscribes and clears it by itself; reloads on a new build;
 * remounts a scene that crashed; shifts a few pixels every few minutes against burn-in.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScopeKey } from '../../../server/metrics/types';
import type { RecentAlertsResponse } from '../../../server/http/api-types';
import type { WallPresetResponse } from '../../../server/wall/wall-types';
import { ApiError, fetchRecentAlerts, loadJurisdiction } from '../../api';
import { useLang } from '../../i18n';
import { formatTime } from '../../lib/format';
import { useConnection } from '../../realtime/connection';
import { useScopeSubscription } from '../../realtime/useScopeSubscription';
import { fetchWallPreset } from './api';
import { resolveDisplayToken } from './display-token';
import { hourMinute, vnDay, wallFreshness, type WallFreshness } from './freshness';
import { useDisplaySession, useNow, useReloadOnBuildChange, useRetryingLoad, useTrend, useWallAlerts } from './hooks';
import { pixelShiftAt } from './pixel-shift';
import { WallSources } from './WallSources';
import { SceneBoundary } from './SceneBoundary';
import { DepartmentsScene } from './scenes/DepartmentsScene';
import { FeedScene } from './scenes/FeedScene';
import { KpiScene } from './scenes/KpiScene';
import { MapScene } from './scenes/MapScene';
import { RankingScene } from './scenes/RankingScene';
import type { SceneData } from './scenes/scene-data';
import { parseWallSearch, resolveWallConfig, sceneIndexAt, type WallConfig, type WallWarning } from './wall-config';
import { InvalidTokenScreen, Recovering, WallSplash } from './WallScreens';
import './wall.css';

/** A crashed scene is remounted after this long. */
const SCENE_RECOVER_MS = 5_000;
/** The whole wall is remounted after this long; after 5 crashes in 5 minutes, the page reloads. */
const WALL_RECOVER_MS = 10_000;

/** Puts the document in wall mode (dark, no scrollbars, no cursor) while the wall is mounted. */
function useWallMode(): void {
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('wall-mode');
    return () => html.classList.remove('wall-mode');
  }, []);
}

export function WallPage() {
  useWallMode();
  const location = useLocation();
  const navigate = useNavigate();
  // Read once, before anything connects: the token from the URL is stored, then hidden.
  const [boot] = useState(() => resolveDisplayToken(window.location.search));
  useEffect(() => {
    if (boot.hadToken) navigate({ pathname: location.pathname, search: boot.search, hash: location.hash }, { replace: true });
    // Only once, at start.
  }, []);
  const params = useMemo(() => parseWallSearch(location.search), [location.search]);
  const session = useDisplaySession(boot.token);
  const preset = useRetryingLoad<WallPresetResponse>(params.preset, (signal) => fetchWallPreset(params.preset ?? '', signal));

  if (session.status === 'invalid') return <InvalidTokenScreen name={session.identity?.name ?? null} />;
  if (session.status === 'checking' || (params.preset && preset.status === 'loading')) return <WallSplash />;

  const scope: ScopeKey = session.identity?.scope ?? params.scope ?? 'city';
  const presetMissing =
    params.preset != null && preset.status === 'failed' && preset.error instanceof ApiError && preset.error.status === 404;
  const warnings: WallWarning[] = presetMissing
    ? [...params.warnings, { code: 'presetMissing', value: params.preset ?? '' }]
    : params.warnings;
  const config = resolveWallConfig(params, preset.status === 'ok' ? preset.data : null, scope);

  return (
    <SceneBoundary
      fallback={
        <div className="wall">
          <Recovering />
        </div>
      }
      recoverAfterMs={WALL_RECOVER_MS}
      maxRecoveries={5}
      onGiveUp={() => window.location.reload()}
    >
      <WallLive
        scope={scope}
        config={config}
        warnings={warnings}
        displayName={session.identity?.name ?? null}
        anonymous={session.status === 'anonymous'}
      />
    </SceneBoundary>
  );
}

interface WallLiveProps {
  scope: ScopeKey;
  config: WallConfig;
  warnings: WallWarning[];
  displayName: string | null;
  /** No display token: the public view (alerts without names). */
  anonymous: boolean;
}

function WallLive({ scope, config, warnings, displayName, anonymous }: WallLiveProps) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const lang = useLang();
  const [startedAt] = useState(() => Date.now());
  const now = useNow(1_000);
  const conn = useConnection();
  const live = useScopeSubscription(scope, config.period);
  const jurisdiction = useRetryingLoad('jurisdiction', () => loadJurisdiction());
  const feed = useWallAlerts();
  const ls = live.state;
  const trend = useTrend(ls.metrics[scope], scope);

  // Each fresh snapshot (start, reconnect, gap) refills the feed with what became overdue meanwhile —
  // without names for the public, as the server decides — and the counts of the last hour and today
  // are refreshed every minute, so the feed scene is never an empty screen for the public.
  const snapshots = ls.snapshots;
  const backfill = feed.backfill;
  const [newlyOverdue, setNewlyOverdue] = useState<RecentAlertsResponse['newlyOverdue'] | null>(null);
  const [countsTick, setCountsTick] = useState(0);
  const lastSnapshotFill = useRef(-1);
  useEffect(() => {
    const id = window.setInterval(() => setCountsTick((n) => n + 1), NEWLY_OVERDUE_REFRESH_MS);
    return () => window.clearInterval(id);
  }, []);
  useEffect(() => {
    if (snapshots === 0) return;
    const ctrl = new AbortController();
    const refill = lastSnapshotFill.current !== snapshots;
    fetchRecentAlerts(scope, FEED_BACKFILL, ctrl.signal).then(
      (r) => {
        setNewlyOverdue(r.newlyOverdue);
        if (refill) {
          lastSnapshotFill.current = snapshots;
          backfill(r.items.map((a) => ({ ...a, receivedAt: 0 })));
        }
      },
      () => {}, // the live feed carries on; the next snapshot or minute tries again
    );
    return () => ctrl.abort();
  }, [snapshots, countsTick, scope, backfill]);
  useReloadOnBuildChange(conn.lastTick?.build ?? null);

  const freshness: WallFreshness = wallFreshness({
    connected: conn.connected,
    lastTickAt: conn.lastTickAt,
    startedAt,
    synced: ls.sync === 'ready',
    now,
  });
  const serverNow = conn.lastTick?.now ?? null;
  const today = vnDay(serverNow);
  const silent = useMemo(() => (conn.lastTick?.sources ?? []).filter((s) => s.silent).map((s) => s.name), [conn.lastTick]);

  const units = jurisdiction.data?.units ?? EMPTY;
  const departments = jurisdiction.data?.departments ?? EMPTY;
  const scopeName = useMemo(() => {
    if (scope === 'city') return lang === 'en' ? (jurisdiction.data?.nameEn ?? tc('cityName')) : tc('cityName');
    const code = scope.slice(scope.indexOf(':') + 1);
    const u = jurisdiction.data?.units.find((x) => x.code === code);
    const d = jurisdiction.data?.departments.find((x) => x.code === code);
    if (lang === 'en') return u?.nameEn || d?.nameEn || code;
    return u?.fullName ?? d?.name ?? code;
  }, [scope, jurisdiction.data, lang, tc]);

  const data: SceneData = useMemo(
    () => ({
      scope,
      scopeName,
      metrics: ls.metrics,
      units,
      departments,
      metric: config.metric,
      period: config.period,
      alerts: feed.alerts,
      pulsing: feed.pulsing,
      pulseCount: feed.pulseCount,
      trend,
      today,
      newlyOverdue,
      anonymous,
    }),
    [scope, scopeName, ls.metrics, units, departments, config.metric, config.period, feed, trend, today, newlyOverdue, anonymous],
  );

  const index = sceneIndexAt(now - startedAt, config.intervalMs, config.scenes.length);
  const scene = config.scenes[index];
  const shift = pixelShiftAt(now);
  const subscribeError = ls.sync === 'error' ? ls.error : null;

  return (
    <div
      className={`wall wall--${freshness}`}
      data-testid="wall"
      data-scene={scene}
      data-scene-index={index}
      data-freshness={freshness}
      data-scope={scope}
      style={{ ['--shift-x' as string]: shift.x, ['--shift-y' as string]: shift.y }}
    >
      <div className="wall__frame">
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
              <span aria-hidden="true">{freshness === 'live' ? '●' : freshness === 'reconnecting' ? '↻' : '!'}</span>{' '}
              {t(`status.${freshness}`)}
            </span>
          </div>
        </header>

        <main className="wall__stage" data-testid="wall-stage">
          {subscribeError ? (
            <div className="wall-error" role="alert" data-testid="wall-error">
              <h2>{t('error.title')}</h2>
              <p>
                {subscribeError.code === 'forbidden'
                  ? t('error.forbidden', { scope })
                  : t('error.other', { message: subscribeError.message })}
              </p>
            </div>
          ) : (
            <SceneBoundary key={scene} fallback={<Recovering />} recoverAfterMs={SCENE_RECOVER_MS}>
              <Scene scene={scene} data={data} />
            </SceneBoundary>
          )}
        </main>

        <footer className="wall__foot">
          {silent.length > 0 && (
            <div className="wall-silent" role="status" data-testid="wall-sources-silent">
              <span aria-hidden="true">⚠</span> {t('sourcesSilent', { names: silent.join(', ') })}
            </div>
          )}
          <div className="wall__foot-row">
            <ol className="wall-dots" aria-label={t('title')}>
              {config.scenes.map((s, i) => (
                <li key={`${s}-${i}`} className={i === index ? 'wall-dots__dot wall-dots__dot--on' : 'wall-dots__dot'}>
                  {t(`scene.${s}`)}
                </li>
              ))}
            </ol>
            <WallSources sources={conn.lastTick?.sources ?? null} />
            {warnings.length > 0 && (
              <span className="wall-warnings" data-testid="wall-warnings">
                {warnings.map((w) => t(`warning.${w.code}`, { value: w.value })).join(' · ')}
              </span>
            )}
            {displayName && <span className="wall__display-name">{displayName}</span>}
          </div>
          <div className="wall-progress" aria-hidden="true">
            <span
              key={`${index}-${Math.floor((now - startedAt) / config.intervalMs)}`}
              style={{ animationDuration: `${config.intervalMs}ms` }}
            />
          </div>
        </footer>
      </div>

      {freshness === 'stale' && (
        <div className="wall-stale" role="alert" data-testid="wall-stale-banner">
          <div className="wall-stale__title">
            {hourMinute(serverNow) ? t('stale.title', { time: hourMinute(serverNow) }) : t('stale.titleNoData')}
          </div>
          <div className="wall-stale__hint">{t('stale.hint')}</div>
        </div>
      )}
    </div>
  );
}

const EMPTY: never[] = [];
/** Recently overdue dossiers and tasks fetched to fill the feed. */
const FEED_BACKFILL = 40;
/** How often the counts of what became overdue in the last hour and today are refreshed. */
const NEWLY_OVERDUE_REFRESH_MS = 60_000;

function Scene({ scene, data }: { scene: string; data: SceneData }) {
  switch (scene) {
    case 'map':
      return (
        <MapScene
          units={data.units}
          metrics={data.metrics}
          metric={data.metric}
          alerts={data.alerts}
          pulsing={data.pulsing}
          pulseCount={data.pulseCount}
          today={data.today}
        />
      );
    case 'ranking':
      return <RankingScene units={data.units} metrics={data.metrics} metric={data.metric} />;
    case 'feed':
      return <FeedScene alerts={data.alerts} today={data.today} newlyOverdue={data.newlyOverdue} anonymous={data.anonymous} />;
    case 'kpi':
      return <KpiScene scope={data.scope} scopeName={data.scopeName} metrics={data.metrics} trend={data.trend} period={data.period} />;
    case 'departments':
      return <DepartmentsScene units={data.units} departments={data.departments} metrics={data.metrics} metric={data.metric} />;
    default:
      return null;
  }
}
