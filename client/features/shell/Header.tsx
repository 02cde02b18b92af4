import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useConnection } from '../../realtime/connection';
import { useViewParams } from '../../lib/url-state';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { PeriodSelect, PeriodSwitch } from './PeriodSwitch';
import { UnitSearch } from './UnitSearch';
import { useBuildChange } from './useBuildChange';
import { UserMenu } from '../auth/UserMenu';
import { useSession } from '../auth/session';
import { SourcesPanel } from './SourcesPanel';
import { CalendarBanner } from './CalendarBanner';
import { HistoryLoadBanner } from './HistoryLoadBanner';
import { useNarrowScreen } from '../../lib/narrow-screen';
import { RequestsBell } from '../requests/RequestsBell';
import { useActiveLinkInView } from './useActiveLinkInView';
import { useJurisdiction } from '../../api/hooks';
import { AsOf } from './AsOf';

/**
 * The app bar on every page: title, "Cập nhật lúc HH:MM:SS" from the server's clock ticks,
 * connection status, the data sources' freshness, language; below it the period switch and the unit
 * search; banners for silent sources, a history load, a missing working calendar (admins) and a new version.
 */
export function Header() {
  const { t, i18n } = useTranslation();
  // A national pack names itself (Việt Nam); the city's name otherwise.
  const place = useJurisdiction().data;
  const placeName = place?.provinces ? (i18n.language === 'en' ? place.nameEn : place.name) : t('cityName');
  const { linkTo } = useViewParams();
  const conn = useConnection();
  const silent = conn.lastTick?.sources.filter((s) => s.silent) ?? [];
  const buildChanged = useBuildChange(conn.lastTick?.build ?? null);
  const { me } = useSession();
  // On a phone the app bar is one pinned line (the live state, requests, a menu button); sources, language
  // and account open from the menu, so the figures start near the top of the screen.
  const narrow = useNarrowScreen();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  const account = (
    <>
      <SourcesPanel sources={conn.lastTick?.sources ?? null} known={conn.tickHolds} />
      <LanguageSwitch />
      <UserMenu />
    </>
  );

  return (
    <header className="app-header">
      <div className="app-header__bar">
        <Link to={linkTo('/')} className="app-header__title" aria-label={t('appTitle')}>
          <span className="app-header__emblem" aria-hidden="true">
            ★
          </span>
          <span>
            <span className="app-header__name">{t('appTitle')}</span>
            <span className="app-header__city">{placeName}</span>
          </span>
        </Link>
        <div className="app-header__status">
          <AsOf now={conn.lastTick?.now ?? null} />
          <ConnectionIndicator status={conn.status} />
          {/* Reminders and explanation requests arrive here, pinned on a phone too. */}
          <RequestsBell />
          {narrow ? <MenuButton open={menuOpen} onToggle={() => setMenuOpen((o) => !o)} /> : account}
        </div>
      </div>
      {narrow && (
        <div className="app-header__account" id="header-account" hidden={!menuOpen}>
          {account}
        </div>
      )}
      <div className="app-header__tools">
        <MainNav />
        <div className="app-header__find">
          {!ownPeriod(pathname) && (narrow ? <PeriodSelect /> : <PeriodSwitch />)}
          <UnitSearch />
        </div>
      </div>
      {silent.length > 0 && (
        <div
          className={`banner banner--warn${narrow ? ' banner--line' : ''}`}
          role="status"
          data-testid="sources-silent"
          title={t('sourcesSilent', { names: silent.map((s) => s.name).join(', ') })}
        >
          <span className="banner__text">{t('sourcesSilent', { names: silent.map((s) => s.name).join(', ') })}</span>
        </div>
      )}
      <HistoryLoadBanner load={conn.historyLoad} />
      <CalendarBanner calendar={conn.lastTick?.calendar} visible={me.capabilities.admin} compact={narrow} />
      {buildChanged && (
        <div className="banner banner--info" role="status">
          {t('newVersion')}{' '}
          <button type="button" className="btn btn--small" onClick={() => window.location.reload()}>
            {t('reload')}
          </button>
        </div>
      )}
    </header>
  );
}

/** On a phone: opens and closes the header's menu of sources, language and account. */
function MenuButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="app-header__menu"
      aria-expanded={open}
      aria-controls="header-account"
      aria-label={t('headerMenu')}
      title={t('headerMenu')}
      data-testid="header-menu"
      onClick={onToggle}
    >
      <span aria-hidden="true">☰</span>
    </button>
  );
}

/**
 * Pages where the header's Hôm nay…Năm nay does not apply: the Index page has its own month, quarter
 * and year selector (a day or a week is no period of the national index), the administration none.
 */
const OWN_PERIOD = ['/index', '/admin'];
const ownPeriod = (pathname: string) => OWN_PERIOD.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/** The main navigation; on a phone one scrolling line that keeps the current page's link in view. */
function MainNav() {
  const { t } = useTranslation();
  const { linkTo } = useViewParams();
  const { me } = useSession();
  const nav = useRef<HTMLElement>(null);
  useActiveLinkInView(nav);
  return (
    <nav className="app-nav" ref={nav} aria-label={t('nav.label')}>
      <NavLink to={linkTo('/')} end className="app-nav__link">
        {t('nav.map')}
      </NavLink>
      {me.user && me.capabilities.officials && (
        <NavLink to={linkTo('/officials')} className="app-nav__link" data-testid="nav-officials">
          {t('nav', { ns: 'officials' })}
        </NavLink>
      )}
      <NavLink to={linkTo('/buck-passing')} className="app-nav__link" data-testid="nav-buck-passing">
        {t('nav.buckPassing')}
      </NavLink>
      <NavLink to={linkTo('/data-trust')} className="app-nav__link" data-testid="nav-data-trust">
        {t('nav.dataTrust')}
      </NavLink>
      <ServiceIndexLink />
      {me.capabilities.admin && (
        <NavLink to={linkTo('/admin')} className="app-nav__link" data-testid="nav-admin">
          {t('nav.admin')}
        </NavLink>
      )}
    </nav>
  );
}

/** The Index page's link, for roles that may read it: every signed-in one (its own scope's rows), and anyone when the public view is on. */
function ServiceIndexLink() {
  const { t } = useTranslation();
  const { linkTo } = useViewParams();
  const { me } = useSession();
  if (!me.publicView && !me.user) return null;
  return (
    <NavLink to={linkTo('/index')} className="app-nav__link" data-testid="nav-service-index">
      {t('nav.serviceIndex')}
    </NavLink>
  );
}
