import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';

export interface ChainStripInput {
  /** Events in the chain now. */
  length: number;
  firstInvalidSeq: number | null;
  /** Seqs of the signed checkpoints known to the page. */
  checkpointSeqs: readonly number[];
  /** A checkpoint's seq beyond the chain's end: the events between were removed. */
  expectedLength?: number | null;
}

export interface ChainStrip {
  /** The last seq drawn (the chain's length, or further when events are missing). */
  end: number;
  /** Percent of the strip each part covers, left to right. */
  intact: number;
  invalidFrom: number | null;
  missingFrom: number | null;
  ticks: { seq: number; at: number }[];
  summary: string;
}

const MAX_NAMED_CHECKPOINTS = 6;

function pct(seq: number, end: number): number {
  return end === 0 ? 0 : Math.min(100, Math.max(0, (seq / end) * 100));
}

function events(n: number): string {
  return n === 1 ? '1 event' : `${n} events`;
}

function range(from: number, to: number): string {
  return from === to ? `event ${from}` : `events ${from} to ${to}`;
}

function list(seqs: readonly number[]): string {
  if (seqs.length === 1) return String(seqs[0]);
  return `${seqs.slice(0, -1).join(', ')} and ${seqs[seqs.length - 1]}`;
}

/** Where the strip puts each part, and the same facts as one sentence (its accessible name). */
export function chainStrip(input: ChainStripInput): ChainStrip {
  const { length, firstInvalidSeq } = input;
  const end = Math.max(length, input.expectedLength ?? 0, firstInvalidSeq ?? 0);
  const ticks = [...new Set(input.checkpointSeqs)]
    .filter((seq) => seq <= end)
    .sort((a, b) => a - b)
    .map((seq) => ({ seq, at: pct(seq, end) }));
  const invalidFrom =
    firstInvalidSeq !== null && firstInvalidSeq <= length
      ? pct(firstInvalidSeq - 1, end)
      : null;
  const missingFrom = end > length ? pct(length, end) : null;
  const intact = invalidFrom ?? missingFrom ?? 100;

  const parts: string[] = [];
  if (end === 0) parts.push('The audit chain has no events yet.');
  else {
    let state = `Audit chain of ${events(length)}`;
    if (firstInvalidSeq === null) state += ', all intact.';
    else if (firstInvalidSeq <= length)
      state += `; ${range(firstInvalidSeq, length)} cannot be vouched for.`;
    else state += '.';
    parts.push(state);
    if (end > length)
      parts.push(
        `A checkpoint says it had ${events(end)}: ${range(length + 1, end)} ${
          end - length === 1 ? 'is' : 'are'
        } missing.`,
      );
  }
  if (ticks.length) {
    const named = ticks.slice(-MAX_NAMED_CHECKPOINTS).map((t) => t.seq);
    const more = ticks.length - named.length;
    parts.push(
      ticks.length === 1
        ? `Checkpoint at event ${named[0]}.`
        : `Checkpoints at events ${list(named)}${more ? `, and ${more} earlier` : ''}.`,
    );
  } else parts.push('No checkpoint within it.');
  return {
    end,
    intact,
    invalidFrom,
    missingFrom,
    ticks,
    summary: parts.join(' '),
  };
}

/**
 * The chain as a strip: events 1…end left to right, a tick where each checkpoint was signed, red
 * from the first event that cannot be vouched for, and a dashed red end where events are missing.
 */
@Component({
  selector: 'q-audit-chain-strip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = strip();
    <svg
      role="img"
      [attr.aria-label]="s.summary"
      width="100%"
      height="56"
      class="strip"
    >
      <rect
        class="intact"
        x="0"
        y="16"
        [attr.width]="s.intact + '%'"
        height="16"
      />
      @if (s.invalidFrom !== null) {
        <rect
          class="invalid"
          [attr.x]="s.invalidFrom + '%'"
          y="16"
          [attr.width]="(s.missingFrom ?? 100) - s.invalidFrom + '%'"
          height="16"
        />
      }
      @if (s.missingFrom !== null) {
        <rect
          class="missing"
          [attr.x]="s.missingFrom + '%'"
          y="17"
          [attr.width]="100 - s.missingFrom + '%'"
          height="14"
        />
      }
      @for (t of s.ticks; track t.seq) {
        <line
          class="tick"
          [attr.x1]="t.at + '%'"
          [attr.x2]="t.at + '%'"
          y1="8"
          y2="40"
        />
      }
      @if (s.end > 0) {
        <text x="0" y="52" text-anchor="start">1</text>
        <text x="100%" y="52" text-anchor="end">{{ s.end }}</text>
      }
    </svg>
    <p class="caption">{{ s.summary }}</p>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 16px;
    }
    .strip {
      display: block;
      overflow: visible;
    }
    .intact {
      fill: var(--mat-sys-primary-container);
    }
    .invalid {
      fill: var(--mat-sys-error);
    }
    .missing {
      fill: none;
      stroke: var(--mat-sys-error);
      stroke-width: 2;
      stroke-dasharray: 4 3;
    }
    .tick {
      stroke: var(--mat-sys-on-surface);
      stroke-width: 2;
    }
    text {
      fill: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-small);
    }
    .caption {
      margin: 4px 0 0;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class AuditChainStrip {
  readonly length = input.required<number>();
  readonly firstInvalidSeq = input<number | null>(null);
  readonly checkpointSeqs = input<readonly number[]>([]);
  readonly expectedLength = input<number | null>(null);

  protected readonly strip = computed(() =>
    chainStrip({
      length: this.length(),
      firstInvalidSeq: this.firstInvalidSeq(),
      checkpointSeqs: this.checkpointSeqs(),
      expectedLength: this.expectedLength(),
    }),
  );
}
