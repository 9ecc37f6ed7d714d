import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router, provideRouter } from '@angular/router';
import type { MeResponse } from '@quorum/contracts';
import {
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { LoginPage } from './login.page';

@Component({ template: '' })
class Blank {}

const me: MeResponse = {
  id: 'u-1',
  email: 'ada@lab.test',
  displayName: 'Ada',
  orgId: 'o-1',
  orgKind: 'lab',
  orgName: 'Northwind Lab',
  roles: ['lab_member'],
};

async function setup(returnUrl?: string) {
  TestBed.configureTestingModule({
    imports: [LoginPage],
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        {
          path: 'lab',
          children: [
            { path: '', component: Blank },
            { path: 'team', component: Blank },
          ],
        },
        { path: 'login', component: Blank },
      ]),
      provideQuorumIcons(),
      { provide: TOKEN_STORAGE, useValue: memoryStorage() },
    ],
  });
  const fixture = TestBed.createComponent(LoginPage);
  if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  await fixture.whenStable();
  const field = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  return {
    fixture,
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    field,
    fill: async (label: string, value: string) => {
      const harness = await field(label);
      const control = await harness.getControl(MatInputHarness);
      await control?.setValue(value);
    },
    signIn: async () =>
      (
        await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))
      ).click(),
    text: () => (fixture.nativeElement as HTMLElement).textContent ?? '',
  };
}

describe('LoginPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('labels its fields Email and Password', async () => {
    const { field } = await setup();
    expect(await (await field('Email')).getLabel()).toContain('Email');
    expect(await (await field('Password')).getLabel()).toContain('Password');
  });

  it('does not call the API and names each missing field when submitted empty', async () => {
    const { signIn, field, http } = await setup();
    await signIn();

    expect(await (await field('Email')).getTextErrors()).toEqual([
      'Email is required',
    ]);
    expect(await (await field('Password')).getTextErrors()).toEqual([
      'Password is required',
    ]);
    http.expectNone('/api/v1/auth/login');
  });

  it('rejects an address that is not an email', async () => {
    const { fill, signIn, field, http } = await setup();
    await fill('Email', 'not-an-email');
    await fill('Password', 'whatever it is');
    await signIn();

    expect(await (await field('Email')).getTextErrors()).toEqual([
      'Enter a valid email address',
    ]);
    expect(await (await field('Password')).getTextErrors()).toEqual([]);
    http.expectNone('/api/v1/auth/login');
  });

  it('signs in and lands in the home area of the user', async () => {
    const { fill, signIn, http, router, fixture } = await setup();
    await fill('Email', '  ada@lab.test ');
    await fill('Password', 'correct horse battery');
    await signIn();

    const login = http.expectOne('/api/v1/auth/login');
    expect(login.request.body).toEqual({
      email: 'ada@lab.test',
      password: 'correct horse battery',
    });
    login.flush({
      accessToken: 't',
      expiresAt: '2030-01-01T00:00:00Z',
      user: { ...me },
    });
    http.expectOne('/api/v1/auth/me').flush(me);
    await fixture.whenStable();

    expect(router.url).toBe('/lab');
  });

  it('returns to the page the user was sent away from', async () => {
    const { fill, signIn, http, router, fixture } = await setup('/lab/team');
    await fill('Email', 'ada@lab.test');
    await fill('Password', 'correct horse battery');
    await signIn();
    http.expectOne('/api/v1/auth/login').flush({
      accessToken: 't',
      expiresAt: '2030-01-01T00:00:00Z',
      user: { ...me },
    });
    http.expectOne('/api/v1/auth/me').flush(me);
    await fixture.whenStable();

    expect(router.url).toBe('/lab/team');
  });

  it('shows the server problem on wrong credentials and stays on the page', async () => {
    const { fill, signIn, http, router, fixture, text } = await setup();
    const navigate = jest.spyOn(router, 'navigateByUrl');
    await fill('Email', 'ada@lab.test');
    await fill('Password', 'wrong password!!');
    await signIn();

    http.expectOne('/api/v1/auth/login').flush(
      { type: 'about:blank', title: 'Wrong email or password', status: 401 },
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );
    await fixture.whenStable();

    expect(text()).toContain('Wrong email or password');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]'),
    ).not.toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });
});
