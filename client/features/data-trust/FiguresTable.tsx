/** Every unit's and department's data-trust figure (least trusted first), a row's button shows its flags. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataTrustFigure, DataTrustSummaryResponse } from '../../../shared/contract/data-trust';
import { useFormat } from '../../i18n';
import { DATA_TRUST_THRESHOLDS, levelOf } from '../../lib/color-scale';
import { compareVi } from '../../lib/collate';

interface Props {
  data: DataTrustSummaryResponse;
  selected: string;
  onSelect: (code: string, kind: 'unit' | 'department') => void;
}

const flagsOf = (x: DataTrustFigure) => x.byRule.reduce((n, r) => n + r.flags, 0);

export function FiguresTable({ data, selected, onSelect }: Props) {
  const { t } = useTranslation('dataTrust');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const [query, setQuery] = useState('');
  const [onlyFlagged, setOnlyFlagged] = useState(true);
  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('vi');
    return data.figures
      .filter((x) => (!onlyFlagged || flagsOf(x) > 0) && (q === '' || x.name.toLocaleLowerCase('vi').includes(q)))
      .sort((a, b) => (a.trust ?? 101) - (b.trust ?? 101) || flagsOf(b) - flagsOf(a) || compareVi(a.name, b.name));
  }, [data.figures, query, onlyFlagged]);
  return (
    <section className="block" aria-labelledby="dt-figures-title">
      <h2 id="dt-figures-title" className="dt-h2">
        {t('figures.caption', { period: tc(`period.${data.window.period}`) })}
      </h2>
      <CityLine city={data.city} />
      <div className="dt-tools">
        <label className="dt-search">
          <span>{t('figures.filter')}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button
          type="button"
          className="dt-chip"
          aria-pressed={onlyFlagged}
          onClick={() => setOnlyFlagged(!onlyFlagged)}
          data-testid="dt-only-flagged"
        >
          {t('figures.onlyFlagged')}
        </button>
      </div>
      <div className="dt-table-wrap" role="region" aria-labelledby="dt-figures-title" tabIndex={0}>
        <table className="data-table dt-table" data-testid="dt-figures">
          <thead>
            <tr>
              <th scope="col">{t('figures.unit')}</th>
              <th scope="col" className="num">
                {t('figures.trust')}
              </th>
              <th scope="col" className="num">
                {t('figures.dossiers')}
              </th>
              <th scope="col" className="num">
                {t('figures.flagged')}
              </th>
              <th scope="col" className="num">
                {t('figures.flags')}
              </th>
              <th scope="col" className="num">
                {t('figures.open')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.code} aria-current={x.code === selected || undefined} data-code={x.code}>
                <th scope="row">
                  <button type="button" className="dt-link" onClick={() => onSelect(x.code, x.kind)} title={t('figures.show')}>
                    {x.name}
                  </button>
                </th>
                <td className="num">
                  <span className={`level-dot level-dot--${levelOf('dataTrust', x.trust, DATA_TRUST_THRESHOLDS)}`} aria-hidden="true" />
                  {f.fixed(x.trust)}
                </td>
                <td className="num">{f.count(x.dossiers)}</td>
                <td className="num">{f.count(x.flaggedDossiers)}</td>
                <td className="num">{f.count(flagsOf(x))}</td>
                <td className="num">{f.count(x.byRule.reduce((n, r) => n + r.open, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CityLine({ city }: { city: DataTrustSummaryResponse['city'] }) {
  const { t } = useTranslation('dataTrust');
  const f = useFormat();
  return (
    <p className="dt-city" data-testid="dt-city">
      <strong>{t('city')}:</strong> {t('figures.trust')} <strong className="dt-big">{f.number(city.trust, 1)}</strong> ·{' '}
      {t('figures.dossiers')} {f.count(city.dossiers)} · {t('figures.flagged')} {f.count(city.flaggedDossiers)}
    </p>
  );
}
