import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { AuthStore } from '@quorum/web/shared/data-access';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  PASSWORD_MIN_LENGTH,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';

type SelfRegisteredKind = 'lab' | 'vendor';

@Component({
  selector: 'q-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatButtonModule,
    MatProgressBarModule,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="card">
      <p class="brand">Quorum</p>
      <h1>Create your organization</h1>
      <q-problem-alert [problem]="problem()" />
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="kind">
          <span id="org-kind-label" class="kind-label">Organization kind</span>
          <mat-radio-group
            formControlName="orgKind"
            aria-labelledby="org-kind-label"
            aria-describedby="org-kind-hint"
          >
            <mat-radio-button value="lab">Lab</mat-radio-button>
            <mat-radio-button value="vendor">Vendor</mat-radio-button>
          </mat-radio-group>
          <p id="org-kind-hint" class="kind-hint">
            Labs post labeling and RLHF work; vendors' annotators and reviewers
            do it.
          </p>
          @if (kindError(); as message) {
            <p class="kind-error" role="alert">{{ message }}</p>
          }
        </div>
        <mat-form-field appearance="outline">
          <mat-label>Organization name</mat-label>
          <input
            matInput
            formControlName="orgName"
            autocomplete="organization"
            maxlength="160"
          />
          @if (form.controls.orgName.hasError('required')) {
            <mat-error>Organization name is required</mat-error>
          } @else if (form.controls.orgName.hasError('minlength')) {
            <mat-error>Use at least 2 characters</mat-error>
          } @else if (serverError(form.controls.orgName); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Display name</mat-label>
          <input
            matInput
            formControlName="displayName"
            autocomplete="name"
            maxlength="120"
          />
          @if (form.controls.displayName.hasError('required')) {
            <mat-error>Display name is required</mat-error>
          } @else if (serverError(form.controls.displayName); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input
            matInput
            type="email"
            formControlName="email"
            autocomplete="email"
          />
          @if (form.controls.email.hasError('required')) {
            <mat-error>Email is required</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>Enter a valid email address</mat-error>
          } @else if (serverError(form.controls.email); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="new-password"
          />
          <mat-hint>At least {{ minPasswordLength }} characters</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>Password is required</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error
              >Use at least {{ minPasswordLength }} characters</mat-error
            >
          } @else if (serverError(form.controls.password); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <button
          mat-flat-button
          class="submit"
          type="submit"
          [disabled]="pending()"
        >
          Create account
        </button>
        @if (pending()) {
          <mat-progress-bar
            mode="indeterminate"
            aria-label="Creating account"
          />
        }
      </form>
      <p class="switch">
        Already registered? <a [routerLink]="['/', routes.login]">Sign in</a>
      </p>
    </main>
  `,
  styleUrl: './auth-layout.scss',
  styles: `
    .kind {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 16px;
    }
    .kind-label {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-radio-group {
      display: flex;
      gap: 16px;
    }
    .kind-hint,
    .kind-error {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .kind-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly routes = WEB_ROUTES;
  protected readonly minPasswordLength = PASSWORD_MIN_LENGTH;
  protected readonly serverError = serverError;
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  /** Bumped on submit so the radio group's error (not a form field) re-renders. */
  private readonly submitted = signal(0);

  protected readonly form = this.fb.group({
    orgKind: this.fb.control<SelfRegisteredKind | ''>('', Validators.required),
    orgName: ['', [Validators.required, Validators.minLength(2)]],
    displayName: ['', [Validators.required]],
    email: ['', [Validators.required, Validators.email]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    ],
  });

  protected kindError(): string | null {
    this.submitted();
    const control = this.form.controls.orgKind;
    if (!control.touched) return null;
    if (control.hasError('required'))
      return 'Choose whether you are a lab or a vendor';
    return serverError(control);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.submitted.update((n) => n + 1);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { orgKind, orgName, displayName, email, password } =
      this.form.getRawValue();
    if (!orgKind) return;
    this.pending.set(true);
    this.problem.set(null);
    this.auth
      .register({
        orgKind,
        orgName: orgName.trim(),
        displayName: displayName.trim(),
        email: email.trim(),
        password,
      })
      .subscribe({
        next: () => {
          this.pending.set(false);
          void this.router.navigateByUrl(this.auth.homePath() ?? '/');
        },
        error: (err: unknown) => {
          const problem = ApiProblem.from(err);
          applyServerErrors(this.form, problem);
          this.problem.set(problem);
          this.pending.set(false);
        },
      });
  }
}
