import {
  CdkDrag,
  CdkDragHandle,
  type CdkDragDrop,
  CdkDropList,
  moveItemInArray,
} from '@angular/cdk/drag-drop';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type {
  RankingSchema,
  TaskAnswers,
  TaskItemData,
} from '@quorum/contracts';
import { digitIndex, shortcutKey } from './keyboard';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['ranking'];

/** Response indexes best first; an answer that is not a permutation of them starts over. */
export function rankingOrder(value: Answer | null, count: number): number[] {
  const order = value?.order ?? [];
  const valid =
    order.length === count &&
    [...order].sort((a, b) => a - b).every((v, i) => v === i);
  return valid ? [...order] : Array.from({ length: count }, (_, i) => i);
}

/** Ranking: drag responses into order (best first), or select with 1–9 and move with ↑/↓. */
@Component({
  selector: 'q-ranking-renderer',
  imports: [CdkDropList, CdkDrag, CdkDragHandle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <p class="q-label">Prompt</p>
    <p class="q-task-text">{{ data().prompt }}</p>
    @if (schema().criteria?.length) {
      <p class="q-hint">Rank by: {{ schema().criteria?.join(', ') }}</p>
    }
    <ol
      class="list"
      cdkDropList
      [cdkDropListDisabled]="disabled()"
      (cdkDropListDropped)="drop($event)"
      aria-label="Responses, best first"
    >
      @for (index of order(); track index; let pos = $index) {
        <li
          class="item"
          cdkDrag
          [class.selected]="keyboard() && selected() === pos"
          (click)="selected.set(pos)"
        >
          <span class="rank" cdkDragHandle aria-hidden="true">{{ pos + 1 }}</span>
          <div class="body">
            <p class="q-label">Response {{ index + 1 }}</p>
            <p class="text">{{ data().responses[index] }}</p>
          </div>
          <span class="moves">
            <button
              type="button"
              class="q-choice"
              [disabled]="disabled() || pos === 0"
              [attr.aria-label]="'Move response ' + (index + 1) + ' up'"
              (click)="$event.stopPropagation(); move(pos, -1)"
            >
              ↑
            </button>
            <button
              type="button"
              class="q-choice"
              [disabled]="disabled() || pos === order().length - 1"
              [attr.aria-label]="'Move response ' + (index + 1) + ' down'"
              (click)="$event.stopPropagation(); move(pos, 1)"
            >
              ↓
            </button>
          </span>
        </li>
      }
    </ol>
    <p class="q-hint">
      Drag to reorder, best first · <kbd>1</kbd>–<kbd>9</kbd> select a position ·
      <kbd>↑</kbd><kbd>↓</kbd> move the selected response
    </p>
  `,
  styles: [
    RENDERER_STYLES,
    `
      .list {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .item {
        display: flex;
        align-items: flex-start;
        gap: 12px;
        margin-bottom: 8px;
        padding: 8px 12px;
        border: 1px solid var(--mat-sys-outline-variant);
        border-radius: 12px;
        background: var(--mat-sys-surface);
        cursor: grab;
      }
      .item.selected {
        border-color: var(--mat-sys-primary);
        box-shadow: 0 0 0 1px var(--mat-sys-primary);
      }
      .rank {
        font: var(--mat-sys-headline-small);
        min-width: 1.5em;
        color: var(--mat-sys-primary);
      }
      .body {
        flex: 1;
      }
      .text {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .moves {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .cdk-drag-preview {
        box-shadow: var(--mat-sys-level3);
      }
      .cdk-drag-placeholder {
        opacity: 0.3;
      }
    `,
  ],
})
export class RankingRenderer {
  readonly schema = input.required<RankingSchema>();
  readonly data = input.required<TaskItemData['ranking']>();
  readonly value = input<Answer | null>(null);
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

  /** The selected position (0 = best). */
  protected readonly selected = linkedSignal({ source: this.data, computation: () => 0 });
  protected readonly order = computed(() =>
    rankingOrder(this.state(), this.data().responses.length),
  );

  protected drop(event: CdkDragDrop<unknown>): void {
    const order = [...this.order()];
    moveItemInArray(order, event.previousIndex, event.currentIndex);
    this.selected.set(event.currentIndex);
    this.emit({ order });
  }

  protected move(pos: number, step: -1 | 1): void {
    const to = pos + step;
    const order = [...this.order()];
    if (this.disabled() || to < 0 || to >= order.length) return;
    moveItemInArray(order, pos, to);
    this.selected.set(to);
    this.emit({ order });
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.keyboard() || this.disabled()) return;
    const key = shortcutKey(event);
    const index = digitIndex(key);
    if (index !== null && index < this.order().length) {
      event.preventDefault();
      this.selected.set(index);
    } else if (key === 'ArrowUp' || key === 'ArrowDown') {
      event.preventDefault();
      this.move(this.selected(), key === 'ArrowUp' ? -1 : 1);
    }
  }
}
