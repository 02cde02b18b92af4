/**
 * The administration page (`/admin`, admin role only): one tab per section of `sections.ts`, each at
 * `/admin/<id>`. The server refuses every admin route to other roles; this page says so instead of
 * showing empty tables.
 */
import { Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useViewParams } from '../../lib/url-state';
import { ADMIN_SECTIONS } from './sections';
import '../unit/drill.css';
import './admin.css';

export function AdminPage() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { me } = useSession();
  const { linkTo } = useViewParams();
  if (!me.capabilities.admin) {
    return (
      <div className="drill-page admin-page" data-testid="admin-page">
        <h1>{t('title')}</h1>
        <p role="alert">{t('adminOnly')}</p>
      </div>
    );
  }
  const first = ADMIN_SECTIONS[0];
  return (
    <div className="drill-page admin-page" data-testid="admin-page">
      <header className="page-head">
        <h1>{t('title')}</h1>
        <p className="page-meta">{t('intro')}</p>
      </header>
      <nav className="admin-tabs" aria-label={t('sectionsLabel')}>
        {ADMIN_SECTIONS.map((s) => (
          <NavLink key={s.id} to={linkTo(`/admin/${s.id}`)} className="admin-tabs__link" data-testid={`admin-tab-${s.id}`}>
            {t(`sections.${s.id}`)}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<p className="page-loading">{tc('loading')}</p>}>
        <Routes>
          {first && <Route index element={<Navigate to={linkTo(`/admin/${first.id}`)} replace />} />}
          {ADMIN_SECTIONS.map(({ id, Page }) => (
            <Route key={id} path={id} element={<Page />} />
          ))}
        </Routes>
      </Suspense>
    </div>
  );
}
