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
    { path: 'public', ...page(() => import('./PublicPage').then((m) => m.PublicPage)) },
  ],
};
