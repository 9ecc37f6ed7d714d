import type { Route } from '@angular/router';
import { guestGuard } from '@quorum/web/shared/data-access';
import { LoginPage } from './login.page';
import { RegisterPage } from './register.page';

/** Mounted at /login. */
export const loginRoutes: Route[] = [
  {
    path: '',
    canMatch: [guestGuard],
    component: LoginPage,
    title: 'Sign in · Quorum',
  },
];

/** Mounted at /register. */
export const registerRoutes: Route[] = [
  {
    path: '',
    canMatch: [guestGuard],
    component: RegisterPage,
    title: 'Create your organization · Quorum',
  },
];
