/**
 * A province's page: its communes ranked by their overdue dossiers, each linked to its own page (the
 * figures of the province's overview answer, `GET /overview?province=`, for the page's period).
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProvinceInfo } from '../../../shared/contract/provinces';
import type { Period } from '../../../shared/contract/metrics';
import { fetchOverview, useApi, useJurisdiction } from '../../api';
import { useFormat, useLang } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { LoadError } from './LoadError';
import { rankCommunes } from './province-communes';

/** Rows shown before "show all" (Hà Nội has 126 communes). */
export const COMMUNES_SHOWN = 10;

export function ProvinceCommunes({ province, period }: { province: ProvinceInfo; period: Period }) {
  const { t } = useTranslation('unit');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const { linkTo } = useViewParams();
  const [all, setAll] = useState(false);
  const jurisdiction = useJurisdiction();
  const answer = useApi((signal) => fetchOverview(period, { signal }, undefined, province.code), [period, province.code]);
  const ranked = useMemo(
    () => (answer.data && jurisdiction.data ? rankCommunes(jurisdiction.data.units, province.code, answer.data.units) : null),
    [answer.data, jurisdiction.data, province.code],
  );
  const name = lang === 'en' ? province.nameEn : province.name;
  const shown = ranked && !all ? ranked.slice(0, COMMUNES_SHOWN) : ranked;
  return (
    <section className="block" aria-labelledby="province-communes-title" data-testid="province-communes">
      <h2 id="province-communes-title">{t('provinceCommunes.title', { name })}</h2>
      {answer.error && !ranked ? (
        <LoadError error={answer.error} onRetry={answer.reload} />
      ) : !shown || !ranked ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <>
          <div className="dt-wrap" role="region" aria-labelledby="province-communes-title" tabIndex={0}>
            <table className="dt">
              <caption>{t('provinceCommunes.caption', { count: ranked.length, period: tc(`period.${period}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="dt-num">
                    {t('provinceCommunes.rank')}
                  </th>
                  <th scope="col">{t('provinceCommunes.commune')}</th>
                  <th scope="col" className="dt-num">
                    {t('provinceCommunes.overdue')}
                  </th>
                  <th scope="col" className="dt-num">
                    {t('provinceCommunes.received')}
                  </th>
                  <th scope="col" className="dt-num">
                    {t('provinceCommunes.onTimeRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map(({ rank, unit, metrics }) => (
                  <tr key={unit.code}>
                    <td className="dt-num">{f.count(rank)}</td>
                    <th scope="row">
                      <Link to={linkTo(`/units/${encodeURIComponent(unit.code)}`)}>
                        {lang === 'en' ? unit.nameEn || unit.name : unit.fullName}
                      </Link>
                    </th>
                    <td className="dt-num">{f.count(metrics?.overdue)}</td>
                    <td className="dt-num">{f.count(metrics?.received)}</td>
                    <td className="dt-num">{f.percent(metrics?.onTimeRate ?? null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {ranked.length > COMMUNES_SHOWN && (
            <button
              type="button"
              className="btn btn--ghost province-communes__more"
              onClick={() => setAll(!all)}
              data-testid="province-communes-all"
            >
              {all ? t('provinceCommunes.fewer', { count: COMMUNES_SHOWN }) : t('provinceCommunes.all', { count: ranked.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
