import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import type {
  ResponseWritingSchema,
  TaskAnswers,
  TaskItemData,
} from '@quorum/contracts';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['response_writing'];

/** The length the server checks: trimmed, in UTF-16 code units. */
export function writtenLength(text: string): number {
  return text.trim().length;
}

/** Response writing (SFT): the prompt and a text area with a length counter. */
@Component({
  selector: 'q-writing-renderer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="q-label">Prompt</p>
    <p class="q-task-text">{{ data().prompt }}</p>
    <label class="field">
      <span class="q-label">Your response</span>
      <textarea
        rows="10"
        [value]="value()?.text ?? ''"
        [disabled]="disabled()"
        [attr.maxlength]="schema().maxLength ?? null"
        [attr.aria-describedby]="'q-writing-count'"
        (input)="valueChange.emit({ text: $any($event.target).value })"
      ></textarea>
    </label>
    <p id="q-writing-count" class="count" [class.bad]="!lengthOk()">
      {{ length() }} characters
      @if (schema().minLength) {
        · at least {{ schema().minLength }}
      }
      @if (schema().maxLength) {
        · at most {{ schema().maxLength }}
      }
    </p>
    <p class="q-hint"><kbd>Ctrl</kbd>+<kbd>Enter</kbd> submits from the text area</p>
  `,
  styles: [
    RENDERER_STYLES,
    `
      .field {
        display: flex;
        flex-direction: column;
      }
      textarea {
        font: var(--mat-sys-body-large);
        padding: 12px;
        border-radius: 8px;
        resize: vertical;
      }
      .count {
        margin: 4px 0 0;
        font: var(--mat-sys-body-small);
        color: var(--mat-sys-on-surface-variant);
      }
      .count.bad {
        color: var(--mat-sys-error);
      }
    `,
  ],
})
export class WritingRenderer {
  readonly schema = input.required<ResponseWritingSchema>();
  readonly data = input.required<TaskItemData['response_writing']>();
  readonly value = input<Answer | null>(null);
  readonly keyboard = input(true);
  readonly disabled = input(false);
  readonly valueChange = output<Answer>();

  protected readonly length = computed(() =>
    writtenLength(this.value()?.text ?? ''),
  );
  protected readonly lengthOk = computed(() => {
    const { minLength, maxLength } = this.schema();
    const n = this.length();
    return n >= (minLength ?? 1) && (maxLength === undefined || n <= maxLength);
  });
}
