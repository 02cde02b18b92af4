import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n';
import type { Level, Thresholds } from '../../../lib/color-scale';
import { WALL_LEVEL_FILL } from '../wall-colors';
import { formatMetric, type MetricKey } from '../../../lib/metrics';

/** The map's three colour classes with their cut points, in words (never colour alone). */
export function WallLegend({ metric, thresholds }: { metric: MetricKey; thresholds: Thresholds }) {
  const { t } = useTranslation('wall');
  const f = useFormat();
  const v = (x: number) => formatMetric(metric, x, f);
  const rate = metric === 'onTimeRate';
  const items: { level: Level; text: string }[] = [
    {
      level: 'good',
      text: rate ? t('legend.rateGood', { value: v(thresholds.good) }) : t('legend.countGood', { value: v(thresholds.good) }),
    },
    {
      level: 'warn',
      text: rate ? t('legend.rateWarn', { value: v(thresholds.warn) }) : t('legend.countWarn', { value: v(thresholds.warn) }),
    },
    { level: 'bad', text: rate ? t('legend.rateBad', { value: v(thresholds.warn) }) : t('legend.countBad', { value: v(thresholds.warn) }) },
    { level: 'none', text: t('legend.none') },
  ];
  // Counts cut at the same value twice (e.g. most units at 0) have no middle class: do not list an empty one.
  const shown = !rate && thresholds.good === thresholds.warn ? items.filter((i) => i.level !== 'warn') : items;
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
