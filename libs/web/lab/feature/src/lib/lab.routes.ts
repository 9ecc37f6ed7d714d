import type { Route } from '@angular/router';
import { LAB_PAGES } from '@quorum/web/shared/util';
import { LabConflictsPage } from './conflicts.page';
import { LabJobPage } from './job.page';
import { LabJobsPage } from './jobs.page';
import { LabNewJobPage } from './new-job.page';
import { LabPolicyPage } from './policy.page';
import { LabTeamPage } from './team.page';
import { LabVendorsPage } from './vendors.page';

/** Mounted at /lab (lab_admin, lab_member). */
export const labRoutes: Route[] = [
  { path: '', component: LabJobsPage, title: 'Jobs · Quorum' },
  {
    path: `${LAB_PAGES.jobs}/${LAB_PAGES.newJob}`,
    component: LabNewJobPage,
    title: 'New job · Lab · Quorum',
  },
  {
    path: `${LAB_PAGES.jobs}/:id`,
    component: LabJobPage,
    title: 'Job · Lab · Quorum',
  },
  { path: LAB_PAGES.jobs, pathMatch: 'full', redirectTo: '' },
  {
    path: LAB_PAGES.vendors,
    component: LabVendorsPage,
    title: 'Vendors · Lab · Quorum',
  },
  {
    path: LAB_PAGES.conflicts,
    component: LabConflictsPage,
    title: 'Conflicts · Lab · Quorum',
  },
  {
    path: LAB_PAGES.policy,
    component: LabPolicyPage,
    title: 'Conflict policy · Lab · Quorum',
  },
  {
    path: LAB_PAGES.team,
    component: LabTeamPage,
    title: 'Team · Lab · Quorum',
  },
];
