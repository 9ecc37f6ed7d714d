import type { Route } from '@angular/router';
import { VendorRoutedWorkPage } from './routed-work.page';
import { VendorTeamPage } from './team.page';

/** Mounted at /vendor (vendor_admin). */
export const vendorRoutes: Route[] = [
  { path: '', component: VendorRoutedWorkPage, title: 'Routed work · Quorum' },
  { path: 'team', component: VendorTeamPage, title: 'Team · Vendor · Quorum' },
];
