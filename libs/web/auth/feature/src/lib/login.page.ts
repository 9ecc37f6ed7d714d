import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
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
import { Router, RouterLink } from '@angular/router';
import { WEB_ROUTES } from '@quorum/contracts';
import { AuthStore } from '@quorum/web/shared/data-access';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  applyServerErrors,
  safeReturnUrl,
  serverError,
} from '@quorum/web/shared/util';

@Component({
  selector: 'q-login-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="card">
      <p class="brand">Quorum</p>
      <h1>Sign in</h1>
      <q-problem-alert [problem]="problem()" />
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input
            matInput
            type="email"
            formControlName="email"
            autocomplete="username"
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
            autocomplete="current-password"
          />
          @if (form.controls.password.hasError('required')) {
            <mat-error>Password is required</mat-error>
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
          Sign in
        </button>
        @if (pending()) {
          <mat-progress-bar mode="indeterminate" aria-label="Signing in" />
        }
      </form>
      <p class="switch">
        New to Quorum?
        <a [routerLink]="['/', routes.register]">Register your lab or vendor</a>
      </p>
    </main>
  `,
  styleUrl: './auth-layout.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** `?returnUrl=` from the guard that sent the user here (bound by withComponentInputBinding). */
  readonly returnUrl = input<string>();

  protected readonly routes = WEB_ROUTES;
  protected readonly serverError = serverError;
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.pending.set(true);
    this.problem.set(null);
    this.auth.login({ email: email.trim(), password }).subscribe({
      next: () => {
        this.pending.set(false);
        void this.router.navigateByUrl(
          safeReturnUrl(this.returnUrl()) ?? this.auth.homePath() ?? '/',
        );
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
