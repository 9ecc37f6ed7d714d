import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { MeResponse, VendorWorkItem } from '@quorum/contracts';
import {
  ACCESS_TOKEN_KEY,
  AuthStore,
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { firstValueFrom } from 'rxjs';
import { VendorProfilePage } from './profile.page';
import { VendorRoutedWorkPage } from './routed-work.page';
import { VendorTeamPage } from './team.page';

const vic: MeResponse = {
  id: 'u-1',
  email: 'vic@acme.test',
  displayName: 'Vic',
  orgId: 'o-9',
  orgKind: 'vendor',
  orgName: 'Acme Labeling',
  roles: ['vendor_admin'],
};

async function signedIn(user: MeResponse = vic) {
  const storage = memoryStorage();
  storage.setItem(ACCESS_TOKEN_KEY, 'tok');
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      provideQuorumIcons(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const loaded = firstValueFrom(TestBed.inject(AuthStore).loadMe());
  http.expectOne('/api/v1/auth/me').flush(user);
  await loaded;
  return http;
}

function workOf(overrides: Partial<VendorWorkItem> = {}): VendorWorkItem {
  return {
    jobId: 'j-1',
    title: 'Banking intents',
    labOrgId: 'lab-1',
    labName: 'Northwind AI',
    taskType: 'classification',
    pricePerAnswer: 0.05,
    deadline: null,
    status: 'offered',
    slots: 120,
    openSlots: 90,
    jobStatus: 'published',
    ...overrides,
  };
}

async function routedWork(items: VendorWorkItem[], user: MeResponse = vic) {
  const http = await signedIn(user);
  const fixture = TestBed.createComponent(VendorRoutedWorkPage);
  await fixture.whenStable();
  http.expectOne('/api/v1/vendor/work').flush({ items, nextCursor: null });
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return {
    http,
    fixture,
    el,
    loader: TestbedHarnessEnvironment.loader(fixture),
    root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    text: () => el.textContent?.replace(/\s+/g, ' ') ?? '',
  };
}

describe('VendorRoutedWorkPage', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('is headed Routed work and explains that none has arrived', async () => {
    const { el, text } = await routedWork([]);
    expect(el.querySelector('h1')?.textContent).toBe('Routed work');
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe(
      'No routed work yet',
    );
    expect(text()).toContain('Acme Labeling');
  });

  it('lists routed jobs with lab, task type, price, slots and status', async () => {
    const { el } = await routedWork([
      workOf(),
      workOf({
        jobId: 'j-2',
        title: 'Done job',
        status: 'accepted',
        jobStatus: 'completed',
      }),
    ]);
    const cells = [...el.querySelectorAll('tr[mat-row]')].map((r) =>
      [...r.querySelectorAll('td')].map((td) =>
        td.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(cells[0].slice(0, 7)).toEqual([
      expect.stringContaining('Banking intents'),
      'Northwind AI',
      'Classification',
      '0.05',
      '120',
      '90',
      'Offered',
    ]);
    expect(cells[0][7]).toContain('Accept');
    expect(cells[0][7]).toContain('Decline');
    // A completed job can no longer be answered.
    expect(cells[1][7]).toBe('');
  });

  it('accepts an offer', async () => {
    const { http, loader, fixture, text } = await routedWork([workOf()]);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /^Accept/ }))
    ).click();
    http
      .expectOne({ method: 'POST', url: '/api/v1/vendor/work/j-1/accept' })
      .flush(workOf({ status: 'accepted' }));
    await fixture.whenStable();
    expect(text()).toContain('Accepted');
    expect(text()).not.toContain('Accept Banking');
  });

  it('declines only after confirming that the open slots are re-routed', async () => {
    const { http, loader, root, fixture, text } = await routedWork([workOf()]);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /^Decline/ }))
    ).click();
    const dialog = document.querySelector('mat-dialog-container');
    expect(dialog?.textContent).toContain(
      'The open slots will be re-routed to other vendors',
    );
    await (
      await root.getHarness(MatButtonHarness.with({ text: 'Keep the work' }))
    ).click();
    http.expectNone('/api/v1/vendor/work/j-1/decline');

    await (
      await loader.getHarness(MatButtonHarness.with({ text: /^Decline/ }))
    ).click();
    await (
      await root.getHarness(
        MatButtonHarness.with({
          text: 'Decline',
          ancestor: 'mat-dialog-container',
        }),
      )
    ).click();
    http
      .expectOne({ method: 'POST', url: '/api/v1/vendor/work/j-1/decline' })
      .flush(workOf({ status: 'declined', openSlots: 0 }));
    await fixture.whenStable();
    expect(text()).toContain('Declined');
  });

  it('shows the problem when the server refuses', async () => {
    const { http, loader, fixture, text } = await routedWork([workOf()]);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /^Accept/ }))
    ).click();
    http
      .expectOne('/api/v1/vendor/work/j-1/accept')
      .flush(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'This work was withdrawn; it can no longer be accepted',
        },
        {
          status: 409,
          statusText: 'Conflict',
          headers: { 'Content-Type': 'application/problem+json' },
        },
      );
    await fixture.whenStable();
    expect(text()).toContain('it can no longer be accepted');
  });
});

describe('VendorProfilePage', () => {
  it('saves skills, languages, capacity and a price per selected skill; server errors go beside fields', async () => {
    const http = await signedIn();
    const fixture = TestBed.createComponent(VendorProfilePage);
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: '/api/v1/vendor/profile' }).flush({
      skills: ['classification', 'ranking'],
      languages: ['en'],
      capacityPerHour: 100,
      prices: { classification: 0.04, ranking: 0.3, rating: 9 },
      vendorOrgId: 'o-9',
      updatedAt: '2026-05-01T10:00:00Z',
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const labels = [...el.querySelectorAll('fieldset mat-label')].map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual(['Classification', 'Ranking']);

    const loader = TestbedHarnessEnvironment.loader(fixture);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Save profile' }))
    ).click();
    const req = http.expectOne({
      method: 'PUT',
      url: '/api/v1/vendor/profile',
    });
    expect(req.request.body).toEqual({
      skills: ['classification', 'ranking'],
      languages: ['en'],
      capacityPerHour: 100,
      prices: { classification: 0.04, ranking: 0.3 },
    });
    req.flush(
      {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        errors: [
          {
            path: 'capacityPerHour',
            message:
              'capacityPerHour must be a whole number of answers per hour',
          },
        ],
      },
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );
    await fixture.whenStable();
    const errors = [...el.querySelectorAll('mat-error')].map((e) =>
      e.textContent?.trim(),
    );
    expect(errors).toContain(
      'capacityPerHour must be a whole number of answers per hour',
    );
  });
});

describe('VendorTeamPage', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('lets the vendor admin add only vendor roles', async () => {
    const http = await signedIn();
    const fixture = TestBed.createComponent(VendorTeamPage);
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === '/api/v1/orgs/o-9/members')
      .flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'No members yet',
    );

    await (
      await TestbedHarnessEnvironment.loader(fixture).getHarness(
        MatButtonHarness.with({ text: /Add member/ }),
      )
    ).click();
    const select =
      await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(
        MatSelectHarness,
      );
    await select.open();
    const labels = await Promise.all(
      (await select.getOptions()).map((o) => o.getText()),
    );
    expect(labels).toEqual(['Vendor admin', 'Annotator', 'Reviewer']);
    http.verify();
  });
});
