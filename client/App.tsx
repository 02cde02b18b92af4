/**
 * Routes. Every view's state is in the URL (`?period=&metric=&layout=&lang=`), so a link opens
 * the same view. Detail pages are loaded on demand to keep the first load small.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './features/shell/AppShell';
import { NotFound } from './features/shell/NotFound';
import { OverviewPage } from './features/overview/OverviewPage';

const UnitPage = lazy(() => import('./features/unit/UnitPage').then((m) => ({ default: m.UnitPage })));
const DossierPage = lazy(() => import('./features/item/DossierPage').then((m) => ({ default: m.DossierPage })));
const DataTrustPage = lazy(() => import('./features/data-trust/DataTrustPage').then((m) => ({ default: m.DataTrustPage })));
const BuckPassingPage = lazy(() => import('./features/buck-passing/BuckPassingPage').then((m) => ({ default: m.BuckPassingPage })));
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
        <Route
          path="login"
          element={
            <Suspense fallback={<PageLoading />}>
              <LoginPage />
            </Suspense>
          }
        />
        <Route
          path="units/:code"
          element={
            <Suspense fallback={<PageLoading />}>
              <UnitPage />
            </Suspense>
          }
        />
        <Route
          path="officials"
          element={
            <Suspense fallback={<PageLoading />}>
              <OfficialsPage />
            </Suspense>
          }
        />
        <Route
          path="officials/:id"
          element={
            <Suspense fallback={<PageLoading />}>
              <OfficialPage />
            </Suspense>
          }
        />
        <Route
          path="dossiers/:id"
          element={
            <Suspense fallback={<PageLoading />}>
              <DossierPage />
            </Suspense>
          }
        />
        <Route
          path="data-trust"
          element={
            <Suspense fallback={<PageLoading />}>
              <DataTrustPage />
            </Suspense>
          }
        />
        <Route
          path="buck-passing"
          element={
            <Suspense fallback={<PageLoading />}>
              <BuckPassingPage />
            </Suspense>
          }
        />
        <Route
          path="tasks/:id"
          element={
            <Suspense fallback={<PageLoading />}>
              <TaskPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
