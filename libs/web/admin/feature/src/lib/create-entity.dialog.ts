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
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  ENTITY_KINDS,
  type EntityKind,
  type EntityView,
} from '@quorum/contracts';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  type CreateEntityRequest,
  ENTITY_KIND_LABELS,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';
import type { Observable } from 'rxjs';

export interface CreateEntityDialogData {
  submit: (request: CreateEntityRequest) => Observable<EntityView>;
}

/** Adds a company, fund, person, state body or arrangement to the registry. */
@Component({
  selector: 'q-create-entity-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>New entity</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <q-problem-alert [problem]="problem()" />
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" maxlength="200" />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Name is required</mat-error>
          } @else if (serverError(form.controls.name); as m) {
            <mat-error>{{ m }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Kind</mat-label>
          <mat-select formControlName="kind">
            @for (k of kinds; track k) {
              <mat-option [value]="k">{{ kindLabels[k] }}</mat-option>
            }
          </mat-select>
          @if (serverError(form.controls.kind); as m) {
            <mat-error>{{ m }}</mat-error>
          }
        </mat-form-field>
        <fieldset formArrayName="identifiers">
          <legend>Identifiers (optional)</legend>
          @for (
            group of form.controls.identifiers.controls;
            track group;
            let i = $index
          ) {
            <div class="identifier" [formGroupName]="i">
              <mat-form-field appearance="outline">
                <mat-label>Scheme</mat-label>
                <input matInput formControlName="scheme" placeholder="GB-COH" />
                @if (group.controls.scheme.hasError('required')) {
                  <mat-error>Scheme is required</mat-error>
                } @else if (serverError(group.controls.scheme); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Identifier</mat-label>
                <input matInput formControlName="id" />
                @if (group.controls.id.hasError('required')) {
                  <mat-error>Identifier is required</mat-error>
                } @else if (serverError(group.controls.id); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
              <button
                mat-icon-button
                type="button"
                [attr.aria-label]="'Remove identifier ' + (i + 1)"
                (click)="form.controls.identifiers.removeAt(i)"
              >
                <mat-icon svgIcon="close" aria-hidden="true" />
              </button>
            </div>
          }
          <button mat-button type="button" (click)="addIdentifier()">
            <mat-icon svgIcon="add" aria-hidden="true" /> Add identifier
          </button>
        </fieldset>
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
          Create entity
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(480px, 80vw);
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 8px;
    }
    .identifier {
      display: flex;
      gap: 8px;
      align-items: flex-start;
    }
  `,
})
export class CreateEntityDialog {
  private readonly data = inject<CreateEntityDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<CreateEntityDialog, EntityView>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly kinds = ENTITY_KINDS;
  protected readonly kindLabels = ENTITY_KIND_LABELS;
  protected readonly serverError = serverError;
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly form = this.fb.group({
    name: ['', Validators.required],
    kind: this.fb.control<EntityKind>('company'),
    identifiers: this.fb.array<
      ReturnType<CreateEntityDialog['identifierGroup']>
    >([]),
  });

  protected addIdentifier(): void {
    this.form.controls.identifiers.push(this.identifierGroup());
  }

  private identifierGroup() {
    return this.fb.group({
      scheme: ['', Validators.required],
      id: ['', Validators.required],
    });
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid || !this.form.getRawValue().name.trim()) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, kind, identifiers } = this.form.getRawValue();
    this.pending.set(true);
    this.problem.set(null);
    this.data
      .submit({
        name: name.trim(),
        kind,
        ...(identifiers.length
          ? {
              identifiers: identifiers.map((i) => ({
                scheme: i.scheme.trim(),
                id: i.id.trim(),
              })),
            }
          : {}),
      })
      .subscribe({
        next: (entity) => this.dialogRef.close(entity),
        error: (err: unknown) => {
          const problem = ApiProblem.from(err);
          applyServerErrors(this.form, problem);
          this.problem.set(problem);
          this.pending.set(false);
        },
      });
  }
}
