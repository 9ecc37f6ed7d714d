import { COMMA, ENTER, SPACE } from '@angular/cdk/keycodes';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
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
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CONFLICT_ACTIONS,
  type ConflictAction,
  type CreateJobRequest,
  DEFAULT_CONFLICT_POLICY,
  TASK_TYPES,
  type TaskType,
} from '@quorum/contracts';
import { JobsApi, TASK_TYPE_LABELS } from '@quorum/web/jobs/data-access';
import { ProblemAlert } from '@quorum/web/shared/ui';
import {
  ApiProblem,
  CONFLICT_ACTION_LABELS,
  applyServerErrors,
  serverError,
} from '@quorum/web/shared/util';
import { map, merge, startWith } from 'rxjs';
import {
  EMPTY_SCHEMA_DRAFT,
  type SchemaDraft,
  buildSchema,
  schemaFieldForPath,
} from './job-schema';
import { Markdown } from './markdown';
import { competitorIdsValidator } from './policy.page';
import {
  type SchemaControls,
  SchemaEditor,
  schemaFieldValidator,
} from './schema-editor';
import { TaskPreview } from './task-preview';

/** ISO 639 codes as the API accepts them: "en", "pt-BR". */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export function languagesValidator(
  control: AbstractControl<string[]>,
): ValidationErrors | null {
  const bad = (control.value ?? []).filter((l) => !LANGUAGE_CODE.test(l));
  return bad.length ? { language: bad } : null;
}

function integer(
  control: AbstractControl<number | null>,
): ValidationErrors | null {
  const v = control.value;
  return v === null || Number.isInteger(v) ? null : { integer: true };
}

/** The deadline is the end of the chosen day, local time, as an ISO 8601 instant. */
export function deadlineInstant(day: Date): string {
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    23,
    59,
    59,
  ).toISOString();
}

type CompetitorMode = 'all-labs' | 'named';

/** Post a job: task type and schema (with a live preview), instructions, quality, budget, routing. */
@Component({
  selector: 'q-lab-new-job-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatChipsModule,
    MatDatepickerModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    Markdown,
    ProblemAlert,
    SchemaEditor,
    TaskPreview,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <a mat-button routerLink=".." class="back">
        <mat-icon svgIcon="arrow_back" aria-hidden="true" />
        Jobs
      </a>
      <h1>New job</h1>
      <p class="q-lede">
        Describe the task, then upload items on the job's page and publish it.
      </p>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <q-problem-alert [problem]="problem()" />
        <fieldset>
          <legend>1. Task</legend>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Title</mat-label>
            <input matInput formControlName="title" maxlength="200" />
            @if (form.controls.title.hasError('required')) {
              <mat-error>Give the job a title</mat-error>
            } @else if (serverError(form.controls.title); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Task type</mat-label>
            <mat-select formControlName="taskType">
              @for (t of taskTypes; track t) {
                <mat-option [value]="t">{{ taskTypeLabels[t] }}</mat-option>
              }
            </mat-select>
            @if (serverError(form.controls.taskType); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <div class="split">
            <div>
              <h2 class="sub">Schema</h2>
              <q-schema-editor
                [group]="form.controls.schema"
                [taskType]="taskType()"
              />
            </div>
            <div>
              <h2 class="sub">Preview for a sample item</h2>
              <q-task-preview
                [taskType]="taskType()"
                [schema]="previewSchema()"
              />
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>2. Instructions</legend>
          <div class="split">
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Instructions (Markdown)</mat-label>
              <textarea
                matInput
                formControlName="instructions"
                rows="12"
                maxlength="50000"
              ></textarea>
              <mat-hint
                ># Heading, **bold**, *italic*, - lists,
                [link](https://…)</mat-hint
              >
              @if (serverError(form.controls.instructions); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <div
              class="preview"
              aria-label="Instructions as annotators see them"
              role="region"
            >
              <q-markdown
                [source]="instructions()"
                emptyText="The rendered instructions appear here."
              />
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>3. Quality and routing</legend>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Overlap</mat-label>
              <input
                matInput
                type="number"
                min="1"
                max="50"
                step="1"
                formControlName="overlap"
              />
              <mat-hint>Distinct annotators per item</mat-hint>
              @if (form.controls.overlap.hasError('required')) {
                <mat-error>Enter the overlap</mat-error>
              } @else if (
                form.controls.overlap.hasError('min') ||
                form.controls.overlap.hasError('max') ||
                form.controls.overlap.hasError('integer')
              ) {
                <mat-error>A whole number from 1 to 50</mat-error>
              } @else if (serverError(form.controls.overlap); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Minimum distinct vendors</mat-label>
              <input
                matInput
                type="number"
                min="1"
                max="50"
                step="1"
                formControlName="minDistinctVendors"
              />
              <mat-hint>Optional</mat-hint>
              @if (
                form.controls.minDistinctVendors.hasError('min') ||
                form.controls.minDistinctVendors.hasError('max') ||
                form.controls.minDistinctVendors.hasError('integer')
              ) {
                <mat-error>A whole number from 1 to 50</mat-error>
              } @else if (serverError(form.controls.minDistinctVendors); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Gold ratio</mat-label>
              <input
                matInput
                type="number"
                min="0"
                max="50"
                step="1"
                formControlName="goldRatioPercent"
              />
              <span matTextSuffix>%</span>
              <mat-hint>Share of gold items served; optional</mat-hint>
              @if (
                form.controls.goldRatioPercent.hasError('min') ||
                form.controls.goldRatioPercent.hasError('max')
              ) {
                <mat-error>From 0 to 50%</mat-error>
              } @else if (serverError(form.controls.goldRatioPercent); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
          </div>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Languages</mat-label>
            <mat-chip-grid
              #langChips
              formControlName="languages"
              aria-label="Languages"
            >
              @for (l of form.controls.languages.value; track l) {
                <mat-chip-row
                  (removed)="removeChip(form.controls.languages, l)"
                >
                  {{ l }}
                  <button matChipRemove [attr.aria-label]="'Remove ' + l">
                    <mat-icon svgIcon="close" />
                  </button>
                </mat-chip-row>
              }
              <input
                placeholder="ISO code, e.g. en or pt-BR"
                [matChipInputFor]="langChips"
                [matChipInputSeparatorKeyCodes]="separators"
                [matChipInputAddOnBlur]="true"
                (matChipInputTokenEnd)="
                  addChip(form.controls.languages, $event)
                "
              />
            </mat-chip-grid>
            <mat-hint>Vendors must work in these languages; optional</mat-hint>
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
        </fieldset>

        <fieldset>
          <legend>4. Price and schedule</legend>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Price per answer</mat-label>
              <input
                matInput
                type="number"
                min="0"
                max="1000"
                step="0.01"
                formControlName="pricePerAnswer"
              />
              @if (form.controls.pricePerAnswer.hasError('required')) {
                <mat-error>Enter the price per answer</mat-error>
              } @else if (
                form.controls.pricePerAnswer.hasError('min') ||
                form.controls.pricePerAnswer.hasError('max')
              ) {
                <mat-error>From 0 to 1000</mat-error>
              } @else if (serverError(form.controls.pricePerAnswer); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Budget</mat-label>
              <input
                matInput
                type="number"
                min="0"
                step="0.01"
                formControlName="budget"
              />
              <mat-hint
                >Optional; publishing checks items × overlap × price</mat-hint
              >
              @if (form.controls.budget.hasError('min')) {
                <mat-error>Cannot be negative</mat-error>
              } @else if (serverError(form.controls.budget); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Deadline</mat-label>
              <input
                matInput
                [matDatepicker]="picker"
                formControlName="deadline"
                [min]="minDeadline"
              />
              <mat-datepicker-toggle matIconSuffix [for]="picker" />
              <mat-datepicker #picker />
              <mat-hint>Optional; end of that day</mat-hint>
              @if (form.controls.deadline.hasError('matDatepickerParse')) {
                <mat-error>Enter a valid date</mat-error>
              } @else if (form.controls.deadline.hasError('matDatepickerMin')) {
                <mat-error>Pick a day after today</mat-error>
              } @else if (serverError(form.controls.deadline); as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
          </div>
        </fieldset>

        <mat-expansion-panel class="policy">
          <mat-expansion-panel-header>
            <mat-panel-title>Conflict policy override</mat-panel-title>
            <mat-panel-description
              >Optional: by default the lab's policy
              applies</mat-panel-description
            >
          </mat-expansion-panel-header>
          <mat-slide-toggle formControlName="overridePolicy"
            >Use a different policy for this job</mat-slide-toggle
          >
          <div formGroupName="conflictPolicy" class="policy-fields">
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
            @if (competitorMode() === 'named') {
              @let competitors =
                form.controls.conflictPolicy.controls.competitors;
              <mat-form-field appearance="outline" class="wide">
                <mat-label>Competitor entity ids</mat-label>
                <mat-chip-grid
                  #compChips
                  formControlName="competitors"
                  aria-label="Competitor entity ids"
                >
                  @for (id of competitors.value; track id) {
                    <mat-chip-row (removed)="removeChip(competitors, id)">
                      {{ id }}
                      <button matChipRemove [attr.aria-label]="'Remove ' + id">
                        <mat-icon svgIcon="close" />
                      </button>
                    </mat-chip-row>
                  }
                  <input
                    placeholder="Paste an entity id and press Enter"
                    [matChipInputFor]="compChips"
                    [matChipInputSeparatorKeyCodes]="separators"
                    [matChipInputAddOnBlur]="true"
                    (matChipInputTokenEnd)="addChip(competitors, $event)"
                  />
                </mat-chip-grid>
                @if (competitors.hasError('required')) {
                  <mat-error>Name at least one competitor</mat-error>
                } @else if (competitors.hasError('uuid')) {
                  <mat-error
                    >Not an entity id:
                    {{ competitors.getError('uuid').join(', ') }}</mat-error
                  >
                } @else if (serverError(competitors); as m) {
                  <mat-error>{{ m }}</mat-error>
                }
              </mat-form-field>
            }
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
                @if (
                  serverError(
                    form.controls.conflictPolicy.controls.economicThreshold
                  );
                  as m
                ) {
                  <mat-error>{{ m }}</mat-error>
                } @else {
                  <mat-error>Use a value from 0 to 100</mat-error>
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
                @if (
                  serverError(
                    form.controls.conflictPolicy.controls.votingThreshold
                  );
                  as m
                ) {
                  <mat-error>{{ m }}</mat-error>
                } @else {
                  <mat-error>Use a value from 0 to 100</mat-error>
                }
              </mat-form-field>
            </div>
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>Economic or voting finding</mat-label>
                <mat-select formControlName="onConflict">
                  <mat-option value="block">{{
                    actionLabels.block
                  }}</mat-option>
                  <mat-option value="flag">{{ actionLabels.flag }}</mat-option>
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Board seat tied to a competitor</mat-label>
                <mat-select formControlName="boardSeat">
                  @for (a of actions; track a) {
                    <mat-option [value]="a">{{ actionLabels[a] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Priority or exclusivity agreement</mat-label>
                <mat-select formControlName="agreements">
                  @for (a of actions; track a) {
                    <mat-option [value]="a">{{ actionLabels[a] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </div>
          </div>
        </mat-expansion-panel>

        <div class="buttons">
          <a mat-button routerLink="..">Cancel</a>
          <button mat-flat-button type="submit" [disabled]="saving()">
            Create draft job
          </button>
        </div>
      </form>
    </section>
  `,
  styles: `
    .back {
      margin: -8px 0 8px -12px;
    }
    fieldset {
      margin: 0 0 16px;
      padding: 12px 16px 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .sub {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .wide {
      width: 100%;
    }
    .split {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
      align-items: start;
    }
    .preview {
      min-height: 120px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .row mat-form-field {
      flex: 1 1 220px;
    }
    .policy {
      margin-bottom: 16px;
    }
    .policy-fields {
      margin-top: 12px;
    }
    .modes {
      display: flex;
      flex-direction: column;
      margin-bottom: 8px;
    }
    .buttons {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class LabNewJobPage {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly api = inject(JobsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly taskTypes = TASK_TYPES;
  protected readonly taskTypeLabels = TASK_TYPE_LABELS;
  protected readonly actions = CONFLICT_ACTIONS;
  protected readonly actionLabels = CONFLICT_ACTION_LABELS;
  protected readonly separators = [ENTER, COMMA, SPACE];
  protected readonly serverError = serverError;
  protected readonly minDeadline = new Date(
    new Date().getFullYear(),
    new Date().getMonth(),
    new Date().getDate() + 1,
  );
  protected readonly saving = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly form = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(200), notBlank]],
    taskType: this.fb.control<TaskType>('classification'),
    schema: this.fb.group<SchemaControls>({
      labels: this.fb.control<string[]>([], schemaFieldValidator('labels')),
      multiple: this.fb.control(false),
      criteria: this.fb.control<string[]>([], schemaFieldValidator('criteria')),
      allowTie: this.fb.control(false),
      scaleMin: this.fb.control<number | null>(
        EMPTY_SCHEMA_DRAFT.scaleMin,
        schemaFieldValidator('scaleMin'),
      ),
      scaleMax: this.fb.control<number | null>(
        EMPTY_SCHEMA_DRAFT.scaleMax,
        schemaFieldValidator('scaleMax'),
      ),
      minLength: this.fb.control<number | null>(
        null,
        schemaFieldValidator('minLength'),
      ),
      maxLength: this.fb.control<number | null>(
        null,
        schemaFieldValidator('maxLength'),
      ),
    }),
    instructions: ['', Validators.maxLength(50_000)],
    overlap: this.fb.control<number | null>(3, [
      Validators.required,
      Validators.min(1),
      Validators.max(50),
      integer,
    ]),
    minDistinctVendors: this.fb.control<number | null>(null, [
      Validators.min(1),
      Validators.max(50),
      integer,
    ]),
    goldRatioPercent: this.fb.control<number | null>(null, [
      Validators.min(0),
      Validators.max(50),
    ]),
    pricePerAnswer: this.fb.control<number | null>(null, [
      Validators.required,
      Validators.min(0),
      Validators.max(1000),
    ]),
    budget: this.fb.control<number | null>(null, [Validators.min(0)]),
    deadline: this.fb.control<Date | null>(null),
    languages: this.fb.control<string[]>([], languagesValidator),
    overridePolicy: this.fb.control(false),
    conflictPolicy: this.fb.group({
      mode: this.fb.control<CompetitorMode>('all-labs'),
      competitors: this.fb.control<string[]>([], competitorIdsValidator),
      economicThreshold: this.fb.control<number | null>(
        DEFAULT_CONFLICT_POLICY.economicThreshold,
        [Validators.required, Validators.min(0), Validators.max(100)],
      ),
      votingThreshold: this.fb.control<number | null>(
        DEFAULT_CONFLICT_POLICY.votingThreshold,
        [Validators.required, Validators.min(0), Validators.max(100)],
      ),
      onConflict: this.fb.control<'block' | 'flag'>(
        DEFAULT_CONFLICT_POLICY.onConflict,
      ),
      boardSeat: this.fb.control<ConflictAction>(
        DEFAULT_CONFLICT_POLICY.boardSeat,
      ),
      agreements: this.fb.control<ConflictAction>(
        DEFAULT_CONFLICT_POLICY.agreements,
      ),
    }),
  });

  protected readonly taskType = toSignal(
    this.form.controls.taskType.valueChanges.pipe(
      startWith(this.form.controls.taskType.value),
    ),
    { requireSync: true },
  );
  /** The schema as it would be sent, for the live preview. */
  protected readonly previewSchema = toSignal(
    merge(
      this.form.controls.taskType.valueChanges,
      this.form.controls.schema.valueChanges,
    ).pipe(
      startWith(null),
      map(() =>
        buildSchema(
          this.form.controls.taskType.value,
          this.form.controls.schema.getRawValue(),
        ),
      ),
    ),
    { requireSync: true },
  );
  protected readonly instructions = toSignal(
    this.form.controls.instructions.valueChanges.pipe(
      startWith(this.form.controls.instructions.value),
    ),
    { requireSync: true },
  );
  protected readonly competitorMode = toSignal(
    this.form.controls.conflictPolicy.controls.mode.valueChanges.pipe(
      startWith(this.form.controls.conflictPolicy.controls.mode.value),
    ),
    { requireSync: true },
  );

  constructor() {
    const schema = this.form.controls.schema;
    // A field's rule depends on the task type and on its neighbours (scale min/max, lengths).
    merge(
      this.form.controls.taskType.valueChanges,
      schema.valueChanges,
    ).subscribe(() => {
      for (const control of Object.values(schema.controls))
        control.updateValueAndValidity({ emitEvent: false });
    });
    const policy = this.form.controls.conflictPolicy;
    policy.disable();
    this.form.controls.overridePolicy.valueChanges.subscribe((on) => {
      if (on) policy.enable();
      else policy.disable();
    });
    policy.controls.mode.valueChanges.subscribe(() =>
      policy.controls.competitors.updateValueAndValidity(),
    );
  }

  protected addChip(
    control: AbstractControl<string[]>,
    event: MatChipInputEvent,
  ): void {
    const values = event.value
      .split(/[\s,]+/)
      .map((v) => v.trim())
      .filter(Boolean);
    event.chipInput.clear();
    if (!values.length) return;
    control.setValue([...new Set([...control.value, ...values])]);
    control.markAsDirty();
    control.markAsTouched();
  }

  protected removeChip(
    control: AbstractControl<string[]>,
    value: string,
  ): void {
    control.setValue(control.value.filter((v) => v !== value));
    control.markAsDirty();
    control.markAsTouched();
  }

  /** The request the form describes; null while it is invalid. */
  request(): CreateJobRequest | null {
    if (this.form.invalid) return null;
    const v = this.form.getRawValue();
    if (v.overlap === null || v.pricePerAnswer === null) return null;
    const body: CreateJobRequest = {
      title: v.title.trim(),
      instructions: v.instructions,
      taskType: v.taskType,
      schema: buildSchema(v.taskType, v.schema as SchemaDraft),
      overlap: v.overlap,
      pricePerAnswer: v.pricePerAnswer,
    };
    if (v.minDistinctVendors !== null)
      body.minDistinctVendors = v.minDistinctVendors;
    if (v.goldRatioPercent !== null)
      body.goldRatio = Math.round(v.goldRatioPercent * 100) / 10_000;
    if (v.budget !== null) body.budget = v.budget;
    if (v.deadline) body.deadline = deadlineInstant(v.deadline);
    if (v.languages.length) body.languages = [...v.languages];
    if (v.overridePolicy) {
      const p = v.conflictPolicy;
      if (p.economicThreshold === null || p.votingThreshold === null)
        return null;
      body.conflictPolicy = {
        competitors: p.mode === 'all-labs' ? 'all-labs' : [...p.competitors],
        economicThreshold: p.economicThreshold,
        votingThreshold: p.votingThreshold,
        onConflict: p.onConflict,
        boardSeat: p.boardSeat,
        agreements: p.agreements,
      };
    }
    return body;
  }

  protected submit(): void {
    if (this.saving()) return;
    const body = this.request();
    if (!body) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    this.api.create(body).subscribe({
      next: (job) => {
        this.saving.set(false);
        void this.router.navigate(['..', job.id], { relativeTo: this.route });
      },
      error: (err: unknown) => {
        const problem = ApiProblem.from(err);
        this.showServerErrors(problem);
        this.problem.set(problem);
        this.saving.set(false);
      },
    });
  }

  private showServerErrors(problem: ApiProblem): void {
    const unmatched = applyServerErrors(this.form, problem);
    const extra = new Map<AbstractControl, string[]>();
    for (const error of unmatched) {
      const path = error.path.replace(/^\/+/, '').replace(/^body\./, '');
      const field = schemaFieldForPath(path);
      const control = field
        ? this.form.controls.schema.controls[field]
        : path.startsWith('goldRatio')
          ? this.form.controls.goldRatioPercent
          : path.startsWith('languages')
            ? this.form.controls.languages
            : path.startsWith('conflictPolicy.competitors')
              ? this.form.controls.conflictPolicy.controls.competitors
              : null;
      if (!control) continue;
      extra.set(control, [...(extra.get(control) ?? []), error.message]);
    }
    for (const [control, messages] of extra) {
      control.setErrors({ ...control.errors, server: messages.join(' ') });
      control.markAsTouched();
    }
  }
}

function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && !control.value.trim() ? { required: true } : null;
}
