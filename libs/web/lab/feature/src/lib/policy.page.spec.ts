import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipInputHarness } from '@angular/material/chips/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TestKey } from '@angular/cdk/testing';
import {
  DEFAULT_CONFLICT_POLICY,
  type ConflictPolicyView,
  type Role,
} from '@quorum/contracts';
import { LabPolicyPage } from './policy.page';
import { problemHeaders, renderAs } from '@quorum/web/shared/testing';

const HELIOS = '45809ff1-0ae0-4e9e-bf3d-a56f793393b1';
const stored: ConflictPolicyView = {
  ...DEFAULT_CONFLICT_POLICY,
  labOrgId: 'org-1',
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

async function setup(roles: Role[], policy: ConflictPolicyView = stored) {
  const page = await renderAs(LabPolicyPage, roles, 'lab');
  page.http.expectOne('/api/v1/labs/org-1/conflict-policy').flush(policy);
  await page.stable();
  const { loader, http } = page;
  const field = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const input = async (label: string) =>
    (await (await field(label)).getControl(MatInputHarness)) as MatInputHarness;
  return {
    ...page,
    field,
    errors: async (label: string) => (await field(label)).getTextErrors(),
    type: async (label: string, value: string) =>
      (await input(label)).setValue(value),
    value: async (label: string) => (await input(label)).getValue(),
    named: async () =>
      (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({
        label: /entities I name/,
      }),
    addId: async (id: string) => {
      const chips = await loader.getHarness(MatChipInputHarness);
      await chips.setValue(id);
      await chips.sendSeparatorKey(TestKey.ENTER);
    },
    save: async () =>
      (
        await loader.getHarness(MatButtonHarness.with({ text: 'Save policy' }))
      ).click(),
    puts: () =>
      http.match(
        (r) =>
          r.method === 'PUT' && r.url === '/api/v1/labs/org-1/conflict-policy',
      ),
  };
}

describe('LabPolicyPage', () => {
  afterEach(() => TestBed.inject(MatSnackBar).dismiss());

  it('shows the stored policy and that it is still the defaults', async () => {
    const page = await setup(['lab_admin']);
    expect(page.el.querySelector('h1')?.textContent).toBe('Conflict policy');
    expect(page.text()).toContain('Version 0: the platform defaults');
    expect(await page.value('Economic interest threshold')).toBe('10');
    expect(await page.value('Voting rights threshold')).toBe('10');
    const selects = await page.loader.getAllHarnesses(MatSelectHarness);
    expect(await Promise.all(selects.map((s) => s.getValueText()))).toEqual([
      'Block',
      'Block',
      'Flag',
    ]);
    expect(
      await (
        await page.loader.getHarness(MatRadioGroupHarness)
      ).getCheckedValue(),
    ).toBe('all-labs');
  });

  it('shows the version and the named competitors of a saved policy', async () => {
    const page = await setup(['lab_admin'], {
      ...stored,
      competitors: [HELIOS],
      version: 3,
      updatedAt: '2026-05-01T10:00:00Z',
    });
    expect(page.text()).toContain('Version 3, saved');
    expect(page.el.querySelector('mat-chip-row')?.textContent).toContain(
      HELIOS,
    );
  });

  it('checks competitors and thresholds before saving', async () => {
    const page = await setup(['lab_admin']);
    await page.named();
    await page.type('Economic interest threshold', '150');
    await page.type('Voting rights threshold', '');
    await page.save();
    expect(await page.errors('Competitor entity ids')).toEqual([
      'Name at least one competitor',
    ]);
    expect(await page.errors('Economic interest threshold')).toEqual([
      'Use a value from 0 to 100',
    ]);
    expect(await page.errors('Voting rights threshold')).toEqual([
      'Enter a percentage',
    ]);

    await page.addId('not-an-id');
    expect(await page.errors('Competitor entity ids')).toEqual([
      'Not an entity id: not-an-id',
    ]);
    expect(page.puts()).toEqual([]);
  });

  it('saves the policy as a new version', async () => {
    const page = await setup(['lab_admin']);
    await page.named();
    await page.addId(HELIOS);
    await page.type('Economic interest threshold', '12.5');
    await (
      await page.loader.getAllHarnesses(MatSelectHarness)
    )[2].clickOptions({ text: 'Allow' });
    await page.save();

    const [put] = page.puts();
    expect(put.request.body).toEqual({
      competitors: [HELIOS],
      economicThreshold: 12.5,
      votingThreshold: 10,
      boardSeat: 'block',
      agreements: 'allow',
      onConflict: 'block',
    });
    put.flush({
      ...stored,
      ...put.request.body,
      version: 1,
      updatedAt: '2026-05-02T09:00:00Z',
    });
    await page.stable();
    expect(page.text()).toContain('Version 1, saved');
  });

  it('shows the server’s field errors beside the fields, naming the unknown entity', async () => {
    const page = await setup(['lab_admin']);
    await page.named();
    await page.addId(HELIOS);
    await page.save();
    page.puts()[0].flush(
      {
        title: 'Validation failed',
        status: 400,
        errors: [
          { path: 'competitors[0]', message: 'no entity with this id' },
          {
            path: 'votingThreshold',
            message: 'votingThreshold must not be greater than 100',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request', ...problemHeaders },
    );
    await page.stable();
    expect(await page.errors('Competitor entity ids')).toEqual([
      `${HELIOS}: no entity with this id`,
    ]);
    expect(await page.errors('Voting rights threshold')).toEqual([
      'votingThreshold must not be greater than 100',
    ]);
    expect(page.el.querySelector('[role="alert"]')?.textContent).toContain(
      'Validation failed',
    );
  });

  it('is read-only for a lab member', async () => {
    const page = await setup(['lab_member']);
    expect(page.text()).toContain('Only a lab admin can change the policy');
    expect(
      await page.loader.getAllHarnesses(
        MatButtonHarness.with({ text: 'Save policy' }),
      ),
    ).toHaveLength(0);
    expect(
      await (await page.field('Economic interest threshold')).isDisabled(),
    ).toBe(true);
    for (const select of await page.loader.getAllHarnesses(MatSelectHarness))
      expect(await select.isDisabled()).toBe(true);
  });
});
