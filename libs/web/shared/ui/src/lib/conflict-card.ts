import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { ConflictView } from '@quorum/contracts';
import {
  CONFLICT_RULE_LABELS,
  type ConflictActions,
  evidenceFacts,
  pathText,
  seatText,
  waiverSummary,
} from '@quorum/web/shared/util';
import { ConflictStatusBadge, SeverityBadge } from './badge';

const NO_ACTIONS: ConflictActions = {
  acknowledge: false,
  waive: false,
  approve: false,
};

/**
 * One conflict with the evidence behind it: the rule and what it does, the competitor, its
 * figures, the ownership paths, board seats and agreements, and the waiver if there is one.
 */
@Component({
  selector: 'q-conflict-card',
  imports: [
    DatePipe,
    MatButtonModule,
    MatIconModule,
    ConflictStatusBadge,
    SeverityBadge,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = conflict();
    <div class="head">
      <div role="heading" [attr.aria-level]="headingLevel()" class="title">
        {{ ruleLabel() }}: {{ c.evidence.competitorName }}
      </div>
      <q-severity-badge [severity]="c.severity" />
      <q-conflict-status-badge [status]="c.status" />
    </div>
    <p class="meta">
      @if (showLab()) {
        {{ c.labName }} ×
      }
      {{ c.vendorName }} · detected {{ c.detectedAt | date: 'medium' }}
      @if (c.resolvedAt) {
        · resolved {{ c.resolvedAt | date: 'medium' }}
      }
    </p>
    <dl class="facts">
      @for (fact of facts(); track fact.label) {
        <div [class.wide]="fact.value.length > 40">
          <dt>{{ fact.label }}</dt>
          <dd>{{ fact.value }}</dd>
        </div>
      }
    </dl>
    @if (paths().length) {
      <p class="sub">Ownership paths</p>
      <ul class="lines">
        @for (path of paths(); track $index) {
          <li>{{ path }}</li>
        }
      </ul>
    }
    @if (seats().length) {
      <p class="sub">Board seats</p>
      <ul class="lines">
        @for (seat of seats(); track $index) {
          <li>{{ seat }}</li>
        }
      </ul>
    }
    @if (c.waiver; as waiver) {
      <div class="waiver" [class.pending]="waiver.status === 'pending'">
        <p>{{ waiverText() }}</p>
        <p class="why">Justification: “{{ waiver.justification }}”</p>
      </div>
    }
    @if (actions().acknowledge || actions().waive || actions().approve) {
      <div class="actions">
        @if (actions().acknowledge) {
          <button
            mat-stroked-button
            type="button"
            [disabled]="busy()"
            (click)="acknowledge.emit()"
          >
            Acknowledge
          </button>
        }
        @if (actions().waive) {
          <button
            mat-stroked-button
            type="button"
            [disabled]="busy()"
            (click)="waive.emit()"
          >
            Waive…
          </button>
        }
        @if (actions().approve) {
          <button
            mat-flat-button
            type="button"
            [disabled]="busy()"
            (click)="approve.emit()"
          >
            <mat-icon svgIcon="verified_user" aria-hidden="true" />
            Approve waiver
          </button>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .title {
      flex: 1 1 auto;
      font: var(--mat-sys-title-medium);
    }
    .meta,
    .sub {
      margin: 4px 0 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .sub {
      margin: 8px 0 2px;
      font: var(--mat-sys-label-large);
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 8px 16px;
      margin: 0;
    }
    .facts .wide {
      grid-column: 1 / -1;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .lines {
      margin: 0;
      padding-left: 20px;
      font: var(--mat-sys-body-medium);
    }
    .waiver {
      margin-top: 12px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .waiver.pending {
      background: #fff0d6;
      color: #7a4600;
    }
    .waiver p {
      margin: 0;
    }
    .why {
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 12px;
    }
  `,
})
export class ConflictCard {
  readonly conflict = input.required<ConflictView>();
  /** Platform views list every lab's conflicts, so each card names its lab. */
  readonly showLab = input(false);
  readonly headingLevel = input(3);
  readonly actions = input<ConflictActions>(NO_ACTIONS);
  readonly busy = input(false);
  readonly acknowledge = output<void>();
  readonly waive = output<void>();
  readonly approve = output<void>();

  protected readonly ruleLabel = computed(
    () => CONFLICT_RULE_LABELS[this.conflict().rule],
  );
  protected readonly facts = computed(() =>
    evidenceFacts(this.conflict().evidence),
  );
  private readonly nameOf = computed(() => {
    const c = this.conflict();
    const vendorEntity = c.evidence.paths[0]?.at(-1)?.to;
    return (id: string) =>
      id === c.evidence.competitorEntityId
        ? c.evidence.competitorName
        : id === vendorEntity
          ? c.vendorName
          : 'an intermediate owner';
  });
  protected readonly paths = computed(() =>
    this.conflict().evidence.paths.map((p) => pathText(p, this.nameOf())),
  );
  protected readonly seats = computed(() =>
    this.conflict().evidence.seats.map((s) => seatText(s, this.nameOf())),
  );
  protected readonly waiverText = computed(() => {
    const waiver = this.conflict().waiver;
    return waiver ? waiverSummary(waiver) : '';
  });
}
