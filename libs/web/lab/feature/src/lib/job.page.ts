import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { RoutingShare } from '@quorum/contracts';
import {
  type JobAction,
  JobStatsStore,
  JobStore,
  type ResultsFormat,
  SHARE_STATUS_LABELS,
  TASK_TYPE_LABELS,
  UPLOAD_STATUSES,
  hasPreferencePairs,
} from '@quorum/web/jobs/data-access';
import {
  Badge,
  Chart,
  ConflictCard,
  ProblemAlert,
} from '@quorum/web/shared/ui';
import {
  ApiProblem,
  formatFraction,
  spendPercent,
  spendText,
} from '@quorum/web/shared/util';
import type { Subscription } from 'rxjs';
import { ConfirmDialog, type ConfirmDialogData } from './confirm-dialog';
import {
  agreementChartOption,
  agreementLabel,
  throughputChartOption,
  throughputLabel,
  vendorAnswersChartOption,
  vendorAnswersLabel,
} from './job-charts';
import { JobStatusBadge } from './job-status-badge';
import { expectedAnswers } from './jobs.page';
import { Markdown } from './markdown';
import { RoutingChart } from './routing-chart';
import { UploadPanel } from './upload-panel';

const ACTION_LOOK: Record<JobAction, { label: string; icon: string }> = {
  publish: { label: 'Publish', icon: 'send' },
  pause: { label: 'Pause', icon: 'pause' },
  resume: { label: 'Resume', icon: 'play_arrow' },
  cancel: { label: 'Cancel job', icon: 'stop' },
};

/** Saves a downloaded file through a temporary link (the API needs the token, so no plain href). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One job: status and lifecycle, uploads, progress, routing by vendor, results and instructions. */
@Component({
  selector: 'q-lab-job-page',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    Badge,
    Chart,
    ConflictCard,
    JobStatusBadge,
    Markdown,
    ProblemAlert,
    RoutingChart,
    UploadPanel,
  ],
  providers: [JobStore, JobStatsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <a mat-button routerLink="../.." class="back">
        <mat-icon svgIcon="arrow_back" aria-hidden="true" />
        Jobs
      </a>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the job" />
      }
      @if (store.job(); as job) {
        <header class="header">
          <div>
            <h1>{{ job.title }}</h1>
            <p class="meta">
              <q-job-status-badge [status]="job.status" />
              <span>{{ taskTypes[job.taskType] }}</span>
              <span>Created {{ job.createdAt | date: 'medium' }}</span>
              @if (job.publishedAt) {
                <span>Published {{ job.publishedAt | date: 'medium' }}</span>
              }
            </p>
          </div>
          <div class="actions" role="group" aria-label="Job actions">
            @for (a of store.actions(); track a) {
              <button
                [matButton]="
                  a === 'publish' || a === 'resume' ? 'filled' : 'outlined'
                "
                type="button"
                [disabled]="!!store.pending()"
                (click)="run(a)"
              >
                <mat-icon [svgIcon]="look[a].icon" aria-hidden="true" />
                {{ look[a].label }}
              </button>
            }
          </div>
        </header>
        <q-problem-alert [problem]="store.actionProblem()" />
        @if (job.routingNote) {
          <p class="waiting" role="note">
            <strong>Waiting:</strong> {{ job.routingNote }}
          </p>
        }
        @if (job.status === 'draft' && !job.progress.items) {
          <p class="next" role="note">
            Next: upload the items to label, then publish. Publishing checks the
            budget and routes the work to vendors.
          </p>
        }

        <section class="block" aria-labelledby="progress-title">
          <h2 id="progress-title">Progress</h2>
          <mat-progress-bar
            mode="determinate"
            [value]="job.progress.percent"
            aria-label="Answers received"
          />
          <p class="percent">
            {{ job.progress.percent | number: '1.0-2' }}% ·
            {{ job.progress.answers | number }} of
            {{ expected() | number }} answers
            @if (store.live()) {
              <span class="live">· updates every 5 s</span>
            }
          </p>
          <dl class="numbers">
            <div>
              <dt>Items</dt>
              <dd>{{ job.progress.items | number }}</dd>
            </div>
            <div>
              <dt>Gold items</dt>
              <dd>{{ job.progress.goldItems | number }}</dd>
            </div>
            <div>
              <dt>Answers</dt>
              <dd>{{ job.progress.answers | number }}</dd>
            </div>
            <div>
              <dt>Completed items</dt>
              <dd>{{ job.progress.completedItems | number }}</dd>
            </div>
            <div>
              <dt>Overlap</dt>
              <dd>{{ job.overlap }}</dd>
            </div>
            <div>
              <dt>Price per answer</dt>
              <dd>{{ job.pricePerAnswer | number: '1.0-4' }}</dd>
            </div>
            <div>
              <dt>Budget</dt>
              <dd>
                {{
                  job.budget === null ? 'None' : (job.budget | number: '1.0-2')
                }}
              </dd>
            </div>
            <div>
              <dt>Deadline</dt>
              <dd>
                {{
                  job.deadline ? (job.deadline | date: 'mediumDate') : 'None'
                }}
              </dd>
            </div>
          </dl>
          <div class="spend">
            <p class="spend-text">{{ spend().text }}</p>
            @if (spend().percent !== null) {
              <mat-progress-bar
                mode="determinate"
                [value]="spend().percent"
                [class.over]="(spend().percent ?? 0) >= 90"
                aria-label="Budget spent"
              />
            }
          </div>
        </section>

        @if (canUpload()) {
          <section class="block" aria-labelledby="upload-title">
            <h2 id="upload-title">Items and gold</h2>
            <div class="uploads">
              <q-upload-panel
                kind="items"
                title="Items"
                [state]="store.uploads().items"
                (fileChosen)="store.upload('items', $event)"
              >
                JSON Lines (.jsonl, .ndjson): one
                <code
                  >{{ '{' }}"externalId"?, "data": {{ '{' }}…{{ '}'
                  }}{{ '}' }}</code
                >
                per line; or CSV with an externalId column and the data fields
                as columns.
              </q-upload-panel>
              <q-upload-panel
                kind="gold"
                title="Gold items"
                [state]="store.uploads().gold"
                (fileChosen)="store.upload('gold', $event)"
              >
                Same formats, each line with its <code>answer</code>. Gold
                answers check annotator accuracy and never leave the server.
              </q-upload-panel>
            </div>
          </section>
        }

        <section class="block" aria-labelledby="routing-title">
          <h2 id="routing-title">Routing by vendor</h2>
          @if (job.routing.length) {
            <q-routing-chart [shares]="job.routing" />
            <div class="scroll">
              <table
                mat-table
                [dataSource]="job.routing"
                aria-label="Routing by vendor"
              >
                <ng-container matColumnDef="vendor">
                  <th mat-header-cell *matHeaderCellDef scope="col">Vendor</th>
                  <td mat-cell *matCellDef="let s">{{ s.vendorName }}</td>
                </ng-container>
                <ng-container matColumnDef="status">
                  <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
                  <td mat-cell *matCellDef="let s">
                    <q-badge
                      [tone]="
                        s.status === 'accepted'
                          ? 'good'
                          : s.status === 'offered'
                            ? 'info'
                            : 'neutral'
                      "
                      >{{ shareLabels[share(s).status] }}</q-badge
                    >
                  </td>
                </ng-container>
                <ng-container matColumnDef="slots">
                  <th mat-header-cell *matHeaderCellDef scope="col">Slots</th>
                  <td mat-cell *matCellDef="let s" class="num">
                    {{ s.slots | number }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="open">
                  <th mat-header-cell *matHeaderCellDef scope="col">
                    Open slots
                  </th>
                  <td mat-cell *matCellDef="let s" class="num">
                    {{ s.openSlots | number }}
                  </td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="routingColumns"></tr>
                <tr mat-row *matRowDef="let s; columns: routingColumns"></tr>
              </table>
            </div>
          } @else {
            <p class="none">
              {{
                job.status === 'draft'
                  ? 'Work is routed to vendors once the job is published.'
                  : 'No vendor has been routed work yet.'
              }}
            </p>
          }
        </section>

        <section class="block" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">Conflicts affecting this job</h2>
          @if (conflicts().length) {
            <ul class="cards" aria-label="Conflicts affecting this job">
              @for (c of conflicts(); track c.id) {
                <li><q-conflict-card [conflict]="c" [headingLevel]="3" /></li>
              }
            </ul>
          } @else {
            <p class="none">
              No live conflict between your lab and the vendors this job is
              routed to.
            </p>
          }
        </section>

        <section class="block" aria-labelledby="charts-title">
          <h2 id="charts-title">Charts</h2>
          <q-problem-alert [problem]="stats.problem()" />
          @if (stats.loading()) {
            <mat-progress-bar
              mode="indeterminate"
              aria-label="Loading the charts"
            />
          }
          @if (charts(); as ch) {
            @if (ch.stats.throughput.length || ch.stats.agreement.length) {
              <div class="charts">
                <figure>
                  <figcaption>Answers per hour</figcaption>
                  <q-chart
                    [option]="ch.throughput"
                    [label]="ch.throughputLabel"
                    [height]="200"
                  />
                </figure>
                <figure>
                  <figcaption>
                    Agreement · mean {{ mean(ch.stats.meanAgreement) }}
                  </figcaption>
                  <q-chart
                    [option]="ch.agreement"
                    [label]="ch.agreementLabel"
                    [height]="200"
                  />
                </figure>
                <figure>
                  <figcaption>Answers per vendor</figcaption>
                  <q-chart
                    [option]="ch.vendors"
                    [label]="ch.vendorsLabel"
                    [height]="60 + ch.stats.byVendor.length * 36"
                  />
                </figure>
              </div>
            } @else {
              <p class="none">Charts appear once answers arrive.</p>
            }
          }
        </section>

        <section class="block" aria-labelledby="results-title">
          <h2 id="results-title">Results</h2>
          <p class="none">
            One line per item with the aggregate answer, confidence, agreement
            and the vendors who answered.
          </p>
          <div class="downloads">
            @for (f of formats(); track f.format) {
              <button
                mat-stroked-button
                type="button"
                [disabled]="downloading() !== null"
                (click)="download(f.format)"
              >
                <mat-icon svgIcon="download" aria-hidden="true" />
                {{ f.label }}
              </button>
            }
          </div>
          @if (downloading()) {
            <div class="progress" role="status">
              <mat-progress-bar
                mode="indeterminate"
                aria-label="Downloading results"
              />
              <span
                >Downloading… {{ downloadedKb() | number: '1.0-0' }} KB
                received</span
              >
            </div>
          }
          <q-problem-alert [problem]="downloadProblem()" />
        </section>

        <section class="block" aria-labelledby="instructions-title">
          <h2 id="instructions-title">Instructions</h2>
          <q-markdown [source]="job.instructions" />
        </section>
      }
    </section>
  `,
  styles: `
    .back {
      margin: -8px 0 8px -12px;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 12px;
      margin-bottom: 16px;
    }
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-medium);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px;
    }
    .waiting {
      padding: 12px 16px;
      border-radius: 12px;
      background: #fff0d6;
      color: #5c3400;
      font: var(--mat-sys-body-large);
    }
    .next {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .block {
      margin: 24px 0;
    }
    h2 {
      margin: 0 0 12px;
      font: var(--mat-sys-title-large);
    }
    .percent {
      margin: 8px 0;
      font: var(--mat-sys-body-medium);
    }
    .live {
      color: var(--mat-sys-on-surface-variant);
    }
    .numbers {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 32px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .spend {
      margin-top: 16px;
      max-width: 480px;
    }
    .spend-text {
      margin: 0 0 4px;
    }
    .over {
      --mat-progress-bar-active-indicator-color: var(--mat-sys-error);
    }
    .cards {
      display: grid;
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
    figure {
      margin: 0;
    }
    figcaption {
      font: var(--mat-sys-title-small);
    }
    .uploads {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 16px;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .num {
      text-align: right;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    .downloads {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 8px;
    }
    .progress {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 8px 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class LabJobPage implements OnInit {
  /** The job id, from the route. */
  readonly id = input.required<string>();

  protected readonly store = inject(JobStore);
  protected readonly stats = inject(JobStatsStore);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly look = ACTION_LOOK;
  protected readonly taskTypes = TASK_TYPE_LABELS;
  protected readonly shareLabels = SHARE_STATUS_LABELS;
  protected readonly routingColumns = ['vendor', 'status', 'slots', 'open'];
  protected readonly downloading = signal<ResultsFormat | null>(null);
  protected readonly downloadedKb = signal(0);
  protected readonly downloadProblem = signal<ApiProblem | null>(null);
  private downloadSub: Subscription | null = null;

  protected readonly expected = computed(() => {
    const job = this.store.job();
    return job ? expectedAnswers(job) : 0;
  });
  protected readonly canUpload = computed(() => {
    const job = this.store.job();
    return !!job && UPLOAD_STATUSES.includes(job.status);
  });
  protected readonly formats = computed(() => {
    const job = this.store.job();
    const formats: { format: ResultsFormat; label: string }[] = [
      { format: 'jsonl', label: 'JSON Lines' },
      { format: 'csv', label: 'CSV' },
    ];
    if (job && hasPreferencePairs(job.taskType))
      formats.push({ format: 'preference-pairs', label: 'Preference pairs' });
    return formats;
  });

  protected readonly spend = computed(() => {
    const job = this.store.job();
    const spent = job?.spend ?? 0;
    const budget = job?.budget ?? null;
    return {
      text: spendText(spent, budget),
      percent: spendPercent(spent, budget),
    };
  });
  /** Live conflicts between the lab and the job's vendors (an older server may omit them). */
  protected readonly conflicts = computed(
    () => this.store.job()?.conflicts ?? [],
  );
  protected readonly charts = computed(() => {
    const st = this.stats.stats();
    if (!st) return null;
    return {
      stats: st,
      throughput: throughputChartOption(st),
      throughputLabel: throughputLabel(st),
      agreement: agreementChartOption(st),
      agreementLabel: agreementLabel(st),
      vendors: vendorAnswersChartOption(st),
      vendorsLabel: vendorAnswersLabel(st),
    };
  });
  protected readonly mean = formatFraction;
  /** Changes only when answers arrive, so the charts are not refetched on every poll. */
  private readonly answers = computed(
    () => this.store.job()?.progress.answers ?? null,
  );

  protected share(s: RoutingShare): RoutingShare {
    return s;
  }

  constructor() {
    this.destroyRef.onDestroy(() => this.downloadSub?.unsubscribe());
    effect(() => {
      if (this.answers() === null) return;
      untracked(() => this.stats.refreshIfStale());
    });
  }

  ngOnInit(): void {
    this.store.load(this.id());
    this.stats.load(this.id());
    this.store.startPolling();
  }

  protected run(action: JobAction): void {
    if (action !== 'cancel') {
      this.store.act(action);
      return;
    }
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Cancel this job?',
          message:
            'Annotators stop receiving its items and open slots are withdrawn from vendors. Answers already given stay in the results. This cannot be undone.',
          confirmLabel: 'Cancel job',
        },
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (confirmed) this.store.act('cancel');
      });
  }

  protected download(format: ResultsFormat): void {
    this.downloading.set(format);
    this.downloadedKb.set(0);
    this.downloadProblem.set(null);
    this.downloadSub = this.store.download(format).subscribe({
      next: (event) => {
        if (event.kind === 'progress')
          this.downloadedKb.set(event.loaded / 1024);
        else {
          saveBlob(event.blob, event.fileName);
          this.downloading.set(null);
        }
      },
      error: (err: unknown) => {
        this.downloadProblem.set(ApiProblem.from(err));
        this.downloading.set(null);
      },
    });
  }
}
