import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  LoginResponse,
  MeResponse,
  RegisterResponse,
} from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { TOKEN_STORAGE, type TokenStorage, memoryStorage } from './api-config';
import { apiInterceptor } from './api.interceptor';
import { ACCESS_TOKEN_KEY, AuthStore } from './auth.store';

const me: MeResponse = {
  id: 'u-1',
  email: 'ada@lab.test',
  displayName: 'Ada',
  orgId: 'o-1',
  orgKind: 'lab',
  orgName: 'Northwind Lab',
  roles: ['lab_admin'],
};

@Component({ template: '' })
class Blank {}

function setup(storage: TokenStorage = memoryStorage()) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([{ path: 'login', component: Blank }]),
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  return {
    store: TestBed.inject(AuthStore),
    http: TestBed.inject(HttpTestingController),
    storage,
  };
}

describe('AuthStore', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('starts signed out without a stored token', () => {
    const { store } = setup();
    expect(store.isLoggedIn()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.roles()).toEqual([]);
    expect(store.orgKind()).toBeNull();
  });

  it('signs in, stores the token and loads the profile', async () => {
    const { store, http, storage } = setup();
    const result = firstValueFrom(
      store.login({ email: me.email, password: 'correct horse battery' }),
    );

    const login = http.expectOne('/api/v1/auth/login');
    expect(login.request.method).toBe('POST');
    expect(login.request.body).toEqual({
      email: me.email,
      password: 'correct horse battery',
    });
    login.flush({
      accessToken: 'tok-1',
      expiresAt: '2030-01-01T00:00:00Z',
      user: {
        id: me.id,
        email: me.email,
        roles: me.roles,
        orgId: me.orgId,
        displayName: me.displayName,
        orgKind: 'lab',
      },
    } satisfies LoginResponse);

    const meReq = http.expectOne('/api/v1/auth/me');
    expect(meReq.request.headers.get('Authorization')).toBe('Bearer tok-1');
    meReq.flush(me);

    await expect(result).resolves.toEqual(me);
    expect(store.isLoggedIn()).toBe(true);
    expect(store.token()).toBe('tok-1');
    expect(storage.getItem(ACCESS_TOKEN_KEY)).toBe('tok-1');
    expect(store.roles()).toEqual(['lab_admin']);
    expect(store.orgKind()).toBe('lab');
    expect(store.homePath()).toBe('/lab');
    expect(store.areas().map((a) => a.key)).toEqual(['lab']);
  });

  it('stays signed out and surfaces the problem on wrong credentials', async () => {
    const { store, http, storage } = setup();
    const result = firstValueFrom(
      store.login({ email: me.email, password: 'wrong password!' }),
    );
    http.expectOne('/api/v1/auth/login').flush(
      {
        type: 'about:blank',
        title: 'Invalid email or password',
        status: 401,
      },
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );

    await expect(result).rejects.toBeInstanceOf(ApiProblem);
    await expect(result).rejects.toMatchObject({
      title: 'Invalid email or password',
      status: 401,
    });
    expect(store.isLoggedIn()).toBe(false);
    expect(storage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('registers and takes the profile from the answer without another request', async () => {
    const { store, http, storage } = setup();
    const result = firstValueFrom(
      store.register({
        email: 'v@vendor.test',
        password: 'a long enough pw',
        displayName: 'Vic',
        orgName: 'Acme Labeling',
        orgKind: 'vendor',
      }),
    );
    const req = http.expectOne('/api/v1/auth/register');
    expect(req.request.method).toBe('POST');
    req.flush({
      accessToken: 'tok-2',
      user: {
        id: 'u-2',
        email: 'v@vendor.test',
        displayName: 'Vic',
        orgId: 'o-2',
        roles: ['vendor_admin'],
      },
      org: {
        id: 'o-2',
        name: 'Acme Labeling',
        kind: 'vendor',
        entityId: 'e-2',
        createdAt: '2025-01-01T00:00:00Z',
      },
    } satisfies RegisterResponse);

    await expect(result).resolves.toMatchObject({
      orgName: 'Acme Labeling',
      orgKind: 'vendor',
      roles: ['vendor_admin'],
    });
    expect(storage.getItem(ACCESS_TOKEN_KEY)).toBe('tok-2');
    expect(store.homePath()).toBe('/vendor');
  });

  it('restores the session from storage after a reload and loads the profile once', async () => {
    const storage = memoryStorage();
    storage.setItem(ACCESS_TOKEN_KEY, 'tok-saved');
    const { store, http } = setup(storage);
    expect(store.isLoggedIn()).toBe(true);
    expect(store.user()).toBeNull();

    const a = firstValueFrom(store.ensureUser());
    const b = firstValueFrom(store.ensureUser());
    const req = http.expectOne('/api/v1/auth/me');
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok-saved');
    req.flush(me);

    await expect(a).resolves.toEqual(me);
    await expect(b).resolves.toEqual(me);
    await expect(firstValueFrom(store.ensureUser())).resolves.toEqual(me);
    http.expectNone('/api/v1/auth/me');
  });

  it('drops a stored token the server no longer accepts', async () => {
    const storage = memoryStorage();
    storage.setItem(ACCESS_TOKEN_KEY, 'tok-expired');
    const { store, http } = setup(storage);

    const user = firstValueFrom(store.ensureUser());
    http
      .expectOne('/api/v1/auth/me')
      .flush(
        { title: 'Unauthorized', status: 401 },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(user).resolves.toBeNull();
    expect(store.isLoggedIn()).toBe(false);
    expect(storage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('signs out: forgets token, user and stored token', async () => {
    const storage = memoryStorage();
    storage.setItem(ACCESS_TOKEN_KEY, 'tok');
    const { store, http } = setup(storage);
    const loaded = firstValueFrom(store.loadMe());
    http.expectOne('/api/v1/auth/me').flush(me);
    await loaded;

    store.logout();
    expect(store.isLoggedIn()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.roles()).toEqual([]);
    expect(storage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });
});
