/**
 * The leaders' overview: KPIs, the map of 168 units (geographic or tiles, or a table),
 * departments beside it, the "Quá hạn mới" feed, and charts. Numbers come from the REST
 * overview first, then from the live `city` subscription, which replaces them on every
 * snapshot and updates them on every delta.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScopeKey, ScopeMetrics } from '../../../server/metrics/types';
import { CITY_CODE, fetchOverview, fetchUnitDetail, useApi, useBoundaries, useClientConfig, useJurisdiction } from '../../api';
import { useFormat, useLang } from '../../i18n';
import { thresholdsFor } from '../../lib/color-scale';
import { formatMetric, metricValue } from '../../lib/metrics';
import { useSettings } from '../../lib/settings';
import { useViewParams } from '../../lib/url-state';
import { useScopeSubscription } from '../../realtime/useScopeSubscription';
import { AlertFeed } from './AlertFeed';
import { DepartmentList } from './DepartmentList';
import type { MapUnitView } from './GeoMap';
import { DayOffBanner } from './DayOffBanner';
import { KpiTiles } from './KpiTiles';
import { MapPanel } from './MapPanel';
import { buildRows, worstRows } from './unit-rows';
import { useSession } from '../auth/session';

// Charts load after the map and KPIs (their library is the largest of the client).
const OverviewCharts = lazy(() => import('./OverviewCharts').then((m) => ({ default: m.OverviewCharts })));

/** The city detail (trend, fields, histogram) is not pushed live; refresh it this often. */
const CITY_DETAIL_REFRESH_MS = 60_000;

function codesOf(keys: readonly ScopeKey[], prefix: 'unit:' | 'department:'): string[] {
  return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

export function OverviewPage() {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const navigate = useNavigate();
  const view = useViewParams();
  const { period, metric, layout, searchParams, linkTo } = view;
  const showTable = searchParams.get('table') === '1';
  const settings = useSettings();
  // The server's tile server (TILE_SERVER_URL) unless this browser or the link chose one; the
  // server's Content-Security-Policy admits only its own tile origin.
  const serverConfig = useClientConfig().data;
  const tileUrl = searchParams.get('tiles') || settings.tileUrl || serverConfig?.tileUrl || null;
  const tileAttribution = settings.tileUrl ? settings.tileAttribution : (serverConfig?.tileAttribution ?? settings.tileAttribution);

  // Without the public view, a user bound to one unit or department has no city overview: their home is their unit's page.
  const session = useSession();
  const caps = session.me.capabilities;
  useEffect(() => {
    if (!session.loaded || caps.cityOverview) return;
    if (caps.home && caps.home !== 'city') navigate(linkTo(`/units/${caps.home.slice(caps.home.indexOf(':') + 1)}`), { replace: true });
    else navigate(`/login?next=${encodeURIComponent('/')}`, { replace: true });
  }, [session.loaded, caps.cityOverview, caps.home, navigate, linkTo]);

  const jurisdiction = useJurisdiction();
  const boundaries = useBoundaries();
  const overview = useApi((signal) => fetchOverview(period, { signal }), [period]);
  const [detailTick, setDetailTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setDetailTick((n) => n + 1), CITY_DETAIL_REFRESH_MS);
    return () => window.clearInterval(id);
  }, []);
  const cityDetail = useApi((signal) => fetchUnitDetail(CITY_CODE, period, { signal, officials: false }), [period, detailTick]);
  const live = useScopeSubscription('city', period);

  const appTitle = tc('appTitle');
  useEffect(() => {
    document.title = appTitle;
  }, [appTitle]);

  const ls = live.state;
  const liveReady = ls.snapshots > 0 && ls.scope === 'city' && ls.period === period;
  const ov = overview.data && overview.data.window.period === period ? overview.data : null;

  const unitMetrics = useCallback(
    (code: string): ScopeMetrics | undefined => (liveReady ? ls.metrics[`unit:${code}`] : undefined) ?? ov?.units[code],
    [liveReady, ls.metrics, ov],
  );
  const deptMetrics = useCallback(
    (code: string): ScopeMetrics | undefined => (liveReady ? ls.metrics[`department:${code}`] : undefined) ?? ov?.departments[code],
    [liveReady, ls.metrics, ov],
  );
  const city = (liveReady ? ls.metrics.city : undefined) ?? ov?.city ?? null;

  const units = useMemo(() => jurisdiction.data?.units ?? [], [jurisdiction.data]);
  const departments = useMemo(() => jurisdiction.data?.departments ?? [], [jurisdiction.data]);

  const thresholds = useMemo(
    () =>
      thresholdsFor(
        metric,
        units.map((u) => metricValue(unitMetrics(u.code), metric)),
        settings.onTimeThresholds,
        settings.countQuantiles,
      ),
    [metric, units, unitMetrics, settings.onTimeThresholds, settings.countQuantiles],
  );
  const rows = useMemo(() => buildRows(units, unitMetrics, metric, thresholds), [units, unitMetrics, metric, thresholds]);
  const deptRows = useMemo(() => buildRows(departments, deptMetrics, metric, thresholds), [departments, deptMetrics, metric, thresholds]);

  const metricName = tc(`metricShort.${metric}`);
  const unitByCode = useMemo(() => new Map(units.map((u) => [u.code, u])), [units]);
  const views = useMemo(() => {
    const out: Record<string, MapUnitView> = {};
    for (const r of rows) {
      const u = unitByCode.get(r.code);
      const label = lang === 'en' ? `${r.nameEn || r.name} (${tc(`unitType.${u?.type ?? 'Phường'}`)})` : (u?.fullName ?? r.name);
      out[r.code] = { level: r.level, label, valueText: `${metricName}: ${formatMetric(metric, r.value, f)}` };
    }
    return out;
  }, [rows, unitByCode, lang, metric, metricName, f, tc]);

  const valueByCode = useMemo(() => new Map(rows.map((r) => [r.code, r.value])), [rows]);
  const tileValue = useCallback(
    (code: string): string => {
      const v = valueByCode.get(code) ?? null;
      if (v == null) return '—';
      // Tiles are small: the rate without decimals, counts as they are.
      return metric === 'onTimeRate' ? f.percent(v, 0) : formatMetric(metric, v, f);
    },
    [valueByCode, metric, f],
  );

  const changedUnits = useMemo(() => codesOf(ls.changed, 'unit:'), [ls.changed]);
  const changedDepts = useMemo(() => new Set(codesOf(ls.changed, 'department:')), [ls.changed]);
  const shortNames = useMemo(() => Object.fromEntries(departments.map((d) => [d.code, d.shortName || d.name])), [departments]);

  const onSelect = useCallback((code: string) => navigate(linkTo(`/units/${encodeURIComponent(code)}`)), [navigate, linkTo]);

  const syncNote =
    ls.sync === 'error'
      ? t('live.error', { message: ls.error?.message ?? '' })
      : ls.snapshots > 0 && ls.sync !== 'ready'
        ? t('live.refreshing')
        : null;

  const detail = cityDetail.data && cityDetail.data.window.period === period ? cityDetail.data : null;
  const detailError = cityDetail.error && !detail ? cityDetail.error.message : null;
  const loadError = overview.error ?? jurisdiction.error;

  return (
    <div className="overview" data-testid="overview-page">
      <h1 className="visually-hidden">{t('title')}</h1>
      {loadError && !ov && (
        <div className="banner banner--error" role="alert">
          {tc('error.load')}: {loadError.message}{' '}
          <button
            type="button"
            className="btn btn--small"
            onClick={() => {
              overview.reload();
              jurisdiction.reload();
            }}
          >
            {tc('error.retry')}
          </button>
        </div>
      )}
      {period === 'today' && ov?.day && <DayOffBanner day={ov.day} />}
      <KpiTiles period={period} city={city} previous={ov?.previousCity ?? null} previousToDate={ov?.previousCityToDate ?? null} />
      <div className="overview__main">
        <MapPanel
          units={units}
          rows={rows}
          views={views}
          tileValue={tileValue}
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
          onSelect={onSelect}
        />
        <aside className="overview__side">
          <DepartmentList rows={deptRows} metric={metric} shortNames={shortNames} changed={changedDepts} changeCount={ls.changeCount} />
          <AlertFeed syncCount={ls.snapshots} />
        </aside>
      </div>
      <div className="overview__charts">
        <Suspense fallback={<div className="overview__charts-loading" aria-busy="true" />}>
          <OverviewCharts
            detail={detail}
            loading={cityDetail.loading}
            error={detailError}
            worst={worstRows(rows, metric, 10)}
            metric={metric}
            onSelect={onSelect}
          />
        </Suspense>
      </div>
    </div>
  );
}
