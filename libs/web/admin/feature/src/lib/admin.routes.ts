import type { Route } from '@angular/router';
import { ADMIN_PAGES } from '@quorum/web/shared/util';
import { AdminAuditPage } from './audit.page';
import { AdminConflictsPage } from './conflicts.page';
import { AdminEntityPage } from './entity.page';
import { AdminMatrixPage } from './matrix.page';
import { AdminQueuesPage } from './queues.page';
import { AdminRegistryPage } from './registry.page';

/** Mounted at /admin (platform_admin, auditor). */
export const adminRoutes: Route[] = [
  {
    path: '',
    component: AdminRegistryPage,
    title: 'Ownership registry · Quorum',
  },
  {
    path: `${ADMIN_PAGES.entities}/:id`,
    component: AdminEntityPage,
    title: 'Entity · Ownership registry · Quorum',
  },
  {
    path: ADMIN_PAGES.conflicts,
    component: AdminConflictsPage,
    title: 'Conflicts · Admin · Quorum',
  },
  {
    path: ADMIN_PAGES.matrix,
    component: AdminMatrixPage,
    title: 'Neutrality matrix · Admin · Quorum',
  },
  {
    path: ADMIN_PAGES.audit,
    component: AdminAuditPage,
    title: 'Audit log · Admin · Quorum',
  },
  {
    path: ADMIN_PAGES.queues,
    component: AdminQueuesPage,
    title: 'Queue health · Admin · Quorum',
  },
];
