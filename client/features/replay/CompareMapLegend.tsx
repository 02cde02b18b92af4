/** The map's legend while comparing: what the colour is (the change in overdue dossiers from A to B) and each class's range. */
import { useTranslation } from 'react-i18next';
import { LEVEL_FILL } from '../../lib/color-scale';
import { useFormat } from '../../i18n';
import { divergingClasses, maxAbsChange } from './compare';
import { bannerParts } from './replay-time';
import type { CompareMap } from './useCompareMap';

export function CompareMapLegend({ from, to, changes }: Pick<CompareMap, 'from' | 'to' | 'changes'>) {
  const { t } = useTranslation('replay');
  const f = useFormat();
  const rows = [...changes.values()].flatMap((c) => (c.row ? [c.row] : []));
  const classes = divergingClasses(maxAbsChange(rows));
  const a = bannerParts(from);
  const b = bannerParts(to);
  const range = (min: number, max: number) => (min === max ? f.signed(min, 0) : `${f.signed(min, 0)} … ${f.signed(max, 0)}`);
  return (
    <div className="legend legend--compare" data-testid="map-compare-legend">
      <span className="legend__title">{t('compare.legend', { from: `${a.time} ${a.date}`, to: `${b.time} ${b.date}` })}</span>
      <ul className="legend__items">
        {classes.map((c) => (
          <li key={c.color} className="legend__item">
            <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
            <span className="legend__range">{range(c.min, c.max)}</span>
            <span className="legend__word">({t(`compare.class.${c.kind}`)})</span>
          </li>
        ))}
        <li className="legend__item">
          <span className="swatch swatch--none" style={{ background: LEVEL_FILL.none }} aria-hidden="true" />
          <span className="legend__range">{t('compare.mapNoData')}</span>
        </li>
      </ul>
      <span className="legend__note">{t('compare.mapNote')}</span>
    </div>
  );
}
