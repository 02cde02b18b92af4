import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LEVEL_FILL } from '../../lib/color-scale';
import { compareWorstFirst, formatMetric, type MetricKey } from '../../lib/metrics';
import { useFormat, useLang } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { shortDepartmentNameEn } from './department-names';
import type { UnitRow } from './unit-rows';
import { compareVi } from '../../lib/collate';

interface DepartmentListProps {
  rows: readonly UnitRow[];
  metric: MetricKey;
  /** Vietnamese short names by code (the list is narrow; English drops "Department of"). */
  shortNames: Record<string, string>;
  changed: ReadonlySet<string>;
  changeCount: number;
}

/** City departments (no polygon) ranked by the chosen metric, slowest first; each opens its page. */
export function DepartmentList({ rows, metric, shortNames, changed, changeCount }: DepartmentListProps) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const { linkTo } = useViewParams();
  // Inside a province of a national pack (?province=) the departments are the country's: none is the province's.
  const [params] = useSearchParams();
  const insideProvince = params.has('province');
  const ranked = [...rows].sort((a, b) => compareWorstFirst(metric, a.value, b.value) || compareVi(a.name, b.name));

  return (
    <section className="panel departments" aria-labelledby="departments-title" data-testid="department-list">
      <header className="panel__head">
        <h2 id="departments-title" className="panel__title">
          {t('departments.title')}
        </h2>
        <p className="panel__sub">{t('departments.subtitle', { metric: tc(`metric.${metric}`) })}</p>
      </header>
      {ranked.length === 0 ? (
        <p className="empty" data-testid="departments-empty">
          {t(insideProvince ? 'departments.notInProvince' : 'departments.empty')}
        </p>
      ) : (
        <ol className="rank-list">
          {ranked.map((r, i) => {
            const pulsing = changeCount > 0 && changed.has(r.code);
            return (
              <li key={r.code} className={`rank-list__item${pulsing ? ` row-pulse row-pulse--${changeCount % 2}` : ''}`}>
                <Link
                  to={linkTo(`/units/${encodeURIComponent(r.code)}`)}
                  className="rank-list__link"
                  data-testid={`department-${r.code}`}
                  title={lang === 'en' ? r.nameEn || r.name : r.name}
                >
                  <span className="rank-list__rank">{i + 1}</span>
                  <span className="swatch" style={{ background: LEVEL_FILL[r.level] }} aria-hidden="true" />
                  <span className="rank-list__name">
                    {lang === 'en' ? shortDepartmentNameEn(r.nameEn || r.name) : (shortNames[r.code] ?? r.name)}
                  </span>
                  <span className="rank-list__value">{formatMetric(metric, r.value, f, true)}</span>
                </Link>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
