import { DatePipe, JsonPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { AuditActor } from '@quorum/contracts';
import { AuditStore } from '@quorum/web/shared/data-access';
import { Badge, EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import { AuditChainStrip } from './audit-chain-strip';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditKeptCheckpoint } from './audit-kept-checkpoint';

/** Who did it: the system process, or the user (shortened id) with their roles. */
export function actorText(actor: AuditActor): string {
  if (actor.system) return `System: ${actor.system}`;
  if (!actor.userId) return 'Anonymous';
  const roles = actor.roles.length ? ` (${actor.roles.join(', ')})` : '';
  return `User ${actor.userId.slice(0, 8)}${roles}`;
}

/** Event types the server writes, offered as suggestions in the type filter. */
export const KNOWN_AUDIT_TYPES = [
  'auth.login_failed',
  'org.registered',
  'user.created',
  'entity.created',
  'interest.recorded',
  'interest.ended',
  'policy.changed',
  'conflict.opened',
  'conflict.updated',
  'conflict.resolved',
  'conflict.acknowledged',
  'waiver.requested',
  'conflict.waived',
  'waiver.expired',
  'neutrality.changed',
];

/**
 * The append-only audit trail, filtered by type and subject, the check of its hash chain, and the
 * signed checkpoints an auditor keeps outside Quorum to catch removed or rewritten events.
 */
@Component({
  selector: 'q-admin-audit-page',
  imports: [
    DatePipe,
    JsonPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    Badge,
    EmptyState,
    ProblemAlert,
    AuditChainStrip,
    AuditCheckpoints,
    AuditKeptCheckpoint,
  ],
  providers: [AuditStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Audit log</h1>
      <p class="q-lede">
        Every registry change, conflict, waiver, policy change, failed sign-in
        and membership change, newest first. Each event carries the hash of the
        one before it.
      </p>

      <section class="verify" aria-labelledby="verify-title">
        <h2 id="verify-title">Hash chain</h2>
        <button
          mat-flat-button
          type="button"
          [disabled]="store.verifying()"
          (click)="store.verify()"
        >
          <mat-icon svgIcon="verified_user" aria-hidden="true" /> Verify chain
        </button>
        @if (store.verifying()) {
          <mat-progress-bar
            mode="indeterminate"
            aria-label="Verifying the chain"
          />
        }
        <q-problem-alert [problem]="store.verifyProblem()" />
        <div aria-live="polite">
          @if (store.verification(); as v) {
            <dl class="result">
              <div>
                <dt>Result</dt>
                <dd>
                  @if (v.valid) {
                    <q-badge tone="good" icon="check_circle">Valid</q-badge>
                  } @else {
                    <q-badge tone="bad" icon="warning">Invalid</q-badge>
                  }
                </dd>
              </div>
              <div>
                <dt>Length</dt>
                <dd>{{ v.length }} events</dd>
              </div>
              <div>
                <dt>First invalid event</dt>
                <dd>
                  {{
                    v.firstInvalidSeq === null
                      ? 'None'
                      : '#' + v.firstInvalidSeq
                  }}
                </dd>
              </div>
              <div>
                <dt>Checkpoint</dt>
                <dd>
                  @if (v.checkpoint; as c) {
                    @if (c.consistent) {
                      <q-badge tone="good" icon="verified_user"
                        >Agrees with checkpoint #{{ c.seq }} signed
                        {{ c.at | date: 'medium' }}</q-badge
                      >
                    } @else {
                      <q-badge tone="bad" icon="warning"
                        >Disagrees with checkpoint #{{ c.seq }} signed
                        {{ c.at | date: 'medium' }}</q-badge
                      >
                    }
                  } @else {
                    <q-badge tone="neutral" icon="history"
                      >No checkpoint yet</q-badge
                    >
                  }
                </dd>
              </div>
              <div>
                <dt>Checked</dt>
                <dd>{{ v.checkedAt | date: 'medium' }}</dd>
              </div>
              <div class="wide">
                <dt>Head hash</dt>
                <dd class="hash">{{ v.headHash }}</dd>
              </div>
            </dl>
            <q-audit-chain-strip
              [length]="v.length"
              [firstInvalidSeq]="v.firstInvalidSeq"
              [checkpointSeqs]="checkpointSeqs()"
              [expectedLength]="expectedLength()"
            />
          }
        </div>
      </section>

      <section class="panel" aria-labelledby="checkpoints-title">
        <h2 id="checkpoints-title">Checkpoints</h2>
        <q-audit-checkpoints />
      </section>

      <section class="panel" aria-labelledby="kept-title">
        <h2 id="kept-title">Check a kept checkpoint</h2>
        <q-audit-kept-checkpoint />
      </section>

      <h2>Events</h2>
      <form
        class="filters"
        [formGroup]="filters"
        (ngSubmit)="apply()"
        role="search"
      >
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Type</mat-label>
          <input
            matInput
            formControlName="type"
            list="audit-types"
            placeholder="conflict.opened"
          />
          <datalist id="audit-types">
            @for (t of types; track t) {
              <option [value]="t"></option>
            }
          </datalist>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Subject</mat-label>
          <input
            matInput
            formControlName="subject"
            placeholder="conflict:…, interest:…, lab:…"
          />
        </mat-form-field>
        <button mat-stroked-button type="submit">Filter</button>
        <button mat-button type="button" (click)="clear()">Clear</button>
      </form>

      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading audit events"
        />
      }
      @if (store.loaded()) {
        @if (store.events().length) {
          <div class="scroll">
            <table
              mat-table
              [dataSource]="store.events()"
              aria-label="Audit events"
            >
              <ng-container matColumnDef="seq">
                <th mat-header-cell *matHeaderCellDef scope="col">#</th>
                <td mat-cell *matCellDef="let e">{{ e.seq }}</td>
              </ng-container>
              <ng-container matColumnDef="at">
                <th mat-header-cell *matHeaderCellDef scope="col">Time</th>
                <td mat-cell *matCellDef="let e" class="nowrap">
                  {{ e.at | date: 'medium' }}
                </td>
              </ng-container>
              <ng-container matColumnDef="type">
                <th mat-header-cell *matHeaderCellDef scope="col">Type</th>
                <td mat-cell *matCellDef="let e">
                  <code>{{ e.type }}</code>
                  <details>
                    <summary>Data</summary>
                    <pre>{{ e.data | json }}</pre>
                  </details>
                </td>
              </ng-container>
              <ng-container matColumnDef="subject">
                <th mat-header-cell *matHeaderCellDef scope="col">Subject</th>
                <td mat-cell *matCellDef="let e">
                  <button
                    type="button"
                    class="link"
                    [attr.aria-label]="'Show only events about ' + e.subject"
                    (click)="filterBySubject(e.subject)"
                  >
                    {{ e.subject }}
                  </button>
                </td>
              </ng-container>
              <ng-container matColumnDef="actor">
                <th mat-header-cell *matHeaderCellDef scope="col">Actor</th>
                <td mat-cell *matCellDef="let e">{{ actorText(e.actor) }}</td>
              </ng-container>
              <ng-container matColumnDef="hash">
                <th mat-header-cell *matHeaderCellDef scope="col">Hash</th>
                <td
                  mat-cell
                  *matCellDef="let e"
                  class="hash short"
                  [title]="e.hash"
                >
                  {{ e.hash.slice(0, 12) }}…
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
          @if (store.hasMore()) {
            <div class="more">
              <button
                mat-stroked-button
                type="button"
                [disabled]="store.loading()"
                (click)="store.loadMore()"
              >
                Load more
              </button>
            </div>
          }
        } @else {
          <q-empty-state
            icon="history"
            heading="No events match"
            message="Try another type or subject."
          />
        }
      }
    </section>
  `,
  styles: `
    h2 {
      margin: 24px 0 12px;
      font: var(--mat-sys-title-large);
    }
    .verify,
    .panel {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .panel {
      margin-top: 16px;
    }
    .verify h2,
    .panel h2 {
      margin-top: 0;
    }
    .result {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 32px;
      margin: 16px 0 0;
    }
    .result .wide {
      flex-basis: 100%;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .hash,
    code,
    pre {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 12px;
      word-break: break-all;
    }
    code,
    .short {
      white-space: nowrap;
      word-break: normal;
    }
    pre {
      max-width: 420px;
      max-height: 240px;
      overflow: auto;
      white-space: pre-wrap;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-bottom: 16px;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .nowrap {
      white-space: nowrap;
    }
    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--mat-sys-primary);
      font: inherit;
      text-align: left;
      text-decoration: underline;
      word-break: break-all;
      cursor: pointer;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
  `,
})
export class AdminAuditPage implements OnInit {
  protected readonly store = inject(AuditStore);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly types = KNOWN_AUDIT_TYPES;
  protected readonly columns = [
    'seq',
    'at',
    'type',
    'subject',
    'actor',
    'hash',
  ];
  protected readonly actorText = actorText;
  protected readonly filters = this.fb.group({ type: [''], subject: [''] });
  protected readonly checkpointSeqs = computed(() =>
    this.store.checkpoints().map((c) => c.seq),
  );
  /** A checkpoint beyond the chain's end: the strip draws the events it says were there. */
  protected readonly expectedLength = computed(() => {
    const v = this.store.verification();
    return v?.checkpoint && v.checkpoint.seq > v.length
      ? v.checkpoint.seq
      : null;
  });

  ngOnInit(): void {
    this.store.load({});
    this.store.loadCheckpoints();
  }

  protected apply(): void {
    const { type, subject } = this.filters.getRawValue();
    this.store.load({
      type: type.trim() || null,
      subject: subject.trim() || null,
    });
  }

  protected clear(): void {
    this.filters.reset();
    this.store.load({});
  }

  protected filterBySubject(subject: string): void {
    this.filters.setValue({ type: '', subject });
    this.apply();
  }
}
