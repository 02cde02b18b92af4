/**
 * The overview's data: the jurisdiction and boundaries, the REST overview and city detail for the
 * period, the live `city` subscription over them (it replaces the REST numbers on every snapshot and
 * delta), and what the map, departments and feed are drawn from. The page only lays them out.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewResponse, UnitInfo } from '../../../shared/contract/api';
import type { Period, ScopeKey, ScopeMetrics } from '../../../shared/contract/metrics';
import { CITY_CODE, apiUrl, fetchOverview, fetchUnitDetail, useApi, useJurisdiction } from '../../api';
import { firstAnswerNow } from '../../api/first-answers';
import { useLevelBoundaries, useOverviewLevel, type OverviewLevelView } from './national-level';
import { useFormat, useLang } from '../../i18n';
import { thresholdsFor } from '../../lib/color-scale';
import { formatMetric, metricValue, type MapMetrics, type MetricKey } from '../../lib/metrics';
import { fetchDataTrust } from '../data-trust/api';
import { useSettings } from '../../lib/settings';
import type { MetricsState } from '../../realtime/metrics-reducer';
import { useScopeSubscription } from '../../realtime/useScopeSubscription';
import type { MapUnitView } from './GeoMap';
import { buildRows, sameRanking, worstRows, type UnitRow } from './unit-rows';
import { useStable } from '../../lib/use-stable';
import { errorText } from '../../api/error-text';
import { toAtParam, type ReplayParams } from '../replay/replay-time';

/** The city detail (trend, fields, histogram) is not pushed live; refresh it this often. */
const CITY_DETAIL_REFRESH_MS = 60_000;
/**
 * The overview answer's parts that are not pushed live (the forecast, the previous period "to date")
 * move with time and events: read again this often (the live metrics still replace its figures).
 */
const OVERVIEW_REFRESH_MS = 60_000;

function codesOf(keys: readonly ScopeKey[], prefix: 'unit:' | 'department:'): string[] {
  return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

/**
 * `needs`: what the page shows now. The boundaries only for the geographic map (a phone opens on the
 * tiles), the city detail only once the charts come near the screen, the data-trust figures only for their
 * map layer or the table's column: none of them delays the first figures.
 */
export function useOverviewModel(
  period: Period,
  metric: MetricKey,
  needs: { boundaries: boolean; detail: boolean; dataTrust: boolean },
  replay: ReplayParams | null = null,
) {
  const { t } = useTranslation('overview');
  const settings = useSettings();

  const jurisdiction = useJurisdiction();
  const level = useOverviewLevel(jurisdiction.data ?? undefined);
  const boundaries = useLevelBoundaries(needs.boundaries, level);
  const overview = useOverviewAnswer(period, replay, level.province?.code ?? null);
  const cityDetail = useCityDetail(period, needs.detail);
  const live = useScopeSubscription('city', period);
  useAppTitle();

  const ls = live.state;
  const ov = overview.data && overview.data.window.period === period ? overview.data : null;
  const latest = useLatestMetrics(ls, ov, period, replay !== null, level);
  const { unitMetrics, deptMetrics } = useWithDataTrust(latest, period, needs.dataTrust);
  const { city } = latest;

  const units = level.places;
  // Inside a province the departments (the country's ministries) are not shown: the answer has none.
  const departments = useMemo(() => (level.province ? [] : (jurisdiction.data?.departments ?? [])), [jurisdiction.data, level.province]);

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

  const views = useMapViews(rows, units, metric, level.national && level.province === null);
  // The worst-units chart's rows, the same array while a live update leaves them as they were.
  const worst = useStable(worstRows(rows, metric, 10), sameRanking);
  const tileValue = useTileValue(rows, metric);

  const changedUnits = useMemo(() => codesOf(ls.changed, 'unit:'), [ls.changed]);
  const changedDepts = useMemo(() => new Set(codesOf(ls.changed, 'department:')), [ls.changed]);
  const shortNames = useMemo(() => Object.fromEntries(departments.map((d) => [d.code, d.shortName || d.name])), [departments]);

  const syncNote =
    ls.sync === 'error'
      ? t('live.error', { message: ls.error ? errorText(ls.error) : '' })
      : ls.snapshots > 0 && ls.sync !== 'ready'
        ? t('live.refreshing')
        : null;

  const detail = cityDetail.data && cityDetail.data.window.period === period ? cityDetail.data : null;
  const detailError = cityDetail.error && !detail ? errorText(cityDetail.error) : null;
  const loadError = overview.error ?? jurisdiction.error;

  return {
    jurisdiction,
    level,
    boundaries,
    overview,
    cityDetail,
    ls,
    ov,
    city,
    units,
    rows,
    deptRows,
    thresholds,
    views,
    tileValue,
    changedUnits,
    changedDepts,
    shortNames,
    syncNote,
    detail,
    detailError,
    loadError,
    worst,
  };
}

/** The city detail (trend, fields, histogram) once wanted, read again every CITY_DETAIL_REFRESH_MS. */
function useCityDetail(period: Period, wanted: boolean) {
  const [detailTick, setDetailTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setDetailTick((n) => n + 1), CITY_DETAIL_REFRESH_MS);
    return () => window.clearInterval(id);
  }, []);
  return useApi(wanted ? (signal) => fetchUnitDetail(CITY_CODE, period, { signal, officials: false }) : null, [period, detailTick]);
}

/**
 * The REST overview, read again every OVERVIEW_REFRESH_MS; while replaying, the overview at that
 * moment (the live pushes are then not merged in: useLatestMetrics).
 */
function useOverviewAnswer(period: Period, replay: ReplayParams | null, province: string | null) {
  const replayAt = replay ? toAtParam(replay.at) : null;
  const replayAsOf = replay?.asOf ?? 'received';
  const overview = useApi(
    (signal) => fetchOverview(period, { signal }, replayAt === null ? undefined : { at: replayAt, asOf: replayAsOf }, province),
    [period, replayAt, replayAsOf, province],
    // The page's first answer is the overview of the link's period and province (server/http/index-preloads.ts).
    () => (replayAt === null ? firstAnswerNow(apiUrl('/overview', { period, province })) : undefined),
  );
  const reloadOverview = overview.reload;
  useEffect(() => {
    const id = window.setInterval(reloadOverview, OVERVIEW_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reloadOverview]);
  return overview;
}

/** The document's title is the app's, in the current language. */
function useAppTitle(): void {
  const { t: tc } = useTranslation();
  const appTitle = tc('appTitle');
  useEffect(() => {
    document.title = appTitle;
  }, [appTitle]);
}

/**
 * Each scope's metrics: live once the `city` subscription has a snapshot for this period, else the REST
 * overview's. At a national pack's country level the map's places are provinces; the KPIs are the
 * level's top scope (the country, or the province drilled into).
 */
function useLatestMetrics(ls: MetricsState, ov: OverviewResponse | null, period: Period, replaying: boolean, level: OverviewLevelView) {
  const liveReady = !replaying && ls.snapshots > 0 && ls.scope === 'city' && ls.period === period;
  // The answer in hand must be of the level shown (a drill changes it before the new answer arrives).
  const sameLevel = (ov?.level?.province ?? null) === (level.province?.code ?? null);
  const rest = sameLevel ? ov : null;
  const { scopeOf, top } = level;
  const unitMetrics = useCallback(
    (code: string): ScopeMetrics | undefined =>
      (liveReady ? ls.metrics[scopeOf(code)] : undefined) ??
      (scopeOf(code).startsWith('province:') ? rest?.provinces?.[code] : rest?.units[code]),
    [liveReady, ls.metrics, rest, scopeOf],
  );
  const deptMetrics = useCallback(
    (code: string): ScopeMetrics | undefined => (liveReady ? ls.metrics[`department:${code}`] : undefined) ?? rest?.departments[code],
    [liveReady, ls.metrics, rest],
  );
  const city = (liveReady ? ls.metrics[top] : undefined) ?? rest?.city ?? null;
  return { unitMetrics, deptMetrics, city };
}

/**
 * The metrics with each scope's data-trust figure beside them (GET /data-trust, read again every
 * OVERVIEW_REFRESH_MS: flags are not pushed live), for the map layer and the table's column.
 */
function useWithDataTrust(latest: ReturnType<typeof useLatestMetrics>, period: Period, needed: boolean) {
  const trust = useApi(needed ? (signal) => fetchDataTrust(period, signal) : null, [period]);
  const reload = trust.reload;
  useEffect(() => {
    if (!needed) return;
    const id = window.setInterval(reload, OVERVIEW_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reload, needed]);
  const figures = useMemo(() => {
    const data = trust.data && trust.data.window.period === period ? trust.data : null;
    return new Map((data?.figures ?? []).map((f) => [f.code, f.trust]));
  }, [trust.data, period]);
  const { unitMetrics: u, deptMetrics: d } = latest;
  const unitMetrics = useCallback((code: string): MapMetrics | undefined => withTrust(u(code), figures.get(code)), [u, figures]);
  const deptMetrics = useCallback((code: string): MapMetrics | undefined => withTrust(d(code), figures.get(code)), [d, figures]);
  return needed ? { unitMetrics, deptMetrics } : latest;
}

function withTrust(m: ScopeMetrics | undefined, trust: number | null | undefined): MapMetrics | undefined {
  return m && trust !== undefined ? { ...m, dataTrust: trust } : m;
}

/** What the map shows of each unit: its level, its name (with its type in English) and the metric's value. */
function useMapViews(
  rows: readonly UnitRow[],
  units: readonly UnitInfo[],
  metric: MetricKey,
  provinces: boolean,
): Record<string, MapUnitView> {
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const metricName = tc(`metricShort.${metric}`);
  const unitByCode = useMemo(() => new Map(units.map((u) => [u.code, u])), [units]);
  return useMemo(() => {
    const out: Record<string, MapUnitView> = {};
    for (const r of rows) {
      const u = unitByCode.get(r.code);
      // Provinces (a national pack's country level) carry their kind in their full names ("Tỉnh Cao Bằng").
      const label =
        lang === 'en'
          ? provinces
            ? r.nameEn || r.name
            : `${r.nameEn || r.name} (${tc(`unitType.${u?.type ?? 'Phường'}`)})`
          : (u?.fullName ?? r.name);
      out[r.code] = { level: r.level, label, valueText: `${metricName}: ${formatMetric(metric, r.value, f)}` };
    }
    return out;
  }, [rows, unitByCode, lang, metric, metricName, f, tc, provinces]);
}

/** The short value text inside a unit's tile. */
function useTileValue(rows: readonly UnitRow[], metric: MetricKey): (code: string) => string {
  const f = useFormat();
  const valueByCode = useMemo(() => new Map(rows.map((r) => [r.code, r.value])), [rows]);
  return useCallback(
    (code: string): string => {
      const v = valueByCode.get(code) ?? null;
      if (v == null) return '—';
      // Tiles are small: the rate without decimals, counts as they are.
      return metric === 'onTimeRate' ? f.percent(v, 0) : formatMetric(metric, v, f);
    },
    [valueByCode, metric, f],
  );
}
