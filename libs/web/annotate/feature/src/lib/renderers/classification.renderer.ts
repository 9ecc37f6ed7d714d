import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type {
  ClassificationSchema,
  TaskAnswers,
  TaskItemData,
} from '@quorum/contracts';
import { digitIndex, shortcutKey } from './keyboard';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['classification'];

/** Classification: one label, or several when `schema.multiple`. Keys 1–9 pick/toggle. */
@Component({
  selector: 'q-classification-renderer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    @if (text() !== null) {
      <p class="q-task-text">{{ text() }}</p>
    }
    @if (imageUrl(); as url) {
      <img class="image" [src]="url" alt="The item to classify" />
    }
    <div
      class="labels"
      role="group"
      [attr.aria-label]="schema().multiple ? 'Labels (choose all that apply)' : 'Label'"
    >
      @for (label of schema().labels; track label; let i = $index) {
        <button
          type="button"
          class="q-choice"
          [class.on]="isChosen(label)"
          [attr.aria-pressed]="isChosen(label)"
          [disabled]="disabled()"
          (click)="pick(label)"
        >
          @if (i < 9) {
            <kbd>{{ i + 1 }}</kbd>
          }
          {{ label }}
        </button>
      }
    </div>
    <p class="q-hint">
      <kbd>1</kbd>–<kbd>9</kbd>
      {{ schema().multiple ? 'toggle labels (several allowed)' : 'pick a label' }}
    </p>
  `,
  styles: [
    RENDERER_STYLES,
    `
    .image {
      display: block;
      max-width: 100%;
      max-height: 480px;
      margin-bottom: 16px;
      border-radius: 8px;
    }
    .labels {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  ],
})
export class ClassificationRenderer {
  readonly schema = input.required<ClassificationSchema>();
  readonly data = input.required<TaskItemData['classification']>();
  readonly value = input<Answer | null>(null);
  /** False for read-only copies (keys then do nothing). */
  readonly keyboard = input(true);
  readonly disabled = input(false);
  readonly valueChange = output<Answer>();
  /**
   * The answer as this renderer last saw or made it: keys pressed faster than the parent passes
   * the value back still build on each other.
   */
  protected readonly state = linkedSignal<Answer | null>(() => this.value());

  private emit(answer: Answer): void {
    this.state.set(answer);
    this.valueChange.emit(answer);
  }

  protected readonly text = computed(() => {
    const data = this.data();
    return 'text' in data ? data.text : null;
  });
  protected readonly imageUrl = computed(() => {
    const data = this.data();
    return 'imageUrl' in data ? data.imageUrl : null;
  });
  private readonly chosen = computed<readonly string[]>(() => {
    const value = this.state();
    if (!value) return [];
    return 'labels' in value ? value.labels : [value.label];
  });

  protected isChosen(label: string): boolean {
    return this.chosen().includes(label);
  }

  protected pick(label: string): void {
    if (this.disabled()) return;
    if (!this.schema().multiple) {
      this.emit({ label });
      return;
    }
    const chosen = this.chosen();
    const next = chosen.includes(label)
      ? chosen.filter((l) => l !== label)
      : [...chosen, label];
    // Keeps the schema's order, so the same choice always reads the same.
    this.emit({
      labels: this.schema().labels.filter((l) => next.includes(l)),
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.keyboard()) return;
    const index = digitIndex(shortcutKey(event));
    const label = index === null ? undefined : this.schema().labels[index];
    if (label === undefined) return;
    event.preventDefault();
    this.pick(label);
  }
}
