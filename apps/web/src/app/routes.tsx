import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireSession } from '../features/auth/RequireSession.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { AppShell } from '../features/shell/AppShell.tsx';
import { HomeRedirect } from '../features/shell/HomeRedirect.tsx';
import { NoAccessPage } from '../features/shell/NoAccessPage.tsx';
import { NotFoundPage } from '../features/shell/NotFoundPage.tsx';
import { RequirePage } from '../features/shell/RequirePage.tsx';
import { RouteErrorPage } from '../features/shell/RouteErrorPage.tsx';
import {
  accountPath,
  navItem,
  noAccessPath,
  type NavItemId,
} from '../features/shell/navigation.ts';
import { LoadingState } from '../ui/QueryState.tsx';

// Pages load on first visit: MapLibre alone is larger than the rest of the app.
const MapPage = lazy(() =>
  import('../features/map/MapPage.tsx').then((module) => ({ default: module.MapPage })),
);
const UnitsPage = lazy(() =>
  import('../features/units/UnitsPage.tsx').then((module) => ({ default: module.UnitsPage })),
);
const StatsPage = lazy(() =>
  import('../features/stats/StatsPage.tsx').then((module) => ({ default: module.StatsPage })),
);
const HotspotsPage = lazy(() =>
  import('../features/hotspots/HotspotsPage.tsx').then((module) => ({
    default: module.HotspotsPage,
  })),
);
const TimeMachinePage = lazy(() =>
  import('../features/history/TimeMachinePage.tsx').then((module) => ({
    default: module.TimeMachinePage,
  })),
);
const ExportsPage = lazy(() =>
  import('../features/exports/ExportsPage.tsx').then((module) => ({ default: module.ExportsPage })),
);
const UsersPage = lazy(() =>
  import('../features/admin/UsersPage.tsx').then((module) => ({ default: module.UsersPage })),
);
const IntegrationsPage = lazy(() =>
  import('../features/admin/IntegrationsPage.tsx').then((module) => ({
    default: module.IntegrationsPage,
  })),
);
const AuditLogPage = lazy(() =>
  import('../features/admin/AuditLogPage.tsx').then((module) => ({
    default: module.AuditLogPage,
  })),
);

const AccountPage = lazy(() =>
  import('../features/auth/AccountPage.tsx').then((module) => ({ default: module.AccountPage })),
);

/** A menu page: its path and its permission both come from the navigation list. */
function page(id: NavItemId, element: ReactNode): RouteObject {
  return {
    path: navItem(id).path,
    element: (
      <RequirePage page={id}>
        <Suspense fallback={<LoadingState />}>{element}</Suspense>
      </RequirePage>
    ),
  };
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRedirect /> },
      page('map', <MapPage />),
      page('units', <UnitsPage />),
      page('stats', <StatsPage />),
      page('hotspots', <HotspotsPage />),
      page('history', <TimeMachinePage />),
      page('exports', <ExportsPage />),
      page('users', <UsersPage />),
      page('integrations', <IntegrationsPage />),
      page('audit', <AuditLogPage />),
      {
        path: accountPath,
        element: (
          <Suspense fallback={<LoadingState />}>
            <AccountPage />
          </Suspense>
        ),
      },
      { path: noAccessPath, element: <NoAccessPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
