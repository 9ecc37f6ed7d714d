import { inject } from '@angular/core';
import { Router, type Route } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { AuthStore } from '@quorum/web/shared/data-access';
import { AnnotateReviewPage } from './review.page';
import { ANNOTATE_PAGES, AnnotateTasksPage } from './tasks.page';

/** The review queue is for reviewers; anyone else is sent back to their tasks. */
function reviewerOnly() {
  return inject(AuthStore).roles().includes('reviewer')
    ? true
    : inject(Router).createUrlTree(['/', WEB_ROUTES.annotate]);
}

/** Mounted at /annotate (annotator, reviewer). */
export const annotateRoutes: Route[] = [
  { path: '', component: AnnotateTasksPage, title: 'Annotate · Quorum' },
  {
    path: ANNOTATE_PAGES.review,
    component: AnnotateReviewPage,
    canActivate: [reviewerOnly],
    title: 'Review · Annotate · Quorum',
  },
];
