// The routes of the app (browser history); pages are loaded lazily, one chunk per domain.
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { Spin } from 'antd';
import type { Permission } from '../../contracts/auth';
import { setUnauthenticatedHandler } from '../lib/api';
import { queryClient } from '../lib/queryClient';
import { ME_KEY } from './session';
import { RequireAccess, RequireAuth, RequirePermission } from './guards';
import { canSeeLedgers, canSeeMetrics } from './layout/menuItems';
import { canSeePeople } from '../features/people/access';
import { canSeeHotline } from '../features/hotline/access';
import { canSeeSupervision } from '../features/supervision/access';
import { canManageOpen311Keys } from '../features/open311/access';
import { isDistrictAdmin } from '../features/admin/access';
import { canSeeWishDesk } from '../features/wishes/access';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { portalRoute } from '../features/portal/routes';

function guarded(permission: Permission) {
  return (
    <RequirePermission permission={permission}>
      <Outlet />
    </RequirePermission>
  );
}

const firstLoad = (
  <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
    <Spin size="large" />
  </div>
);

export const router = createBrowserRouter([
  {
    path: '/login',
    hydrateFallbackElement: firstLoad,
    lazy: () => import('../features/auth/LoginPage').then((m) => ({ Component: m.LoginPage })),
  },
  { ...portalRoute, hydrateFallbackElement: firstLoad },
  {
    path: '/',
    hydrateFallbackElement: firstLoad,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, lazy: () => import('../features/portal/HomeGate').then((m) => ({ Component: m.HomeGate })) },
      {
        path: 'account',
        lazy: () => import('../features/auth/AccountPage').then((m) => ({ Component: m.AccountPage })),
      },
      {
        path: 'people',
        element: (
          <RequireAccess allowed={canSeePeople}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () => import('../features/people/ResidentsPage').then((m) => ({ Component: m.ResidentsPage })),
          },
          {
            path: 'households/:nodeId',
            lazy: () => import('../features/people/HouseholdPage').then((m) => ({ Component: m.HouseholdPage })),
          },
          {
            path: 'visits',
            lazy: () => import('../features/people/VisitsPage').then((m) => ({ Component: m.VisitsPage })),
          },
          {
            path: 'diary',
            lazy: () => import('../features/people/DiaryPage').then((m) => ({ Component: m.DiaryPage })),
          },
        ],
      },
      {
        path: 'hotline',
        element: (
          <RequireAccess allowed={canSeeHotline}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () => import('../features/hotline/HotlinePage').then((m) => ({ Component: m.HotlinePage })),
          },
        ],
      },
      {
        path: 'territory',
        element: guarded('territory.read'),
        children: [
          {
            index: true,
            lazy: () => import('../features/territory/TerritoryPage').then((m) => ({ Component: m.TerritoryPage })),
          },
        ],
      },
      {
        path: 'party',
        element: guarded('party.read'),
        children: [
          { index: true, lazy: () => import('../features/party/PartyPage').then((m) => ({ Component: m.PartyPage })) },
        ],
      },
      {
        path: 'organisations',
        element: guarded('organisations.read'),
        children: [
          {
            index: true,
            lazy: () =>
              import('../features/organisations/OrganisationsPage').then((m) => ({ Component: m.OrganisationsPage })),
          },
        ],
      },
      {
        path: 'users',
        element: guarded('users.read'),
        children: [
          { index: true, lazy: () => import('../features/users/UsersPage').then((m) => ({ Component: m.UsersPage })) },
        ],
      },
      {
        path: 'cases',
        element: guarded('cases.read'),
        children: [
          { index: true, lazy: () => import('../features/cases/InboxPage').then((m) => ({ Component: m.InboxPage })) },
          {
            path: ':id',
            lazy: () => import('../features/cases/detail/CasePage').then((m) => ({ Component: m.CasePage })),
          },
        ],
      },
      {
        // A sibling of 'cases' so that reporting needs cases.report only.
        path: 'cases/new',
        element: guarded('cases.report'),
        children: [
          {
            index: true,
            lazy: () => import('../features/cases/report/ReportPage').then((m) => ({ Component: m.ReportPage })),
          },
        ],
      },
      {
        path: 'services',
        children: [
          {
            index: true,
            lazy: () => import('../features/services/QueuePage').then((m) => ({ Component: m.QueuePage })),
          },
          {
            path: 'catalogue',
            lazy: () => import('../features/services/CataloguePage').then((m) => ({ Component: m.CataloguePage })),
          },
          {
            path: 'apply',
            lazy: () => import('../features/services/ApplyForPage').then((m) => ({ Component: m.ApplyForPage })),
          },
          {
            path: 'figures',
            lazy: () => import('../features/services/FiguresPage').then((m) => ({ Component: m.FiguresPage })),
          },
          {
            path: ':id',
            lazy: () => import('../features/services/ApplicationPage').then((m) => ({ Component: m.ApplicationPage })),
          },
        ],
      },
      {
        path: 'wishes',
        element: (
          <RequireAccess allowed={canSeeWishDesk}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () => import('../features/wishes/WishesPage').then((m) => ({ Component: m.WishesPage })),
          },
        ],
      },
      {
        path: 'supervision',
        element: (
          <RequireAccess allowed={canSeeSupervision}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () =>
              import('../features/supervision/SupervisionPage').then((m) => ({ Component: m.SupervisionPage })),
          },
        ],
      },
      {
        path: 'resident-links',
        lazy: () => import('../features/portal/LinkRequestsPage').then((m) => ({ Component: m.LinkRequestsPage })),
      },
      {
        path: 'cobuild',
        lazy: () => import('../features/cobuild/CobuildPage').then((m) => ({ Component: m.CobuildPage })),
      },
      {
        path: 'rooms',
        children: [
          {
            index: true,
            lazy: () => import('../features/rooms/RoomsPage').then((m) => ({ Component: m.RoomsPage })),
          },
          {
            path: 'spaces',
            lazy: () => import('../features/rooms/SpacesPage').then((m) => ({ Component: m.SpacesPage })),
          },
          {
            path: 'approvals',
            lazy: () => import('../features/rooms/ApprovalsPage').then((m) => ({ Component: m.ApprovalsPage })),
          },
          {
            path: 'utilisation',
            lazy: () => import('../features/rooms/UtilisationPage').then((m) => ({ Component: m.UtilisationPage })),
          },
        ],
      },
      {
        path: 'points',
        lazy: () => import('../features/points/PointsPage').then((m) => ({ Component: m.PointsPage })),
      },
      {
        path: 'volunteers',
        lazy: () => import('../features/volunteers/VolunteersPage').then((m) => ({ Component: m.VolunteersPage })),
      },
      {
        path: 'deliberation',
        lazy: () =>
          import('../features/deliberation/DeliberationPage').then((m) => ({ Component: m.DeliberationPage })),
      },
      {
        path: 'notifications',
        lazy: () =>
          import('../features/notifications/NotificationsPage').then((m) => ({ Component: m.NotificationsPage })),
      },
      {
        path: 'metrics',
        element: (
          <RequireAccess allowed={canSeeMetrics}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () => import('../features/metrics/MetricsPage').then((m) => ({ Component: m.MetricsPage })),
          },
        ],
      },
      {
        path: 'ledgers',
        element: (
          <RequireAccess allowed={canSeeLedgers}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () => import('../features/ledgers/LedgersPage').then((m) => ({ Component: m.LedgersPage })),
          },
        ],
      },
      {
        path: 'open311-keys',
        element: (
          <RequireAccess allowed={canManageOpen311Keys}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          {
            index: true,
            lazy: () => import('../features/open311/ApiKeysPage').then((m) => ({ Component: m.ApiKeysPage })),
          },
        ],
      },
      {
        path: 'admin',
        element: (
          <RequireAccess allowed={isDistrictAdmin}>
            <Outlet />
          </RequireAccess>
        ),
        children: [
          { path: 'tags', lazy: () => import('../features/admin/TagsPage').then((m) => ({ Component: m.TagsPage })) },
          {
            path: 'calendar',
            lazy: () => import('../features/admin/CalendarPage').then((m) => ({ Component: m.CalendarPage })),
          },
          {
            path: 'categories',
            lazy: () => import('../features/admin/CategoriesPage').then((m) => ({ Component: m.CategoriesPage })),
          },
        ],
      },
      {
        path: 'audit',
        element: guarded('audit.read'),
        children: [
          { index: true, lazy: () => import('../features/audit/AuditPage').then((m) => ({ Component: m.AuditPage })) },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

// A 401 anywhere (expired session) forgets Me and goes to the login page without a full reload.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(ME_KEY, null);
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});
