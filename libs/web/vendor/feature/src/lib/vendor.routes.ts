import type { Route } from '@angular/router';
import { VENDOR_PAGES } from '@quorum/web/shared/util';
import { VendorPerformancePage } from './performance.page';
import { VendorProfilePage } from './profile.page';
import { VendorRoutedWorkPage } from './routed-work.page';
import { VendorTeamPage } from './team.page';

/** Mounted at /vendor (vendor_admin). */
export const vendorRoutes: Route[] = [
  { path: '', component: VendorRoutedWorkPage, title: 'Routed work · Quorum' },
  {
    path: VENDOR_PAGES.profile,
    component: VendorProfilePage,
    title: 'Profile · Vendor · Quorum',
  },
  {
    path: VENDOR_PAGES.team,
    component: VendorTeamPage,
    title: 'Team · Vendor · Quorum',
  },
  {
    path: VENDOR_PAGES.performance,
    component: VendorPerformancePage,
    title: 'Performance · Vendor · Quorum',
  },
];
