import { useTranslation } from 'react-i18next';
import type { BoundariesResponse, UnitInfo } from '../../../server/http/api-types';
import type { Period } from '../../../server/metrics/types';
import { LEVEL_FILL, LEVEL_TEXT, type Thresholds } from '../../lib/color-scale';
import { METRIC_KEYS, type MetricKey } from '../../lib/metrics';
import { LAYOUTS, useViewParams, type Layout } from '../../lib/url-state';
import { GeoMap, type MapUnitView } from './GeoMap';
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
}

/** The map area: metric, layout and table switches, then the map / tiles / table and legend. */
export function MapPanel(p: MapPanelProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const { set, linkTo } = useViewParams();
  const insetUnits = p.units.filter((u) => u.type === 'Đặc khu');
  const useTiles = p.layout === 'tiles' || p.boundariesFailed;
  const metricName = tc(`metric.${p.metric}`);

  // The map stays mounted (hidden) while the table is shown, so its zoom and position survive.
  let mapView;
  if (useTiles) {
    mapView = p.units.length ? (
      <TileCartogram
        units={p.units}
        views={p.views}
        tileValue={p.tileValue}
        changed={p.changed}
        changeCount={p.changeCount}
        hrefOf={(code) => linkTo(`/units/${encodeURIComponent(code)}`)}
        onSelect={p.onSelect}
        ariaLabel={t('map.tilesLabel')}
      />
    ) : (
      <p className="empty">{tc('loading')}</p>
    );
  } else if (p.boundaries) {
    mapView = (
      <div className="geo-wrap">
        <GeoMap
          boundaries={p.boundaries}
          views={p.views}
          insetCodes={insetUnits.map((u) => u.code)}
          changed={p.changed}
          changeCount={p.changeCount}
          onSelect={p.onSelect}
          ariaLabel={t('map.mapLabel', { count: p.units.length, metric: metricName })}
          tileUrl={p.tileUrl}
          tileAttribution={p.tileAttribution}
        />
        {insetUnits.length > 0 && (
          <div className="map-insets" aria-label={t('map.inset')} role="group">
            {insetUnits.map((u) => {
              const v = p.views[u.code];
              const level = v?.level ?? 'none';
              return (
                <button
                  key={u.code}
                  type="button"
                  className="map-inset"
                  data-testid={`map-inset-${u.code}`}
                  style={{ background: LEVEL_FILL[level], color: LEVEL_TEXT[level] }}
                  onClick={() => p.onSelect(u.code)}
                  title={t('map.openUnit', { name: v?.label ?? u.name })}
                >
                  <span className="map-inset__name">{v?.label ?? u.name}</span>
                  <span className="map-inset__value">{p.tileValue(u.code)}</span>
                </button>
              );
            })}
          </div>
        )}
        {p.boundaries.schematic && <p className="map-note">{t('map.schematic')}</p>}
      </div>
    );
  } else {
    mapView = <p className="empty map-loading">{t('map.loadingMap')}</p>;
  }

  return (
    <section className="panel map-panel" aria-label={t('map.sectionLabel')}>
      <div className="map-toolbar">
        <label className="field">
          <span className="field__label">{t('map.metric')}</span>
          <select value={p.metric} onChange={(e) => set({ metric: e.target.value })} data-testid="metric-switch" className="select">
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
              aria-pressed={!p.showTable && p.layout === l}
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
          aria-pressed={p.showTable}
          data-testid="table-toggle"
          onClick={() => set({ table: p.showTable ? null : '1' })}
        >
          {p.showTable ? t('map.showMap') : t('map.showTable')}
        </button>
        {p.syncNote && (
          <span className="sync-note" role="status">
            {p.syncNote}
          </span>
        )}
      </div>
      {p.boundariesFailed && p.layout === 'geo' && !p.showTable && <p className="map-note">{t('map.noBoundaries')}</p>}
      <div className="map-body" hidden={p.showTable}>
        {mapView}
      </div>
      {p.showTable && (
        <div className="map-body map-body--table">
          <UnitTable rows={p.rows} period={p.period} />
        </div>
      )}
      <MapLegend metric={p.metric} thresholds={p.thresholds} />
    </section>
  );
}
