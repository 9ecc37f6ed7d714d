import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiProblem } from '@quorum/web/shared/util';
import { catchError, throwError } from 'rxjs';
import { API_BASE_URL } from './api-config';
import { AuthStore } from './auth.store';
import { loginUrlTree } from './login-redirect';

/**
 * For calls to the Quorum API only: adds the bearer token, turns every error answer into an
 * `ApiProblem`, and ends the session when the server no longer accepts the token.
 */
export const apiInterceptor: HttpInterceptorFn = (req, next) => {
  const base = inject(API_BASE_URL);
  if (!isApiUrl(req.url, base)) return next(req);

  const auth = inject(AuthStore);
  const router = inject(Router);
  const token = auth.token();
  const sent =
    token && !req.headers.has('Authorization')
      ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : req;

  return next(sent).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse)) return throwError(() => err);
      const problem = ApiProblem.fromResponse(
        err.status,
        err.error,
        err.statusText,
      );
      // A 401 without a token is a wrong password on the login form: the form shows it.
      if (err.status === 401 && token) {
        auth.logout();
        void router.navigateByUrl(loginUrlTree(router));
      }
      return throwError(() => problem);
    }),
  );
};

function isApiUrl(url: string, base: string): boolean {
  if (url.startsWith(base)) return true;
  // Absolute URLs to this origin's API (base may itself be absolute in some deployments).
  try {
    const origin =
      typeof location === 'undefined' ? 'http://localhost' : location.origin;
    const parsed = new URL(url, origin);
    const baseParsed = new URL(base, origin);
    return (
      parsed.origin === baseParsed.origin &&
      parsed.pathname.startsWith(baseParsed.pathname)
    );
  } catch {
    return false;
  }
}
