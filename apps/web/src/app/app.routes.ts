import type { Route } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import {
  NO_ACCESS_PATH,
  authGuard,
  homeRedirect,
  roleGuard,
} from '@quorum/web/shared/data-access';

export const appRoutes: Route[] = [
  {
    path: WEB_ROUTES.login,
    loadChildren: () =>
      import('@quorum/web/auth/feature').then((m) => m.loginRoutes),
  },
  {
    path: WEB_ROUTES.register,
    loadChildren: () =>
      import('@quorum/web/auth/feature').then((m) => m.registerRoutes),
  },
  {
    // Everything else needs a session; canMatch loads the profile before the children are matched.
    // The shell is lazy too, so the login page does not wait for the toolbar/sidenav code.
    path: '',
    loadComponent: () => import('./shell').then((m) => m.Shell),
    canMatch: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: homeRedirect },
      {
        path: WEB_ROUTES.lab,
        canMatch: [roleGuard('lab')],
        loadChildren: () =>
          import('@quorum/web/lab/feature').then((m) => m.labRoutes),
      },
      {
        path: WEB_ROUTES.annotate,
        canMatch: [roleGuard('annotate')],
        loadChildren: () =>
          import('@quorum/web/annotate/feature').then((m) => m.annotateRoutes),
      },
      {
        path: WEB_ROUTES.vendor,
        canMatch: [roleGuard('vendor')],
        loadChildren: () =>
          import('@quorum/web/vendor/feature').then((m) => m.vendorRoutes),
      },
      {
        path: WEB_ROUTES.admin,
        canMatch: [roleGuard('admin')],
        loadChildren: () =>
          import('@quorum/web/admin/feature').then((m) => m.adminRoutes),
      },
      {
        path: NO_ACCESS_PATH,
        loadComponent: () => import('./pages').then((m) => m.NoAccessPage),
        title: 'No access · Quorum',
      },
      {
        path: '**',
        loadComponent: () => import('./pages').then((m) => m.NotFoundPage),
        title: 'Not found · Quorum',
      },
    ],
  },
];
