/**
 * `/wall`: the operations-centre display. Unattended for days, read from across the room, never
 * stale without saying so. Rotates scenes (map, ranking, feed, KPIs, departments) chosen by the URL
 * or a server preset; shows "Cập nhật lúc" from the server's clock ticks and a large "Mất kết nối"
 * banner when they stop; reconnects, resubscribes and clears it by itself; reloads on a new build;
 * remounts a scene that crashed; shifts a few pixels every few minutes against burn-in.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { ScopeKey } from '../../../shared/contract/metrics';
import type { WallPresetResponse } from '../../../server/wall/wall-types';
import { ApiError } from '../../api';
import { useConnection } from '../../realtime/connection';
import { useScopeSubscription } from '../../realtime/useScopeSubscription';
import { fetchWallPreset } from './api';
import { resolveDisplayToken } from './display-token';
import { wallFreshness, type WallFreshness } from './freshness';
import { useDisplaySession, useNow, useReloadOnBuildChange, useRetryingLoad } from './hooks';
import { pixelShiftAt } from './pixel-shift';
import { SceneBoundary } from './SceneBoundary';
import { Scene } from './scenes/Scene';
import { WallReplay } from './WallReplay';
import { parseReplayParams } from '../replay/replay-time';
import { useSceneData } from './useSceneData';
import { HistoryLoadBanner } from '../shell/HistoryLoadBanner';
import { StaleBanner, SubscribeError, WallFooter, WallHeader } from './WallChrome';
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
  // `?at=`: playback of the past (issue 16) instead of live; the server refuses it to the public view.
  const replay = useMemo(() => parseReplayParams(new URLSearchParams(location.search)), [location.search]);
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
      {replay ? (
        <WallReplay scope={scope} config={config} replay={replay} warnings={warnings} displayName={session.identity?.name ?? null} />
      ) : (
        <WallLive
          scope={scope}
          config={config}
          warnings={warnings}
          displayName={session.identity?.name ?? null}
          anonymous={session.status === 'anonymous'}
        />
      )}
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
  const [startedAt] = useState(() => Date.now());
  const now = useNow(1_000);
  const conn = useConnection();
  const ls = useScopeSubscription(scope, config.period).state;
  const serverNow = conn.lastTick?.now ?? null;
  const data = useSceneData({ scope, config, anonymous, live: ls, serverNow });
  useReloadOnBuildChange(conn.lastTick?.build ?? null);

  const freshness: WallFreshness = wallFreshness({
    connected: conn.connected,
    lastTickAt: conn.lastTickAt,
    startedAt,
    synced: ls.sync === 'ready',
    now,
  });
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
        <WallHeader scopeName={data.scopeName} scene={scene} serverNow={serverNow} freshness={freshness} />
        <main className="wall__stage" data-testid="wall-stage">
          {subscribeError ? (
            <SubscribeError error={subscribeError} scope={scope} />
          ) : (
            <SceneBoundary key={scene} fallback={<Recovering />} recoverAfterMs={SCENE_RECOVER_MS}>
              <Scene scene={scene} data={data} />
            </SceneBoundary>
          )}
        </main>
        <HistoryLoadBanner load={conn.historyLoad} variant="wall" />
        <WallFooter
          scenes={config.scenes}
          index={index}
          sources={conn.lastTick?.sources ?? null}
          sourcesKnown={freshness !== 'stale'}
          warnings={warnings}
          displayName={displayName}
          progressKey={`${index}-${Math.floor((now - startedAt) / config.intervalMs)}`}
          intervalMs={config.intervalMs}
        />
      </div>
      {freshness === 'stale' && <StaleBanner serverNow={serverNow} />}
    </div>
  );
}
