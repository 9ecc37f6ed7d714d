import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { EntityView, InterestView } from '@quorum/contracts';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  type RecordInterestRequest,
} from '@quorum/web/shared/util';
import { Subject, of } from 'rxjs';
import {
  RecordInterestDialog,
  type RecordInterestDialogData,
  shareOf,
} from './record-interest.dialog';

@Component({ template: '' })
class Host {}

const entity = (
  id: string,
  name: string,
  kind: EntityView['kind'] = 'company',
): EntityView => ({
  id,
  name,
  kind,
  identifiers: [],
  orgId: null,
  createdAt: '2026-01-01T00:00:00Z',
});
const helios = entity('45809ff1-0ae0-4e9e-bf3d-a56f793393b1', 'Helios Labs');
const lattice = entity('d385b5d6-fe19-4a82-8639-0ad5e031c5b7', 'Lattice Data');

async function open(subject: EntityView | null = lattice) {
  TestBed.configureTestingModule({
    providers: [
      provideQuorumIcons(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  const searches: string[] = [];
  const requests: RecordInterestRequest[] = [];
  const answers = new Subject<InterestView>();
  const data: RecordInterestDialogData = {
    subject,
    search: (text) => {
      searches.push(text);
      return of(
        [helios, lattice].filter((e) =>
          e.name.toLowerCase().includes(text.toLowerCase()),
        ),
      );
    },
    submit: (request) => {
      requests.push(request);
      return answers;
    },
  };
  TestBed.inject(MatDialog).open(RecordInterestDialog, { data });
  const loader = TestbedHarnessEnvironment.documentRootLoader(
    TestBed.createComponent(Host),
  );
  const field = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const input = async (label: string) =>
    (await (await field(label)).getControl(MatInputHarness)) as MatInputHarness;
  await loader.getHarness(MatButtonHarness.with({ text: 'Cancel' }));
  return {
    loader,
    searches,
    requests,
    answers,
    errors: async (label: string) => (await field(label)).getTextErrors(),
    type: async (label: string, value: string) =>
      (await input(label)).setValue(value),
    pickParty: async (text: string, option: string) => {
      const auto = await loader.getHarness(MatAutocompleteHarness);
      await auto.enterText(text);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await auto.selectOption({ text: new RegExp(option) });
    },
    shareMode: async (label: RegExp) =>
      (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({
        label,
      }),
    submit: async () =>
      (
        await loader.getHarness(
          MatButtonHarness.with({ text: 'Record interest' }),
        )
      ).click(),
  };
}

describe('shareOf', () => {
  it('builds the BODS share the form describes', () => {
    expect(shareOf('exact', { exact: 49, minimum: 1, maximum: 2 })).toEqual({
      exact: 49,
    });
    expect(shareOf('band', { exact: 49, minimum: 15, maximum: 21 })).toEqual({
      minimum: 15,
      maximum: 21,
    });
    expect(
      shareOf('band', { exact: null, minimum: null, maximum: 50 }),
    ).toEqual({ maximum: 50 });
    expect(
      shareOf('none', { exact: 49, minimum: null, maximum: null }),
    ).toBeUndefined();
  });
});

describe('RecordInterestDialog', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('requires a party, an exact share and a source, and checks the range', async () => {
    const page = await open();
    await page.type('Share', '120');
    await page.submit();
    expect(await page.errors('Interested party (owner)')).toEqual([
      'Choose who holds the interest',
    ]);
    expect(await page.errors('Share')).toEqual([
      'Use a percentage from 0 to 100',
    ]);
    expect(await page.errors('Source description')).toEqual([
      'Say where this comes from',
    ]);
    await page.type('Share', '');
    expect(await page.errors('Share')).toEqual(['Enter the share']);
    expect(page.requests).toEqual([]);
  });

  it('refuses typed text that is not an entity from the list', async () => {
    const page = await open();
    await page.type('Interested party (owner)', 'Somebody');
    await page.submit();
    expect(await page.errors('Interested party (owner)')).toEqual([
      'Pick an entity from the list',
    ]);
  });

  it('checks a band: a bound is needed and the minimum may not exceed the maximum', async () => {
    const page = await open();
    await page.shareMode(/Band/);
    await page.submit();
    expect(await page.errors('Maximum')).toEqual([
      'Give a minimum, a maximum or both',
    ]);
    await page.type('Minimum', '30');
    await page.type('Maximum', '20');
    expect(await page.errors('Maximum')).toEqual([
      'The maximum must not be below the minimum',
    ]);
    await page.type('Maximum', '35');
    expect(await page.errors('Maximum')).toEqual([]);
  });

  it('records a banded shareholding with dates and source', async () => {
    const page = await open();
    await page.pickParty('Hel', 'Helios Labs');
    expect(page.searches).toContain('Hel');
    await page.shareMode(/Band/);
    await page.type('Minimum', '15');
    await page.type('Maximum', '21');
    const [start] = await page.loader.getAllHarnesses(
      MatDatepickerInputHarness,
    );
    await start.setValue('3/1/2025');
    await page.type('Source description', ' Press report ');
    await page.type('Source URL', 'https://news.example/helios');
    await page.submit();
    expect(page.requests).toEqual([
      {
        interestedPartyId: helios.id,
        subjectId: lattice.id,
        type: 'shareholding',
        directOrIndirect: 'direct',
        share: { minimum: 15, maximum: 21 },
        startDate: '2025-03-01',
        source: {
          description: 'Press report',
          url: 'https://news.example/helios',
        },
      },
    ]);
  });

  it('records a board seat without a share and shows server field errors', async () => {
    const page = await open();
    await page.pickParty('Hel', 'Helios Labs');
    await (
      await page.loader.getAllHarnesses(MatSelectHarness)
    )[0].clickOptions({ text: 'Board member' });
    await page.shareMode(/No share/);
    await page.type('Source description', 'Annual report');
    await page.submit();
    expect(page.requests[0].type).toBe('boardMember');
    expect(page.requests[0].share).toBeUndefined();
    page.answers.error(
      ApiProblem.fromResponse(400, {
        title: 'Validation failed',
        status: 400,
        errors: [
          { path: 'source.url', message: 'source.url must be an http(s) URL' },
        ],
      }),
    );
    expect(await page.errors('Source URL')).toEqual([
      'source.url must be an http(s) URL',
    ]);
    expect(TestBed.inject(MatDialog).openDialogs).toHaveLength(1);
  });
});
