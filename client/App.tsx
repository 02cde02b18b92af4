/**
 * Routes. Every view's state is in the URL (`?period=&metric=&layout=&lang=`), so a link opens
 * the same view. Detail pages are loaded on demand to keep the first load small.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './features/shell/AppShell';
import { NotFound } from './features/shell/NotFound';
import { OverviewPage } from './features/overview/OverviewPage';

const UnitPage = lazy(() => import('./features/unit/UnitPage').then((m) => ({ default: m.UnitPage })));
const DossierPage = lazy(() => import('./features/item/DossierPage').then((m) => ({ default: m.DossierPage })));
const DataTrustPage = lazy(() => import('./features/data-trust/DataTrustPage').then((m) => ({ default: m.DataTrustPage })));
const ServiceIndexPage = lazy(() => import('./features/service-index/ServiceIndexPage').then((m) => ({ default: m.ServiceIndexPage })));
const BuckPassingPage = lazy(() => import('./features/buck-passing/BuckPassingPage').then((m) => ({ default: m.BuckPassingPage })));
const AdminPage = lazy(() => import('./features/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const TaskPage = lazy(() => import('./features/item/TaskPage').then((m) => ({ default: m.TaskPage })));
const OfficialsPage = lazy(() => import('./features/officials/OfficialsPage').then((m) => ({ default: m.OfficialsPage })));
const OfficialPage = lazy(() => import('./features/officials/OfficialPage').then((m) => ({ default: m.OfficialPage })));
// The operations-centre wall: full screen, outside the app shell, loaded only by the screens that show it.
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const WallPage = lazy(() => import('./features/wall/WallPage').then((m) => ({ default: m.WallPage })));
const WALL_LOADING_STYLE = { position: 'fixed', inset: 0, background: '#0b1220' } as const;

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('loading')}
    </p>
  );
}

/** The pages inside the app's shell, each loaded on first visit. */
const LAZY_PAGES: readonly { path: string; Page: ComponentType }[] = [
  { path: 'login', Page: LoginPage },
  { path: 'units/:code', Page: UnitPage },
  { path: 'officials', Page: OfficialsPage },
  { path: 'officials/:id', Page: OfficialPage },
  { path: 'dossiers/:id', Page: DossierPage },
  { path: 'data-trust', Page: DataTrustPage },
  { path: 'index', Page: ServiceIndexPage },
  { path: 'buck-passing', Page: BuckPassingPage },
  { path: 'tasks/:id', Page: TaskPage },
  { path: 'admin/*', Page: AdminPage },
];

export function App() {
  return (
    <Routes>
      <Route
        path="wall"
        element={
          <Suspense fallback={<div style={WALL_LOADING_STYLE} />}>
            <WallPage />
          </Suspense>
        }
      />
      <Route element={<AppShell />}>
        <Route index element={<OverviewPage />} />
        {LAZY_PAGES.map(({ path, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Suspense fallback={<PageLoading />}>
                <Page />
              </Suspense>
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
