import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Header } from './Header';
import { LanguageSync } from './LanguageSync';
import { refreshSession } from '../auth/session';
import { getSocket } from '../../realtime/socket';

/**
 * When the server ends the socket (the session expired, was signed out elsewhere, or the user was
 * disabled), learn who we are now and reconnect as that (often: the public).
 */
function useSessionEndReconnect(): void {
  useEffect(() => {
    const s = getSocket();
    const onDisconnect = (reason: string): void => {
      if (reason === 'io server disconnect') void refreshSession().then(() => s.connect());
    };
    s.on('disconnect', onDisconnect);
    return () => {
      s.off('disconnect', onDisconnect);
    };
  }, []);
}

/** Layout of every page: skip link, header, then the routed page. */
export function AppShell() {
  const { t } = useTranslation();
  useSessionEndReconnect();
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
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
