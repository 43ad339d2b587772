// The portal's routes under /m, mounted by web/app/router.tsx; each page is loaded lazily with the portal chunk.
import type { RouteObject } from 'react-router-dom';
import { PortalLayout, RequireSignedIn } from './PortalLayout';

const page = (load: () => Promise<React.ComponentType>, signedIn = false): Pick<RouteObject, 'lazy'> => ({
  lazy: () =>
    load().then((Page) => ({
      Component: signedIn
        ? () => (
            <RequireSignedIn>
              <Page />
            </RequireSignedIn>
          )
        : Page,
    })),
});

export const portalRoute: RouteObject = {
  path: '/m',
  element: <PortalLayout />,
  children: [
    { index: true, ...page(() => import('./PortalHome').then((m) => m.PortalHome)) },
    { path: 'signup', ...page(() => import('./SignupPage').then((m) => m.SignupPage)) },
    { path: 'report', ...page(() => import('./ReportWizard').then((m) => m.ReportWizard), true) },
    { path: 'mine', ...page(() => import('./MyReportsPage').then((m) => m.MyReportsPage), true) },
    { path: 'mine/:id', ...page(() => import('./MyReportPage').then((m) => m.MyReportPage), true) },
    { path: 'account', ...page(() => import('./AccountPage').then((m) => m.AccountPage), true) },
    {
      path: 'rooms',
      ...page(() => import('../rooms/PortalRoomsPage').then((m) => m.PortalRoomsPage), true),
    },
    {
      path: 'proposals',
      ...page(() => import('../deliberation/PortalProposalsPage').then((m) => m.PortalProposalsPage), true),
    },
    { path: 'services', ...page(() => import('../services/ServiceListPage').then((m) => m.ServiceListPage), true) },
    {
      path: 'services/:code',
      ...page(() => import('../services/ServiceItemPage').then((m) => m.ServiceItemPage), true),
    },
    {
      path: 'applications',
      ...page(() => import('../services/MyApplicationsPage').then((m) => m.MyApplicationsPage), true),
    },
    {
      path: 'applications/:id',
      ...page(() => import('../services/MyApplicationPage').then((m) => m.MyApplicationPage), true),
    },
    { path: 'points', ...page(() => import('../points/PortalPointsPage').then((m) => m.PortalPointsPage), true) },
    {
      path: 'volunteer',
      ...page(() => import('../volunteers/VolunteerHomePage').then((m) => m.VolunteerHomePage), true),
    },
    { path: 'wishes', ...page(() => import('../wishes/PortalWishesPage').then((m) => m.PortalWishesPage), true) },
    { path: 'wishes/:id', ...page(() => import('../wishes/WishDetailPage').then((m) => m.WishDetailPage), true) },
    { path: 'cobuild', ...page(() => import('../cobuild/PortalCobuildPage').then((m) => m.PortalCobuildPage), true) },
    { path: 'public', ...page(() => import('./PublicPage').then((m) => m.PublicPage)) },
    {
      path: 'surveys',
      ...page(() => import('../supervision/SurveysPage').then((m) => m.SurveysPage), true),
    },
    { path: 'lists', ...page(() => import('../supervision/ListsPage').then((m) => m.ListsPage)) },
  ],
};
