import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { ConflictView, Role } from '@quorum/contracts';
import { AdminConflictsPage } from './conflicts.page';
import { renderAs } from '@quorum/web/shared/testing';

const conflict: ConflictView = {
  id: 'c-1',
  labOrgId: 'lab-nw',
  vendorOrgId: 'v-lattice',
  labName: 'Northwind AI',
  vendorName: 'Lattice Data',
  rule: 'economic',
  severity: 'block',
  status: 'open',
  evidence: {
    competitorEntityId: 'e-h',
    competitorName: 'Helios Labs',
    certainty: 'confirmed',
    threshold: 10,
    economic: { min: 49, max: 49 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 1,
    seats: [],
    agreements: [],
    paths: [],
    cyclic: false,
    interestIds: [],
    policyVersion: 0,
    asOf: '2026-05-01',
  },
  detectedAt: '2026-05-01T00:00:00Z',
  updatedAt: '2026-05-01T00:00:00Z',
  resolvedAt: null,
  waiver: {
    id: 'w',
    justification: 'Contract ends in June',
    expiresAt: '2026-09-30T23:59:59.000Z',
    requestedBy: 'u-lab-admin',
    requestedAt: '2026-05-02T00:00:00Z',
    approvedBy: null,
    approvedAt: null,
    status: 'pending',
  },
};

async function setup(roles: Role[], inputs: Record<string, unknown> = {}) {
  const page = await renderAs(AdminConflictsPage, roles, 'platform', {
    inputs,
  });
  const req = page.http.expectOne((r) => r.url === '/api/v1/conflicts');
  req.flush({ items: [conflict], nextCursor: null });
  await page.stable();
  return { ...page, params: req.request.params };
}

describe('AdminConflictsPage', () => {
  afterEach(() => TestBed.inject(MatSnackBar).dismiss());

  it('lists every lab’s conflicts, naming the lab on each', async () => {
    const { el, params } = await setup(['auditor']);
    expect(el.querySelector('h1')?.textContent).toBe('Conflicts');
    expect(params.keys()).toEqual(['limit']);
    expect(el.querySelector('q-conflict-card .meta')?.textContent).toContain(
      'Northwind AI',
    );
  });

  it('narrows to one pair from the query string', async () => {
    const { params, text } = await setup(['auditor'], {
      lab: 'lab-nw',
      vendor: 'v-lattice',
      status: 'open',
    });
    expect(params.get('labOrgId')).toBe('lab-nw');
    expect(params.get('vendorOrgId')).toBe('v-lattice');
    expect(params.get('status')).toBe('open');
    expect(text()).toContain('Northwind AI × Lattice Data');
  });

  it('lets an auditor read but not decide', async () => {
    const { loader, text } = await setup(['auditor']);
    expect(text()).toContain('Auditors can read them');
    expect(
      await loader.getAllHarnesses(
        MatButtonHarness.with({ ancestor: 'q-conflict-card' }),
      ),
    ).toHaveLength(0);
  });

  it('lets a platform admin approve a lab’s pending waiver', async () => {
    const { loader, http } = await setup(['platform_admin']);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Approve waiver/ }))
    ).click();
    http.expectOne('/api/v1/conflicts/c-1/waiver/approve').flush({
      ...conflict,
      status: 'waived',
      waiver: { ...conflict.waiver, status: 'active' },
    });
  });

  it('puts a status filter in the address', async () => {
    const { fixture } = await setup(['auditor']);
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    (
      fixture.componentInstance as unknown as {
        setParams: (p: Record<string, string | null>) => void;
      }
    ).setParams({
      status: 'waived',
    });
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { status: 'waived' },
      queryParamsHandling: 'merge',
    });
  });
});
