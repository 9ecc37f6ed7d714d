import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { TaskSchema, TaskType } from '@quorum/contracts';
import { SAMPLE_ITEMS } from './job-schema';

interface PreviewModel {
  text?: string;
  imageNote?: string;
  prompt?: string;
  responses?: string[];
  response?: string;
  labels: string[];
  multiple: boolean;
  criteria: string[];
  allowTie: boolean;
  scale: number[];
  lengthNote?: string;
}

/** What the preview shows for a sample item of this task type under this schema. */
export function previewModel(type: TaskType, schema: TaskSchema): PreviewModel {
  const s = schema as {
    labels?: string[];
    multiple?: boolean;
    criteria?: string[];
    allowTie?: boolean;
    scale?: { min: number; max: number };
    minLength?: number;
    maxLength?: number;
  };
  const model: PreviewModel = {
    labels: s.labels ?? [],
    multiple: !!s.multiple,
    criteria: s.criteria ?? [],
    allowTie: !!s.allowTie,
    scale: [],
  };
  switch (type) {
    case 'classification': {
      const item = SAMPLE_ITEMS.classification;
      model.text = 'text' in item ? item.text : item.imageUrl;
      break;
    }
    case 'ner':
      model.text = SAMPLE_ITEMS.ner.text;
      break;
    case 'bbox': {
      const item = SAMPLE_ITEMS.bbox;
      model.imageNote = `Image ${item.width}×${item.height} px: annotators draw a box around each object and pick its label.`;
      break;
    }
    case 'pairwise_preference':
    case 'ranking':
      model.prompt = SAMPLE_ITEMS[type].prompt;
      model.responses = [...SAMPLE_ITEMS[type].responses];
      break;
    case 'rating': {
      model.prompt = SAMPLE_ITEMS.rating.prompt;
      model.response = SAMPLE_ITEMS.rating.response;
      const min = s.scale?.min ?? 1;
      const max = s.scale?.max ?? 5;
      if (
        Number.isInteger(min) &&
        Number.isInteger(max) &&
        max > min &&
        max - min <= 100
      )
        for (let v = min; v <= max; v++) model.scale.push(v);
      break;
    }
    case 'response_writing': {
      model.prompt = SAMPLE_ITEMS.response_writing.prompt;
      const { minLength: min, maxLength: max } = s;
      model.lengthNote =
        min !== undefined && max !== undefined
          ? `Between ${min} and ${max} characters.`
          : min !== undefined
            ? `At least ${min} characters.`
            : max !== undefined
              ? `At most ${max} characters.`
              : 'Any length.';
      break;
    }
  }
  return model;
}

/** A read-only sketch of the annotator's screen for a sample item, live as the schema changes. */
@Component({
  selector: 'q-task-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let m = model();
    <div
      class="frame"
      aria-label="Preview of the annotator's task"
      role="group"
    >
      @if (m.text) {
        <p class="item">{{ m.text }}</p>
      }
      @if (m.imageNote) {
        <div class="image" aria-hidden="true">image</div>
        <p class="note">{{ m.imageNote }}</p>
      }
      @if (m.prompt) {
        <p class="label">Prompt</p>
        <p class="item">{{ m.prompt }}</p>
      }
      @if (m.response) {
        <p class="label">Response</p>
        <p class="item">{{ m.response }}</p>
      }
      @switch (taskType()) {
        @case ('classification') {
          <p class="label">
            {{ m.multiple ? 'Pick every label that fits' : 'Pick one label' }}
          </p>
          <div class="options">
            @for (l of m.labels; track l) {
              <span class="option"
                ><span class="box" [class.round]="!m.multiple"></span
                >{{ l }}</span
              >
            } @empty {
              <span class="note">Add labels to see them here.</span>
            }
          </div>
        }
        @case ('ner') {
          <p class="label">Select text, then an entity type</p>
          <div class="options">
            @for (l of m.labels; track l) {
              <span class="option tag">{{ l }}</span>
            } @empty {
              <span class="note">Add labels to see them here.</span>
            }
          </div>
        }
        @case ('bbox') {
          <div class="options">
            @for (l of m.labels; track l) {
              <span class="option tag">{{ l }}</span>
            } @empty {
              <span class="note">Add labels to see them here.</span>
            }
          </div>
        }
        @case ('pairwise_preference') {
          <div class="pair">
            @for (r of m.responses; track $index) {
              <div class="candidate">
                <p class="label">Response {{ $index === 0 ? 'A' : 'B' }}</p>
                <p>{{ r }}</p>
              </div>
            }
          </div>
          <div class="options">
            <span class="option">A is better</span>
            @if (m.allowTie) {
              <span class="option">Tie</span>
            }
            <span class="option">B is better</span>
          </div>
          @for (c of m.criteria; track c) {
            <p class="criterion">
              {{ c }}: A · {{ m.allowTie ? 'Tie · ' : '' }}B
            </p>
          }
        }
        @case ('ranking') {
          <p class="label">Order the responses, best first</p>
          <ol class="ranking">
            @for (r of m.responses; track $index) {
              <li>{{ r }}</li>
            }
          </ol>
          @if (m.criteria.length) {
            <p class="note">Judged on: {{ m.criteria.join(', ') }}</p>
          }
        }
        @case ('rating') {
          @for (c of m.criteria; track c) {
            <div class="scale-row">
              <span class="criterion">{{ c }}</span>
              <span class="options">
                @for (v of m.scale; track v) {
                  <span class="option step">{{ v }}</span>
                }
              </span>
            </div>
          } @empty {
            <span class="note">Add criteria to see their scales here.</span>
          }
        }
        @case ('response_writing') {
          <div class="textarea" aria-hidden="true">Your answer…</div>
          <p class="note">{{ m.lengthNote }}</p>
        }
      }
    </div>
  `,
  styles: `
    .frame {
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    p {
      margin: 0 0 8px;
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .item {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
    }
    .options {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-bottom: 8px;
    }
    .option {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 12px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline);
      font: var(--mat-sys-label-large);
    }
    .box {
      width: 12px;
      height: 12px;
      border: 2px solid var(--mat-sys-outline);
      border-radius: 2px;
    }
    .box.round {
      border-radius: 50%;
    }
    .tag {
      background: var(--mat-sys-secondary-container);
      border-color: transparent;
    }
    .step {
      min-width: 16px;
      justify-content: center;
    }
    .pair {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
    }
    .candidate {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
    }
    .scale-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 6px;
    }
    .criterion {
      min-width: 120px;
      font: var(--mat-sys-label-large);
    }
    .image,
    .textarea {
      display: grid;
      place-items: center;
      height: 96px;
      margin-bottom: 8px;
      border-radius: 8px;
      border: 1px dashed var(--mat-sys-outline);
      color: var(--mat-sys-on-surface-variant);
    }
    .note {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TaskPreview {
  readonly taskType = input.required<TaskType>();
  readonly schema = input.required<TaskSchema>();
  protected readonly model = computed(() =>
    previewModel(this.taskType(), this.schema()),
  );
}
