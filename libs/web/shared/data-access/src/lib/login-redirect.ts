import { Router, type UrlTree } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { safeReturnUrl } from '@quorum/web/shared/util';

/**
 * `/login?returnUrl=…` pointing back at the page being opened (the navigation in flight, else
 * the current page), so signing in again resumes where the user was.
 */
export function loginUrlTree(router: Router): UrlTree {
  const target = router.currentNavigation()?.extractedUrl;
  const returnUrl = safeReturnUrl(
    target ? router.serializeUrl(target) : router.url,
  );
  return router.createUrlTree(
    ['/', WEB_ROUTES.login],
    returnUrl ? { queryParams: { returnUrl } } : {},
  );
}
