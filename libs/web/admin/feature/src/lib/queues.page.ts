import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { QueueHealth } from '@quorum/contracts';
import {
  QUEUE_HEALTH_INTERVAL_MS,
  QueueHealthStore,
} from '@quorum/web/shared/data-access';
import { Badge, Chart, ProblemAlert } from '@quorum/web/shared/ui';
import { formatAge } from '@quorum/web/shared/util';

type QueueRow = QueueHealth['queues'][number];

/** "routing" → "Routing". */
export function queueLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The counts that move (waiting, active, delayed, failed) stacked per queue; completed is cumulative and left out. */
export const QUEUE_CHART_SERIES = [
  { key: 'waiting', name: 'Waiting', color: '#6750a4' },
  { key: 'active', name: 'Active', color: '#2b7a3d' },
  { key: 'delayed', name: 'Delayed', color: '#9a5b00' },
  { key: 'failed', name: 'Failed', color: '#b3261e' },
] as const;

export function queueChartOption(health: QueueHealth) {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: QUEUE_CHART_SERIES.map((s) => s.name) },
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
    },
    xAxis: {
      type: 'category' as const,
      data: health.queues.map((q) => queueLabel(q.name)),
    },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: QUEUE_CHART_SERIES.map((s) => ({
      name: s.name,
      type: 'bar' as const,
      stack: 'jobs',
      itemStyle: { color: s.color },
      data: health.queues.map((q) => q[s.key]),
    })),
  };
}

export function queueChartLabel(health: QueueHealth): string {
  return (
    'Jobs per queue: ' +
    health.queues
      .map(
        (q) =>
          `${queueLabel(q.name)} ${q.waiting} waiting, ${q.active} active, ${q.delayed} delayed, ${q.failed} failed`,
      )
      .join('; ')
  );
}

/** Background queues and the outbox backlog, refreshed every 5 s while the page is open. */
@Component({
  selector: 'q-admin-queues-page',
  imports: [
    DatePipe,
    DecimalPipe,
    MatProgressBarModule,
    MatTableModule,
    Badge,
    Chart,
    ProblemAlert,
  ],
  providers: [QueueHealthStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Queue health</h1>
      <p class="q-lede">
        Jobs waiting, running, delayed and failed in each background queue, and
        events not yet handed to them. Updates every
        {{ intervalSeconds }} s while this page is open.
      </p>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading queue health"
        />
      }
      @if (store.health(); as health) {
        <p class="checked" role="status">
          Checked {{ health.checkedAt | date: 'mediumTime' }}
          @if (store.failedTotal()) {
            ·
            <q-badge tone="bad" icon="error"
              >{{ store.failedTotal() | number }} failed</q-badge
            >
          }
        </p>

        <section class="block" aria-labelledby="outbox-title">
          <h2 id="outbox-title">Outbox</h2>
          <dl class="numbers">
            <div>
              <dt>Pending events</dt>
              <dd>{{ health.outbox.pending | number }}</dd>
            </div>
            <div>
              <dt>Oldest pending</dt>
              <dd [class.late]="(health.outbox.oldestPendingSeconds ?? 0) > 60">
                {{ age(health.outbox.oldestPendingSeconds) }}
              </dd>
            </div>
            <div>
              <dt>Dead (failed every retry)</dt>
              <dd [class.late]="health.outbox.dead > 0">
                {{ health.outbox.dead | number }}
              </dd>
            </div>
          </dl>
        </section>

        <section class="block" aria-labelledby="queues-title">
          <h2 id="queues-title">Queues</h2>
          <div class="scroll">
            <table mat-table [dataSource]="health.queues" aria-label="Queues">
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef scope="col">Queue</th>
                <td mat-cell *matCellDef="let q">{{ label(row(q).name) }}</td>
              </ng-container>
              @for (c of countColumns; track c.key) {
                <ng-container [matColumnDef]="c.key">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    {{ c.label }}
                  </th>
                  <td
                    mat-cell
                    *matCellDef="let q"
                    class="num"
                    [class.failed]="c.key === 'failed' && row(q).failed > 0"
                  >
                    {{ row(q)[c.key] | number }}
                  </td>
                </ng-container>
              }
              <ng-container matColumnDef="state">
                <th mat-header-cell *matHeaderCellDef scope="col">State</th>
                <td mat-cell *matCellDef="let q">
                  @if (row(q).paused) {
                    <q-badge tone="warn" icon="pause">Paused</q-badge>
                  } @else {
                    <q-badge tone="good">Running</q-badge>
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let q; columns: columns"></tr>
            </table>
          </div>
          @if (health.queues.length) {
            <q-chart
              class="chart"
              [option]="chartOption()"
              [label]="chartLabel()"
              [height]="220"
            />
          }
        </section>
      }
    </section>
  `,
  styles: `
    .checked {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .block {
      margin: 24px 0;
    }
    h2 {
      margin: 0 0 12px;
      font: var(--mat-sys-title-large);
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
    .late,
    td.failed {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    td.failed {
      background: var(--mat-sys-error-container);
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
    .chart {
      margin-top: 16px;
    }
  `,
})
export class AdminQueuesPage implements OnInit {
  protected readonly store = inject(QueueHealthStore);

  protected readonly intervalSeconds = QUEUE_HEALTH_INTERVAL_MS / 1000;
  protected readonly countColumns = [
    { key: 'waiting', label: 'Waiting' },
    { key: 'active', label: 'Active' },
    { key: 'delayed', label: 'Delayed' },
    { key: 'failed', label: 'Failed' },
    { key: 'completed', label: 'Completed' },
  ] as const;
  protected readonly columns = [
    'name',
    ...this.countColumns.map((c) => c.key),
    'state',
  ];
  protected readonly label = queueLabel;
  protected readonly age = formatAge;

  protected readonly chartOption = computed(() => {
    const health = this.store.health();
    return health ? queueChartOption(health) : {};
  });
  protected readonly chartLabel = computed(() => {
    const health = this.store.health();
    return health ? queueChartLabel(health) : '';
  });

  ngOnInit(): void {
    this.store.startPolling();
  }

  protected row(q: QueueRow): QueueRow {
    return q;
  }
}
