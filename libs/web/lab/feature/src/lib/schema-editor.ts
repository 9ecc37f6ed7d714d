import { COMMA, ENTER } from '@angular/cdk/keycodes';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  type AbstractControl,
  type FormControl,
  type FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  type MatChipInputEvent,
  MatChipsModule,
} from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { TaskType } from '@quorum/contracts';
import { serverError } from '@quorum/web/shared/util';
import {
  SCHEMA_FIELDS,
  type SchemaDraft,
  schemaDraftErrors,
} from './job-schema';

export type SchemaControls = {
  [K in keyof SchemaDraft]: FormControl<SchemaDraft[K]>;
};
export type SchemaGroup = FormGroup<SchemaControls>;

/**
 * Validates one editor field against the whole draft and the task type chosen beside the schema
 * group (`taskType` in the parent form). The wizard re-runs it when either changes.
 */
export function schemaFieldValidator(field: keyof SchemaDraft): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const group = control.parent as SchemaGroup | null;
    const taskType = group?.parent?.get('taskType')?.value as
      | TaskType
      | null
      | undefined;
    if (!group || !taskType) return null;
    const message = schemaDraftErrors(taskType, group.getRawValue())[field];
    return message ? { schema: message } : null;
  };
}

/** The schema fields of one task type: labels, criteria, multiple/tie toggles, scale, lengths. */
@Component({
  selector: 'q-schema-editor',
  imports: [
    ReactiveFormsModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSlideToggleModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div [formGroup]="group()" class="editor">
      @if (uses('labels')) {
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Labels</mat-label>
          <mat-chip-grid
            #labelChips
            formControlName="labels"
            aria-label="Labels"
          >
            @for (l of group().controls.labels.value; track l) {
              <mat-chip-row (removed)="remove('labels', l)">
                {{ l }}
                <button matChipRemove [attr.aria-label]="'Remove label ' + l">
                  <mat-icon svgIcon="close" />
                </button>
              </mat-chip-row>
            }
            <input
              placeholder="Type a label and press Enter"
              [matChipInputFor]="labelChips"
              [matChipInputSeparatorKeyCodes]="separators"
              [matChipInputAddOnBlur]="true"
              (matChipInputTokenEnd)="add('labels', $event)"
            />
          </mat-chip-grid>
          <mat-hint>{{ labelHint() }}</mat-hint>
          @if (message(group().controls.labels); as m) {
            <mat-error>{{ m }}</mat-error>
          }
        </mat-form-field>
      }
      @if (uses('multiple')) {
        <mat-slide-toggle formControlName="multiple"
          >Annotators may pick several labels</mat-slide-toggle
        >
      }
      @if (uses('criteria')) {
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Criteria</mat-label>
          <mat-chip-grid
            #criteriaChips
            formControlName="criteria"
            aria-label="Criteria"
          >
            @for (c of group().controls.criteria.value; track c) {
              <mat-chip-row (removed)="remove('criteria', c)">
                {{ c }}
                <button
                  matChipRemove
                  [attr.aria-label]="'Remove criterion ' + c"
                >
                  <mat-icon svgIcon="close" />
                </button>
              </mat-chip-row>
            }
            <input
              placeholder="Type a criterion and press Enter"
              [matChipInputFor]="criteriaChips"
              [matChipInputSeparatorKeyCodes]="separators"
              [matChipInputAddOnBlur]="true"
              (matChipInputTokenEnd)="add('criteria', $event)"
            />
          </mat-chip-grid>
          <mat-hint>{{ criteriaHint() }}</mat-hint>
          @if (message(group().controls.criteria); as m) {
            <mat-error>{{ m }}</mat-error>
          }
        </mat-form-field>
      }
      @if (uses('allowTie')) {
        <mat-slide-toggle formControlName="allowTie"
          >Allow a tie</mat-slide-toggle
        >
      }
      @if (uses('scaleMin')) {
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Scale from</mat-label>
            <input matInput type="number" step="1" formControlName="scaleMin" />
            @if (message(group().controls.scaleMin); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Scale to</mat-label>
            <input matInput type="number" step="1" formControlName="scaleMax" />
            @if (message(group().controls.scaleMax); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
        </div>
      }
      @if (uses('minLength')) {
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Minimum length</mat-label>
            <input
              matInput
              type="number"
              min="0"
              step="1"
              formControlName="minLength"
            />
            <span matTextSuffix>characters</span>
            <mat-hint>Optional</mat-hint>
            @if (message(group().controls.minLength); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Maximum length</mat-label>
            <input
              matInput
              type="number"
              min="1"
              step="1"
              formControlName="maxLength"
            />
            <span matTextSuffix>characters</span>
            <mat-hint>Optional</mat-hint>
            @if (message(group().controls.maxLength); as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
        </div>
      }
    </div>
  `,
  styles: `
    .editor {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .wide {
      width: 100%;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .row mat-form-field {
      flex: 1 1 200px;
    }
    mat-slide-toggle {
      margin-bottom: 12px;
    }
  `,
})
export class SchemaEditor {
  readonly group = input.required<SchemaGroup>();
  readonly taskType = input.required<TaskType>();

  protected readonly separators = [ENTER, COMMA];
  protected readonly fields = computed(() => SCHEMA_FIELDS[this.taskType()]);
  protected readonly labelHint = computed(() =>
    this.taskType() === 'ner'
      ? 'Entity types annotators mark in the text, e.g. PERSON, PLACE.'
      : this.taskType() === 'bbox'
        ? 'Object classes annotators draw boxes for.'
        : 'The classes annotators choose from.',
  );
  protected readonly criteriaHint = computed(() =>
    this.taskType() === 'rating'
      ? 'Each criterion gets a score on the scale. At least one.'
      : 'Optional: aspects judged separately, e.g. helpfulness, harmlessness.',
  );

  protected uses(field: keyof SchemaDraft): boolean {
    return this.fields().includes(field);
  }

  protected message(control: AbstractControl): string | null {
    const own = control.errors?.['schema'];
    return typeof own === 'string' ? own : serverError(control);
  }

  protected add(field: 'labels' | 'criteria', event: MatChipInputEvent): void {
    const names = event.value
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    event.chipInput.clear();
    if (!names.length) return;
    const control = this.group().controls[field];
    control.setValue([...new Set([...control.value, ...names])]);
    control.markAsDirty();
    control.markAsTouched();
  }

  protected remove(field: 'labels' | 'criteria', name: string): void {
    const control = this.group().controls[field];
    control.setValue(control.value.filter((n) => n !== name));
    control.markAsDirty();
    control.markAsTouched();
  }
}
