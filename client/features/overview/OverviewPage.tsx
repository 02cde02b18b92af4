/**
 * The leaders' overview: KPIs, the map of 168 units (geographic or tiles, or a table),
 * departments beside it, the "Quá hạn mới" feed, and charts. Numbers come from the REST
 * overview first, then from the live `city` subscription, which replaces them on every
 * snapshot and updates them on every delta.
 */
import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useClientConfig } from '../../api';
import { useSettings } from '../../lib/settings';
import { useViewParams, type Layout } from '../../lib/url-state';
import type { MetricKey } from '../../lib/metrics';
import type { Period } from '../../../shared/contract/metrics';
import { useNearViewport } from '../../lib/near-viewport';
import { useAfterFirstScreen } from '../../lib/after-first-screen';
import { getConnection, onConnectionChange } from '../../realtime/socket';
import { AlertFeed } from './AlertFeed';
import { DepartmentList } from './DepartmentList';
import { DayOffBanner } from './DayOffBanner';
import { KpiTiles } from './KpiTiles';
import { MapPanel } from './MapPanel';
import { LevelCrumbs } from './LevelCrumbs';
import { usePlaceLinks } from './national-level';
import type { OverviewResponse } from '../../../shared/contract/api';
import { useOverviewModel } from './useOverviewModel';
import { homePath, useSession } from '../auth/session';
import { EarlyWarningPanel } from '../early-warning/EarlyWarningPanel';
import { ForecastLine } from '../early-warning/ForecastLine';
import { errorText } from '../../api/error-text';
import { TimeBar } from '../replay/TimeBar';
import { useSignedInReplay } from '../replay/useSignedInReplay';
import type { ReplayParams } from '../replay/replay-time';
import { useCompareMap } from '../replay/useCompareMap';
import { CompareMapLegend } from '../replay/CompareMapLegend';
import { useOverviewCorrections } from '../replay/useOverviewCorrections';

// Charts load when they come near the screen, after the map and KPIs (their library is the largest of the client).
const OverviewCharts = lazy(() => import('./OverviewCharts').then((m) => ({ default: m.OverviewCharts })));

/** The model of what is on screen: boundaries for the geographic map, the city detail once the charts are near, data trust for its layer or the table, a comparison of two moments. */
function useShownModel(period: Period, metric: MetricKey, layout: Layout, showTable: boolean, replay: ReplayParams | null) {
  const chartsRef = useRef<HTMLDivElement>(null);
  // The charts (below the map) and their data come after the first screen: the map, the KPIs and the live connection.
  const connected = useSyncExternalStore(onConnectionChange, () => getConnection().connected);
  const firstScreenDone = useAfterFirstScreen(connected);
  const chartsNear = useNearViewport(chartsRef) && firstScreenDone;
  const m = useOverviewModel(
    period,
    metric,
    {
      boundaries: layout === 'geo',
      detail: chartsNear,
      dataTrust: metric === 'dataTrust' || showTable,
    },
    replay,
  );
  // Comparing two moments: the map and tiles take the change's colours, the time bar's panel the same answer.
  const compare = useCompareMap(replay, m.views);
  // Shown as corrected: by how much each unit's figures were corrected since (a column, and a count in the time bar).
  const corrections = useOverviewCorrections(replay, period, m.level.province?.code ?? null, m.ov);
  return { chartsRef, chartsNear, m, compare, corrections };
}

export function OverviewPage() {
  const { t } = useTranslation('overview');
  const view = useViewParams();
  const { period, metric, layout, searchParams, linkTo } = view;
  const showTable = searchParams.get('table') === '1';
  const { tileUrl, tileAttribution } = useTileSource(searchParams);
  const caps = useHomeRedirect(linkTo);
  // The early warning of the viewer's own scope (the city for city-wide roles and the public).
  const warnScope = caps.home ?? 'city';

  const { signedIn, replay, setReplay } = useSignedInReplay(view);
  const { chartsRef, chartsNear, m, compare, corrections } = useShownModel(period, metric, layout, showTable, replay);
  const { jurisdiction, level, boundaries, overview, cityDetail, ls, ov, city, units, rows, deptRows, thresholds, views, tileValue } = m;
  const { changedUnits, changedDepts, shortNames, syncNote, detail, detailError, loadError, worst } = m;
  const links = usePlaceLinks(level, linkTo);

  return (
    <div className={replay ? 'overview overview--replay' : 'overview'} data-testid="overview-page">
      <h1 className="visually-hidden">{t('title')}</h1>
      {signedIn && replay && (
        <TimeBar replay={replay} answer={overview} onChange={setReplay} compare={compare.answer} corrections={corrections} />
      )}
      {loadError && !ov && <LoadErrorBanner message={errorText(loadError)} retry={[overview.reload, jurisdiction.reload]} />}
      {level.national && <LevelCrumbs province={level.province} count={units.length} />}
      {period === 'today' && ov?.day && <DayOffBanner day={ov.day} />}
      <KpiTiles period={period} city={city} {...previousOf(ov)} replaying={replay !== null} />
      <ForecastLine forecast={ov?.forecast?.scope} horizons={ov?.forecast?.horizons} period={period} rateNow={city?.onTimeRate ?? null} />
      <div className="overview__main">
        <MapPanel
          units={units}
          rows={rows}
          views={compare.map?.views ?? views}
          tileValue={compare.map?.tileValue ?? tileValue}
          boundaries={boundaries.data}
          boundariesFailed={boundaries.error != null && !boundaries.data}
          thresholds={thresholds}
          changed={changedUnits}
          changeCount={ls.changeCount}
          period={period}
          metric={metric}
          layout={layout}
          showTable={showTable}
          tileUrl={tileUrl || null}
          tileAttribution={tileAttribution}
          syncNote={syncNote}
          {...links}
          legend={compare.map && <CompareMapLegend {...compare.map} />}
          corrections={corrections?.diffs}
          toolbarExtra={signedIn && !replay && <TimeBar replay={null} answer={overview} onChange={setReplay} />}
        />
        <aside className="overview__side">
          <DepartmentList rows={deptRows} metric={metric} shortNames={shortNames} changed={changedDepts} changeCount={ls.changeCount} />
          <EarlyWarningPanel
            scope={warnScope}
            canList={caps.dossierLists}
            atRiskCount={warnScope === 'city' ? (ov?.forecast?.scope.atRisk ?? null) : null}
          />
          <AlertFeed syncCount={ls.snapshots} />
        </aside>
      </div>
      <div className="overview__charts" ref={chartsRef}>
        {chartsNear ? (
          <Suspense fallback={<div className="overview__charts-loading" aria-busy="true" />}>
            <OverviewCharts
              detail={detail}
              loading={cityDetail.loading}
              error={detailError}
              worst={worst}
              metric={metric}
              onSelect={links.onSelect}
            />
          </Suspense>
        ) : (
          <div className="overview__charts-loading" />
        )}
      </div>
    </div>
  );
}

/**
 * The server's tile server (TILE_SERVER_URL) unless this browser or the link chose one; the
 * server's Content-Security-Policy admits only its own tile origin.
 */
function useTileSource(searchParams: URLSearchParams): { tileUrl: string | null; tileAttribution: string } {
  const settings = useSettings();
  const serverConfig = useClientConfig().data;
  const tileUrl = searchParams.get('tiles') || settings.tileUrl || serverConfig?.tileUrl || null;
  const tileAttribution = settings.tileUrl ? settings.tileAttribution : (serverConfig?.tileAttribution ?? settings.tileAttribution);
  return { tileUrl, tileAttribution };
}

/**
 * Without the public view, a user bound to one unit or department has no city overview: their home
 * is their unit's page. Returns the session's capabilities.
 */
function useHomeRedirect(linkTo: (path: string) => string) {
  const navigate = useNavigate();
  const session = useSession();
  const caps = session.me.capabilities;
  const [params] = useSearchParams();
  // A province's leaders without the public view: their province's communes are their overview.
  const atHome = caps.home?.startsWith('province:') === true && `province:${params.get('province')}` === caps.home;
  useEffect(() => {
    if (!session.loaded || caps.cityOverview || atHome) return;
    if (caps.home && caps.home !== 'city') navigate(linkTo(homePath(caps.home)), { replace: true });
    else navigate(`/login?next=${encodeURIComponent('/')}`, { replace: true });
  }, [session.loaded, caps.cityOverview, caps.home, atHome, navigate, linkTo]);
  return caps;
}

/** The previous period's figures the KPI tiles compare with (none while loading, and none in a replay's answer). */
function previousOf(ov: OverviewResponse | null | undefined) {
  return { previous: ov?.previousCity ?? null, previousToDate: ov?.previousCityToDate ?? null };
}

/** The overview could not load at all (nothing to show yet): say why, offer to retry (each of `retry` is called). */
function LoadErrorBanner({ message, retry }: { message: string; retry: (() => void)[] }) {
  const { t: tc } = useTranslation();
  return (
    <div className="banner banner--error" role="alert">
      {tc('error.load')}: {message}{' '}
      <button type="button" className="btn btn--small" onClick={() => retry.forEach((r) => r())}>
        {tc('error.retry')}
      </button>
    </div>
  );
}
