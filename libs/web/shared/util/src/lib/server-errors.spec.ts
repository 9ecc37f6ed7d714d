import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { ApiProblem } from './api-problem';
import { applyServerErrors, serverError } from './server-errors';

describe('applyServerErrors', () => {
  const problem = ApiProblem.fromResponse(400, {
    title: 'Validation failed',
    status: 400,
    errors: [
      { path: 'email', message: 'email is already registered' },
      { path: 'orgKind', message: 'orgKind must be lab or vendor' },
    ],
  });

  it('marks the matching controls and returns the rest', () => {
    const form = new FormGroup({
      email: new FormControl('a@b.test', Validators.required),
    });
    const unmatched = applyServerErrors(form, problem);
    expect(serverError(form.controls.email)).toBe(
      'email is already registered',
    );
    expect(form.controls.email.touched).toBe(true);
    expect(form.invalid).toBe(true);
    expect(unmatched).toEqual([
      { path: 'orgKind', message: 'orgKind must be lab or vendor' },
    ]);
  });

  it('clears the server error once the user edits the field', () => {
    const form = new FormGroup({ email: new FormControl('a@b.test') });
    applyServerErrors(form, problem);
    form.controls.email.setValue('c@d.test');
    expect(serverError(form.controls.email)).toBeNull();
    expect(form.valid).toBe(true);
  });

  it('finds controls in arrays and groups from bracketed paths', () => {
    const form = new FormGroup({
      share: new FormGroup({ exact: new FormControl(120) }),
      identifiers: new FormArray([
        new FormGroup({ scheme: new FormControl('') }),
      ]),
    });
    const unmatched = applyServerErrors(
      form,
      ApiProblem.fromResponse(400, {
        title: 'Validation failed',
        status: 400,
        errors: [
          { path: 'share.exact', message: 'must be a number from 0 to 100' },
          { path: 'identifiers[0].scheme', message: 'scheme is required' },
        ],
      }),
    );
    expect(unmatched).toEqual([]);
    expect(serverError(form.controls.share.controls.exact)).toBe(
      'must be a number from 0 to 100',
    );
    expect(serverError(form.controls.identifiers.at(0).controls.scheme)).toBe(
      'scheme is required',
    );
  });
});
