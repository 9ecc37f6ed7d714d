import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatMenuHarness } from '@angular/material/menu/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import type { MeResponse, Role } from '@quorum/contracts';
import {
  ACCESS_TOKEN_KEY,
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { App } from './app';
import { appRoutes } from './app.routes';

function me(roles: Role[], orgKind: MeResponse['orgKind']): MeResponse {
  return {
    id: 'u',
    email: 'pat@org.test',
    displayName: 'Pat Doe',
    orgId: 'o-1',
    orgKind,
    orgName: 'Example Org',
    roles,
  };
}

/** Boots the real app routes with a stored session and answers /auth/me (and any team list). */
async function boot(url: string, user: MeResponse | null) {
  const storage = memoryStorage();
  if (user) storage.setItem(ACCESS_TOKEN_KEY, 'tok');
  TestBed.configureTestingModule({
    imports: [App],
    providers: [
      provideRouter(appRoutes, withComponentInputBinding()),
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideQuorumIcons(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  const fixture = TestBed.createComponent(App);
  const router = TestBed.inject(Router);
  const http = TestBed.inject(HttpTestingController);
  const navigation = router.navigateByUrl(url);
  if (user) {
    for (let i = 0; i < 50; i++) {
      const pending = http.match('/api/v1/auth/me');
      if (pending.length) {
        pending.forEach((r) => r.flush(user));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
  }
  await navigation;
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return {
    fixture,
    router,
    http,
    el,
    navLinks: () =>
      Array.from(el.querySelectorAll('q-area-nav a')).map((a) =>
        a.textContent?.trim(),
      ),
    heading: () => el.querySelector('h1')?.textContent?.trim(),
  };
}

const LAB_NAV = ['Lab', 'Vendors', 'Conflicts', 'Conflict policy', 'Team'];
const ADMIN_NAV = [
  'Admin',
  'Conflicts',
  'Neutrality matrix',
  'Audit log',
  'Queue health',
];
const VENDOR_NAV = ['Vendor', 'Profile', 'Team', 'Performance'];

describe('App', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const { router, el } = await boot('/lab', null);
    expect(router.url).toBe('/login?returnUrl=%2Flab');
    expect(el.querySelector('h1')?.textContent).toBe('Sign in');
    expect(el.querySelector('q-area-nav')).toBeNull();
  });

  it.each<[Role[], MeResponse['orgKind'], string, string, string[]]>([
    [['lab_admin'], 'lab', '/lab', 'Jobs', LAB_NAV],
    [['lab_member'], 'lab', '/lab', 'Jobs', LAB_NAV],
    [['vendor_admin'], 'vendor', '/vendor', 'Routed work', VENDOR_NAV],
    [['annotator'], 'vendor', '/annotate', 'Annotate', ['Annotate']],
    [['reviewer'], 'vendor', '/annotate', 'Annotate', ['Annotate']],
    [['platform_admin'], 'platform', '/admin', 'Ownership registry', ADMIN_NAV],
    [['auditor'], 'platform', '/admin', 'Ownership registry', ADMIN_NAV],
  ])(
    'takes %j (%s org) home to %s, headed %s, and lists only their areas',
    async (roles, kind, path, title, links) => {
      const { router, heading, navLinks } = await boot('/', me(roles, kind));
      expect(router.url).toBe(path);
      expect(heading()).toBe(title);
      expect(navLinks()).toEqual(links);
    },
  );

  it.each<[string, Role, MeResponse['orgKind'], string, string]>([
    ['/lab/vendors', 'lab_member', 'lab', 'Vendors', 'Vendors'],
    ['/lab/conflicts', 'lab_admin', 'lab', 'Conflicts', 'Conflicts'],
    ['/lab/policy', 'lab_admin', 'lab', 'Conflict policy', 'Conflict policy'],
    ['/admin/conflicts', 'auditor', 'platform', 'Conflicts', 'Conflicts'],
    [
      '/admin/matrix',
      'platform_admin',
      'platform',
      'Neutrality matrix',
      'Neutrality matrix',
    ],
    ['/admin/audit', 'auditor', 'platform', 'Audit log', 'Audit log'],
    ['/admin/queues', 'auditor', 'platform', 'Queue health', 'Queue health'],
    [
      '/admin/queues',
      'platform_admin',
      'platform',
      'Queue health',
      'Queue health',
    ],
    [
      '/vendor/performance',
      'vendor_admin',
      'vendor',
      'Performance',
      'Performance',
    ],
    // An entity is reached from the registry, the Admin landing page, which stays current.
    ['/admin/entities/e-1', 'platform_admin', 'platform', 'Entity', 'Admin'],
  ])(
    'opens %s for a %s, headed %s, with %s current in the navigation',
    async (url, role, kind, title, current) => {
      const { router, heading, el } = await boot(url, me([role], kind));
      expect(router.url).toBe(url);
      expect(heading()).toBe(title);
      expect(
        Array.from(
          el.querySelectorAll('q-area-nav a[aria-current="page"]'),
        ).map((a) => a.textContent?.trim()),
      ).toEqual([current]);
    },
  );

  it('keeps a lab member out of the admin pages', async () => {
    const { router } = await boot('/admin/audit', me(['lab_member'], 'lab'));
    expect(router.url).toBe('/lab');
  });

  it('keeps an annotator out of the vendor area', async () => {
    const { router, heading } = await boot(
      '/vendor',
      me(['annotator'], 'vendor'),
    );
    expect(router.url).toBe('/annotate');
    expect(heading()).toBe('Annotate');
  });

  it('shows org and display name in the user menu and signs out to /login', async () => {
    const { fixture, router, el } = await boot(
      '/',
      me(['platform_admin'], 'platform'),
    );
    expect(el.querySelector('q-user-menu')?.textContent).toContain('Pat Doe');

    const menu =
      await TestbedHarnessEnvironment.loader(fixture).getHarness(
        MatMenuHarness,
      );
    await menu.open();
    const overlay =
      document.querySelector('.mat-mdc-menu-panel')?.textContent ?? '';
    expect(overlay).toContain('Example Org');
    expect(overlay).toContain('Pat Doe');
    await menu.clickItem({ text: /Sign out/ });
    await fixture.whenStable();

    expect(router.url).toBe('/login');
    expect(TestBed.inject(TOKEN_STORAGE).getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });
});
