import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  type FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
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
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  type BodsShare,
  type DirectOrIndirect,
  type EntityView,
  INTEREST_TYPES,
  type InterestType,
  type InterestView,
} from '@quorum/contracts';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  ENTITY_KIND_LABELS,
  INTEREST_TYPE_LABELS,
  type RecordInterestRequest,
  applyServerErrors,
  isoDate,
  serverError,
} from '@quorum/web/shared/util';
import {
  type Observable,
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';

export interface RecordInterestDialogData {
  /** Pre-filled subject (the entity page records interests in its entity). */
  subject?: EntityView | null;
  /** Entities whose name contains the text, for the party and subject pickers. */
  search: (text: string) => Observable<EntityView[]>;
  submit: (request: RecordInterestRequest) => Observable<InterestView>;
}

export type ShareMode = 'none' | 'exact' | 'band';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type EntityChoice = EntityView | string | null;

function entityIdOf(value: EntityChoice): string | null {
  if (value && typeof value === 'object') return value.id;
  if (typeof value === 'string' && UUID.test(value.trim())) return value.trim();
  return null;
}

/** An entity picked from the list (or a pasted entity id). */
export function entityChoiceValidator(
  control: AbstractControl<EntityChoice>,
): ValidationErrors | null {
  if (control.value === null || control.value === '') return { required: true };
  return entityIdOf(control.value) ? null : { entity: true };
}

function shareMode(control: AbstractControl): ShareMode {
  return (control.parent?.parent?.get('shareMode')?.value ??
    'none') as ShareMode;
}

/** `exact` is required when the share is exact. */
export function exactShareValidator(
  control: AbstractControl<number | null>,
): ValidationErrors | null {
  return shareMode(control) === 'exact' && control.value === null
    ? { required: true }
    : null;
}

/** A band needs at least one bound, and its minimum may not exceed its maximum. */
export function bandMaximumValidator(
  control: AbstractControl<number | null>,
): ValidationErrors | null {
  if (shareMode(control) !== 'band') return null;
  const minimum = control.parent?.get('minimum')?.value as number | null;
  if (minimum === null && control.value === null) return { bound: true };
  if (minimum !== null && control.value !== null && minimum > control.value)
    return { order: true };
  return null;
}

/** The BODS share the form describes: `{ exact }`, `{ minimum?, maximum? }` or none. */
export function shareOf(
  mode: ShareMode,
  values: {
    exact: number | null;
    minimum: number | null;
    maximum: number | null;
  },
): BodsShare | undefined {
  if (mode === 'exact' && values.exact !== null) return { exact: values.exact };
  if (mode === 'band') {
    const share: BodsShare = {};
    if (values.minimum !== null) share.minimum = values.minimum;
    if (values.maximum !== null) share.maximum = values.maximum;
    return share;
  }
  return undefined;
}

const percent = [Validators.min(0), Validators.max(100)];

/** Records an interest statement: who holds what in whom, from when, on what evidence. */
@Component({
  selector: 'q-record-interest-dialog',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    ProblemAlert,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Record interest</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <q-problem-alert [problem]="problem()" />
        <mat-form-field appearance="outline">
          <mat-label>Interested party (owner)</mat-label>
          <input
            matInput
            formControlName="interestedPartyId"
            [matAutocomplete]="partyAuto"
          />
          <mat-autocomplete #partyAuto [displayWith]="displayEntity">
            @for (e of partyOptions(); track e.id) {
              <mat-option [value]="e"
                >{{ e.name }}
                <span class="kind">· {{ kindLabels[e.kind] }}</span></mat-option
              >
            }
          </mat-autocomplete>
          <mat-hint
            >Type to search the registry, or paste an entity id.</mat-hint
          >
          @if (form.controls.interestedPartyId.hasError('required')) {
            <mat-error>Choose who holds the interest</mat-error>
          } @else if (form.controls.interestedPartyId.hasError('entity')) {
            <mat-error>Pick an entity from the list</mat-error>
          } @else if (serverError(form.controls.interestedPartyId); as m) {
            <mat-error>{{ m }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Subject (owned entity)</mat-label>
          <input
            matInput
            formControlName="subjectId"
            [matAutocomplete]="subjectAuto"
          />
          <mat-autocomplete #subjectAuto [displayWith]="displayEntity">
            @for (e of subjectOptions(); track e.id) {
              <mat-option [value]="e"
                >{{ e.name }}
                <span class="kind">· {{ kindLabels[e.kind] }}</span></mat-option
              >
            }
          </mat-autocomplete>
          @if (form.controls.subjectId.hasError('required')) {
            <mat-error>Choose the entity the interest is in</mat-error>
          } @else if (form.controls.subjectId.hasError('entity')) {
            <mat-error>Pick an entity from the list</mat-error>
          } @else if (serverError(form.controls.subjectId); as m) {
            <mat-error>{{ m }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Interest type (BODS)</mat-label>
            <mat-select formControlName="type">
              @for (t of types; track t) {
                <mat-option [value]="t">{{ typeLabels[t] }}</mat-option>
              }
            </mat-select>
            @if (serverError(form.controls.type); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Direct or indirect</mat-label>
            <mat-select formControlName="directOrIndirect">
              <mat-option value="direct">Direct</mat-option>
              <mat-option value="indirect"
                >Indirect (a claim, not an edge)</mat-option
              >
              <mat-option value="unknown">Unknown</mat-option>
            </mat-select>
          </mat-form-field>
        </div>
        <fieldset formGroupName="share">
          <legend>Share</legend>
          <mat-radio-group
            class="modes"
            [formControl]="form.controls.shareMode"
            aria-label="How the share is known"
          >
            <mat-radio-button value="exact">Exact</mat-radio-button>
            <mat-radio-button value="band"
              >Band (minimum–maximum)</mat-radio-button
            >
            <mat-radio-button value="none">No share</mat-radio-button>
          </mat-radio-group>
          @if (form.controls.shareMode.value === 'exact') {
            <mat-form-field appearance="outline">
              <mat-label>Share</mat-label>
              <input
                matInput
                type="number"
                min="0"
                max="100"
                step="any"
                formControlName="exact"
              />
              <span matTextSuffix>%</span>
              @if (form.controls.share.controls.exact.hasError('required')) {
                <mat-error>Enter the share</mat-error>
              } @else if (
                form.controls.share.controls.exact.hasError('min') ||
                form.controls.share.controls.exact.hasError('max')
              ) {
                <mat-error>Use a percentage from 0 to 100</mat-error>
              } @else if (
                serverError(form.controls.share.controls.exact);
                as m
              ) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
          }
          @if (form.controls.shareMode.value === 'band') {
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>Minimum</mat-label>
                <input
                  matInput
                  type="number"
                  min="0"
                  max="100"
                  step="any"
                  formControlName="minimum"
                />
                <span matTextSuffix>%</span>
                @if (
                  form.controls.share.controls.minimum.hasError('min') ||
                  form.controls.share.controls.minimum.hasError('max')
                ) {
                  <mat-error>Use a percentage from 0 to 100</mat-error>
                } @else if (
                  serverError(form.controls.share.controls.minimum);
                  as m
                ) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Maximum</mat-label>
                <input
                  matInput
                  type="number"
                  min="0"
                  max="100"
                  step="any"
                  formControlName="maximum"
                />
                <span matTextSuffix>%</span>
                @if (form.controls.share.controls.maximum.hasError('bound')) {
                  <mat-error>Give a minimum, a maximum or both</mat-error>
                } @else if (
                  form.controls.share.controls.maximum.hasError('order')
                ) {
                  <mat-error
                    >The maximum must not be below the minimum</mat-error
                  >
                } @else if (
                  form.controls.share.controls.maximum.hasError('min') ||
                  form.controls.share.controls.maximum.hasError('max')
                ) {
                  <mat-error>Use a percentage from 0 to 100</mat-error>
                } @else if (
                  serverError(form.controls.share.controls.maximum);
                  as m
                ) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
            </div>
          }
        </fieldset>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Start date</mat-label>
            <input
              matInput
              [matDatepicker]="start"
              formControlName="startDate"
            />
            <mat-datepicker-toggle matIconSuffix [for]="start" />
            <mat-datepicker #start />
            @if (form.controls.startDate.hasError('matDatepickerParse')) {
              <mat-error>Enter a valid date</mat-error>
            } @else if (serverError(form.controls.startDate); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>End date</mat-label>
            <input
              matInput
              [matDatepicker]="end"
              formControlName="endDate"
              [min]="form.controls.startDate.value"
            />
            <mat-datepicker-toggle matIconSuffix [for]="end" />
            <mat-datepicker #end />
            @if (form.controls.endDate.hasError('matDatepickerParse')) {
              <mat-error>Enter a valid date</mat-error>
            } @else if (form.controls.endDate.hasError('matDatepickerMin')) {
              <mat-error>The end may not be before the start</mat-error>
            } @else if (serverError(form.controls.endDate); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>Details</mat-label>
          <textarea
            matInput
            formControlName="details"
            rows="2"
            maxlength="4000"
          ></textarea>
        </mat-form-field>
        <fieldset formGroupName="source">
          <legend>Source</legend>
          <mat-form-field appearance="outline" class="full">
            <mat-label>Source description</mat-label>
            <input matInput formControlName="description" maxlength="2000" />
            <mat-hint
              >The filing, register or article this comes from.</mat-hint
            >
            @if (
              form.controls.source.controls.description.hasError('required')
            ) {
              <mat-error>Say where this comes from</mat-error>
            } @else if (
              serverError(form.controls.source.controls.description);
              as m
            ) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" class="full">
            <mat-label>Source URL</mat-label>
            <input matInput type="url" formControlName="url" />
            @if (form.controls.source.controls.url.hasError('pattern')) {
              <mat-error>Use an http(s) address</mat-error>
            } @else if (serverError(form.controls.source.controls.url); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
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
          Record interest
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(560px, 84vw);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .row > mat-form-field {
      flex: 1 1 160px;
    }
    fieldset {
      border: 0;
      margin: 0 0 8px;
      padding: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    .modes {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 8px;
    }
    .full {
      width: 100%;
    }
    .kind {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class RecordInterestDialog {
  protected readonly data = inject<RecordInterestDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<RecordInterestDialog, InterestView>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly types = INTEREST_TYPES;
  protected readonly typeLabels = INTEREST_TYPE_LABELS;
  protected readonly kindLabels = ENTITY_KIND_LABELS;
  protected readonly serverError = serverError;
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly form = this.fb.group({
    interestedPartyId: this.fb.control<EntityChoice>(
      null,
      entityChoiceValidator,
    ),
    subjectId: this.fb.control<EntityChoice>(
      this.data.subject ?? null,
      entityChoiceValidator,
    ),
    type: this.fb.control<InterestType>('shareholding'),
    shareMode: this.fb.control<ShareMode>('exact'),
    share: this.fb.group({
      exact: this.fb.control<number | null>(null, [
        exactShareValidator,
        ...percent,
      ]),
      minimum: this.fb.control<number | null>(null, percent),
      maximum: this.fb.control<number | null>(null, [
        bandMaximumValidator,
        ...percent,
      ]),
    }),
    directOrIndirect: this.fb.control<DirectOrIndirect>('direct'),
    startDate: this.fb.control<Date | null>(null),
    endDate: this.fb.control<Date | null>(null),
    details: [''],
    source: this.fb.group({
      description: ['', Validators.required],
      url: ['', Validators.pattern(/^https?:\/\/\S+$/)],
    }),
  });

  protected readonly partyOptions = this.optionsFor(
    this.form.controls.interestedPartyId,
  );
  protected readonly subjectOptions = this.optionsFor(
    this.form.controls.subjectId,
  );

  constructor() {
    const share = this.form.controls.share.controls;
    this.form.controls.shareMode.valueChanges.subscribe(() => {
      share.exact.updateValueAndValidity();
      share.maximum.updateValueAndValidity();
    });
    share.minimum.valueChanges.subscribe(() =>
      share.maximum.updateValueAndValidity(),
    );
    // These validators read the share mode through their parents, which exist only now.
    share.exact.updateValueAndValidity();
    share.maximum.updateValueAndValidity();
  }

  protected displayEntity(value: EntityChoice): string {
    return value && typeof value === 'object' ? value.name : (value ?? '');
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const interestedPartyId = entityIdOf(v.interestedPartyId);
    const subjectId = entityIdOf(v.subjectId);
    if (!interestedPartyId || !subjectId) return;
    const request: RecordInterestRequest = {
      interestedPartyId,
      subjectId,
      type: v.type,
      directOrIndirect: v.directOrIndirect,
      source: {
        description: v.source.description.trim(),
        ...(v.source.url.trim() ? { url: v.source.url.trim() } : {}),
      },
    };
    const share = shareOf(v.shareMode, v.share);
    if (share) request.share = share;
    if (v.startDate) request.startDate = isoDate(v.startDate);
    if (v.endDate) request.endDate = isoDate(v.endDate);
    if (v.details.trim()) request.details = v.details.trim();

    this.pending.set(true);
    this.problem.set(null);
    this.data.submit(request).subscribe({
      next: (interest) => this.dialogRef.close(interest),
      error: (err: unknown) => {
        const problem = ApiProblem.from(err);
        applyServerErrors(this.form, problem);
        this.problem.set(problem);
        this.pending.set(false);
      },
    });
  }

  private optionsFor(control: FormControl<EntityChoice>) {
    return toSignal(
      control.valueChanges.pipe(
        startWith(control.value),
        map((value) => (typeof value === 'string' ? value.trim() : null)),
        distinctUntilChanged(),
        debounceTime(200),
        switchMap((text) =>
          text === null
            ? of([])
            : this.data.search(text).pipe(catchError(() => of([]))),
        ),
      ),
      { initialValue: [] as EntityView[] },
    );
  }
}
