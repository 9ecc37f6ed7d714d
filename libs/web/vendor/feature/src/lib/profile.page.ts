import { COMMA, ENTER, SPACE } from '@angular/cdk/keycodes';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  effect,
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
import { MatButtonModule } from '@angular/material/button';
import {
  type MatChipInputEvent,
  MatChipsModule,
} from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  TASK_TYPES,
  type TaskType,
  type VendorProfile,
} from '@quorum/contracts';
import {
  type StoredVendorProfile,
  TASK_TYPE_LABELS,
  VendorProfileStore,
} from '@quorum/web/jobs/data-access';
import { AuthStore } from '@quorum/web/shared/data-access';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';
import { startWith } from 'rxjs';

const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export function languageCodesValidator(
  control: AbstractControl<string[]>,
): ValidationErrors | null {
  const bad = (control.value ?? []).filter((l) => !LANGUAGE_CODE.test(l));
  return bad.length ? { language: bad } : null;
}

function wholeNumber(
  control: AbstractControl<number | null>,
): ValidationErrors | null {
  const v = control.value;
  return v === null || Number.isInteger(v) ? null : { integer: true };
}

type PriceControls = Record<TaskType, FormControl<number | null>>;

/** The profile sent: prices only for the skills offered. */
export function profileRequest(v: {
  skills: TaskType[];
  languages: string[];
  capacityPerHour: number;
  prices: Partial<Record<TaskType, number | null>>;
}): VendorProfile {
  const prices: Partial<Record<TaskType, number>> = {};
  for (const skill of v.skills) {
    const price = v.prices[skill];
    if (price !== null && price !== undefined) prices[skill] = price;
  }
  return {
    skills: [...v.skills],
    languages: [...v.languages],
    capacityPerHour: v.capacityPerHour,
    prices,
  };
}

/** What the vendor offers labs: task types, languages, capacity and a price per task type. */
@Component({
  selector: 'q-vendor-profile-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ProblemAlert,
  ],
  providers: [VendorProfileStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Profile</h1>
      <p class="q-lede">
        What {{ auth.user()?.orgName }} offers labs. Routing sends work only to
        vendors whose skills and languages fit the job.
      </p>
      @if (store.profile()?.updatedAt; as updated) {
        <p class="updated">Last saved {{ updated | date: 'medium' }}</p>
      }
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading the profile"
        />
      }
      @if (store.profile()) {
        <form [formGroup]="form" (ngSubmit)="save()" novalidate>
          <q-problem-alert [problem]="saveProblem()" />
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Skills (task types)</mat-label>
            <mat-select formControlName="skills" multiple>
              @for (t of taskTypes; track t) {
                <mat-option [value]="t">{{ taskTypeLabels[t] }}</mat-option>
              }
            </mat-select>
            @if (serverError(form.controls.skills); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Languages</mat-label>
            <mat-chip-grid
              #langChips
              formControlName="languages"
              aria-label="Languages"
            >
              @for (l of form.controls.languages.value; track l) {
                <mat-chip-row
                  (removed)="removeLanguage(l)"
                  [disabled]="!canSave()"
                >
                  {{ l }}
                  <button matChipRemove [attr.aria-label]="'Remove ' + l">
                    <mat-icon svgIcon="close" />
                  </button>
                </mat-chip-row>
              }
              <input
                placeholder="ISO code, e.g. en or pt-BR, then Enter"
                [matChipInputFor]="langChips"
                [matChipInputSeparatorKeyCodes]="separators"
                [matChipInputAddOnBlur]="true"
                (matChipInputTokenEnd)="addLanguage($event)"
              />
            </mat-chip-grid>
            @if (form.controls.languages.hasError('language')) {
              <mat-error
                >Not an ISO 639 code:
                {{
                  form.controls.languages.getError('language').join(', ')
                }}</mat-error
              >
            } @else if (serverError(form.controls.languages); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Capacity</mat-label>
            <input
              matInput
              type="number"
              min="0"
              step="1"
              formControlName="capacityPerHour"
            />
            <span matTextSuffix>answers / hour</span>
            @if (form.controls.capacityPerHour.hasError('required')) {
              <mat-error>Enter your capacity</mat-error>
            } @else if (
              form.controls.capacityPerHour.hasError('min') ||
              form.controls.capacityPerHour.hasError('max') ||
              form.controls.capacityPerHour.hasError('integer')
            ) {
              <mat-error>A whole number from 0 to 1,000,000</mat-error>
            } @else if (serverError(form.controls.capacityPerHour); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <fieldset formGroupName="prices">
            <legend>Price per answer</legend>
            @if (skills().length) {
              <div class="row">
                @for (t of skills(); track t) {
                  <mat-form-field appearance="outline">
                    <mat-label>{{ taskTypeLabels[t] }}</mat-label>
                    <input
                      matInput
                      type="number"
                      min="0"
                      max="1000"
                      step="0.01"
                      [formControlName]="t"
                    />
                    @if (priceControl(t).hasError('required')) {
                      <mat-error>Enter a price</mat-error>
                    } @else if (
                      priceControl(t).hasError('min') ||
                      priceControl(t).hasError('max')
                    ) {
                      <mat-error>From 0 to 1000</mat-error>
                    } @else if (serverError(priceControl(t)); as m) {
                      <mat-error>{{ m }}</mat-error>
                    }
                  </mat-form-field>
                }
              </div>
            } @else {
              <p class="none">Pick skills to set their prices.</p>
            }
            @if (serverError(form.controls.prices); as m) {
              <p class="server" role="alert">{{ m }}</p>
            }
          </fieldset>
          @if (canSave()) {
            <div class="buttons">
              <button
                mat-button
                type="button"
                [disabled]="saving() || form.pristine"
                (click)="reset()"
              >
                Discard changes
              </button>
              <button mat-flat-button type="submit" [disabled]="saving()">
                Save profile
              </button>
            </div>
          } @else {
            <p class="none" role="note">
              Only a vendor admin can change the profile.
            </p>
          }
        </form>
      }
    </section>
  `,
  styles: `
    .updated {
      margin: -16px 0 16px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .wide {
      width: 100%;
    }
    fieldset {
      margin: 0 0 16px;
      padding: 12px 16px 4px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-small);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .row mat-form-field {
      flex: 1 1 200px;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    .server {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .buttons {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class VendorProfilePage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(VendorProfileStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly taskTypes = TASK_TYPES;
  protected readonly taskTypeLabels = TASK_TYPE_LABELS;
  protected readonly separators = [ENTER, COMMA, SPACE];
  protected readonly serverError = serverError;
  protected readonly saving = signal(false);
  protected readonly saveProblem = signal<ApiProblem | null>(null);
  protected readonly canSave = computed(() =>
    this.auth.roles().includes('vendor_admin'),
  );

  protected readonly form = this.fb.group({
    skills: this.fb.control<TaskType[]>([]),
    languages: this.fb.control<string[]>([], languageCodesValidator),
    capacityPerHour: this.fb.control<number | null>(0, [
      Validators.required,
      Validators.min(0),
      Validators.max(1_000_000),
      wholeNumber,
    ]),
    prices: this.fb.group(
      Object.fromEntries(
        TASK_TYPES.map((t) => [
          t,
          this.fb.control<number | null>(null, [
            Validators.min(0),
            Validators.max(1000),
          ]),
        ]),
      ) as PriceControls,
    ),
  });

  /** Skills in task-type order, so the price fields keep a stable order. */
  protected readonly skills = toSignal(
    this.form.controls.skills.valueChanges.pipe(
      startWith(this.form.controls.skills.value),
    ),
    { requireSync: true, equal: () => false },
  );

  constructor() {
    // A price is required for each offered skill and ignored for the rest.
    this.form.controls.skills.valueChanges.subscribe((skills) =>
      this.syncPriceRules(skills),
    );
    effect(() => {
      const profile = this.store.profile();
      if (profile) this.fill(profile);
    });
    effect(() => {
      if (this.canSave()) this.form.enable({ emitEvent: false });
      else this.form.disable({ emitEvent: false });
    });
  }

  ngOnInit(): void {
    this.store.load();
  }

  protected priceControl(type: TaskType): FormControl<number | null> {
    return this.form.controls.prices.controls[type];
  }

  protected addLanguage(event: MatChipInputEvent): void {
    const codes = event.value
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    event.chipInput.clear();
    if (!codes.length) return;
    const control = this.form.controls.languages;
    control.setValue([...new Set([...control.value, ...codes])]);
    control.markAsDirty();
    control.markAsTouched();
  }

  protected removeLanguage(code: string): void {
    const control = this.form.controls.languages;
    control.setValue(control.value.filter((c) => c !== code));
    control.markAsDirty();
    control.markAsTouched();
  }

  protected reset(): void {
    const profile = this.store.profile();
    if (profile) this.fill(profile);
    this.saveProblem.set(null);
  }

  protected save(): void {
    if (this.saving() || !this.canSave()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    if (v.capacityPerHour === null) return;
    const ordered = TASK_TYPES.filter((t) => v.skills.includes(t));
    this.saving.set(true);
    this.saveProblem.set(null);
    this.store
      .save(
        profileRequest({
          skills: ordered,
          languages: v.languages,
          capacityPerHour: v.capacityPerHour,
          prices: v.prices,
        }),
      )
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.snackBar.open(
            'Profile saved. New jobs are routed with it.',
            'OK',
            {
              duration: 5000,
            },
          );
        },
        error: (err: unknown) => {
          const problem = ApiProblem.from(err);
          const unmatched = applyServerErrors(this.form, problem);
          for (const e of unmatched) {
            const field = ['skills', 'languages', 'prices'].find((f) =>
              e.path.replace(/^body\./, '').startsWith(f),
            );
            if (!field) continue;
            const control = this.form.get(field);
            control?.setErrors({ ...control.errors, server: e.message });
            control?.markAsTouched();
          }
          this.saveProblem.set(problem);
          this.saving.set(false);
        },
      });
  }

  private syncPriceRules(skills: readonly TaskType[]): void {
    for (const t of TASK_TYPES) {
      const control = this.priceControl(t);
      if (skills.includes(t)) control.addValidators(Validators.required);
      else control.removeValidators(Validators.required);
      control.updateValueAndValidity({ emitEvent: false });
    }
  }

  private fill(profile: StoredVendorProfile): void {
    const prices = Object.fromEntries(
      TASK_TYPES.map((t) => [t, profile.prices[t] ?? null]),
    ) as Record<TaskType, number | null>;
    this.form.reset({
      skills: [...profile.skills],
      languages: [...profile.languages],
      capacityPerHour: profile.capacityPerHour,
      prices,
    });
    this.syncPriceRules(profile.skills);
    if (!this.canSave()) this.form.disable({ emitEvent: false });
  }
}
