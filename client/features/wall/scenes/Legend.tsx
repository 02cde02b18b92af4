import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import type { Level, Thresholds } from '../../../lib/color-scale';
import { WALL_LEVEL_FILL } from '../wall-colors';
import { formatMetric, type MetricKey } from '../../../lib/metrics';

/** Metrics counted in whole dossiers: their classes are ranges of integers ("0", "1", "≥ 2"), not "≤ 0". */
const WHOLE_COUNTS: ReadonlySet<MetricKey> = new Set(['overdue', 'dueSoon']);

/** The map's three colour classes with their cut points, in words (never colour alone). */
export function WallLegend({ metric, thresholds }: { metric: MetricKey; thresholds: Thresholds }) {
  const { t } = useTranslation('wall');
  const f = useFormat();
  const v = (x: number) => formatMetric(metric, x, f);
  const { good, warn } = thresholds;
  const range = (from: number, to: number) => (from === to ? v(from) : `${v(from)}–${v(to)}`);
  // Higher is better for the on-time rate and the data-trust figure (color-scale.ts levelOf): "≥" cuts, their own words.
  const higher = metric === 'onTimeRate' ? 'rate' : metric === 'dataTrust' ? 'trust' : null;
  const items: { level: Level; text: string }[] = higher
    ? [
        { level: 'good', text: t(`legend.${higher}Good`, { value: v(good) }) },
        { level: 'warn', text: t(`legend.${higher}Warn`, { value: v(warn) }) },
        { level: 'bad', text: t(`legend.${higher}Bad`, { value: v(warn) }) },
      ]
    : WHOLE_COUNTS.has(metric)
      ? [
          { level: 'good', text: t('legend.countGoodRange', { range: range(0, good) }) },
          { level: 'warn', text: t('legend.countWarnRange', { range: range(good + 1, warn) }) },
          { level: 'bad', text: t('legend.countBadFrom', { value: v(warn + 1) }) },
        ]
      : [
          { level: 'good', text: t('legend.countGood', { value: v(good) }) },
          { level: 'warn', text: t('legend.countWarn', { value: v(warn) }) },
          { level: 'bad', text: t('legend.countBad', { value: v(warn) }) },
        ];
  items.push({ level: 'none', text: t('legend.none') });
  // Counts cut at the same value twice (e.g. most units at 0) have no middle class: do not list an empty one.
  const shown = !higher && good === warn ? items.filter((i) => i.level !== 'warn') : items;
  return (
    <ul className="wall-legend">
      {shown.map((i) => (
        <li key={i.level} className="wall-legend__item" data-level={i.level}>
          <span className="wall-legend__swatch" style={{ background: WALL_LEVEL_FILL[i.level] }} aria-hidden="true" />
          {i.text}
        </li>
      ))}
    </ul>
  );
}
