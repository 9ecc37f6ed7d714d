import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import {
  MEMBER_ROLES_BY_ORG_KIND,
  type CreateMemberRequest,
  type MemberView,
} from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { Subject, firstValueFrom } from 'rxjs';
import { AddMemberDialog, type AddMemberDialogData } from './add-member-dialog';
import { provideQuorumIcons } from './icons';

// The dialog lives in the overlay; a host fixture gives the harness loader something to drive.
@Component({ template: '' })
class AddMemberDialogHost {}

async function open(roles = MEMBER_ROLES_BY_ORG_KIND.vendor) {
  TestBed.configureTestingModule({ providers: [provideQuorumIcons()] });
  const requests: CreateMemberRequest[] = [];
  const answers = new Subject<MemberView>();
  const data: AddMemberDialogData = {
    orgName: 'Acme Labeling',
    roles,
    submit: (request) => {
      requests.push(request);
      return answers;
    },
  };
  const ref = TestBed.inject(MatDialog).open<
    AddMemberDialog,
    AddMemberDialogData,
    MemberView
  >(AddMemberDialog, { data });
  const closed = jest.fn();
  ref.afterClosed().subscribe(closed);
  const afterClosed = firstValueFrom(ref.afterClosed());
  const loader = TestbedHarnessEnvironment.documentRootLoader(
    TestBed.createComponent(AddMemberDialogHost),
  );
  const field = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  return {
    requests,
    answers,
    closed,
    afterClosed,
    field,
    fill: async (label: string, value: string) =>
      (await (await field(label)).getControl(MatInputHarness))?.setValue(value),
    select: () => loader.getHarness(MatSelectHarness),
    submit: async () =>
      (
        await loader.getHarness(MatButtonHarness.with({ text: 'Add member' }))
      ).click(),
  };
}

describe('AddMemberDialog', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('offers only the roles the organization may hand out', async () => {
    const { select } = await open(MEMBER_ROLES_BY_ORG_KIND.vendor);
    const roleSelect = await select();
    await roleSelect.open();
    const options = await roleSelect.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'Vendor admin',
      'Annotator',
      'Reviewer',
    ]);
  });

  it('checks the fields before submitting', async () => {
    const { fill, submit, field, requests } = await open();
    await fill('Initial password', 'too short');
    await submit();
    expect(await (await field('Email')).getTextErrors()).toEqual([
      'Email is required',
    ]);
    expect(await (await field('Initial password')).getTextErrors()).toEqual([
      'Use at least 12 characters',
    ]);
    expect(await (await field('Role')).getTextErrors()).toEqual([
      'Choose a role',
    ]);
    expect(requests).toEqual([]);
  });

  it('submits the member and closes with the created member', async () => {
    const { fill, select, submit, requests, answers, afterClosed } =
      await open();
    await fill('Display name', ' Ana ');
    await fill('Email', 'ana@acme.test');
    await fill('Initial password', 'twelve chars ok');
    await (await select()).clickOptions({ text: 'Annotator' });
    await submit();

    expect(requests).toEqual([
      {
        displayName: 'Ana',
        email: 'ana@acme.test',
        password: 'twelve chars ok',
        role: 'annotator',
      },
    ]);
    const member: MemberView = {
      id: 'm',
      email: 'ana@acme.test',
      displayName: 'Ana',
      orgId: 'o',
      roles: ['annotator'],
      createdAt: '',
    };
    answers.next(member);
    answers.complete();
    await expect(afterClosed).resolves.toEqual(member);
  });

  it('keeps the dialog open and shows server field errors beside the fields', async () => {
    const { fill, select, submit, answers, closed, field } = await open();
    await fill('Display name', 'Ana');
    await fill('Email', 'ana@acme.test');
    await fill('Initial password', 'twelve chars ok');
    await (await select()).clickOptions({ text: 'Reviewer' });
    await submit();

    answers.error(
      ApiProblem.fromResponse(400, {
        title: 'Validation failed',
        status: 400,
        errors: [{ path: 'email', message: 'email is already registered' }],
      }),
    );

    expect(await (await field('Email')).getTextErrors()).toEqual([
      'email is already registered',
    ]);
    expect(closed).not.toHaveBeenCalled();
    expect(
      document.querySelector('q-add-member-dialog [role="alert"]')?.textContent,
    ).toContain('Validation failed');
  });
});
