import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundariesResponse, UnitInfo } from '../../../shared/contract/api';
import type { Period } from '../../../shared/contract/metrics';
import { LEVEL_FILL, LEVEL_TEXT, type Thresholds } from '../../lib/color-scale';
import { METRIC_KEYS, type MetricKey } from '../../lib/metrics';
import { LAYOUTS, useViewParams, type Layout } from '../../lib/url-state';
import type { MapUnitView } from './GeoMap';
import { GeoMap } from './lazy-geo-map';
import { MapLegend } from './MapLegend';
import { TileCartogram } from './TileCartogram';
import { UnitTable } from './UnitTable';
import type { UnitRow } from './unit-rows';

interface MapPanelProps {
  units: readonly UnitInfo[];
  rows: readonly UnitRow[];
  views: Record<string, MapUnitView>;
  tileValue: (code: string) => string;
  boundaries: BoundariesResponse | null;
  boundariesFailed: boolean;
  thresholds: Thresholds;
  changed: readonly string[];
  changeCount: number;
  period: Period;
  metric: MetricKey;
  layout: Layout;
  showTable: boolean;
  tileUrl: string | null;
  tileAttribution: string;
  syncNote: string | null;
  onSelect: (code: string) => void;
  /** Where a place's tile links to (a unit's page; at a national pack's country level, the province's drill). */
  hrefOf?: (code: string) => string;
  /** More controls at the end of the toolbar (the time bar's button while live). */
  toolbarExtra?: ReactNode;
  /** A legend instead of the metric's (the colours of a comparison between two moments). */
  legend?: ReactNode;
  /** Each unit's correction since the moment replayed (as corrected): a column of the table. */
  corrections?: ReadonlyMap<string, number>;
}

/** The map area: metric, layout and table switches, then the map / tiles / table and legend. */
export function MapPanel(p: MapPanelProps) {
  const { t } = useTranslation('overview');
  return (
    <section className="panel map-panel" aria-label={t('map.sectionLabel')}>
      <MapToolbar metric={p.metric} layout={p.layout} showTable={p.showTable} syncNote={p.syncNote} extra={p.toolbarExtra} />
      {p.boundariesFailed && p.layout === 'geo' && !p.showTable && <p className="map-note">{t('map.noBoundaries')}</p>}
      {/* The map stays mounted (hidden) while the table is shown, so its zoom and position survive. */}
      <div className="map-body" hidden={p.showTable}>
        <MapView {...p} />
      </div>
      {p.showTable && (
        <div className="map-body map-body--table">
          <UnitTable rows={p.rows} period={p.period} corrections={p.corrections} />
        </div>
      )}
      {p.legend ?? <MapLegend metric={p.metric} thresholds={p.thresholds} />}
    </section>
  );
}

/** The metric switch, the map / tiles switch, the table toggle and the live sync note. */
function MapToolbar({
  metric,
  layout,
  showTable,
  syncNote,
  extra,
}: Pick<MapPanelProps, 'metric' | 'layout' | 'showTable' | 'syncNote'> & { extra?: ReactNode }) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const { set } = useViewParams();
  return (
    <div className="map-toolbar">
      <label className="field">
        <span className="field__label">{t('map.metric')}</span>
        <select value={metric} onChange={(e) => set({ metric: e.target.value })} data-testid="metric-switch" className="select">
          {METRIC_KEYS.map((k) => (
            <option key={k} value={k}>
              {tc(`metric.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="seg" role="group" aria-label={t('map.layout')} data-testid="layout-switch">
        {LAYOUTS.map((l) => (
          <button
            key={l}
            type="button"
            className="seg__btn"
            aria-pressed={!showTable && layout === l}
            data-layout={l}
            onClick={() => set({ layout: l, table: null })}
          >
            {l === 'geo' ? t('map.layoutGeo') : t('map.layoutTiles')}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn btn--ghost"
        aria-pressed={showTable}
        data-testid="table-toggle"
        onClick={() => set({ table: showTable ? null : '1' })}
      >
        {showTable ? t('map.showMap') : t('map.showTable')}
      </button>
      {syncNote && (
        <span className="sync-note" role="status">
          {syncNote}
        </span>
      )}
      {extra}
    </div>
  );
}

/** The tiles (chosen, or when the boundaries failed to load), else the geographic map once its boundaries are here. */
function MapView(p: MapPanelProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const { linkTo } = useViewParams();
  if (p.layout === 'tiles' || p.boundariesFailed) {
    if (!p.units.length) return <p className="empty">{tc('loading')}</p>;
    return (
      <TileCartogram
        units={p.units}
        views={p.views}
        tileValue={p.tileValue}
        changed={p.changed}
        changeCount={p.changeCount}
        hrefOf={p.hrefOf ?? ((code) => linkTo(`/units/${encodeURIComponent(code)}`))}
        onSelect={p.onSelect}
        ariaLabel={t('map.tilesLabel')}
      />
    );
  }
  if (!p.boundaries) return <p className="empty map-loading">{t('map.loadingMap')}</p>;
  // The national pack's special zones sit inside their province's schematic cell: no insets there.
  const national = p.units.some((u) => u.province !== undefined);
  const insetUnits = national ? [] : p.units.filter((u) => u.type === 'Đặc khu');
  return (
    <div className="geo-wrap">
      <Suspense fallback={<p className="empty map-loading">{t('map.loadingMap')}</p>}>
        <GeoMap
          // Remounted when the pack turns out national: Leaflet reads minZoom once.
          key={national ? 'national' : 'city'}
          minZoom={national ? 4 : undefined}
          boundaries={p.boundaries}
          views={p.views}
          insetCodes={insetUnits.map((u) => u.code)}
          changed={p.changed}
          changeCount={p.changeCount}
          onSelect={p.onSelect}
          ariaLabel={t('map.mapLabel', { count: p.units.length, metric: tc(`metric.${p.metric}`) })}
          tileUrl={p.tileUrl}
          tileAttribution={p.tileAttribution}
        />
      </Suspense>
      <MapInsets units={insetUnits} views={p.views} tileValue={p.tileValue} onSelect={p.onSelect} />
      {p.boundaries.schematic && <p className="map-note">{t(national ? 'map.schematicNational' : 'map.schematic')}</p>}
    </div>
  );
}

/** Units drawn beside the map instead of on it (a far island), as buttons coloured like the map. */
export function MapInsets({ units, views, tileValue, onSelect }: Pick<MapPanelProps, 'units' | 'views' | 'tileValue' | 'onSelect'>) {
  const { t } = useTranslation('overview');
  if (units.length === 0) return null;
  return (
    <div className="map-insets" aria-label={t('map.inset')} role="group">
      {units.map((u) => {
        const v = views[u.code];
        const level = v?.level ?? 'none';
        return (
          <button
            key={u.code}
            type="button"
            className="map-inset"
            data-testid={`map-inset-${u.code}`}
            style={{ background: v?.fill ?? LEVEL_FILL[level], color: v?.ink ?? LEVEL_TEXT[level] }}
            onClick={() => onSelect(u.code)}
            title={t('map.openUnit', { name: v?.label ?? u.name })}
          >
            <span className="map-inset__name">{v?.label ?? u.name}</span>
            <span className="map-inset__value">{tileValue(u.code)}</span>
          </button>
        );
      })}
    </div>
  );
}
