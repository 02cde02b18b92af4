/**
 * The national view's path: Cả nước › Tỉnh/Thành phố › Xã/Phường. On the overview it says which level
 * the map shows and how to go up; on a commune's page it links back to its province and the country.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProvinceInfo } from '../../../shared/contract/provinces';
import { useLang } from '../../i18n';
import { useViewParams } from '../../lib/url-state';

const provinceName = (p: ProvinceInfo, lang: string) => (lang === 'en' ? p.nameEn : p.name);

/** `province` null: the country level. `here`: the last crumb's text when it is not the province (a commune's name). */
export function LevelCrumbs({ province, here, count }: { province: ProvinceInfo | null; here?: string; count?: number }) {
  const { t } = useTranslation('overview');
  const lang = useLang();
  const { linkTo } = useViewParams();
  const atCountry = province === null && here === undefined;
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
              <Link to={linkTo('/', { province: province.code })}>{provinceName(province, lang)}</Link>
            )}
          </li>
        )}
        {here !== undefined && <li aria-current="page">{here}</li>}
      </ol>
      {count !== undefined && <span className="level-crumbs__what">{t(province ? 'level.communes' : 'level.provinces', { count })}</span>}
    </nav>
  );
}
