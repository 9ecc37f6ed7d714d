import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type {
  PairwiseSchema,
  TaskAnswers,
  TaskItemData,
} from '@quorum/contracts';
import { shortcutKey } from './keyboard';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['pairwise_preference'];
type Choice = Answer['choice'];
type Strength = 1 | 2 | 3;

interface Draft {
  choice: Choice | null;
  strength: Strength | null;
  criteria: Record<string, Choice>;
  rationale: string;
}

export const STRENGTH_LABELS: Record<Strength, string> = {
  1: 'Slightly better',
  2: 'Clearly better',
  3: 'Much better',
};

function draftOf(value: Answer | null): Draft {
  return {
    choice: value?.choice ?? null,
    strength: value?.strength ?? null,
    criteria: { ...(value?.criteria ?? {}) },
    rationale: value?.rationale ?? '',
  };
}

/**
 * Pairwise preference: A or B (or a tie when allowed), how strongly, per-criterion choices and an
 * optional rationale. A/B/T choose for the highlighted row (↑/↓ move between the overall row and
 * the criteria), 1–3 set the strength.
 */
@Component({
  selector: 'q-pairwise-renderer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <p class="q-label">Prompt</p>
    <p class="q-task-text">{{ data().prompt }}</p>
    <div class="sides">
      @for (side of sides; track side.key; let i = $index) {
        <section class="side" [class.on]="draft().choice === side.key">
          <p class="q-label">Response {{ side.name }}</p>
          <p class="q-task-text">{{ data().responses[i] }}</p>
        </section>
      }
    </div>
    <div class="rows">
      @for (row of rows(); track row.key; let r = $index) {
        <div
          class="row"
          [class.focused]="keyboard() && focusedRow() === r"
          role="group"
          [attr.aria-label]="row.label"
        >
          <span class="row-name">{{ row.label }}</span>
          @for (option of options(); track option.key) {
            <button
              type="button"
              class="q-choice"
              [class.on]="choiceOf(row.key) === option.key"
              [attr.aria-pressed]="choiceOf(row.key) === option.key"
              [disabled]="disabled()"
              (click)="focusedRow.set(r); choose(row.key, option.key)"
            >
              <kbd>{{ option.kbd }}</kbd> {{ option.label }}
            </button>
          }
        </div>
      }
      <div class="row" role="group" aria-label="Strength">
        <span class="row-name">Strength</span>
        @for (s of strengths; track s) {
          <button
            type="button"
            class="q-choice"
            [class.on]="draft().strength === s"
            [attr.aria-pressed]="draft().strength === s"
            [disabled]="disabled() || draft().choice === 'tie'"
            (click)="setStrength(s)"
          >
            <kbd>{{ s }}</kbd> {{ strengthLabels[s] }}
          </button>
        }
      </div>
    </div>
    <label class="rationale">
      <span class="q-label">Rationale (optional)</span>
      <textarea
        rows="3"
        [value]="draft().rationale"
        [disabled]="disabled()"
        (input)="setRationale($any($event.target).value)"
      ></textarea>
    </label>
    <p class="q-hint">
      <kbd>A</kbd> <kbd>B</kbd>
      @if (schema().allowTie) {
        <kbd>T</kbd>
      }
      choose for the highlighted row ·
      @if (criteria().length) {
        <kbd>↑</kbd><kbd>↓</kbd> change row ·
      }
      <kbd>1</kbd>–<kbd>3</kbd> strength
    </p>
  `,
  styles: [
    RENDERER_STYLES,
    `
      .sides {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 16px;
      }
      .side.on .q-task-text {
        outline: 2px solid var(--mat-sys-primary);
      }
      .rows {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        padding: 4px 8px;
        border-radius: 12px;
      }
      .row.focused {
        background: var(--mat-sys-surface-container);
      }
      .row-name {
        min-width: 120px;
        font: var(--mat-sys-title-small);
      }
      .rationale {
        display: flex;
        flex-direction: column;
        margin-top: 12px;
      }
      textarea {
        font: var(--mat-sys-body-medium);
        padding: 8px;
        border-radius: 8px;
      }
      @media (max-width: 720px) {
        .sides {
          grid-template-columns: 1fr;
        }
      }
    `,
  ],
})
export class PairwiseRenderer {
  readonly schema = input.required<PairwiseSchema>();
  readonly data = input.required<TaskItemData['pairwise_preference']>();
  readonly value = input<Answer | null>(null);
  readonly keyboard = input(true);
  readonly disabled = input(false);
  /** The answer once a choice is made (null before), with whatever else was filled in. */
  readonly valueChange = output<Answer | null>();

  protected readonly sides = [
    { key: 'a', name: 'A' },
    { key: 'b', name: 'B' },
  ] as const;
  protected readonly strengths: readonly Strength[] = [1, 2, 3];
  protected readonly strengthLabels = STRENGTH_LABELS;
  protected readonly focusedRow = linkedSignal({ source: this.data, computation: () => 0 });

  private lastEmitted: Answer | null | undefined = undefined;
  /** Partial work (criteria chosen before the overall choice) survives the null it emits. */
  protected readonly draft = linkedSignal<
    { value: Answer | null; data: unknown },
    Draft
  >({
    source: () => ({ value: this.value(), data: this.data() }),
    computation: (source, previous) =>
      previous &&
      source.data === previous.source.data &&
      source.value === this.lastEmitted
        ? previous.value
        : draftOf(source.value),
  });

  protected readonly criteria = computed(() => this.schema().criteria ?? []);
  protected readonly rows = computed(() => [
    { key: '', label: 'Overall' },
    ...this.criteria().map((c) => ({ key: c, label: c })),
  ]);
  protected readonly options = computed(() => [
    { key: 'a' as Choice, kbd: 'A', label: 'A is better' },
    { key: 'b' as Choice, kbd: 'B', label: 'B is better' },
    ...(this.schema().allowTie
      ? [{ key: 'tie' as Choice, kbd: 'T', label: 'Tie' }]
      : []),
  ]);

  protected choiceOf(row: string): Choice | null {
    const draft = this.draft();
    return row === '' ? draft.choice : (draft.criteria[row] ?? null);
  }

  protected choose(row: string, choice: Choice): void {
    if (this.disabled()) return;
    this.update((d) =>
      row === ''
        ? { ...d, choice }
        : { ...d, criteria: { ...d.criteria, [row]: choice } },
    );
  }

  protected setStrength(strength: Strength): void {
    if (this.disabled() || this.draft().choice === 'tie') return;
    this.update((d) => ({ ...d, strength }));
  }

  protected setRationale(rationale: string): void {
    this.update((d) => ({ ...d, rationale }));
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.keyboard() || this.disabled()) return;
    const key = shortcutKey(event);
    const rows = this.rows();
    if ((key === 'ArrowDown' || key === 'ArrowUp') && rows.length > 1) {
      event.preventDefault();
      const step = key === 'ArrowDown' ? 1 : -1;
      this.focusedRow.update((r) => (r + step + rows.length) % rows.length);
      return;
    }
    if (key === 'a' || key === 'b' || (key === 't' && this.schema().allowTie)) {
      event.preventDefault();
      const row = rows[this.focusedRow()] ?? rows[0];
      this.choose(row.key, key === 't' ? 'tie' : key);
      return;
    }
    if (key === '1' || key === '2' || key === '3') {
      event.preventDefault();
      this.setStrength(Number(key) as Strength);
    }
  }

  private update(change: (draft: Draft) => Draft): void {
    const draft = change(this.draft());
    this.draft.set(draft);
    const answer = this.answerOf(draft);
    this.lastEmitted = answer;
    this.valueChange.emit(answer);
  }

  private answerOf(draft: Draft): Answer | null {
    if (!draft.choice) return null;
    const answer: Answer = { choice: draft.choice };
    if (draft.strength !== null && draft.choice !== 'tie')
      answer.strength = draft.strength;
    const criteria = this.criteria();
    if (criteria.length) {
      answer.criteria = {};
      for (const c of criteria)
        if (draft.criteria[c]) answer.criteria[c] = draft.criteria[c];
    }
    if (draft.rationale.trim()) answer.rationale = draft.rationale;
    return answer;
  }
}
