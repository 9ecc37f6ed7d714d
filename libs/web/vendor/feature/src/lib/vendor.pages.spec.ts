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
import type { MeResponse } from '@quorum/contracts';
import {
  ACCESS_TOKEN_KEY,
  AuthStore,
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { firstValueFrom } from 'rxjs';
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

async function signedIn() {
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
  http.expectOne('/api/v1/auth/me').flush(vic);
  await loaded;
  return http;
}

describe('VendorRoutedWorkPage', () => {
  it('is headed Routed work and explains that none has arrived', async () => {
    await signedIn();
    const fixture = TestBed.createComponent(VendorRoutedWorkPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Routed work');
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe(
      'No routed work yet',
    );
    expect(el.textContent).toContain('Acme Labeling');
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
