import type { Route } from '@angular/router';
import { AnnotateTasksPage } from './tasks.page';

/** Mounted at /annotate (annotator, reviewer). */
export const annotateRoutes: Route[] = [
  { path: '', component: AnnotateTasksPage, title: 'Annotate · Quorum' },
];
