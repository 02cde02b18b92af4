/** The unit page's heading: name, type (Phường/Xã/Đặc khu or Sở, ban, ngành), period, freshness. */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnitDetailResponse } from '../../../shared/contract/api';
import type { ConnectionStatus } from '../../realtime';
import { useLang } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from './datetime';
import { formatDate } from '../../lib/format';
import { useJurisdiction } from '../../api';
import { LevelCrumbs } from '../overview/LevelCrumbs';

export interface UnitHeaderProps {
  detail: UnitDetailResponse;
  asOf: string;
  live: ConnectionStatus | null;
  /** A replayed moment (issue 16): `asOf` is that moment, said as such. */
  replaying?: boolean;
}

/**
 * Display name and type key of a unit, a department or the city. Wards and communes show their full
 * Vietnamese name ("Phường Bến Thành"); English shows the English name under an English type label.
 */
export function unitIdentity(detail: UnitDetailResponse, lang: 'vi' | 'en'): { name: string | null; typeKey: string } {
  const u = detail.unit;
  if (u) return { name: lang === 'en' ? u.nameEn || u.name : u.fullName || `${u.type} ${u.name}`, typeKey: u.type };
  const dep = detail.department;
  if (dep) return { name: lang === 'en' ? dep.nameEn || dep.name : dep.name, typeKey: 'department' };
  const province = detail.province;
  if (province) return { name: lang === 'en' ? province.nameEn : province.name, typeKey: 'province' };
  return { name: null, typeKey: 'city' };
}

export function UnitHeader({ detail, asOf, live, replaying = false }: UnitHeaderProps) {
  const { t } = useTranslation('unit');
  const lang = useLang();
  const { linkTo } = useViewParams();
  const { name, typeKey } = unitIdentity(detail, lang);
  const code = detail.unit?.code ?? detail.department?.code ?? detail.province?.code ?? null;
  // A commune of a national pack: Cả nước › its province › it; a province's own page: Cả nước › it.
  const communeOf = useJurisdiction().data?.provinces?.find((p) => p.code === detail.unit?.province) ?? null;
  return (
    <header className="page-head">
      {detail.province ? (
        <LevelCrumbs province={detail.province} />
      ) : communeOf ? (
        <LevelCrumbs province={communeOf} here={name ?? ''} />
      ) : (
        <p className="crumbs">
          <Link to={linkTo('/')}>{t('back')}</Link>
        </p>
      )}
      <p className="page-kicker unit-type">
        {t(`type.${typeKey}`)}
        {code ? ` · ${t('code', { code })}` : ''}
      </p>
      <h1>{name ?? t('cityName')}</h1>
      <p className="page-meta">
        {/* The window's end is exclusive: show the last day inside it. */}
        <span>{t('period', { from: formatDate(detail.window.from), to: formatDate(Date.parse(detail.window.to) - 1) })}</span>
        <span>{replaying ? t('figuresAt', { ns: 'replay', time: formatDayTime(asOf) }) : t('asOf', { time: formatDayTime(asOf) })}</span>
        {live && (
          <span className={live === 'live' ? 'live-dot live-on' : 'live-dot live-off'} role="status">
            {live === 'live' ? t('live') : t('liveDisconnected')}
          </span>
        )}
      </p>
    </header>
  );
}
