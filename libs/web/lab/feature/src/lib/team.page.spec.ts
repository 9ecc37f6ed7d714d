import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { MeResponse, MemberView, Role } from '@quorum/contracts';
import {
  ACCESS_TOKEN_KEY,
  AuthStore,
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { firstValueFrom } from 'rxjs';
import { LabTeamPage } from './team.page';

const ada: MemberView = {
  id: 'u-1',
  email: 'ada@lab.test',
  displayName: 'Ada Admin',
  orgId: 'o-1',
  roles: ['lab_admin'],
  createdAt: '2025-03-01T10:00:00Z',
};

async function setup(roles: Role[]) {
  const storage = memoryStorage();
  storage.setItem(ACCESS_TOKEN_KEY, 'tok');
  TestBed.configureTestingModule({
    imports: [LabTeamPage],
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
  const me: MeResponse = {
    ...ada,
    orgKind: 'lab',
    orgName: 'Northwind Lab',
    roles,
  };
  const loaded = firstValueFrom(TestBed.inject(AuthStore).loadMe());
  http.expectOne('/api/v1/auth/me').flush(me);
  await loaded;

  const fixture = TestBed.createComponent(LabTeamPage);
  await fixture.whenStable();
  http
    .expectOne((r) => r.url === '/api/v1/orgs/o-1/members')
    .flush({ items: [ada], nextCursor: null });
  await fixture.whenStable();
  return {
    fixture,
    http,
    loader: TestbedHarnessEnvironment.loader(fixture),
    root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    el: fixture.nativeElement as HTMLElement,
  };
}

describe('LabTeamPage', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(HttpTestingController).verify();
  });

  it('lists the members of the lab', async () => {
    const { el } = await setup(['lab_member']);
    expect(el.querySelector('h1')?.textContent).toBe('Team');
    const row = el.querySelector('tr.mat-mdc-row');
    expect(row?.textContent).toContain('Ada Admin');
    expect(row?.textContent).toContain('ada@lab.test');
    expect(row?.textContent).toContain('Lab admin');
  });

  it('does not offer Add member to a lab member', async () => {
    const { loader } = await setup(['lab_member']);
    expect(
      await loader.getAllHarnesses(
        MatButtonHarness.with({ text: /Add member/ }),
      ),
    ).toHaveLength(0);
  });

  it('lets a lab admin add a lab member or lab admin, and shows the new member', async () => {
    const { loader, root, http, fixture, el } = await setup(['lab_admin']);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Add member/ }))
    ).click();

    const roleSelect = await root.getHarness(MatSelectHarness);
    await roleSelect.open();
    const options = await roleSelect.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'Lab admin',
      'Lab member',
    ]);
    await roleSelect.clickOptions({ text: 'Lab member' });

    const dialog = document.querySelector('q-add-member-dialog') as HTMLElement;
    const type = (label: string, value: string) => {
      const field = Array.from(dialog.querySelectorAll('mat-form-field')).find(
        (f) => f.querySelector('mat-label')?.textContent?.includes(label),
      );
      const input = field?.querySelector('input') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('Display name', 'Bo');
    type('Email', 'bo@lab.test');
    type('Initial password', 'twelve chars ok');
    await (
      await root.getHarness(
        MatButtonHarness.with({
          text: 'Add member',
          selector: 'q-add-member-dialog button',
        }),
      )
    ).click();

    const post = http.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/v1/orgs/o-1/members',
    );
    expect(post.request.body).toEqual({
      displayName: 'Bo',
      email: 'bo@lab.test',
      password: 'twelve chars ok',
      role: 'lab_member',
    });
    post.flush({
      ...ada,
      id: 'u-2',
      displayName: 'Bo',
      email: 'bo@lab.test',
      roles: ['lab_member'],
    });
    await fixture.whenStable();

    expect(TestBed.inject(MatDialog).openDialogs).toHaveLength(0);
    expect(
      Array.from(el.querySelectorAll('tr.mat-mdc-row')).map((r) =>
        r.querySelector('td')?.textContent?.trim(),
      ),
    ).toEqual(['Ada Admin', 'Bo']);
  });
});
