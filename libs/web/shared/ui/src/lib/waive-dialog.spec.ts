import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { ConflictView, WaiveConflictRequest } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { Subject, firstValueFrom } from 'rxjs';
import { provideQuorumIcons } from './icons';
import {
  MAX_WAIVER_DAYS,
  WaiveDialog,
  type WaiveDialogData,
  waiverExpiry,
} from './waive-dialog';

@Component({ template: '' })
class Host {}

const conflict: ConflictView = {
  id: 'c-1',
  labOrgId: 'lab',
  vendorOrgId: 'v',
  labName: 'Northwind AI',
  vendorName: 'Lattice Data',
  rule: 'economic',
  severity: 'block',
  status: 'open',
  evidence: {
    competitorEntityId: 'e',
    competitorName: 'Helios Labs',
    certainty: 'confirmed',
    threshold: 10,
    economic: { min: 49, max: 49 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
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
};

/** "M/D/YYYY" of the day `days` from today, as a user types it into the native date adapter. */
function typed(days: number): { text: string; day: Date } {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return {
    text: `${day.getMonth() + 1}/${day.getDate()}/${day.getFullYear()}`,
    day,
  };
}

async function open(severity: ConflictView['severity'] = 'block') {
  TestBed.configureTestingModule({
    providers: [
      provideQuorumIcons(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  const requests: WaiveConflictRequest[] = [];
  const answers = new Subject<ConflictView>();
  const ref = TestBed.inject(MatDialog).open<
    WaiveDialog,
    WaiveDialogData,
    ConflictView
  >(WaiveDialog, {
    data: {
      conflict: { ...conflict, severity },
      submit: (request) => {
        requests.push(request);
        return answers;
      },
    },
  });
  const closed = firstValueFrom(ref.afterClosed());
  const loader = TestbedHarnessEnvironment.documentRootLoader(
    TestBed.createComponent(Host),
  );
  const field = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  // Lets the dialog render before anything reads its text.
  await loader.getHarness(MatButtonHarness.with({ text: 'Cancel' }));
  return {
    requests,
    answers,
    closed,
    field,
    text: () => document.querySelector('q-waive-dialog')?.textContent ?? '',
    justify: async (value: string) =>
      (
        await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }))
      ).setValue(value),
    expire: async (value: string) =>
      (await loader.getHarness(MatDatepickerInputHarness)).setValue(value),
    submit: async (label: RegExp) =>
      (await loader.getHarness(MatButtonHarness.with({ text: label }))).click(),
  };
}

describe('WaiveDialog', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('warns that a blocking conflict’s waiver stays pending until a second person approves', async () => {
    const { text } = await open('block');
    expect(text()).toContain('stays pending');
    expect(text()).toContain('second person');
    expect(text()).toContain('Request waiver');
  });

  it('says a flag is waived at once', async () => {
    const { text } = await open('flag');
    expect(text()).toContain('as soon as you submit');
    expect(text()).not.toContain('stays pending');
  });

  it('requires a justification (not just spaces) and an expiry date', async () => {
    const { submit, field, justify, requests } = await open();
    await justify('   ');
    await submit(/Request waiver/);
    expect(await (await field('Justification')).getTextErrors()).toEqual([
      'A justification is required',
    ]);
    expect(await (await field('Expires on')).getTextErrors()).toEqual([
      'Choose when the waiver expires',
    ]);
    expect(requests).toEqual([]);
  });

  it('refuses an expiry today or more than a year away', async () => {
    const { submit, field, justify, expire, requests } = await open();
    await justify('Legal reviewed it');
    await expire(typed(0).text);
    await submit(/Request waiver/);
    expect(await (await field('Expires on')).getTextErrors()).toEqual([
      'The waiver must expire after today',
    ]);
    await expire(typed(MAX_WAIVER_DAYS + 1).text);
    expect(await (await field('Expires on')).getTextErrors()).toEqual([
      `A waiver lasts at most ${MAX_WAIVER_DAYS} days`,
    ]);
    expect(requests).toEqual([]);
  });

  it('sends the trimmed justification and the end of the chosen day, and closes with the conflict', async () => {
    const { submit, justify, expire, requests, answers, closed } = await open();
    const { text, day } = typed(30);
    await justify('  Contract ends in June  ');
    await expire(text);
    await submit(/Request waiver/);
    expect(requests).toEqual([
      { justification: 'Contract ends in June', expiresAt: waiverExpiry(day) },
    ]);
    expect(new Date(requests[0].expiresAt).getHours()).toBe(23);

    const pending = { ...conflict, status: 'open' as const };
    answers.next(pending);
    await expect(closed).resolves.toEqual(pending);
  });

  it('keeps the dialog open and shows the server’s field errors beside the fields', async () => {
    const { submit, justify, expire, answers, field, text } = await open();
    await justify('Fine by us');
    await expire(typed(10).text);
    await submit(/Request waiver/);
    answers.error(
      ApiProblem.fromResponse(422, {
        title: 'A waiver must expire in the future',
        status: 422,
        errors: [
          { path: 'expiresAt', message: 'expiresAt must be in the future' },
        ],
      }),
    );
    expect(await (await field('Expires on')).getTextErrors()).toEqual([
      'expiresAt must be in the future',
    ]);
    expect(text()).toContain('A waiver must expire in the future');
    expect(TestBed.inject(MatDialog).openDialogs).toHaveLength(1);
  });
});
