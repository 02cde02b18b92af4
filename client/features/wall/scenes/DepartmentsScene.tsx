/** City departments (no polygon) ranked by the wall's metric, worst first. */
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLang } from '../../../i18n';
import { thresholdsFor } from '../../../lib/color-scale';
import { WALL_LEVEL_FILL } from '../wall-colors';
import { compareWorstFirst, formatMetric, metricValue } from '../../../lib/metrics';
import { useSettings } from '../../../lib/settings';
import { departmentListName } from '../../overview/department-names';
import { buildRows } from '../../overview/unit-rows';
import type { SceneData } from './scene-data';
import { compareVi } from '../../../lib/collate';

export const DepartmentsScene = memo(function DepartmentsScene(p: Pick<SceneData, 'units' | 'departments' | 'metrics' | 'metric'>) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const settings = useSettings();
  const { departments, units, metrics, metric } = p;
  const rows = useMemo(() => {
    // Colour classes cut on the units' values, as on the map, so a colour means the same everywhere.
    const th = thresholdsFor(
      metric,
      units.map((u) => metricValue(metrics[`unit:${u.code}`], metric)),
      settings.onTimeThresholds,
      settings.countQuantiles,
    );
    return buildRows(departments, (code) => metrics[`department:${code}`], metric, th).sort(
      (a, b) => compareWorstFirst(metric, a.value, b.value) || compareVi(a.name, b.name),
    );
  }, [departments, units, metrics, metric, settings.onTimeThresholds, settings.countQuantiles]);
  const fullNameOf = useMemo(
    () => new Map(departments.map((d) => [d.code, lang === 'en' ? d.nameEn || d.name : d.name])),
    [departments, lang],
  );
  const nameOf = useMemo(() => new Map(departments.map((d) => [d.code, departmentListName(d, lang)])), [departments, lang]);
  return (
    <div className="wall-depts" data-testid="wall-scene-departments">
      <h2 className="wall-scene-title">{t('departments.title', { metric: tc(`metric.${metric}`) })}</h2>
      <ol className="wall-depts__list">
        {rows.map((r, i) => (
          <li key={r.code} className="wall-depts__row" data-testid={`wall-dept-${r.code}`}>
            <span className="wall-rank__pos">{i + 1}</span>
            <span className="wall-depts__swatch" style={{ background: WALL_LEVEL_FILL[r.level] }} aria-hidden="true" />
            <span className="wall-depts__name" title={fullNameOf.get(r.code)}>
              {nameOf.get(r.code) ?? r.name}
            </span>
            <span className="wall-depts__value">{formatMetric(metric, r.value, f, true)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
});
