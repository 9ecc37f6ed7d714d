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
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreateMemberRequest, MemberView, Role } from '@quorum/contracts';
import {
  ApiProblem,
  PASSWORD_MIN_LENGTH,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';
import type { Observable } from 'rxjs';
import { ProblemAlert } from './problem-alert';
import { RoleLabelPipe } from './role-label.pipe';

export interface AddMemberDialogData {
  orgName: string;
  /** Roles this organization may hand out (MEMBER_ROLES_BY_ORG_KIND for its kind). */
  roles: readonly Role[];
  /** Creates the member; the dialog closes with its answer or shows the problem. */
  submit: (request: CreateMemberRequest) => Observable<MemberView>;
}

/** Creates an account in the caller's organization. Closes with the new MemberView, or undefined. */
@Component({
  selector: 'q-add-member-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    ProblemAlert,
    RoleLabelPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Add member to {{ data.orgName }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <q-problem-alert [problem]="problem()" />
        <mat-form-field appearance="outline">
          <mat-label>Display name</mat-label>
          <input
            matInput
            formControlName="displayName"
            autocomplete="off"
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
            autocomplete="off"
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
          <mat-label>Initial password</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="new-password"
          />
          <mat-hint
            >At least {{ minPasswordLength }} characters; share it with them
            privately.</mat-hint
          >
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
        <mat-form-field appearance="outline">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role">
            @for (role of data.roles; track role) {
              <mat-option [value]="role">{{ role | roleLabel }}</mat-option>
            }
          </mat-select>
          @if (form.controls.role.hasError('required')) {
            <mat-error>Choose a role</mat-error>
          } @else if (serverError(form.controls.role); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button
          mat-button
          type="button"
          mat-dialog-close
          [disabled]="pending()"
        >
          Cancel
        </button>
        <button mat-flat-button type="submit" [disabled]="pending()">
          Add member
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
  `,
})
export class AddMemberDialog {
  protected readonly data = inject<AddMemberDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<AddMemberDialog, MemberView>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly minPasswordLength = PASSWORD_MIN_LENGTH;
  protected readonly serverError = serverError;
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly form = this.fb.group({
    displayName: ['', [Validators.required]],
    email: ['', [Validators.required, Validators.email]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    ],
    role: this.fb.control<Role | ''>(
      this.data.roles.length === 1 ? this.data.roles[0] : '',
      Validators.required,
    ),
  });

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, email, password, role } = this.form.getRawValue();
    if (!role) return;
    this.pending.set(true);
    this.problem.set(null);
    this.dialogRef.disableClose = true;
    this.data
      .submit({
        displayName: displayName.trim(),
        email: email.trim(),
        password,
        role,
      })
      .subscribe({
        next: (member) => this.dialogRef.close(member),
        error: (err: unknown) => {
          const problem = ApiProblem.from(err);
          applyServerErrors(this.form, problem);
          this.problem.set(problem);
          this.pending.set(false);
          this.dialogRef.disableClose = false;
        },
      });
  }
}
