import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import type { VendorWorkItem } from '@quorum/contracts';
import {
  JOB_STATUS_LABELS,
  SHARE_STATUS_LABELS,
  TASK_TYPE_LABELS,
  VendorWorkStore,
} from '@quorum/web/jobs/data-access';
import { AuthStore } from '@quorum/web/shared/data-access';
import { Badge, EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import { ApiProblem, VENDOR_PAGES } from '@quorum/web/shared/util';
import { DeclineDialog, type DeclineDialogData } from './decline.dialog';

/** An offer can be answered while it is offered; an accepted one can still be declined. */
export function canAccept(item: VendorWorkItem): boolean {
  return item.status === 'offered' && isRunning(item);
}

export function canDecline(item: VendorWorkItem): boolean {
  return (
    (item.status === 'offered' || item.status === 'accepted') && isRunning(item)
  );
}

function isRunning(item: VendorWorkItem): boolean {
  return item.jobStatus !== 'completed' && item.jobStatus !== 'cancelled';
}

/** The vendor landing page: jobs labs have routed here, to accept or decline. */
@Component({
  selector: 'q-vendor-routed-work-page',
  imports: [
    DecimalPipe,
    MatButtonModule,
    MatProgressBarModule,
    MatTableModule,
    Badge,
    EmptyState,
    ProblemAlert,
  ],
  providers: [VendorWorkStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Routed work</h1>
      <p class="q-lede">Jobs labs have routed to {{ auth.user()?.orgName }}.</p>
      <q-problem-alert [problem]="store.problem()" />
      <q-problem-alert [problem]="actionProblem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading routed work"
        />
      }
      @if (store.loaded()) {
        @if (store.items().length) {
          <div class="scroll">
            <table
              mat-table
              [dataSource]="store.items()"
              aria-label="Routed work"
            >
              <ng-container matColumnDef="job">
                <th mat-header-cell *matHeaderCellDef scope="col">Job</th>
                <td mat-cell *matCellDef="let w" class="job">
                  <span class="title">{{ w.title }}</span>
                  <span class="sub"
                    >Job {{ jobStatusLabels[row(w).jobStatus] }}</span
                  >
                </td>
              </ng-container>
              <ng-container matColumnDef="lab">
                <th mat-header-cell *matHeaderCellDef scope="col">Lab</th>
                <td mat-cell *matCellDef="let w">{{ w.labName }}</td>
              </ng-container>
              <ng-container matColumnDef="taskType">
                <th mat-header-cell *matHeaderCellDef scope="col">Task type</th>
                <td mat-cell *matCellDef="let w">
                  {{ taskTypes[row(w).taskType] }}
                </td>
              </ng-container>
              <ng-container matColumnDef="price">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  Price per answer
                </th>
                <td mat-cell *matCellDef="let w" class="num">
                  {{ row(w).pricePerAnswer | number: '1.0-4' }}
                </td>
              </ng-container>
              <ng-container matColumnDef="slots">
                <th mat-header-cell *matHeaderCellDef scope="col">Slots</th>
                <td mat-cell *matCellDef="let w" class="num">
                  {{ row(w).slots | number }}
                </td>
              </ng-container>
              <ng-container matColumnDef="open">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  Open slots
                </th>
                <td mat-cell *matCellDef="let w" class="num">
                  {{ row(w).openSlots | number }}
                </td>
              </ng-container>
              <ng-container matColumnDef="status">
                <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
                <td mat-cell *matCellDef="let w">
                  <q-badge
                    [tone]="
                      row(w).status === 'accepted'
                        ? 'good'
                        : row(w).status === 'offered'
                          ? 'info'
                          : 'neutral'
                    "
                    >{{ shareLabels[row(w).status] }}</q-badge
                  >
                </td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  <span class="cdk-visually-hidden">Actions</span>
                </th>
                <td mat-cell *matCellDef="let w" class="actions">
                  @if (canAct()) {
                    @if (canAccept(row(w))) {
                      <button
                        matButton="filled"
                        type="button"
                        [disabled]="store.pending() !== null"
                        (click)="accept(row(w))"
                      >
                        Accept<span class="cdk-visually-hidden">
                          {{ w.title }}</span
                        >
                      </button>
                    }
                    @if (canDecline(row(w))) {
                      <button
                        matButton="outlined"
                        type="button"
                        [disabled]="store.pending() !== null"
                        (click)="decline(row(w))"
                      >
                        Decline<span class="cdk-visually-hidden">
                          {{ w.title }}</span
                        >
                      </button>
                    }
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let w; columns: columns"></tr>
            </table>
          </div>
          @if (!canAct()) {
            <p class="note" role="note">
              Only a vendor admin can accept or decline work.
            </p>
          }
        } @else if (!store.problem()) {
          <q-empty-state
            icon="inbox"
            heading="No routed work yet"
            message="Jobs that labs route to your organization are listed here for you to accept or decline. Labs route to vendors whose profile matches the task type and languages, so keep your profile current."
            actionLabel="Edit your profile"
            (action)="openProfile()"
          />
        }
      }
    </section>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .job {
      padding-top: 8px;
      padding-bottom: 8px;
    }
    .title {
      display: block;
      font: var(--mat-sys-title-small);
    }
    .sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .num {
      text-align: right;
    }
    .actions {
      white-space: nowrap;
    }
    .actions button + button {
      margin-left: 8px;
    }
    .note {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class VendorRoutedWorkPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(VendorWorkStore);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = [
    'job',
    'lab',
    'taskType',
    'price',
    'slots',
    'open',
    'status',
    'actions',
  ];
  protected readonly taskTypes = TASK_TYPE_LABELS;
  protected readonly shareLabels = SHARE_STATUS_LABELS;
  protected readonly jobStatusLabels = JOB_STATUS_LABELS;
  protected readonly canAccept = canAccept;
  protected readonly canDecline = canDecline;
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly canAct = computed(() =>
    this.auth.roles().includes('vendor_admin'),
  );

  ngOnInit(): void {
    this.store.load();
  }

  protected row(item: VendorWorkItem): VendorWorkItem {
    return item;
  }

  protected accept(item: VendorWorkItem): void {
    this.actionProblem.set(null);
    this.store.accept(item.jobId).subscribe({
      next: () => void this.announcer.announce(`Accepted ${item.title}`),
      error: (err: unknown) => this.actionProblem.set(ApiProblem.from(err)),
    });
  }

  protected decline(item: VendorWorkItem): void {
    this.actionProblem.set(null);
    this.dialog
      .open<DeclineDialog, DeclineDialogData, boolean>(DeclineDialog, {
        data: {
          title: item.title,
          labName: item.labName,
          openSlots: item.openSlots,
        },
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (!confirmed) return;
        this.store.decline(item.jobId).subscribe({
          next: () => void this.announcer.announce(`Declined ${item.title}`),
          error: (err: unknown) => this.actionProblem.set(ApiProblem.from(err)),
        });
      });
  }

  protected openProfile(): void {
    void this.router.navigate([VENDOR_PAGES.profile], {
      relativeTo: this.route,
    });
  }
}
