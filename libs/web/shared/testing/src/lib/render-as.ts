/** Test helpers for pages: render a standalone page as a signed-in user against HttpTestingController. */
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { Provider, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import type { MeResponse, OrgKind, Role } from '@quorum/contracts';
import {
  ACCESS_TOKEN_KEY,
  AuthStore,
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { firstValueFrom } from 'rxjs';

export const problemHeaders = {
  headers: { 'Content-Type': 'application/problem+json' },
};

/** Signs in as a user with these roles (via /auth/me), then renders the page. */
export async function renderAs<T>(
  page: Type<T>,
  roles: Role[],
  orgKind: OrgKind,
  options: { providers?: Provider[]; inputs?: Record<string, unknown> } = {},
) {
  const storage = memoryStorage();
  storage.setItem(ACCESS_TOKEN_KEY, 'tok');
  TestBed.configureTestingModule({
    imports: [page],
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([], withComponentInputBinding()),
      provideQuorumIcons(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: TOKEN_STORAGE, useValue: storage },
      ...(options.providers ?? []),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const me: MeResponse = {
    id: 'u-me',
    email: 'me@org.test',
    displayName: 'Pat',
    orgId: 'org-1',
    orgKind,
    orgName: orgKind === 'lab' ? 'Northwind AI' : 'Quorum Platform',
    roles,
  };
  const loaded = firstValueFrom(TestBed.inject(AuthStore).loadMe());
  http.expectOne('/api/v1/auth/me').flush(me);
  await loaded;

  const fixture = TestBed.createComponent(page);
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return {
    fixture,
    http,
    el,
    loader: TestbedHarnessEnvironment.loader(fixture),
    root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    stable: () => fixture.whenStable(),
    text: () => el.textContent?.replace(/\s+/g, ' ') ?? '',
  };
}
