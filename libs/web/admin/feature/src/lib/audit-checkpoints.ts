import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { AuditCheckpointView } from '@quorum/contracts';
import { AuditStore } from '@quorum/web/shared/data-access';
import { EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import {
  checkpointFileName,
  saveCheckpointFile,
} from './audit-checkpoint-file';

/** Signed checkpoints of the chain head: the list, signing one now, and saving copies to keep. */
@Component({
  selector: 'q-audit-checkpoints',
  imports: [
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    EmptyState,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="q-lede">
      A checkpoint is Quorum's signed statement of how long the chain was and
      how it ended. Download checkpoints and keep the files outside Quorum (your
      own storage, a ticket, an email): checking a kept one later shows whether
      the newest events were removed or the chain rewritten, which the hash
      chain alone cannot show.
    </p>
    <div class="actions">
      <button
        mat-flat-button
        type="button"
        [disabled]="store.signing()"
        (click)="store.signCheckpoint()"
      >
        <mat-icon svgIcon="verified_user" aria-hidden="true" /> Sign checkpoint
        now
      </button>
    </div>
    @if (store.signing()) {
      <mat-progress-bar
        mode="indeterminate"
        aria-label="Signing a checkpoint"
      />
    }
    <q-problem-alert [problem]="store.signProblem()" />
    <div aria-live="polite">
      @if (store.signed(); as c) {
        <p class="signed" role="status">
          Checkpoint #{{ c.seq }} signed. Download it and keep the file outside
          Quorum.
          <button mat-button type="button" (click)="download(c)">
            <mat-icon svgIcon="download" aria-hidden="true" />
            {{ fileName(c) }}
          </button>
        </p>
      }
    </div>

    <q-problem-alert [problem]="store.checkpointsProblem()" />
    @if (store.checkpointsLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading checkpoints" />
    }
    @if (store.checkpointsLoaded()) {
      @if (store.checkpoints().length) {
        <div class="scroll">
          <table
            mat-table
            [dataSource]="store.checkpoints()"
            aria-label="Signed checkpoints"
          >
            <ng-container matColumnDef="seq">
              <th mat-header-cell *matHeaderCellDef scope="col">Event #</th>
              <td mat-cell *matCellDef="let c">{{ c.seq }}</td>
            </ng-container>
            <ng-container matColumnDef="at">
              <th mat-header-cell *matHeaderCellDef scope="col">Signed at</th>
              <td mat-cell *matCellDef="let c" class="nowrap">
                {{ c.at | date: 'medium' }}
              </td>
            </ng-container>
            <ng-container matColumnDef="headHash">
              <th mat-header-cell *matHeaderCellDef scope="col">Head hash</th>
              <td
                mat-cell
                *matCellDef="let c"
                class="hash"
                [title]="c.headHash"
              >
                {{ c.headHash.slice(0, 12) }}…
              </td>
            </ng-container>
            <ng-container matColumnDef="keyId">
              <th mat-header-cell *matHeaderCellDef scope="col">Key</th>
              <td mat-cell *matCellDef="let c" class="hash">{{ c.keyId }}</td>
            </ng-container>
            <ng-container matColumnDef="download">
              <th mat-header-cell *matHeaderCellDef scope="col">
                <span class="cdk-visually-hidden">Actions</span>
              </th>
              <td mat-cell *matCellDef="let c">
                <button
                  mat-button
                  type="button"
                  [attr.aria-label]="'Download checkpoint #' + c.seq"
                  (click)="download(c)"
                >
                  <mat-icon svgIcon="download" aria-hidden="true" /> Download
                </button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        @if (store.checkpointsHaveMore()) {
          <div class="more">
            <button
              mat-stroked-button
              type="button"
              [disabled]="store.checkpointsLoading()"
              (click)="store.loadMoreCheckpoints()"
            >
              Load more
            </button>
          </div>
        }
      } @else {
        <q-empty-state
          icon="verified_user"
          heading="No checkpoints yet"
          message="Quorum signs one every five minutes while the chain grows, or sign one now."
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
      flex-wrap: wrap;
      gap: 8px 12px;
      margin-bottom: 12px;
    }
    .signed {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin: 0 0 12px;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .hash {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 12px;
      white-space: nowrap;
    }
    .nowrap {
      white-space: nowrap;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
  `,
})
export class AuditCheckpoints {
  protected readonly store = inject(AuditStore);
  protected readonly columns = ['seq', 'at', 'headHash', 'keyId', 'download'];
  protected readonly fileName = checkpointFileName;

  protected download(checkpoint: AuditCheckpointView): void {
    saveCheckpointFile(checkpoint);
  }
}
