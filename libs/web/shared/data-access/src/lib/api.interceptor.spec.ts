import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ApiProblem } from '@quorum/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { TOKEN_STORAGE, memoryStorage } from './api-config';
import { apiInterceptor } from './api.interceptor';
import { ACCESS_TOKEN_KEY, AuthStore } from './auth.store';

@Component({ template: '' })
class Blank {}

function setup(token: string | null) {
  const storage = memoryStorage();
  if (token) storage.setItem(ACCESS_TOKEN_KEY, token);
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'login', component: Blank },
        { path: 'lab/team', component: Blank },
      ]),
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    auth: TestBed.inject(AuthStore),
    router: TestBed.inject(Router),
    storage,
  };
}

describe('apiInterceptor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('adds the bearer token to API calls', () => {
    const { http, backend } = setup('tok-1');
    http.get('/api/v1/orgs/o-1').subscribe();
    expect(
      backend
        .expectOne('/api/v1/orgs/o-1')
        .request.headers.get('Authorization'),
    ).toBe('Bearer tok-1');
  });

  it('never sends the token anywhere else', () => {
    const { http, backend } = setup('tok-1');
    http.get('https://elsewhere.example/api/v1/x').subscribe();
    http.get('/assets/logo.svg').subscribe();
    expect(
      backend
        .expectOne('https://elsewhere.example/api/v1/x')
        .request.headers.has('Authorization'),
    ).toBe(false);
    expect(
      backend
        .expectOne('/assets/logo.svg')
        .request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('sends no Authorization header when signed out', () => {
    const { http, backend } = setup(null);
    http.post('/api/v1/auth/login', {}).subscribe({ error: () => undefined });
    expect(
      backend
        .expectOne('/api/v1/auth/login')
        .request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('turns application/problem+json into an ApiProblem with every field error', async () => {
    const { http, backend } = setup('tok-1');
    const result = firstValueFrom(http.post('/api/v1/orgs/o-1/members', {}));
    backend.expectOne('/api/v1/orgs/o-1/members').flush(
      {
        type: 'https://quorum.dev/problems/validation',
        title: 'Validation failed',
        status: 400,
        detail: 'The request has 2 invalid fields',
        errors: [
          { path: 'email', message: 'email must be an email' },
          {
            path: 'role',
            message: 'role must be one of lab_admin, lab_member',
          },
        ],
      },
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );

    const problem = await result.then(
      () => null,
      (err: unknown) => err,
    );
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({
      title: 'Validation failed',
      detail: 'The request has 2 invalid fields',
      status: 400,
      errors: [
        { path: 'email', message: 'email must be an email' },
        { path: 'role', message: 'role must be one of lab_admin, lab_member' },
      ],
    });
  });

  it('maps a non-problem error to a readable ApiProblem', async () => {
    const { http, backend } = setup('tok-1');
    const result = firstValueFrom(http.get('/api/v1/orgs/o-1'));
    backend
      .expectOne('/api/v1/orgs/o-1')
      .flush('upstream down', { status: 502, statusText: 'Bad Gateway' });
    await expect(result).rejects.toMatchObject({
      status: 502,
      title: 'Bad Gateway',
    });
  });

  it('on 401 signs out and sends the user to /login with the page to return to', async () => {
    const { http, backend, auth, router, storage } = setup('tok-old');
    await router.navigateByUrl('/lab/team');
    const navigate = jest.spyOn(router, 'navigateByUrl');

    const result = firstValueFrom(http.get('/api/v1/orgs/o-1/members'));
    backend.expectOne('/api/v1/orgs/o-1/members').flush(
      { title: 'Unauthorized', status: 401 },
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.isLoggedIn()).toBe(false);
    expect(storage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledTimes(1);
    await navigate.mock.results[0].value;
    expect(router.url).toBe('/login?returnUrl=%2Flab%2Fteam');
  });

  it('leaves a 401 from the login form (no token) to the form', async () => {
    const { http, backend, router } = setup(null);
    await router.navigateByUrl('/login');
    const navigate = jest.spyOn(router, 'navigateByUrl');

    const result = firstValueFrom(
      http.post('/api/v1/auth/login', { email: 'a@b.c', password: 'x' }),
    );
    backend.expectOne('/api/v1/auth/login').flush(
      { title: 'Invalid email or password', status: 401 },
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );

    await expect(result).rejects.toMatchObject({
      title: 'Invalid email or password',
    });
    expect(navigate).not.toHaveBeenCalled();
  });
});
