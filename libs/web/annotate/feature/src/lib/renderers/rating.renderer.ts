import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type {
  RatingSchema,
  TaskAnswers,
  TaskItemData,
} from '@quorum/contracts';
import { shortcutKey } from './keyboard';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['rating'];

/**
 * Rating: a Likert score per criterion. Number keys score the highlighted criterion and move to
 * the next one; ↑/↓ change the highlighted criterion.
 */
@Component({
  selector: 'q-rating-renderer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <p class="q-label">Prompt</p>
    <p class="q-task-text">{{ data().prompt }}</p>
    <p class="q-label">Response</p>
    <p class="q-task-text">{{ data().response }}</p>
    @for (criterion of schema().criteria; track criterion; let r = $index) {
      <div
        class="row"
        [class.focused]="keyboard() && focused() === r"
        role="radiogroup"
        [attr.aria-label]="criterion"
      >
        <span class="name">{{ criterion }}</span>
        @for (score of steps(); track score) {
          <button
            type="button"
            class="q-choice step"
            role="radio"
            [class.on]="scoreOf(criterion) === score"
            [attr.aria-checked]="scoreOf(criterion) === score"
            [disabled]="disabled()"
            (click)="focused.set(r); rate(criterion, score)"
          >
            {{ score }}
          </button>
        }
      </div>
    }
    <p class="q-hint">
      {{ schema().scale.min }} = lowest, {{ schema().scale.max }} = highest ·
      number keys score the highlighted criterion ·
      <kbd>↑</kbd><kbd>↓</kbd> change criterion
    </p>
  `,
  styles: [
    RENDERER_STYLES,
    `
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        padding: 6px 8px;
        border-radius: 12px;
      }
      .row.focused {
        background: var(--mat-sys-surface-container);
      }
      .name {
        min-width: 140px;
        font: var(--mat-sys-title-small);
      }
      .step {
        justify-content: center;
        min-width: 40px;
        padding: 4px 10px;
      }
    `,
  ],
})
export class RatingRenderer {
  readonly schema = input.required<RatingSchema>();
  readonly data = input.required<TaskItemData['rating']>();
  readonly value = input<Answer | null>(null);
  readonly keyboard = input(true);
  readonly disabled = input(false);
  /** The scores given so far (complete once every criterion has one). */
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

  /** The highlighted criterion; every new item starts at the first. */
  protected readonly focused = linkedSignal({ source: this.data, computation: () => 0 });
  protected readonly steps = computed(() => {
    const { min, max } = this.schema().scale;
    return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
  });

  protected scoreOf(criterion: string): number | null {
    return this.state()?.scores[criterion] ?? null;
  }

  protected rate(criterion: string, score: number): void {
    if (this.disabled()) return;
    this.emit({
      scores: { ...(this.state()?.scores ?? {}), [criterion]: score },
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.keyboard() || this.disabled()) return;
    const key = shortcutKey(event);
    const criteria = this.schema().criteria;
    if ((key === 'ArrowDown' || key === 'ArrowUp') && criteria.length > 1) {
      event.preventDefault();
      const step = key === 'ArrowDown' ? 1 : -1;
      this.focused.update((r) => (r + step + criteria.length) % criteria.length);
      return;
    }
    if (key === null || !/^[0-9]$/.test(key)) return;
    const score = Number(key);
    const { min, max } = this.schema().scale;
    const criterion = criteria[this.focused()];
    if (criterion === undefined || score < min || score > max) return;
    event.preventDefault();
    this.rate(criterion, score);
    // Moves on, so a whole rating is typed as a run of digits.
    if (this.focused() < criteria.length - 1) this.focused.update((r) => r + 1);
  }
}
