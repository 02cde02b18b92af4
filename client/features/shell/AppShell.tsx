import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Header } from './Header';
import { OfflineBanner } from '../../offline/OfflineBanner';
import { LanguageSync } from './LanguageSync';
import { refreshSession } from '../auth/session';
import { useResumeAfterServerDisconnect } from '../../realtime/useSocketLifecycle';

/** Layout of every page: skip link, header, then the routed page. */
export function AppShell() {
  const { t } = useTranslation();
  // The server ended the socket (session expired, signed out elsewhere, user disabled): reconnect as whoever we are now.
  useResumeAfterServerDisconnect(refreshSession);
  const title = t('appTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="app">
      <LanguageSync />
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Header />
      <OfflineBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
