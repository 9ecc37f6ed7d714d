import type { Route } from '@angular/router';
import { LabJobsPage } from './jobs.page';
import { LabTeamPage } from './team.page';

/** Mounted at /lab (lab_admin, lab_member). */
export const labRoutes: Route[] = [
  { path: '', component: LabJobsPage, title: 'Jobs · Quorum' },
  { path: 'team', component: LabTeamPage, title: 'Team · Lab · Quorum' },
];
