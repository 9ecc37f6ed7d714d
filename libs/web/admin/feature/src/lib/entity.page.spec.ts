import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { EffectiveOwnerView, InterestView, Role } from '@quorum/contracts';
import { AdminEntityPage, agreementsText } from './entity.page';
import { renderAs } from '@quorum/web/shared/testing';

// The graph's canvas library is not exercised here (see ownership-graph.spec in the ui lib).
jest.mock('cytoscape', () => ({
  __esModule: true,
  default: () => ({
    on: () => undefined,
    elements: () => ({ remove: () => undefined }),
    add: () => undefined,
    layout: () => ({ run: () => undefined }),
    zoom: () => 1,
    center: () => undefined,
    destroy: () => undefined,
  }),
}));

const owner = (o: Partial<EffectiveOwnerView>): EffectiveOwnerView => ({
  entityId: 'x',
  name: 'X',
  kind: 'company',
  economic: { min: 0, max: 0 },
  voting: { min: 0, max: 0 },
  controls: false,
  boardSeats: 0,
  seats: [],
  agreements: [],
  paths: [],
  cyclic: false,
  ...o,
});

const interest: InterestView = {
  id: 'i-fund',
  interestedPartyId: 'e-fund',
  subjectId: 'e-k',
  type: 'shareholding',
  share: { exact: 60 },
  directOrIndirect: 'direct',
  startDate: '2024-09-01',
  endDate: null,
  details: null,
  source: { description: 'Register of members', recordedBy: null },
  createdAt: '2026-01-01T00:00:00Z',
};

async function setup(roles: Role[]) {
  const page = await renderAs(AdminEntityPage, roles, 'platform', {
    inputs: { id: 'e-k' },
  });
  const respond = (asOf: string | null) => {
    page.http.expectOne('/api/v1/entities/e-k').flush({
      id: 'e-k',
      name: 'Kestrel Labeling',
      kind: 'company',
      identifiers: [{ scheme: 'quorum-org', id: 'o-k' }],
      orgId: 'o-k',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const owners = page.http.expectOne(
      (r) => r.url === '/api/v1/entities/e-k/effective-owners',
    );
    expect(owners.request.params.get('asOf')).toBe(asOf);
    owners.flush({
      asOf: asOf ?? '2026-05-01',
      items: [
        owner({
          entityId: 'e-fund',
          name: 'Meridian Growth Fund II',
          kind: 'fund',
          economic: { min: 60, max: 60 },
          voting: { min: 60, max: 60 },
          controls: true,
          paths: [
            [
              {
                from: 'e-fund',
                to: 'e-k',
                type: 'shareholding',
                share: { min: 60, max: 60 },
                interestId: 'i-fund',
              },
            ],
          ],
        }),
        owner({
          entityId: 'e-nw',
          name: 'Northwind AI',
          economic: { min: 15, max: 21 },
          agreements: [
            {
              interestId: 'a',
              from: 'e-nw',
              to: 'e-k',
              type: 'rightsGrantedByContract',
              details: null,
            },
          ],
          paths: [
            [
              {
                from: 'e-nw',
                to: 'e-fund',
                type: 'shareholding',
                share: { min: 25, max: 35 },
                interestId: 'n',
              },
              {
                from: 'e-fund',
                to: 'e-k',
                type: 'shareholding',
                share: { min: 60, max: 60 },
                interestId: 'i-fund',
              },
            ],
          ],
        }),
      ],
    });
    page.http
      .expectOne((r) => r.url === '/api/v1/interests')
      .flush({ items: [interest], nextCursor: null });
  };
  respond(null);
  await page.stable();
  return { ...page, respond };
}

describe('AdminEntityPage', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(MatSnackBar).dismiss();
  });

  it('is headed by the entity and lists its effective owners with bands and control', async () => {
    const { el, text } = await setup(['auditor']);
    expect(el.querySelector('h1')?.textContent).toBe('Kestrel Labeling');
    expect(text()).toContain('Figures as of May 1, 2026');
    const rows = Array.from(
      el.querySelectorAll(
        'table[aria-label="Effective owners"] tr.mat-mdc-row',
      ),
    ).map((r) =>
      Array.from(r.querySelectorAll('td')).map((td, i) =>
        i === 0
          ? `${td.querySelector('a')?.textContent} (${td.querySelector('.kind')?.textContent})`
          : td.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(rows).toEqual([
      ['Meridian Growth Fund II (Fund)', '60%', '60%', 'Yes', '0', '0'],
      [
        'Northwind AI (Company)',
        '15–21%',
        '0%',
        'No',
        '0',
        '1 (Rights granted by contract)',
      ],
    ]);
    expect(
      el
        .querySelector('q-ownership-graph [role="img"]')
        ?.getAttribute('aria-label'),
    ).toContain('3 entities, 2 interests');
  });

  it('asks for the figures as of the date picked', async () => {
    const { loader, stable, respond } = await setup(['auditor']);
    await (
      await loader.getHarness(MatDatepickerInputHarness)
    ).setValue('1/31/2025');
    await stable();
    respond('2025-01-31');
  });

  it('lets a platform admin end a statement, then reloads the figures', async () => {
    const { loader, root, http, stable, respond } = await setup([
      'platform_admin',
    ]);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'End…' }))
    ).click();
    await (
      await root.getHarness(
        MatDatepickerInputHarness.with({ ancestor: 'q-end-interest-dialog' }),
      )
    ).setValue('6/30/2026');
    await (
      await root.getHarness(MatButtonHarness.with({ text: 'End interest' }))
    ).click();
    const end = http.expectOne('/api/v1/interests/i-fund/end');
    expect(end.request.body).toEqual({ endDate: '2026-06-30' });
    end.flush({ ...interest, endDate: '2026-06-30' });
    await stable();
    respond(null);
  });

  it('gives an auditor no End or Record buttons', async () => {
    const { loader } = await setup(['auditor']);
    expect(
      await loader.getAllHarnesses(
        MatButtonHarness.with({ text: /End…|Record interest/ }),
      ),
    ).toHaveLength(0);
  });

  it('summarises agreements by type', () => {
    expect(agreementsText(owner({}))).toBe('0');
  });
});
