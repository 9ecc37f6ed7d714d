import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ConflictView, WaiveConflictRequest } from '@quorum/contracts';
import {
  ApiProblem,
  CONFLICT_RULE_LABELS,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';
import type { Observable } from 'rxjs';
import { ProblemAlert } from './problem-alert';

export interface WaiveDialogData {
  conflict: ConflictView;
  /** Sends the waiver; the dialog closes with the updated conflict or shows the problem. */
  submit: (request: WaiveConflictRequest) => Observable<ConflictView>;
}

/** The server accepts a waiver lasting at most 366 days; the picker stops a day short of that. */
export const MAX_WAIVER_DAYS = 365;

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The waiver lasts through the chosen day (local time), sent as an ISO 8601 instant. */
export function waiverExpiry(day: Date): string {
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    23,
    59,
    59,
  ).toISOString();
}

function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && !control.value.trim() ? { required: true } : null;
}

/** Waive a conflict: a justification and an expiry date. Closes with the updated conflict. */
@Component({
  selector: 'q-waive-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    MatButtonModule,
    ProblemAlert,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Waive conflict</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="what">
          {{ ruleLabel }}: {{ data.conflict.evidence.competitorName }} in
          {{ data.conflict.vendorName }}
        </p>
        @if (blocking) {
          <p class="note" role="note">
            This conflict blocks the vendor. Your waiver stays
            <strong>pending</strong>, and the vendor stays blocked, until a
            second person (another admin of the lab or a platform admin)
            approves it.
          </p>
        } @else {
          <p class="note" role="note">
            This conflict only flags the vendor: the waiver applies as soon as
            you submit it.
          </p>
        }
        <q-problem-alert [problem]="problem()" />
        <mat-form-field appearance="outline">
          <mat-label>Justification</mat-label>
          <textarea
            matInput
            formControlName="justification"
            rows="4"
            maxlength="4000"
          ></textarea>
          <mat-hint
            >Why the lab accepts this vendor despite the conflict.</mat-hint
          >
          @if (form.controls.justification.hasError('required')) {
            <mat-error>A justification is required</mat-error>
          } @else if (serverError(form.controls.justification); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Expires on</mat-label>
          <input
            matInput
            [matDatepicker]="picker"
            formControlName="expiresAt"
            [min]="minDate"
            [max]="maxDate"
          />
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          <mat-hint>At most {{ maxDays }} days from today.</mat-hint>
          @if (form.controls.expiresAt.hasError('required')) {
            <mat-error>Choose when the waiver expires</mat-error>
          } @else if (form.controls.expiresAt.hasError('matDatepickerParse')) {
            <mat-error>Enter a valid date</mat-error>
          } @else if (form.controls.expiresAt.hasError('matDatepickerMin')) {
            <mat-error>The waiver must expire after today</mat-error>
          } @else if (form.controls.expiresAt.hasError('matDatepickerMax')) {
            <mat-error>A waiver lasts at most {{ maxDays }} days</mat-error>
          } @else if (serverError(form.controls.expiresAt); as message) {
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
          {{ blocking ? 'Request waiver' : 'Waive' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(460px, 80vw);
    }
    .what {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .note {
      margin: 0 0 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
  `,
})
export class WaiveDialog {
  protected readonly data = inject<WaiveDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<WaiveDialog, ConflictView>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly serverError = serverError;
  protected readonly ruleLabel = CONFLICT_RULE_LABELS[this.data.conflict.rule];
  protected readonly blocking = this.data.conflict.severity === 'block';
  protected readonly maxDays = MAX_WAIVER_DAYS;
  protected readonly minDate = addDays(startOfDay(new Date()), 1);
  protected readonly maxDate = addDays(startOfDay(new Date()), MAX_WAIVER_DAYS);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly form = this.fb.group({
    justification: ['', [Validators.required, notBlank]],
    expiresAt: this.fb.control<Date | null>(null, Validators.required),
  });

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { justification, expiresAt } = this.form.getRawValue();
    if (!expiresAt) return;
    this.pending.set(true);
    this.problem.set(null);
    this.dialogRef.disableClose = true;
    this.data
      .submit({
        justification: justification.trim(),
        expiresAt: waiverExpiry(expiresAt),
      })
      .subscribe({
        next: (conflict) => this.dialogRef.close(conflict),
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
