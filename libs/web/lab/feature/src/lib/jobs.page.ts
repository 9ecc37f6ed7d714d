import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { JobView } from '@quorum/contracts';
import { JobsListStore, TASK_TYPE_LABELS } from '@quorum/web/jobs/data-access';
import { AuthStore } from '@quorum/web/shared/data-access';
import { EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import { LAB_PAGES } from '@quorum/web/shared/util';
import { JobStatusBadge } from './job-status-badge';

/** Answers expected for a job: every item answered `overlap` times. */
export function expectedAnswers(job: JobView): number {
  return job.progress.items * job.overlap;
}

/** The lab landing page: its jobs, newest first, with status, progress and routing notes. */
@Component({
  selector: 'q-lab-jobs-page',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    EmptyState,
    JobStatusBadge,
    ProblemAlert,
  ],
  providers: [JobsListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <div class="head">
        <h1>Jobs</h1>
        @if (store.jobs().length) {
          <a mat-flat-button [routerLink]="newJobLink">
            <mat-icon svgIcon="add" aria-hidden="true" />
            New job
          </a>
        }
      </div>
      <p class="q-lede">
        Labeling and RLHF jobs of {{ auth.user()?.orgName }}: progress, routing
        to vendors, and results.
      </p>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading() && !store.jobs().length) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading jobs" />
      }
      @if (store.loaded()) {
        @if (store.jobs().length) {
          <div class="scroll">
            <table mat-table [dataSource]="store.jobs()" aria-label="Jobs">
              <ng-container matColumnDef="title">
                <th mat-header-cell *matHeaderCellDef scope="col">Job</th>
                <td mat-cell *matCellDef="let j" class="title-cell">
                  <a [routerLink]="[jobsPath, j.id]" class="title">{{
                    j.title
                  }}</a>
                  <span class="type">{{ taskTypes[asJob(j).taskType] }}</span>
                  @if (asJob(j).routingNote; as note) {
                    <p class="waiting" role="note">
                      <strong>Waiting:</strong> {{ note }}
                    </p>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="status">
                <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
                <td mat-cell *matCellDef="let j">
                  <q-job-status-badge [status]="asJob(j).status" />
                </td>
              </ng-container>
              <ng-container matColumnDef="progress">
                <th mat-header-cell *matHeaderCellDef scope="col">Progress</th>
                <td mat-cell *matCellDef="let j" class="progress">
                  <mat-progress-bar
                    mode="determinate"
                    [value]="asJob(j).progress.percent"
                    [attr.aria-label]="'Progress of ' + asJob(j).title"
                  />
                  <span class="numbers"
                    >{{ asJob(j).progress.percent | number: '1.0-1' }}% ·
                    {{ asJob(j).progress.answers | number }} /
                    {{ expected(asJob(j)) | number }} answers</span
                  >
                </td>
              </ng-container>
              <ng-container matColumnDef="items">
                <th mat-header-cell *matHeaderCellDef scope="col">Items</th>
                <td mat-cell *matCellDef="let j" class="num">
                  {{ asJob(j).progress.items | number }}
                </td>
              </ng-container>
              <ng-container matColumnDef="created">
                <th mat-header-cell *matHeaderCellDef scope="col">Created</th>
                <td mat-cell *matCellDef="let j">
                  {{ asJob(j).createdAt | date: 'mediumDate' }}
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let j; columns: columns"></tr>
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
                Load more jobs
              </button>
            </div>
          }
        } @else if (!store.problem()) {
          <q-empty-state
            icon="work"
            heading="No jobs yet"
            message="Post a labeling or RLHF job: describe the task, upload items, publish, and Quorum routes the work to neutral vendors."
            actionLabel="New job"
            (action)="newJob()"
          />
        }
      }
    </section>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .head h1 {
      margin: 0 0 4px;
      font: var(--mat-sys-headline-medium);
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .title-cell {
      padding-top: 8px;
      padding-bottom: 8px;
    }
    .title {
      display: block;
      font: var(--mat-sys-title-small);
    }
    .type {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .waiting {
      margin: 6px 0 0;
      padding: 4px 8px;
      border-radius: 8px;
      background: #fff0d6;
      color: #5c3400;
      font: var(--mat-sys-body-medium);
    }
    .progress {
      min-width: 180px;
    }
    .numbers {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .num {
      text-align: right;
    }
    .more {
      display: flex;
      justify-content: center;
      margin-top: 16px;
    }
  `,
})
export class LabJobsPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(JobsListStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = [
    'title',
    'status',
    'progress',
    'items',
    'created',
  ];
  protected readonly taskTypes = TASK_TYPE_LABELS;
  protected readonly jobsPath = LAB_PAGES.jobs;
  protected readonly newJobLink = [LAB_PAGES.jobs, LAB_PAGES.newJob];
  protected readonly expected = expectedAnswers;

  ngOnInit(): void {
    this.store.load();
  }

  protected asJob(job: JobView): JobView {
    return job;
  }

  protected newJob(): void {
    void this.router.navigate(this.newJobLink, { relativeTo: this.route });
  }
}
