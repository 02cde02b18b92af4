/**
 * What the wall's scenes are drawn from: the jurisdiction, the live metrics, the "Quá hạn mới" feed
 * (live alerts, refilled from the server after every fresh snapshot), the trend and the day.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JurisdictionResponse, RecentAlertsResponse } from '../../../shared/contract/api';
import type { ScopeKey } from '../../../shared/contract/metrics';
import { fetchRecentAlerts, loadJurisdiction } from '../../api';
import { useLang } from '../../i18n';
import type { Lang } from '../../lib/format';
import type { MetricsState } from '../../realtime/metrics-reducer';
import { vnDay } from './freshness';
import { useRetryingLoad, useTrend, useWallAlerts, type WallFeed } from './hooks';
import type { SceneData } from './scenes/scene-data';
import type { WallConfig } from './wall-config';

const EMPTY: never[] = [];
/** Recently overdue dossiers and tasks fetched to fill the feed. */
const FEED_BACKFILL = 40;
/** How often the counts of what became overdue in the last hour and today are refreshed. */
const NEWLY_OVERDUE_REFRESH_MS = 60_000;

export interface SceneDataInput {
  scope: ScopeKey;
  config: WallConfig;
  /** No display token: the public view. */
  anonymous: boolean;
  /** The subscription's state (metrics, snapshots). */
  live: MetricsState;
  /** The server's clock, from its latest tick (null before the first). */
  serverNow: string | null;
}

/** The scenes' data, kept stable while nothing in it changes (scenes re-render only on news). */
export function useSceneData({ scope, config, anonymous, live, serverNow }: SceneDataInput): SceneData {
  const { t: tc } = useTranslation();
  const lang = useLang();
  const jurisdiction = useRetryingLoad('jurisdiction', () => loadJurisdiction());
  const feed = useWallAlerts();
  const trend = useTrend(live.metrics[scope], scope);
  const newlyOverdue = useRecentOverdue(scope, live.snapshots, feed);
  const today = vnDay(serverNow);

  const units = jurisdiction.data?.units ?? EMPTY;
  const departments = jurisdiction.data?.departments ?? EMPTY;
  const cityName = tc('cityName');
  const scopeName = useMemo(() => scopeDisplayName(scope, jurisdiction.data, lang, cityName), [scope, jurisdiction.data, lang, cityName]);

  return useMemo(
    () => ({
      scope,
      scopeName,
      metrics: live.metrics,
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
    [scope, scopeName, live.metrics, units, departments, config.metric, config.period, feed, trend, today, newlyOverdue, anonymous],
  );
}

/**
 * Each fresh snapshot (start, reconnect, gap) refills the feed with what became overdue meanwhile —
 * without names for the public, as the server decides — and the counts of the last hour and today
 * are refreshed every minute, so the feed scene is never an empty screen for the public.
 * Returns those counts (null until first loaded).
 */
function useRecentOverdue(scope: ScopeKey, snapshots: number, feed: WallFeed): RecentAlertsResponse['newlyOverdue'] | null {
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
  return newlyOverdue;
}

/**
 * The name the wall shows for its scope: the city's (its English name in English), else the unit's
 * full name or the department's name (their English names in English), else the bare code.
 */
export function scopeDisplayName(scope: ScopeKey, jurisdiction: JurisdictionResponse | null, lang: Lang, cityName: string): string {
  if (scope === 'city') return lang === 'en' ? (jurisdiction?.nameEn ?? cityName) : cityName;
  const code = scope.slice(scope.indexOf(':') + 1);
  const u = jurisdiction?.units.find((x) => x.code === code);
  const d = jurisdiction?.departments.find((x) => x.code === code);
  if (lang === 'en') return u?.nameEn || d?.nameEn || code;
  return u?.fullName ?? d?.name ?? code;
}
