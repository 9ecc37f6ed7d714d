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
import {
  type AbstractControl,
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
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  CONFLICT_ACTIONS,
  type ConflictAction,
  type ConflictPolicy,
  type ConflictPolicyView,
} from '@quorum/contracts';
import { AuthStore, ConflictPolicyStore } from '@quorum/web/shared/data-access';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  CONFLICT_ACTION_LABELS,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type CompetitorMode = 'all-labs' | 'named';

/** Named competitors: at least one, each a registry entity id (UUID). */
export function competitorIdsValidator(
  control: AbstractControl<string[]>,
): ValidationErrors | null {
  const mode = (control.parent?.get('mode')?.value ??
    'all-labs') as CompetitorMode;
  if (mode !== 'named') return null;
  const ids = control.value ?? [];
  if (!ids.length) return { required: true };
  const bad = ids.filter((id) => !UUID.test(id));
  return bad.length ? { uuid: bad } : null;
}

/** A lab's conflict policy: who counts as a competitor, the thresholds and what each finding does. */
@Component({
  selector: 'q-lab-policy-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    ProblemAlert,
  ],
  providers: [ConflictPolicyStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Conflict policy</h1>
      <p class="q-lede">
        When a vendor counts as conflicted for {{ auth.user()?.orgName }}, and
        what happens then. Control of a vendor by a competitor always blocks.
      </p>
      @if (store.policy(); as p) {
        <p class="version" aria-live="polite">
          @if (p.version > 0) {
            Version {{ p.version }}, saved
            {{ p.updatedAt | date: 'medium' }}
          } @else {
            Version 0: the platform defaults, never saved by this lab
          }
        </p>
      }
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading the policy"
        />
      }
      @if (!canSave()) {
        <p class="readonly" role="note">
          Only a lab admin can change the policy; you can read it.
        </p>
      }
      @if (store.policy()) {
        <form [formGroup]="form" (ngSubmit)="save()" novalidate>
          <q-problem-alert [problem]="saveProblem()" />
          <fieldset>
            <legend>Competitors</legend>
            <mat-radio-group
              formControlName="mode"
              aria-label="Who counts as a competitor"
              class="modes"
            >
              <mat-radio-button value="all-labs"
                >Every other lab on Quorum</mat-radio-button
              >
              <mat-radio-button value="named"
                >Only the registry entities I name</mat-radio-button
              >
            </mat-radio-group>
            @if (form.controls.mode.value === 'named') {
              <mat-form-field appearance="outline" class="wide">
                <mat-label>Competitor entity ids</mat-label>
                <mat-chip-grid
                  #chips
                  formControlName="competitors"
                  aria-label="Competitor entity ids"
                >
                  @for (id of form.controls.competitors.value; track id) {
                    <mat-chip-row
                      (removed)="removeCompetitor(id)"
                      [editable]="false"
                      [disabled]="!canSave()"
                    >
                      {{ id }}
                      <button matChipRemove [attr.aria-label]="'Remove ' + id">
                        <mat-icon svgIcon="close" />
                      </button>
                    </mat-chip-row>
                  }
                  <input
                    placeholder="Paste an entity id and press Enter"
                    [matChipInputFor]="chips"
                    [matChipInputSeparatorKeyCodes]="separators"
                    [matChipInputAddOnBlur]="true"
                    (matChipInputTokenEnd)="addCompetitor($event)"
                  />
                </mat-chip-grid>
                <mat-hint
                  >Registry entity ids (UUIDs) of the labs or companies you
                  compete with.</mat-hint
                >
                @if (form.controls.competitors.hasError('required')) {
                  <mat-error>Name at least one competitor</mat-error>
                } @else if (form.controls.competitors.hasError('uuid')) {
                  <mat-error
                    >Not an entity id:
                    {{
                      form.controls.competitors.getError('uuid').join(', ')
                    }}</mat-error
                  >
                } @else if (serverError(form.controls.competitors); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
            }
          </fieldset>
          <fieldset>
            <legend>Thresholds</legend>
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>Economic interest threshold</mat-label>
                <input
                  matInput
                  type="number"
                  min="0"
                  max="100"
                  step="0.1"
                  formControlName="economicThreshold"
                />
                <span matTextSuffix>%</span>
                <mat-hint
                  >A competitor's stake at or above this conflicts.</mat-hint
                >
                @if (form.controls.economicThreshold.hasError('required')) {
                  <mat-error>Enter a percentage</mat-error>
                } @else if (
                  form.controls.economicThreshold.hasError('min') ||
                  form.controls.economicThreshold.hasError('max')
                ) {
                  <mat-error>Use a value from 0 to 100</mat-error>
                } @else if (
                  serverError(form.controls.economicThreshold);
                  as m
                ) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Voting rights threshold</mat-label>
                <input
                  matInput
                  type="number"
                  min="0"
                  max="100"
                  step="0.1"
                  formControlName="votingThreshold"
                />
                <span matTextSuffix>%</span>
                <mat-hint>Votes held at or above this conflict.</mat-hint>
                @if (form.controls.votingThreshold.hasError('required')) {
                  <mat-error>Enter a percentage</mat-error>
                } @else if (
                  form.controls.votingThreshold.hasError('min') ||
                  form.controls.votingThreshold.hasError('max')
                ) {
                  <mat-error>Use a value from 0 to 100</mat-error>
                } @else if (serverError(form.controls.votingThreshold); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Actions</legend>
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>Economic or voting finding</mat-label>
                <mat-select formControlName="onConflict">
                  <mat-option value="block">{{
                    actionLabels.block
                  }}</mat-option>
                  <mat-option value="flag">{{ actionLabels.flag }}</mat-option>
                </mat-select>
                @if (serverError(form.controls.onConflict); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Board seat tied to a competitor</mat-label>
                <mat-select formControlName="boardSeat">
                  @for (a of actions; track a) {
                    <mat-option [value]="a">{{ actionLabels[a] }}</mat-option>
                  }
                </mat-select>
                @if (serverError(form.controls.boardSeat); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Priority or exclusivity agreement</mat-label>
                <mat-select formControlName="agreements">
                  @for (a of actions; track a) {
                    <mat-option [value]="a">{{ actionLabels[a] }}</mat-option>
                  }
                </mat-select>
                @if (serverError(form.controls.agreements); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
            </div>
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
                Save policy
              </button>
            </div>
          }
        </form>
      }
    </section>
  `,
  styles: `
    .version {
      margin: -16px 0 16px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .readonly {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
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
    .modes {
      display: flex;
      flex-direction: column;
      margin-bottom: 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .row mat-form-field {
      flex: 1 1 240px;
    }
    .wide {
      width: 100%;
    }
    .buttons {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class LabPolicyPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(ConflictPolicyStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly separators = [ENTER, COMMA, SPACE];
  protected readonly actions = CONFLICT_ACTIONS;
  protected readonly actionLabels = CONFLICT_ACTION_LABELS;
  protected readonly serverError = serverError;
  protected readonly saving = signal(false);
  protected readonly saveProblem = signal<ApiProblem | null>(null);
  /** The lab's own admin saves; the server also lets a platform admin, who never sees this page. */
  protected readonly canSave = computed(() =>
    this.auth.roles().includes('lab_admin'),
  );

  protected readonly form = this.fb.group({
    mode: this.fb.control<CompetitorMode>('all-labs'),
    competitors: this.fb.control<string[]>([], competitorIdsValidator),
    economicThreshold: this.fb.control<number | null>(null, [
      Validators.required,
      Validators.min(0),
      Validators.max(100),
    ]),
    votingThreshold: this.fb.control<number | null>(null, [
      Validators.required,
      Validators.min(0),
      Validators.max(100),
    ]),
    onConflict: this.fb.control<'block' | 'flag'>('block'),
    boardSeat: this.fb.control<ConflictAction>('block'),
    agreements: this.fb.control<ConflictAction>('flag'),
  });

  constructor() {
    this.form.controls.mode.valueChanges.subscribe(() =>
      this.form.controls.competitors.updateValueAndValidity(),
    );
    // Whenever the server's policy changes (loaded or saved), the form shows it.
    effect(() => {
      const policy = this.store.policy();
      if (policy) this.fill(policy);
    });
    effect(() => {
      if (this.canSave()) this.form.enable();
      else this.form.disable();
    });
  }

  ngOnInit(): void {
    const user = this.auth.user();
    if (user) this.store.load(user.orgId);
  }

  protected addCompetitor(event: MatChipInputEvent): void {
    const ids = event.value
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    event.chipInput.clear();
    if (!ids.length) return;
    const control = this.form.controls.competitors;
    control.setValue([...new Set([...control.value, ...ids])]);
    control.markAsDirty();
    control.markAsTouched();
  }

  protected removeCompetitor(id: string): void {
    const control = this.form.controls.competitors;
    control.setValue(control.value.filter((v) => v !== id));
    control.markAsDirty();
    control.markAsTouched();
  }

  protected reset(): void {
    const policy = this.store.policy();
    if (policy) this.fill(policy);
    this.saveProblem.set(null);
  }

  protected save(): void {
    if (this.saving() || !this.canSave()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    if (v.economicThreshold === null || v.votingThreshold === null) return;
    const policy: ConflictPolicy = {
      competitors: v.mode === 'all-labs' ? 'all-labs' : v.competitors,
      economicThreshold: v.economicThreshold,
      votingThreshold: v.votingThreshold,
      boardSeat: v.boardSeat,
      agreements: v.agreements,
      onConflict: v.onConflict,
    };
    this.saving.set(true);
    this.saveProblem.set(null);
    this.store.save(policy).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.snackBar.open(
          `Policy saved as version ${saved.version}. Conflicts are being re-evaluated.`,
          'OK',
          { duration: 6000 },
        );
      },
      error: (err: unknown) => {
        const problem = ApiProblem.from(err);
        const unmatched = applyServerErrors(this.form, problem);
        // "competitors[2]: no entity with this id" belongs to the competitors field.
        const competitorErrors = unmatched.filter((e) =>
          e.path.startsWith('competitors'),
        );
        if (competitorErrors.length) {
          const control = this.form.controls.competitors;
          const ids = control.value;
          control.setErrors({
            ...control.errors,
            server: competitorErrors
              .map((e) => {
                const index = /\[(\d+)\]/.exec(e.path)?.[1];
                const id = index === undefined ? null : ids[Number(index)];
                return id ? `${id}: ${e.message}` : e.message;
              })
              .join('; '),
          });
          control.markAsTouched();
        }
        this.saveProblem.set(problem);
        this.saving.set(false);
      },
    });
  }

  private fill(policy: ConflictPolicyView): void {
    this.form.reset({
      mode: policy.competitors === 'all-labs' ? 'all-labs' : 'named',
      competitors:
        policy.competitors === 'all-labs' ? [] : [...policy.competitors],
      economicThreshold: policy.economicThreshold,
      votingThreshold: policy.votingThreshold,
      onConflict: policy.onConflict,
      boardSeat: policy.boardSeat,
      agreements: policy.agreements,
    });
    if (!this.canSave()) this.form.disable();
  }
}
