import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ConflictView, Role, WaiverView } from '@quorum/contracts';
import { LabConflictsPage, waiverOutcome } from './conflicts.page';
import { renderAs } from '@quorum/web/shared/testing';

const pendingWaiver = (requestedBy: string): WaiverView => ({
  id: 'w',
  justification: 'Legal reviewed',
  expiresAt: '2026-09-30T23:59:59.000Z',
  requestedBy,
  requestedAt: '2026-05-02T00:00:00Z',
  approvedBy: null,
  approvedAt: null,
  status: 'pending',
});

function conflict(overrides: Partial<ConflictView> = {}): ConflictView {
  return {
    id: 'c-1',
    labOrgId: 'org-1',
    vendorOrgId: 'v',
    labName: 'Northwind AI',
    vendorName: 'Lattice Data',
    rule: 'board',
    severity: 'block',
    status: 'open',
    evidence: {
      competitorEntityId: 'e-h',
      competitorName: 'Helios Labs',
      certainty: 'confirmed',
      threshold: null,
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
    waiver: null,
    ...overrides,
  };
}

async function setup(roles: Role[], items: ConflictView[]) {
  const page = await renderAs(LabConflictsPage, roles, 'lab');
  const list = page.http.expectOne((r) => r.url === '/api/v1/conflicts');
  expect(list.request.params.has('labOrgId')).toBe(false);
  list.flush({ items, nextCursor: null });
  await page.stable();
  const buttons = async () =>
    Promise.all(
      (
        await page.loader.getAllHarnesses(
          MatButtonHarness.with({ ancestor: 'q-conflict-card' }),
        )
      ).map((b) => b.getText()),
    );
  return { ...page, buttons };
}

describe('LabConflictsPage', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(MatSnackBar).dismiss();
  });

  it('lets a lab member read conflicts but not decide', async () => {
    const { el, text, buttons } = await setup(['lab_member'], [conflict()]);
    expect(el.querySelector('h1')?.textContent).toBe('Conflicts');
    expect(text()).toContain('Board seat: Helios Labs');
    expect(text()).toContain('Only a lab admin can acknowledge or waive them');
    expect(await buttons()).toEqual([]);
  });

  it('filters by status', async () => {
    const { loader, http } = await setup(['lab_member'], []);
    await (
      await loader.getHarness(MatSelectHarness)
    ).clickOptions({ text: 'Waived' });
    const req = http.expectOne((r) => r.url === '/api/v1/conflicts');
    expect(req.request.params.get('status')).toBe('waived');
    req.flush({ items: [], nextCursor: null });
  });

  it('acknowledges a conflict', async () => {
    const { loader, http, stable, text } = await setup(
      ['lab_admin'],
      [conflict()],
    );
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Acknowledge' }))
    ).click();
    const req = http.expectOne('/api/v1/conflicts/c-1/acknowledge');
    expect(req.request.method).toBe('POST');
    req.flush(conflict({ status: 'acknowledged' }));
    await stable();
    expect(text()).toContain('Acknowledged');
  });

  it('requests a waiver through the dialog and shows it pending', async () => {
    const { loader, root, http, stable, text } = await setup(
      ['lab_admin'],
      [conflict()],
    );
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Waive…' }))
    ).click();
    await (
      await root.getHarness(MatInputHarness.with({ selector: 'textarea' }))
    ).setValue('Existing contract; ends in June');
    const day = new Date();
    day.setDate(day.getDate() + 20);
    await (
      await root.getHarness(MatDatepickerInputHarness)
    ).setValue(`${day.getMonth() + 1}/${day.getDate()}/${day.getFullYear()}`);
    await (
      await root.getHarness(MatButtonHarness.with({ text: 'Request waiver' }))
    ).click();
    const req = http.expectOne('/api/v1/conflicts/c-1/waive');
    expect(req.request.body.justification).toBe(
      'Existing contract; ends in June',
    );
    req.flush(conflict({ waiver: pendingWaiver('u-me') }));
    await stable();
    expect(TestBed.inject(MatDialog).openDialogs).toHaveLength(0);
    expect(text()).toContain(
      'Waiver pending until a second person approves it',
    );
  });

  it('offers Approve waiver only to an admin who did not request it', async () => {
    const mine = await setup(
      ['lab_admin'],
      [conflict({ waiver: pendingWaiver('u-me') })],
    );
    expect(await mine.buttons()).toEqual(['Acknowledge']);
    TestBed.resetTestingModule();

    const theirs = await setup(
      ['lab_admin'],
      [conflict({ waiver: pendingWaiver('u-other') })],
    );
    expect(await theirs.buttons()).toEqual(['Acknowledge', 'Approve waiver']);
    await (
      await theirs.loader.getHarness(
        MatButtonHarness.with({ text: 'Approve waiver' }),
      )
    ).click();
    const req = theirs.http.expectOne('/api/v1/conflicts/c-1/waiver/approve');
    req.flush(
      conflict({
        status: 'waived',
        waiver: { ...pendingWaiver('u-other'), status: 'active' },
      }),
    );
    await theirs.stable();
    expect(theirs.text()).toContain('Waived until 2026-09-30');
  });

  it('describes what a waiver did', () => {
    expect(waiverOutcome(conflict({ waiver: pendingWaiver('u') }))).toContain(
      'stays pending',
    );
    expect(
      waiverOutcome(
        conflict({
          status: 'waived',
          waiver: { ...pendingWaiver('u'), status: 'active' },
        }),
      ),
    ).toBe('Conflict waived until 2026-09-30.');
  });
});
