import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CONFLICT_STATUSES,
  type ConflictStatus,
  type ConflictView,
} from '@quorum/contracts';
import {
  type ApiProblem,
  CONFLICT_STATUS_LABELS,
  type ConflictActions,
  conflictActions,
} from '@quorum/web/shared/util';
import { ConflictCard } from './conflict-card';
import { EmptyState } from './empty-state';
import { ProblemAlert } from './problem-alert';

export interface ConflictViewer {
  userId: string | null;
  /** Lab admins of the conflict's lab and platform admins may decide; everyone else reads. */
  canDecide: boolean;
}

/** A filterable, paged list of conflict cards with their loading, error and empty states. */
@Component({
  selector: 'q-conflict-list',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    ConflictCard,
    EmptyState,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select
          [value]="status() ?? ''"
          (valueChange)="statusChange.emit($event || null)"
        >
          <mat-option value="">Any status</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ statusLabels[s] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <ng-content />
    </div>
    <q-problem-alert [problem]="problem()" />
    <q-problem-alert [problem]="actionProblem()" />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading conflicts" />
    }
    @if (loaded()) {
      @if (conflicts().length) {
        <ul class="cards" aria-label="Conflicts">
          @for (c of conflicts(); track c.id) {
            <li>
              <q-conflict-card
                [conflict]="c"
                [showLab]="showLab()"
                [headingLevel]="2"
                [actions]="actionsFor(c)"
                [busy]="busy().has(c.id)"
                (acknowledge)="acknowledge.emit(c)"
                (waive)="waive.emit(c)"
                (approve)="approve.emit(c)"
              />
            </li>
          }
        </ul>
        @if (hasMore()) {
          <div class="more">
            <button
              mat-stroked-button
              type="button"
              [disabled]="loading()"
              (click)="loadMore.emit()"
            >
              Load more
            </button>
          </div>
        }
      } @else {
        <q-empty-state
          icon="verified_user"
          heading="No conflicts"
          [message]="emptyMessage()"
        />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-bottom: 16px;
    }
    .cards {
      display: flex;
      flex-direction: column;
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
  `,
})
export class ConflictList {
  readonly conflicts = input.required<readonly ConflictView[]>();
  readonly loaded = input(false);
  readonly loading = input(false);
  readonly hasMore = input(false);
  readonly problem = input<ApiProblem | null>(null);
  readonly actionProblem = input<ApiProblem | null>(null);
  readonly status = input<ConflictStatus | null>(null);
  readonly viewer = input<ConflictViewer>({ userId: null, canDecide: false });
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly showLab = input(false);
  readonly emptyMessage = input(
    'No conflict matches this filter. Conflicts appear when a vendor is owned, controlled or bound by a competitor under the policy.',
  );
  readonly statusChange = output<ConflictStatus | null>();
  readonly acknowledge = output<ConflictView>();
  readonly waive = output<ConflictView>();
  readonly approve = output<ConflictView>();
  readonly loadMore = output<void>();

  protected readonly statuses = CONFLICT_STATUSES;
  protected readonly statusLabels = CONFLICT_STATUS_LABELS;

  protected actionsFor(conflict: ConflictView): ConflictActions {
    return conflictActions(conflict, this.viewer());
  }
}
