import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import type { BboxSchema, TaskAnswers, TaskItemData } from '@quorum/contracts';
import { digitIndex, shortcutKey } from './keyboard';
import { RENDERER_STYLES } from './shared.styles';

type Answer = TaskAnswers['bbox'];
type Box = Answer['boxes'][number];
type Rect = Omit<Box, 'label'>;

/** Boxes smaller than this (natural pixels) are stray clicks, not boxes. */
const MIN_BOX_PX = 3;

/**
 * Bounding boxes: drag on the image to draw a box, then press 1–9 (or click a label) to label it.
 * The overlay's viewBox is the image's natural size, so coordinates are natural pixels whatever
 * size the image is shown at.
 */
@Component({
  selector: 'q-bbox-renderer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:keydown)': 'onKey($event)',
    '(document:mouseup)': 'finish($event)',
  },
  template: `
    <div
      class="stage"
      [class.placeholder]="placeholderRatio()"
      [style.aspect-ratio]="placeholderRatio()"
    >
      <img
        class="image"
        [hidden]="failed()"
        [src]="data().imageUrl"
        alt="The image to annotate"
        (load)="loaded($any($event.target))"
        (error)="failed.set(true)"
      />
      @if (size(); as s) {
        <svg
          #svg
          class="overlay"
          [attr.viewBox]="'0 0 ' + s.width + ' ' + s.height"
          preserveAspectRatio="none"
          role="img"
          aria-label="Drawing area: drag to draw a box"
          (mousedown)="begin($event, svg)"
          (mousemove)="drag($event, svg)"
        >
          @for (box of boxes(); track $index; let i = $index) {
            <g [class]="'l' + labelIndex(box.label)">
              <rect [attr.x]="box.x" [attr.y]="box.y" [attr.width]="box.w" [attr.height]="box.h" />
              <text [attr.x]="box.x + 4" [attr.y]="box.y + 4" dominant-baseline="hanging">{{ i + 1 }} {{ box.label }}</text>
            </g>
          }
          @if (draft(); as d) {
            <rect class="draft" [attr.x]="d.x" [attr.y]="d.y" [attr.width]="d.w" [attr.height]="d.h" />
          }
        </svg>
      }
    </div>
    @if (failed()) {
      <p class="q-hint warn">
        The image could not be loaded{{ size() ? '; you can still draw on its outline' : '' }}.
      </p>
    }
    <div class="labels" role="group" aria-label="Labels">
      @for (label of schema().labels; track label; let i = $index) {
        <button
          type="button"
          class="q-choice"
          [class]="'l' + (i % 9)"
          [disabled]="disabled() || !draft()"
          (click)="label_(label)"
        >
          @if (i < 9) {
            <kbd>{{ i + 1 }}</kbd>
          }
          {{ label }}
        </button>
      }
    </div>
    @if (draft() && !drawing()) {
      <p class="q-hint">Box drawn — press a number to label it.</p>
    }
    <ol class="list" aria-label="Boxes">
      @for (box of boxes(); track $index) {
        <li>
          <span class="chip" [class]="'l' + labelIndex(box.label)">{{ box.label }}</span>
          x {{ box.x }}, y {{ box.y }}, {{ box.w }} × {{ box.h }} px
          <button
            type="button"
            class="q-choice"
            [disabled]="disabled()"
            [attr.aria-label]="'Remove box ' + ($index + 1) + ' ' + box.label"
            (click)="remove($index)"
          >
            Remove
          </button>
        </li>
      } @empty {
        <li class="none">No boxes yet.</li>
      }
    </ol>
    <p class="q-hint">
      Drag on the image to draw · <kbd>1</kbd>–<kbd>9</kbd> label the new box ·
      <kbd>Esc</kbd> discards it · <kbd>Backspace</kbd> removes the last box
    </p>
  `,
  styles: [
    RENDERER_STYLES,
    `
      .stage {
        position: relative;
        display: inline-block;
        max-width: 100%;
        line-height: 0;
        background: var(--mat-sys-surface-container-high);
      }
      .stage.placeholder { width: min(100%, 800px); }
      .image { max-width: 100%; max-height: 70vh; user-select: none; }
      .overlay {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        cursor: crosshair;
      }
      rect { fill: transparent; stroke: var(--q-c, #ff9800); stroke-width: 3px; vector-effect: non-scaling-stroke; }
      rect.draft { stroke-dasharray: 6 4; stroke: #ff1744; }
      text { fill: #fff; font: 600 14px sans-serif; paint-order: stroke; stroke: #000; stroke-width: 3px; vector-effect: non-scaling-stroke; }
      .l0 { --q-c: #f9a825; } .l1 { --q-c: #1e88e5; } .l2 { --q-c: #43a047; }
      .l3 { --q-c: #d81b60; } .l4 { --q-c: #8e24aa; } .l5 { --q-c: #f4511e; }
      .l6 { --q-c: #00897b; } .l7 { --q-c: #827717; } .l8 { --q-c: #546e7a; }
      .labels { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
      .labels .q-choice { border-left: 8px solid var(--q-c); }
      .chip { padding: 0 6px; border-radius: 4px; color: #fff; background: var(--q-c); }
      .list { margin: 12px 0 0; padding-left: 24px; }
      .list li { padding: 2px 0; }
      .none { list-style: none; color: var(--mat-sys-on-surface-variant); }
      .warn { color: var(--mat-sys-error); }
    `,
  ],
})
export class BboxRenderer {
  readonly schema = input.required<BboxSchema>();
  readonly data = input.required<TaskItemData['bbox']>();
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

  protected readonly failed = linkedSignal({ source: this.data, computation: () => false });
  /** Natural size: from the item data when given, else from the loaded image. */
  protected readonly size = linkedSignal(() => {
    const { width, height } = this.data();
    return width && height ? { width, height } : null;
  });
  /** With the image missing but its size known, the outline keeps the image's shape. */
  protected readonly placeholderRatio = computed(() => {
    const size = this.size();
    return this.failed() && size ? `${size.width} / ${size.height}` : null;
  });
  protected readonly boxes = computed(() => this.state()?.boxes ?? []);
  /** The box being drawn, or drawn and waiting for a label. */
  protected readonly draft = linkedSignal<unknown, Rect | null>({
    source: this.data,
    computation: () => null,
  });
  protected readonly drawing = signal(false);
  private origin: { x: number; y: number } | null = null;

  protected labelIndex(label: string): number {
    return this.schema().labels.indexOf(label) % 9;
  }

  protected loaded(img: HTMLImageElement): void {
    this.failed.set(false);
    if (!this.size() && img.naturalWidth && img.naturalHeight)
      this.size.set({ width: img.naturalWidth, height: img.naturalHeight });
  }

  /** A mouse position as natural-pixel coordinates, clamped to the image. */
  private point(event: MouseEvent, svg: Element): { x: number; y: number } | null {
    const size = this.size();
    const rect = svg.getBoundingClientRect();
    if (!size || !rect.width || !rect.height) return null;
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
    return {
      x: clamp(((event.clientX - rect.left) * size.width) / rect.width, size.width),
      y: clamp(((event.clientY - rect.top) * size.height) / rect.height, size.height),
    };
  }

  protected begin(event: MouseEvent, svg: Element): void {
    if (this.disabled() || event.button !== 0) return;
    const p = this.point(event, svg);
    if (!p) return;
    event.preventDefault();
    this.origin = p;
    this.svg = svg;
    this.drawing.set(true);
    this.draft.set(null);
  }

  private svg: Element | null = null;

  protected drag(event: MouseEvent, svg: Element): void {
    if (!this.origin) return;
    const p = this.point(event, svg);
    if (p) this.draft.set(this.rectBetween(this.origin, p));
  }

  protected finish(event: MouseEvent): void {
    if (!this.origin || !this.svg) return;
    const p = this.point(event, this.svg);
    const rect = p ? this.rectBetween(this.origin, p) : this.draft();
    this.origin = null;
    this.drawing.set(false);
    this.draft.set(rect && rect.w >= MIN_BOX_PX && rect.h >= MIN_BOX_PX ? rect : null);
  }

  private rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
    const size = this.size() ?? { width: Infinity, height: Infinity };
    const x = Math.floor(Math.min(a.x, b.x));
    const y = Math.floor(Math.min(a.y, b.y));
    // Whole pixels, kept inside the image (the server refuses boxes past its edge).
    const w = Math.min(Math.round(Math.max(a.x, b.x)) - x, size.width - x);
    const h = Math.min(Math.round(Math.max(a.y, b.y)) - y, size.height - y);
    return { x, y, w, h };
  }

  protected label_(label: string): void {
    const rect = this.draft();
    if (!rect || this.disabled()) return;
    this.draft.set(null);
    this.emit({ boxes: [...this.boxes(), { ...rect, label }] });
  }

  protected remove(index: number): void {
    if (this.disabled()) return;
    this.emit({ boxes: this.boxes().filter((_, i) => i !== index) });
  }

  protected onKey(event: KeyboardEvent): void {
    if (!this.keyboard() || this.disabled()) return;
    const key = shortcutKey(event);
    if (key === 'Escape' && this.draft()) {
      this.draft.set(null);
      return;
    }
    if (key === 'Backspace' && !this.draft() && this.boxes().length) {
      event.preventDefault();
      this.remove(this.boxes().length - 1);
      return;
    }
    const index = digitIndex(key);
    const label = index === null ? undefined : this.schema().labels[index];
    if (label === undefined || !this.draft() || this.drawing()) return;
    event.preventDefault();
    this.label_(label);
  }
}
