/**
 * The national view's path: Cả nước › Tỉnh/Thành phố › Xã/Phường › Hồ sơ. On the overview it says which
 * level the map shows and how to go up (and opens the province's own page); on a province's, a commune's
 * or a dossier's page it links back up through the province's page to the country.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProvinceInfo } from '../../../shared/contract/provinces';
import { useLang } from '../../i18n';
import { useViewParams } from '../../lib/url-state';

const provinceName = (p: ProvinceInfo, lang: string) => (lang === 'en' ? p.nameEn : p.name);

/** A province's own page (its communes taken together): `/units/province:<code>`. */
export const provincePagePath = (code: string) => `/units/${encodeURIComponent(`province:${code}`)}`;

export interface LevelCrumbsProps {
  /** null: the country level. */
  province: ProvinceInfo | null;
  /** The last crumb's text when it is not the province (a commune's name, a dossier's id). */
  here?: string;
  /** A commune between the province and `here` (on a dossier's page), linked to its page. */
  commune?: { code: string; name: string };
  /** On the overview: how many places the map shows (and, inside a province, a link to its page). */
  count?: number;
}

export function LevelCrumbs({ province, here, commune, count }: LevelCrumbsProps) {
  const { t } = useTranslation('overview');
  const lang = useLang();
  const { linkTo } = useViewParams();
  const onOverview = count !== undefined;
  const atCountry = province === null && here === undefined;
  // Above a page of the province's (a commune, a dossier), the province crumb opens the province's page;
  // on the overview it is the map's level itself.
  const provinceTo = (code: string) => (onOverview ? linkTo('/', { province: code }) : linkTo(provincePagePath(code), { province: null }));
  return (
    <nav className="level-crumbs" aria-label={t('level.label')} data-testid="level-crumbs">
      <ol>
        <li>
          {atCountry ? (
            <span aria-current="page">{t('level.country')}</span>
          ) : (
            <Link to={linkTo('/', { province: null })}>{t('level.country')}</Link>
          )}
        </li>
        {province && (
          <li>
            {here === undefined ? (
              <span aria-current="page">{provinceName(province, lang)}</span>
            ) : (
              <Link to={provinceTo(province.code)}>{provinceName(province, lang)}</Link>
            )}
          </li>
        )}
        {commune && (
          <li>
            <Link to={linkTo(`/units/${encodeURIComponent(commune.code)}`, { province: null })}>{commune.name}</Link>
          </li>
        )}
        {here !== undefined && <li aria-current="page">{here}</li>}
      </ol>
      {onOverview && <span className="level-crumbs__what">{t(province ? 'level.communes' : 'level.provinces', { count })}</span>}
      {/* Its text does not repeat the province's name: the path names it once. */}
      {onOverview && province && (
        <Link
          className="level-crumbs__page"
          data-testid="province-page-link"
          to={linkTo(provincePagePath(province.code), { province: null })}
        >
          {t('level.provincePage')}
        </Link>
      )}
    </nav>
  );
}
