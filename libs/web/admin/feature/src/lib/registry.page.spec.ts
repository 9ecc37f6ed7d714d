import type { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { EntityView, Role } from '@quorum/contracts';
import { AdminRegistryPage } from './registry.page';
import { renderAs } from '@quorum/web/shared/testing';

const entity = (
  id: string,
  name: string,
  extra: Partial<EntityView> = {},
): EntityView => ({
  id,
  name,
  kind: 'company',
  identifiers: [],
  orgId: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});

async function setup(roles: Role[]) {
  const page = await renderAs(AdminRegistryPage, roles, 'platform');
  page.http
    .expectOne((r) => r.url === '/api/v1/entities')
    .flush({
      items: [
        entity('e-nw', 'Northwind AI', {
          orgId: 'o-nw',
          identifiers: [{ scheme: 'quorum-org', id: 'o-nw' }],
        }),
        entity('e-fund', 'Meridian Growth Fund II', { kind: 'fund' }),
      ],
      nextCursor: 'c2',
    });
  await page.stable();
  return page;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AdminRegistryPage', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(MatSnackBar).dismiss();
  });

  it('lists registry entities, each linking to its ownership page', async () => {
    const { el } = await setup(['auditor']);
    expect(el.querySelector('h1')?.textContent).toBe('Ownership registry');
    const rows = Array.from(el.querySelectorAll('tr.mat-mdc-row'));
    expect(rows.map((r) => r.querySelector('a')?.textContent)).toEqual([
      'Northwind AI',
      'Meridian Growth Fund II',
    ]);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe(
      '/entities/e-nw',
    );
    expect(rows[0].textContent).toContain('Quorum organization');
    expect(rows[0].textContent).toContain('quorum-org: o-nw');
    expect(rows[1].textContent).toContain('Fund');
  });

  it('searches by name and kind, and loads more with the cursor', async () => {
    const { loader, http, stable } = await setup(['auditor']);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Load more' }))
    ).click();
    const more = http.expectOne((r) => r.url === '/api/v1/entities');
    expect(more.request.params.get('cursor')).toBe('c2');
    more.flush({ items: [], nextCursor: null });

    const search = await (
      await loader.getHarness(
        MatFormFieldHarness.with({ floatingLabelText: 'Search by name' }),
      )
    ).getControl(MatInputHarness);
    await search?.setValue('Orchard');
    await wait(350);
    await stable();
    const byName = http.expectOne((r) => r.url === '/api/v1/entities');
    expect(byName.request.params.get('q')).toBe('Orchard');
    expect(byName.request.params.has('cursor')).toBe(false);
    byName.flush({ items: [], nextCursor: null });

    await (
      await loader.getHarness(MatSelectHarness)
    ).clickOptions({ text: 'Person' });
    const byKind = http.expectOne((r) => r.url === '/api/v1/entities');
    expect(byKind.request.params.get('kind')).toBe('person');
    expect(byKind.request.params.get('q')).toBe('Orchard');
    byKind.flush({ items: [], nextCursor: null });
    await stable();
    expect(TestBed.inject(MatDialog).openDialogs).toHaveLength(0);
  });

  it('gives an auditor no way to change the registry', async () => {
    const { loader } = await setup(['auditor']);
    for (const text of ['New entity', 'Record interest', 'Import BODS…'])
      expect(
        await loader.getAllHarnesses(
          MatButtonHarness.with({ text: new RegExp(text) }),
        ),
      ).toHaveLength(0);
  });

  it('lets a platform admin create an entity', async () => {
    const { loader, root, http } = await setup(['platform_admin']);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /New entity/ }))
    ).click();
    const name = await (
      await root.getHarness(
        MatFormFieldHarness.with({ floatingLabelText: 'Name' }),
      )
    ).getControl(MatInputHarness);
    await name?.setValue('  Meridian Growth Fund III ');
    await (
      await root.getHarness(
        MatSelectHarness.with({ ancestor: 'q-create-entity-dialog' }),
      )
    ).clickOptions({
      text: 'Fund',
    });
    await (
      await root.getHarness(MatButtonHarness.with({ text: /Add identifier/ }))
    ).click();
    await (
      await (
        await root.getHarness(
          MatFormFieldHarness.with({ floatingLabelText: 'Scheme' }),
        )
      ).getControl(MatInputHarness)
    )?.setValue('GB-COH');
    await (
      await (
        await root.getHarness(
          MatFormFieldHarness.with({ floatingLabelText: 'Identifier' }),
        )
      ).getControl(MatInputHarness)
    )?.setValue('01234567');
    await (
      await root.getHarness(MatButtonHarness.with({ text: 'Create entity' }))
    ).click();

    const post = http.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/v1/entities',
    );
    expect(post.request.body).toEqual({
      name: 'Meridian Growth Fund III',
      kind: 'fund',
      identifiers: [{ scheme: 'GB-COH', id: '01234567' }],
    });
    post.flush(entity('e-new', 'Meridian Growth Fund III', { kind: 'fund' }));
  });

  it('imports a BODS JSON Lines file as it is and shows the report', async () => {
    const { el, http, stable } = await setup(['platform_admin']);
    const text = '{"statementId":"a"}\n{not json\n';
    const input = el.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [new File([text], 'filings.jsonl', { type: '' })],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
    let req: TestRequest | undefined;
    for (let i = 0; i < 50 && !req; i++) {
      [req] = http.match('/api/v1/interests/import');
      if (!req) await wait(5);
    }
    if (!req) throw new Error('the file was not posted');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toBe(text);
    expect(req.request.headers.get('Content-Type')).toBe(
      'application/x-ndjson',
    );
    req.flush({
      imported: 1,
      skipped: 0,
      errors: [{ index: 1, message: 'line 2 is not valid JSON' }],
      warnings: [],
    });
    await stable();
    // The list is reloaded to show what the import added.
    http
      .expectOne((r) => r.method === 'GET' && r.url === '/api/v1/entities')
      .flush({ items: [], nextCursor: null });
    await stable();
    const report = el.querySelector('q-bods-import-report')?.textContent ?? '';
    expect(report).toContain('filings.jsonl');
    expect(report).toContain('Statement 1: line 2 is not valid JSON');
  });
});
