/** The city's 168 units as a tile cartogram coloured by the wall's metric; a unit with a new overdue item pulses. */
import { memo, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLang } from '../../../i18n';
import { thresholdsFor } from '../../../lib/color-scale';
import { formatMetric, metricValue } from '../../../lib/metrics';
import { useSettings } from '../../../lib/settings';
import type { MapUnitView } from '../../overview/GeoMap';
import { TileCartogram } from '../../overview/TileCartogram';
import { buildRows } from '../../overview/unit-rows';
import { AlertList } from './AlertList';
import { WallLegend } from './Legend';
import type { SceneData } from './scene-data';

const noop = () => {};

export const MapScene = memo(function MapScene(
  p: Pick<SceneData, 'units' | 'metrics' | 'metric' | 'alerts' | 'pulsing' | 'pulseCount' | 'today'>,
) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const settings = useSettings();
  const { units, metrics, metric } = p;
  const metricsOf = useCallback((code: string) => metrics[`unit:${code}`], [metrics]);
  const thresholds = useMemo(
    () =>
      thresholdsFor(
        metric,
        units.map((u) => metricValue(metricsOf(u.code), metric)),
        settings.onTimeThresholds,
        settings.countQuantiles,
      ),
    [metric, units, metricsOf, settings.onTimeThresholds, settings.countQuantiles],
  );
  const rows = useMemo(() => buildRows(units, metricsOf, metric, thresholds), [units, metricsOf, metric, thresholds]);
  const metricName = tc(`metricShort.${metric}`);
  const views = useMemo(() => {
    const out: Record<string, MapUnitView> = {};
    const byCode = new Map(units.map((u) => [u.code, u]));
    for (const r of rows) {
      const u = byCode.get(r.code);
      out[r.code] = {
        level: r.level,
        label: lang === 'en' ? r.nameEn || r.name : (u?.fullName ?? r.name),
        valueText: `${metricName}: ${formatMetric(metric, r.value, f)}`,
      };
    }
    return out;
  }, [rows, units, lang, metricName, metric, f]);
  const valueByCode = useMemo(() => new Map(rows.map((r) => [r.code, r.value])), [rows]);
  const tileValue = useCallback(
    (code: string) => {
      const v = valueByCode.get(code) ?? null;
      if (v == null) return '—';
      return metric === 'onTimeRate' ? f.percent(v, 0) : formatMetric(metric, v, f);
    },
    [valueByCode, metric, f],
  );
  const hrefOf = useCallback((code: string) => `/units/${encodeURIComponent(code)}`, []);

  return (
    <div className="wall-map" data-testid="wall-scene-map">
      <div className="wall-map__tiles">
        {units.length > 0 ? (
          <TileCartogram
            units={units}
            views={views}
            tileValue={tileValue}
            changed={p.pulsing}
            changeCount={p.pulseCount}
            hrefOf={hrefOf}
            onSelect={noop}
            ariaLabel={t('scene.map')}
          />
        ) : (
          <p className="wall-empty">{t('loading')}</p>
        )}
      </div>
      <aside className="wall-map__side">
        <h2 className="wall-subtitle">{t('metricBy', { metric: tc(`metric.${metric}`) })}</h2>
        <WallLegend metric={metric} thresholds={thresholds} />
        <h2 className="wall-subtitle wall-subtitle--alerts">{t('feed.latest')}</h2>
        <AlertList alerts={p.alerts.slice(0, 4)} compact today={p.today} />
      </aside>
    </div>
  );
});
