import type { Route } from '@angular/router';
import { AdminRegistryPage } from './registry.page';

/** Mounted at /admin (platform_admin, auditor). */
export const adminRoutes: Route[] = [
  {
    path: '',
    component: AdminRegistryPage,
    title: 'Ownership registry · Quorum',
  },
];
