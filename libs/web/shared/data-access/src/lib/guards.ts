import { inject } from '@angular/core';
import {
  type CanMatchFn,
  type RedirectFunction,
  Router,
} from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { type AreaKey, canEnterArea } from '@quorum/web/shared/util';
import { map } from 'rxjs';
import { AuthStore } from './auth.store';
import { loginUrlTree } from './login-redirect';

/** Path of the page shown to a signed-in user whose roles open no area. */
export const NO_ACCESS_PATH = 'no-access';

/**
 * Signed-in users only. A canMatch guard so that the profile is loaded before child routes
 * (the home redirect, role guards) are matched, and lazy chunks are not fetched for strangers.
 */
export const authGuard: CanMatchFn = () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return auth
    .ensureUser()
    .pipe(map((user) => (user ? true : loginUrlTree(router))));
};

/** Login and registration: a user who is already signed in goes to their home area. */
export const guestGuard: CanMatchFn = () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return auth
    .ensureUser()
    .pipe(map((user) => (user ? router.parseUrl('/') : true)));
};

/** An area opens only to the roles that own it; anyone else is sent to their own home. */
export function roleGuard(area: AreaKey): CanMatchFn {
  return () => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    return auth.ensureUser().pipe(
      map((user) => {
        if (!user) return loginUrlTree(router);
        return canEnterArea(user.roles, area) ? true : router.parseUrl('/');
      }),
    );
  };
}

/** `/` → the user's home area (run after authGuard has loaded the profile). */
export const homeRedirect: RedirectFunction = () => {
  const auth = inject(AuthStore);
  const home = auth.homePath();
  if (home) return home;
  return auth.user() ? `/${NO_ACCESS_PATH}` : `/${WEB_ROUTES.login}`;
};
