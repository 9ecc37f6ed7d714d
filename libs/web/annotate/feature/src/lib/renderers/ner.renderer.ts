import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type { NerSchema, TaskAnswers, TaskItemData } from '@quorum/contracts';
import { digitIndex, shortcutKey } from './keyboard';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['ner'];
type Span = Answer['spans'][number];

interface Segment {
  start: number;
  text: string;
  span: Span | null;
}

/** The text cut at span edges, so spans can be marked without touching the text itself. */
export function segmentsOf(text: string, spans: readonly Span[]): Segment[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at || span.end > text.length) continue;
    if (span.start > at)
      out.push({ start: at, text: text.slice(at, span.start), span: null });
    out.push({ start: span.start, text: text.slice(span.start, span.end), span });
    at = span.end;
  }
  if (at < text.length) out.push({ start: at, text: text.slice(at), span: null });
  return out;
}

/** Trims whitespace off a selection's edges and keeps surrogate pairs whole. */
export function tidyRange(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s > 0 && /[\uDC00-\uDFFF]/.test(text[s])) s--;
  if (e < text.length && /[\uDC00-\uDFFF]/.test(text[e])) e++;
  return e > s ? { start: s, end: e } : null;
}

/** Offset in the item text of a point inside the rendered text (segments carry data-start). */
function offsetOf(node: Node | null, offset: number, root: HTMLElement): number | null {
  if (!node || !root.contains(node)) return null;
  if (node === root) {
    // Between segments: the offset counts child elements.
    const child = root.childNodes[offset] as HTMLElement | undefined;
    return child?.dataset?.['start'] !== undefined
      ? Number(child.dataset['start'])
      : (root.textContent ?? '').length;
  }
  const element = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node) as HTMLElement | null;
  const segment = element?.closest<HTMLElement>('[data-start]');
  if (!segment || !root.contains(segment)) return null;
  const base = Number(segment.dataset['start']);
  return node.nodeType === Node.TEXT_NODE ? base + offset : base;
}

/**
 * NER: select text with the mouse, then press 1–9 (or click a label) to mark it. Spans may not
 * overlap. Offsets are JavaScript string indexes into `data.text`, end exclusive.
 */
@Component({
  selector: 'q-ner-renderer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <p
      #textEl
      class="q-task-text text"
      (mouseup)="capture(textEl)"
      (keyup)="capture(textEl)"
    >@for (seg of segments(); track seg.start) {@if (seg.span) {<mark [attr.data-start]="seg.start" [attr.data-label]="seg.span.label" [class]="'l' + labelIndex(seg.span.label)" [title]="seg.span.label">{{ seg.text }}</mark>} @else {<span [attr.data-start]="seg.start">{{ seg.text }}</span>}}</p>
    <div class="labels" role="group" aria-label="Labels">
      @for (label of schema().labels; track label; let i = $index) {
        <button
          type="button"
          class="q-choice"
          [class]="'l' + i"
          [disabled]="disabled() || !selection()"
          (click)="label_(label)"
        >
          @if (i < 9) {
            <kbd>{{ i + 1 }}</kbd>
          }
          {{ label }}
        </button>
      }
    </div>
    @if (selection(); as sel) {
      <p class="q-hint pending">
        Selected “{{ data().text.slice(sel.start, sel.end) }}” — press a number to label it.
      </p>
    }
    @if (message()) {
      <p class="q-hint warn" role="status">{{ message() }}</p>
    }
    <ul class="spans" aria-label="Spans">
      @for (span of spans(); track span.start) {
        <li>
          <span class="chip" [class]="'l' + labelIndex(span.label)">{{ span.label }}</span>
          “{{ data().text.slice(span.start, span.end) }}”
          <span class="pos">{{ span.start }}–{{ span.end }}</span>
          <button
            type="button"
            class="q-choice"
            [disabled]="disabled()"
            [attr.aria-label]="'Remove ' + span.label + ' span ' + data().text.slice(span.start, span.end)"
            (click)="remove(span)"
          >
            Remove
          </button>
        </li>
      } @empty {
        <li class="none">No spans yet.</li>
      }
    </ul>
    <p class="q-hint">
      Select text with the mouse, then <kbd>1</kbd>–<kbd>9</kbd> to label it ·
      <kbd>Esc</kbd> clears the selection
    </p>
  `,
  styles: [
    RENDERER_STYLES,
    `
      .text {
        line-height: 2;
        cursor: text;
      }
      mark {
        padding: 2px 0;
        border-radius: 4px;
        background: var(--q-c);
      }
      mark::after {
        content: attr(data-label);
        margin-left: 3px;
        padding: 0 4px;
        border-radius: 4px;
        font: 500 11px/1 sans-serif;
        background: rgba(0, 0, 0, 0.6);
        color: #fff;
        vertical-align: middle;
      }
      .l0 { --q-c: #ffe08a; } .l1 { --q-c: #b8e1ff; } .l2 { --q-c: #c7f0c2; }
      .l3 { --q-c: #ffc9de; } .l4 { --q-c: #e0d1ff; } .l5 { --q-c: #ffd2b3; }
      .l6 { --q-c: #c2f0ec; } .l7 { --q-c: #e6e6b8; } .l8 { --q-c: #d9d9d9; }
      .labels { display: flex; flex-wrap: wrap; gap: 8px; }
      .labels .q-choice { border-left: 8px solid var(--q-c); }
      .chip { padding: 0 6px; border-radius: 4px; background: var(--q-c); }
      .spans { margin: 12px 0 0; padding: 0; list-style: none; }
      .spans li { display: flex; align-items: center; gap: 8px; padding: 2px 0; }
      .pos, .none { color: var(--mat-sys-on-surface-variant); }
      .warn { color: var(--mat-sys-error); }
    `,
  ],
})
export class NerRenderer {
  readonly schema = input.required<NerSchema>();
  readonly data = input.required<TaskItemData['ner']>();
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

  /** The text range selected and waiting for a label. */
  protected readonly selection = linkedSignal<unknown, { start: number; end: number } | null>({
    source: this.data,
    computation: () => null,
  });
  protected readonly message = linkedSignal<unknown, string | null>({
    source: this.data,
    computation: () => null,
  });
  protected readonly spans = computed(() =>
    [...(this.state()?.spans ?? [])].sort((a, b) => a.start - b.start),
  );
  protected readonly segments = computed(() =>
    segmentsOf(this.data().text, this.spans()),
  );

  protected labelIndex(label: string): number {
    return this.schema().labels.indexOf(label) % 9;
  }

  /** Reads the browser selection inside the text into item-text offsets. */
  protected capture(root: HTMLElement): void {
    if (this.disabled()) return;
    const sel = root.ownerDocument.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const start = offsetOf(range.startContainer, range.startOffset, root);
    const end = offsetOf(range.endContainer, range.endOffset, root);
    if (start === null || end === null) return;
    this.selection.set(tidyRange(this.data().text, start, end));
    this.message.set(null);
  }

  // Named with a trailing underscore: `label` reads badly next to the label loop variable.
  protected label_(label: string): void {
    const sel = this.selection();
    if (!sel || this.disabled()) return;
    const clash = this.spans().find((s) => s.start < sel.end && sel.start < s.end);
    if (clash) {
      this.message.set(
        `That overlaps “${this.data().text.slice(clash.start, clash.end)}” (${clash.label}); remove it first.`,
      );
      return;
    }
    this.selection.set(null);
    this.message.set(null);
    this.emit({
      spans: [...this.spans(), { start: sel.start, end: sel.end, label }].sort(
        (a, b) => a.start - b.start,
      ),
    });
  }

  protected remove(span: Span): void {
    if (this.disabled()) return;
    this.emit({ spans: this.spans().filter((s) => s !== span) });
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.keyboard() || this.disabled()) return;
    const key = shortcutKey(event);
    if (key === 'Escape' && this.selection()) {
      this.selection.set(null);
      return;
    }
    const index = digitIndex(key);
    const label = index === null ? undefined : this.schema().labels[index];
    if (label === undefined || !this.selection()) return;
    event.preventDefault();
    this.label_(label);
  }
}
