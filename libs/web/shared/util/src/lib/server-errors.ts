import type { AbstractControl, FormGroup } from '@angular/forms';
import type { ProblemFieldError } from '@quorum/contracts';
import type { ApiProblem } from './api-problem';

/**
 * Puts the server's field errors on the matching form controls (as a `server` error, cleared by
 * the next edit) so they show beside the fields. Returns the errors no control matched.
 */
export function applyServerErrors(
  form: FormGroup,
  problem: ApiProblem,
): ProblemFieldError[] {
  const unmatched: ProblemFieldError[] = [];
  for (const error of problem.errors) {
    const control = findControl(form, error.path);
    if (!control) {
      unmatched.push(error);
      continue;
    }
    const previous = control.errors?.['server'] as string | undefined;
    control.setErrors({
      ...control.errors,
      server: previous ? `${previous} ${error.message}` : error.message,
    });
    control.markAsTouched();
  }
  return unmatched;
}

/** The server message for a control, if any. */
export function serverError(control: AbstractControl): string | null {
  const message = control.errors?.['server'];
  return typeof message === 'string' ? message : null;
}

function findControl(form: FormGroup, path: string): AbstractControl | null {
  // `identifiers[0].scheme` (class-validator) and `/identifiers/0/scheme` both name identifiers.0.scheme.
  const dotted = path
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '');
  return form.get(dotted);
}
