import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type {
  ConflictSeverity,
  ConflictStatus,
  NeutralityStatus,
} from '@quorum/contracts';
import {
  CONFLICT_SEVERITY_LABELS,
  CONFLICT_STATUS_LABELS,
  MATRIX_STATUS_LABELS,
  type MatrixCellStatus,
} from '@quorum/web/shared/util';

export type BadgeTone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

/** A small status label: an icon and a word, coloured by tone (never colour alone). */
@Component({
  selector: 'q-badge',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"tone-" + tone()' },
  template: `
    @if (icon(); as icon) {
      <mat-icon [svgIcon]="icon" aria-hidden="true" />
    }
    <span><ng-content /></span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 999px;
      font: var(--mat-sys-label-large);
      white-space: nowrap;
      vertical-align: middle;
    }
    mat-icon {
      width: 18px;
      height: 18px;
    }
    :host(.tone-good) {
      background: #e3f3e6;
      color: #185c2b;
    }
    :host(.tone-warn) {
      background: #fff0d6;
      color: #7a4600;
    }
    :host(.tone-bad) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host(.tone-info) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.tone-neutral) {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class Badge {
  readonly tone = input<BadgeTone>('neutral');
  readonly icon = input<string>();
}

const NEUTRALITY_BADGE: Record<
  MatrixCellStatus,
  { tone: BadgeTone; icon: string }
> = {
  clear: { tone: 'good', icon: 'check_circle' },
  flagged: { tone: 'warn', icon: 'flag' },
  blocked: { tone: 'bad', icon: 'block' },
  unknown: { tone: 'neutral', icon: 'history' },
};

/** Clear / Flagged / Blocked for a (lab, vendor) pair. */
@Component({
  selector: 'q-neutrality-badge',
  imports: [Badge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<q-badge [tone]="look().tone" [icon]="look().icon">{{
    label()
  }}</q-badge>`,
})
export class NeutralityBadge {
  readonly status = input.required<NeutralityStatus | MatrixCellStatus>();
  protected readonly look = computed(() => NEUTRALITY_BADGE[this.status()]);
  protected readonly label = computed(
    () => MATRIX_STATUS_LABELS[this.status()],
  );
}

const STATUS_TONES: Record<ConflictStatus, BadgeTone> = {
  open: 'bad',
  acknowledged: 'warn',
  waived: 'info',
  resolved: 'good',
};

/** Open / Acknowledged / Waived / Resolved. */
@Component({
  selector: 'q-conflict-status-badge',
  imports: [Badge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<q-badge [tone]="tone()">{{ label() }}</q-badge>`,
})
export class ConflictStatusBadge {
  readonly status = input.required<ConflictStatus>();
  protected readonly tone = computed(() => STATUS_TONES[this.status()]);
  protected readonly label = computed(
    () => CONFLICT_STATUS_LABELS[this.status()],
  );
}

/** Block / Flag: what the conflict does to routing. */
@Component({
  selector: 'q-severity-badge',
  imports: [Badge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<q-badge
    [tone]="severity() === 'block' ? 'bad' : 'warn'"
    [icon]="severity() === 'block' ? 'block' : 'flag'"
    >{{ label() }}</q-badge
  >`,
})
export class SeverityBadge {
  readonly severity = input.required<ConflictSeverity>();
  protected readonly label = computed(
    () => CONFLICT_SEVERITY_LABELS[this.severity()],
  );
}
