import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MemberView } from '@quorum/contracts';
import type { ApiProblem } from '@quorum/web/shared/util';
import { EmptyState } from './empty-state';
import { MemberList } from './member-list';
import { ProblemAlert } from './problem-alert';

/** An organization's member list with its loading, error and empty states and the Add member action. */
@Component({
  selector: 'q-team-view',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    EmptyState,
    MemberList,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canAdd()) {
      <div class="actions">
        <button mat-flat-button type="button" (click)="add.emit()">
          <mat-icon svgIcon="person_add" aria-hidden="true" />
          Add member
        </button>
      </div>
    }
    <q-problem-alert [problem]="problem()" />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading members" />
    }
    @if (loaded()) {
      @if (members().length) {
        <q-member-list [members]="members()" />
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
          icon="group"
          heading="No members yet"
          message="Nobody else belongs to this organization yet."
        />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-bottom: 16px;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
  `,
})
export class TeamView {
  readonly members = input.required<readonly MemberView[]>();
  readonly loaded = input(false);
  readonly loading = input(false);
  readonly hasMore = input(false);
  readonly problem = input<ApiProblem | null>(null);
  /** Org admins may add members; everyone else only sees the list. */
  readonly canAdd = input(false);
  readonly add = output<void>();
  readonly loadMore = output<void>();
}
