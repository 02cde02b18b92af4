/**
 * The wall playing back the past (`/wall?at=…`, issue 16): from `at`, one hour of log time every few
 * seconds up to now, then again from `at`; each step the overview as it stood then (as received, or
 * `asOf=corrected`). Framed in violet with a large "Đang xem lại: 10:00 thứ Ba 1/12/2026" so that
 * nobody across the room takes it for live. The "Quá hạn mới" feed is live-only: left out of the rotation.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewResponse } from '../../../shared/contract/api';
import type { ScopeKey, ScopeMetrics } from '../../../shared/contract/metrics';
import { fetchOverview, loadJurisdiction, useApi } from '../../api';
import { errorText } from '../../api/error-text';
import { useLang } from '../../i18n';
import { bannerParts, HOUR_MS, toAtParam, type ReplayParams } from '../replay/replay-time';
import { useNow, useRetryingLoad } from './hooks';
import { Scene } from './scenes/Scene';
import type { SceneData } from './scenes/scene-data';
import { scopeDisplayName } from './useSceneData';
import { WallFooter } from './WallChrome';
import { sceneIndexAt, type WallConfig, type WallWarning } from './wall-config';

/** Log time per step of playback, and real time between steps (after the step's answer). */
export const WALL_REPLAY_STEP_MS = HOUR_MS;
export const WALL_REPLAY_PAUSE_MS = 3_000;

/** The overview's figures keyed as the scenes read them (`city`, `unit:<code>`, `department:<code>`). */
export function overviewMetrics(o: OverviewResponse | null): Partial<Record<ScopeKey, ScopeMetrics>> {
  if (o === null) return {};
  const out: Partial<Record<ScopeKey, ScopeMetrics>> = {};
  if (o.city) out.city = o.city;
  for (const [code, m] of Object.entries(o.units)) out[`unit:${code}`] = m;
  for (const [code, m] of Object.entries(o.departments)) out[`department:${code}`] = m;
  return out;
}

/** The next moment of playback: an hour later, or back to the start once past now. */
export function nextWallMoment(at: number, start: number, now: number): number {
  const next = at + WALL_REPLAY_STEP_MS;
  return next > now ? start : next;
}

export interface WallReplayProps {
  scope: ScopeKey;
  config: WallConfig;
  replay: ReplayParams;
  warnings: WallWarning[];
  displayName: string | null;
}

export function WallReplay({ scope, config, replay, warnings, displayName }: WallReplayProps) {
  const { t } = useTranslation('replay');
  const { t: tc } = useTranslation();
  const lang = useLang();
  const [startedAt] = useState(() => Date.now());
  const now = useNow(1_000);
  const [at, setAt] = useState(replay.at);
  useEffect(() => setAt(replay.at), [replay.at]);
  const answer = useApi(
    (signal) => fetchOverview(config.period, { signal }, { at: toAtParam(at), asOf: replay.asOf }),
    [config.period, at, replay.asOf],
  );
  // The next hour once this one is on screen (a slow answer slows the playback, never skips an hour).
  const { loading } = answer;
  useEffect(() => {
    if (loading) return;
    const id = window.setTimeout(() => setAt((a) => nextWallMoment(a, replay.at, Date.now())), WALL_REPLAY_PAUSE_MS);
    return () => window.clearTimeout(id);
  }, [loading, at, replay.at]);

  const jurisdiction = useRetryingLoad('jurisdiction', () => loadJurisdiction());
  const scenes = useMemo(() => config.scenes.filter((s) => s !== 'feed'), [config.scenes]);
  const shown = answer.data;
  const data: SceneData = useMemo(
    () => ({
      scope,
      scopeName: scopeDisplayName(scope, jurisdiction.data, lang, tc('cityName')),
      metrics: overviewMetrics(shown),
      units: jurisdiction.data?.units ?? [],
      departments: jurisdiction.data?.departments ?? [],
      metric: config.metric,
      period: config.period,
      alerts: [],
      pulsing: [],
      pulseCount: 0,
      trend: [],
      today: null,
      newlyOverdue: null,
      anonymous: false,
    }),
    [scope, jurisdiction.data, lang, tc, shown, config.metric, config.period],
  );
  const index = sceneIndexAt(now - startedAt, config.intervalMs, Math.max(1, scenes.length));
  const scene = scenes[index] ?? 'map';
  // The moment of the figures on screen (the next one's answer may still be on its way).
  const b = bannerParts(shown?.replay ? Date.parse(shown.replay.at) : at);
  const weekdays = t('weekday', { returnObjects: true }) as string[];
  return (
    <div className="wall wall--replay" data-testid="wall" data-scene={scene} data-replay-at={toAtParam(at)}>
      <div className="wall__frame">
        <header className="wall__head wall-replay__head">
          <p className="wall-replay__banner" role="status" data-testid="replay-banner">
            {t('banner', { time: b.time, weekday: weekdays[b.weekday], date: b.date })}
          </p>
          <p className="wall-replay__note">
            {replay.asOf === 'corrected' ? t('asOfCorrected') : t('asOfReceived')} · {t('wallPlayback')}
          </p>
        </header>
        <main className="wall__stage" data-testid="wall-stage">
          {answer.error && !answer.data ? (
            <div className="wall-error" role="alert">
              <p>{t('error', { message: errorText(answer.error) })}</p>
            </div>
          ) : (
            <Scene scene={scene} data={data} />
          )}
        </main>
        <WallFooter
          scenes={scenes}
          index={index}
          sources={null}
          warnings={warnings}
          displayName={displayName}
          progressKey={`${index}-${Math.floor((now - startedAt) / config.intervalMs)}`}
          intervalMs={config.intervalMs}
        />
      </div>
    </div>
  );
}
