import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_FILL, type Level, type Thresholds } from '../../lib/color-scale';
import { formatMetric, HIGHER_IS_BETTER, type MetricKey } from '../../lib/metrics';
import { useFormat } from '../../i18n';
import { DEFAULT_SETTINGS, updateSettings, useSettings } from '../../lib/settings';

interface MapLegendProps {
  metric: MetricKey;
  thresholds: Thresholds;
}

/** Legend of the three colour classes with their cut points; on-time thresholds are editable. */
export function MapLegend({ metric, thresholds }: MapLegendProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  // Cut points read best without trailing zeros: "≥ 95%", "92,5%".
  const v = (x: number): string => (metric === 'onTimeRate' ? `${f.number(x * 100, 1)}%` : formatMetric(metric, x, f));

  const entries: { level: Level; range: string }[] = HIGHER_IS_BETTER[metric]
    ? [
        { level: 'good', range: `≥ ${v(thresholds.good)}` },
        { level: 'warn', range: `${v(thresholds.warn)} – < ${v(thresholds.good)}` },
        { level: 'bad', range: `< ${v(thresholds.warn)}` },
      ]
    : [
        { level: 'good', range: `≤ ${v(thresholds.good)}` },
        ...(thresholds.warn > thresholds.good
          ? [{ level: 'warn' as const, range: `> ${v(thresholds.good)} – ${v(thresholds.warn)}` }]
          : []),
        { level: 'bad', range: `> ${v(thresholds.warn)}` },
      ];

  return (
    <div className="legend" data-testid="map-legend">
      <span className="legend__title">
        {t('legend.title')} · {tc(`metric.${metric}`)}
      </span>
      <ul className="legend__items">
        {entries.map((e) => (
          <li key={e.level} className="legend__item" data-level={e.level}>
            <span className={`swatch swatch--${e.level}`} style={{ background: LEVEL_FILL[e.level] }} aria-hidden="true" />
            <span className="legend__range">{e.range}</span>
            <span className="legend__word">({t(`legend.${wordPrefix(metric)}${e.level[0].toUpperCase()}${e.level.slice(1)}`)})</span>
          </li>
        ))}
        <li className="legend__item" data-level="none">
          <span className="swatch swatch--none" style={{ background: LEVEL_FILL.none }} aria-hidden="true" />
          <span className="legend__range">{t('legend.noData')}</span>
        </li>
      </ul>
      {metric === 'buckPassingPer1000' && (
        <span className="legend__note" data-testid="legend-definition">
          {t('legend.buckPassingDefinition')}
        </span>
      )}
      {metric === 'dataTrust' && (
        <span className="legend__note" data-testid="legend-definition">
          {t('legend.dataTrustDefinition')}
        </span>
      )}
      {metric === 'onTimeRate' ? (
        <ThresholdEditor />
      ) : metric === 'dataTrust' ? null : (
        <span className="legend__note">{t('legend.quantileNote')}</span>
      )}
    </div>
  );
}

/** The legend's words for a metric's classes: `legend.<prefix>Good|Warn|Bad`. */
function wordPrefix(metric: MetricKey): string {
  return metric === 'onTimeRate' ? 'rate' : metric === 'dataTrust' ? 'trust' : 'count';
}

/** Edits the on-time rate cut points (kept in this browser). */
function ThresholdEditor() {
  const { t } = useTranslation('overview');
  const settings = useSettings();
  const [good, setGood] = useState(String(Math.round(settings.onTimeThresholds.good * 1000) / 10));
  const [warn, setWarn] = useState(String(Math.round(settings.onTimeThresholds.warn * 1000) / 10));
  const parse = (s: string): number => Number(s.replace(',', '.')) / 100;
  const g = parse(good);
  const w = parse(warn);
  const valid = Number.isFinite(g) && Number.isFinite(w) && g <= 1 && w >= 0 && w <= g;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (valid) updateSettings({ onTimeThresholds: { good: g, warn: w } });
  };
  const reset = (): void => {
    const d = DEFAULT_SETTINGS.onTimeThresholds;
    updateSettings({ onTimeThresholds: d });
    setGood(String(d.good * 100));
    setWarn(String(d.warn * 100));
  };

  return (
    <details className="legend__settings">
      <summary>{t('legend.settings')}</summary>
      <form onSubmit={submit} className="threshold-form">
        <label>
          {t('legend.goodAtLeast')}{' '}
          <input inputMode="decimal" value={good} onChange={(e) => setGood(e.target.value)} size={5} aria-invalid={!valid} />%
        </label>
        <label>
          {t('legend.warnAtLeast')}{' '}
          <input inputMode="decimal" value={warn} onChange={(e) => setWarn(e.target.value)} size={5} aria-invalid={!valid} />%
        </label>
        <button type="submit" className="btn btn--small" disabled={!valid}>
          {t('legend.apply')}
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={reset}>
          {t('legend.reset')}
        </button>
      </form>
    </details>
  );
}
