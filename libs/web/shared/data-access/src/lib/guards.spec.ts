import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { MeResponse, Role } from '@quorum/contracts';
import { TOKEN_STORAGE, memoryStorage } from './api-config';
import { apiInterceptor } from './api.interceptor';
import { ACCESS_TOKEN_KEY } from './auth.store';
import {
  NO_ACCESS_PATH,
  authGuard,
  guestGuard,
  homeRedirect,
  roleGuard,
} from './guards';

@Component({ template: '' })
class Blank {}

function user(roles: Role[]): MeResponse {
  return {
    id: 'u',
    email: 'u@x.test',
    displayName: 'U',
    orgId: 'o',
    orgKind: 'lab',
    orgName: 'Org',
    roles,
  };
}

async function navigate(
  url: string,
  opts: { token: string | null; roles?: Role[]; expired?: boolean },
) {
  const storage = memoryStorage();
  if (opts.token) storage.setItem(ACCESS_TOKEN_KEY, opts.token);
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      { provide: TOKEN_STORAGE, useValue: storage },
      provideRouter([
        { path: 'login', canMatch: [guestGuard], component: Blank },
        {
          path: '',
          canMatch: [authGuard],
          children: [
            { path: '', pathMatch: 'full', redirectTo: homeRedirect },
            { path: 'lab', canMatch: [roleGuard('lab')], component: Blank },
            {
              path: 'vendor',
              canMatch: [roleGuard('vendor')],
              component: Blank,
            },
            {
              path: 'annotate',
              canMatch: [roleGuard('annotate')],
              component: Blank,
            },
            { path: 'admin', canMatch: [roleGuard('admin')], component: Blank },
            { path: NO_ACCESS_PATH, component: Blank },
          ],
        },
      ]),
    ],
  });
  const router = TestBed.inject(Router);
  const backend = TestBed.inject(HttpTestingController);
  const done = router.navigateByUrl(url);
  if (opts.token) {
    // The router runs guards asynchronously; wait until the profile request goes out.
    let requests = backend.match('/api/v1/auth/me');
    for (let i = 0; i < 20 && requests.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      requests = backend.match('/api/v1/auth/me');
    }
    expect(requests).toHaveLength(1);
    if (opts.expired) {
      requests[0].flush(
        { title: 'Unauthorized', status: 401 },
        {
          status: 401,
          statusText: 'Unauthorized',
          headers: { 'Content-Type': 'application/problem+json' },
        },
      );
    } else {
      requests[0].flush(user(opts.roles ?? []));
    }
  }
  await done;
  // A rejected session starts a second navigation (the interceptor's); let it finish too.
  for (let i = 0; i < 20 && router.currentNavigation(); i++) {
    await new Promise((resolve) => setTimeout(resolve));
  }
  return router.url;
}

describe('route guards', () => {
  it('sends a stranger to /login, remembering the page', async () => {
    expect(await navigate('/vendor', { token: null })).toBe(
      '/login?returnUrl=%2Fvendor',
    );
  });

  it('drops a session the server rejects and asks to sign in again, remembering the page', async () => {
    expect(await navigate('/lab', { token: 'expired', expired: true })).toBe(
      '/login?returnUrl=%2Flab',
    );
    expect(TestBed.inject(TOKEN_STORAGE).getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('opens the login page to a stranger', async () => {
    expect(await navigate('/login', { token: null })).toBe('/login');
  });

  it.each<[Role, string]>([
    ['lab_member', '/lab'],
    ['vendor_admin', '/vendor'],
    ['reviewer', '/annotate'],
    ['auditor', '/admin'],
  ])('redirects / to the home area of a %s', async (role, home) => {
    expect(await navigate('/', { token: 't', roles: [role] })).toBe(home);
  });

  it('sends a signed-in user away from the login page to their home', async () => {
    expect(await navigate('/login', { token: 't', roles: ['annotator'] })).toBe(
      '/annotate',
    );
  });

  it('keeps an annotator out of the vendor admin area', async () => {
    expect(
      await navigate('/vendor', { token: 't', roles: ['annotator'] }),
    ).toBe('/annotate');
  });

  it('lets a lab admin into Lab', async () => {
    expect(await navigate('/lab', { token: 't', roles: ['lab_admin'] })).toBe(
      '/lab',
    );
  });

  it('shows the no-access page to a user without any role', async () => {
    expect(await navigate('/', { token: 't', roles: [] })).toBe(
      `/${NO_ACCESS_PATH}`,
    );
  });
});
