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
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { InterestView } from '@quorum/contracts';
import {
  InterestTypePipe,
  ProblemAlert,
  SharePipe,
} from '@quorum/web/shared/ui';
import {
  ApiProblem,
  applyServerErrors,
  isoDate,
  parseIsoDate,
  serverError,
} from '@quorum/web/shared/util';
import type { Observable } from 'rxjs';

export interface EndInterestDialogData {
  interest: InterestView;
  partyName: string;
  subjectName: string;
  submit: (endDate: string) => Observable<InterestView>;
}

/** Ends a statement on a date; it stays on record for "as of" questions before that date. */
@Component({
  selector: 'q-end-interest-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    InterestTypePipe,
    ProblemAlert,
    SharePipe,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>End interest</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          {{ data.partyName }}: {{ data.interest.type | interestType }}
          @if (data.interest.share) {
            {{ data.interest.share | share }}
          }
          in {{ data.subjectName }}.
        </p>
        <p class="hint">
          The statement is not deleted: it stays on record and still answers
          questions about earlier dates.
        </p>
        <q-problem-alert [problem]="problem()" />
        <mat-form-field appearance="outline">
          <mat-label>End date</mat-label>
          <input
            matInput
            [matDatepicker]="picker"
            formControlName="endDate"
            [min]="minDate"
          />
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          @if (form.controls.endDate.hasError('required')) {
            <mat-error>Choose the end date</mat-error>
          } @else if (form.controls.endDate.hasError('matDatepickerParse')) {
            <mat-error>Enter a valid date</mat-error>
          } @else if (form.controls.endDate.hasError('matDatepickerMin')) {
            <mat-error>The end may not be before the start</mat-error>
          } @else if (serverError(form.controls.endDate); as m) {
            <mat-error>{{ m }}</mat-error>
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
          End interest
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      min-width: min(420px, 80vw);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class EndInterestDialog {
  protected readonly data = inject<EndInterestDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<EndInterestDialog, InterestView>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly serverError = serverError;
  protected readonly minDate = parseIsoDate(this.data.interest.startDate);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly form = this.fb.group({
    endDate: this.fb.control<Date | null>(new Date(), Validators.required),
  });

  protected submit(): void {
    if (this.pending()) return;
    const endDate = this.form.getRawValue().endDate;
    if (this.form.invalid || !endDate) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.problem.set(null);
    this.data.submit(isoDate(endDate)).subscribe({
      next: (interest) => this.dialogRef.close(interest),
      error: (err: unknown) => {
        const problem = ApiProblem.from(err);
        applyServerErrors(this.form, problem);
        this.problem.set(problem);
        this.pending.set(false);
      },
    });
  }
}
