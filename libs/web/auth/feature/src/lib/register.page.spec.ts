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
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { Router, provideRouter } from '@angular/router';
import type { RegisterResponse } from '@quorum/contracts';
import {
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { RegisterPage } from './register.page';

@Component({ template: '' })
class Blank {}

async function setup() {
  TestBed.configureTestingModule({
    imports: [RegisterPage],
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'vendor', component: Blank },
        { path: 'login', component: Blank },
      ]),
      provideQuorumIcons(),
      { provide: TOKEN_STORAGE, useValue: memoryStorage() },
    ],
  });
  const fixture = TestBed.createComponent(RegisterPage);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  await fixture.whenStable();
  const field = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  return {
    fixture,
    http: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    field,
    errors: async (label: string) => (await field(label)).getTextErrors(),
    fill: async (label: string, value: string) =>
      (await (await field(label)).getControl(MatInputHarness))?.setValue(value),
    chooseKind: async (label: 'Lab' | 'Vendor') =>
      (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({
        label,
      }),
    submit: async () =>
      (
        await loader.getHarness(
          MatButtonHarness.with({ text: 'Create account' }),
        )
      ).click(),
    text: () => (fixture.nativeElement as HTMLElement).textContent ?? '',
  };
}

describe('RegisterPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('requires every field, the org kind and a 12-character password before calling the API', async () => {
    const { fill, submit, errors, text, http } = await setup();
    await fill('Password', 'short');
    await submit();

    expect(await errors('Email')).toEqual(['Email is required']);
    expect(await errors('Display name')).toEqual(['Display name is required']);
    expect(await errors('Organization name')).toEqual([
      'Organization name is required',
    ]);
    expect(await errors('Password')).toEqual(['Use at least 12 characters']);
    expect(text()).toContain('Choose whether you are a lab or a vendor');
    http.expectNone('/api/v1/auth/register');
  });

  it('creates the organization and opens the home area of its admin', async () => {
    const { fill, chooseKind, submit, http, router, fixture } = await setup();
    await chooseKind('Vendor');
    await fill('Organization name', 'Acme Labeling');
    await fill('Display name', 'Vic');
    await fill('Email', 'vic@acme.test');
    await fill('Password', 'twelve chars ok');
    await submit();

    const req = http.expectOne('/api/v1/auth/register');
    expect(req.request.body).toEqual({
      orgKind: 'vendor',
      orgName: 'Acme Labeling',
      displayName: 'Vic',
      email: 'vic@acme.test',
      password: 'twelve chars ok',
    });
    req.flush({
      accessToken: 't',
      user: {
        id: 'u',
        email: 'vic@acme.test',
        displayName: 'Vic',
        orgId: 'o',
        roles: ['vendor_admin'],
      },
      org: {
        id: 'o',
        name: 'Acme Labeling',
        kind: 'vendor',
        entityId: 'e',
        createdAt: '2025-01-01T00:00:00Z',
      },
    } satisfies RegisterResponse);
    await fixture.whenStable();

    expect(router.url).toBe('/vendor');
  });

  it('shows the server field errors beside the fields', async () => {
    const { fill, chooseKind, submit, http, fixture, errors, text } =
      await setup();
    await chooseKind('Lab');
    await fill('Organization name', 'Northwind');
    await fill('Display name', 'Ada');
    await fill('Email', 'taken@lab.test');
    await fill('Password', 'twelve chars ok');
    await submit();

    http.expectOne('/api/v1/auth/register').flush(
      {
        type: 'https://quorum.dev/problems/validation',
        title: 'Validation failed',
        status: 400,
        errors: [
          { path: 'email', message: 'email is already registered' },
          { path: 'orgName', message: 'orgName is already taken' },
        ],
      },
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );
    await fixture.whenStable();

    expect(await errors('Email')).toEqual(['email is already registered']);
    expect(await errors('Organization name')).toEqual([
      'orgName is already taken',
    ]);
    expect(text()).toContain('Validation failed');

    // Editing the field clears the server's complaint about it.
    await fill('Email', 'other@lab.test');
    expect(await errors('Email')).toEqual([]);
  });
});
