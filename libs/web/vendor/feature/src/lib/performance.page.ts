import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { VendorEarnings } from '@quorum/contracts';
import { VendorEarningsStore } from '@quorum/web/jobs/data-access';
import { Chart, EmptyState, ProblemAlert } from '@quorum/web/shared/ui';
import { formatFraction, formatMoney } from '@quorum/web/shared/util';

type AnnotatorRow = VendorEarnings['byAnnotator'][number];
type JobRow = VendorEarnings['byJob'][number];

/** Earnings per annotator as horizontal bars, in the order the server ranks them (highest first). */
export function earningsChartOption(earnings: VendorEarnings) {
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
      valueFormatter: (value: unknown) =>
        typeof value === 'number' ? formatMoney(value) : String(value),
    },
    xAxis: { type: 'value' as const },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: earnings.byAnnotator.map((a) => a.displayName),
      axisLabel: { width: 140, overflow: 'truncate' as const },
    },
    series: [
      {
        name: 'Earnings',
        type: 'bar' as const,
        itemStyle: { color: '#2b7a3d' },
        label: {
          show: true,
          position: 'right' as const,
          formatter: (params: { value: unknown }) =>
            formatMoney(Number(params.value)),
        },
        data: earnings.byAnnotator.map((a) => a.earnings),
      },
    ],
  };
}

export function earningsChartLabel(earnings: VendorEarnings): string {
  return (
    'Earnings per annotator: ' +
    earnings.byAnnotator
      .map((a) => `${a.displayName} ${formatMoney(a.earnings)}`)
      .join(', ')
  );
}

/** What the vendor's annotators earned, their gold accuracy and abandonment, and earnings per job. */
@Component({
  selector: 'q-vendor-performance-page',
  imports: [
    DecimalPipe,
    MatProgressBarModule,
    MatTableModule,
    Chart,
    EmptyState,
    ProblemAlert,
  ],
  providers: [VendorEarningsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Performance</h1>
      <p class="q-lede">
        Earnings from accepted answers, with each annotator's gold accuracy and
        abandoned tasks.
      </p>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading performance"
        />
      }
      @if (store.earnings(); as e) {
        <dl class="numbers">
          <div>
            <dt>Total earnings</dt>
            <dd>{{ money(e.total) }}</dd>
          </div>
          <div>
            <dt>Answers</dt>
            <dd>{{ e.answers | number }}</dd>
          </div>
          <div>
            <dt>Annotators</dt>
            <dd>{{ e.byAnnotator.length | number }}</dd>
          </div>
        </dl>

        <section class="block" aria-labelledby="annotators-title">
          <h2 id="annotators-title">By annotator</h2>
          @if (e.byAnnotator.length) {
            @if (hasEarnings()) {
              <q-chart
                [option]="chartOption()"
                [label]="chartLabel()"
                [height]="48 + e.byAnnotator.length * 32"
              />
            }
            <div class="scroll">
              <table
                mat-table
                [dataSource]="e.byAnnotator"
                aria-label="Earnings by annotator"
              >
                <ng-container matColumnDef="name">
                  <th mat-header-cell *matHeaderCellDef scope="col">
                    Annotator
                  </th>
                  <td mat-cell *matCellDef="let a">{{ a.displayName }}</td>
                </ng-container>
                <ng-container matColumnDef="answers">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    Answers
                  </th>
                  <td mat-cell *matCellDef="let a" class="num">
                    {{ annotator(a).answers | number }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="earnings">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    Earnings
                  </th>
                  <td mat-cell *matCellDef="let a" class="num">
                    {{ money(annotator(a).earnings) }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="gold">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    Gold accuracy
                  </th>
                  <td mat-cell *matCellDef="let a" class="num">
                    {{ percent(annotator(a).goldAccuracy) }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="abandoned">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    Abandoned leases
                  </th>
                  <td mat-cell *matCellDef="let a" class="num">
                    {{ annotator(a).abandoned | number }}
                  </td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="annotatorColumns"></tr>
                <tr mat-row *matRowDef="let a; columns: annotatorColumns"></tr>
              </table>
            </div>
          } @else {
            <q-empty-state
              icon="group"
              heading="No annotators yet"
              message="Add annotators on the Team page; their answers and earnings appear here."
            />
          }
        </section>

        <section class="block" aria-labelledby="jobs-title">
          <h2 id="jobs-title">By job</h2>
          @if (e.byJob.length) {
            <div class="scroll">
              <table
                mat-table
                [dataSource]="e.byJob"
                aria-label="Earnings by job"
              >
                <ng-container matColumnDef="job">
                  <th mat-header-cell *matHeaderCellDef scope="col">Job</th>
                  <td mat-cell *matCellDef="let j">{{ j.title }}</td>
                </ng-container>
                <ng-container matColumnDef="lab">
                  <th mat-header-cell *matHeaderCellDef scope="col">Lab</th>
                  <td mat-cell *matCellDef="let j">{{ j.labName }}</td>
                </ng-container>
                <ng-container matColumnDef="answers">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    Answers
                  </th>
                  <td mat-cell *matCellDef="let j" class="num">
                    {{ job(j).answers | number }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="earnings">
                  <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                    Earnings
                  </th>
                  <td mat-cell *matCellDef="let j" class="num">
                    {{ money(job(j).earnings) }}
                  </td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="jobColumns"></tr>
                <tr mat-row *matRowDef="let j; columns: jobColumns"></tr>
              </table>
            </div>
          } @else {
            <p class="none">
              No answers yet: earnings per job appear once your annotators
              answer routed work.
            </p>
          }
        </section>
      }
    </section>
  `,
  styles: `
    .numbers {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 40px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font: var(--mat-sys-headline-small);
    }
    .block {
      margin: 32px 0;
    }
    h2 {
      margin: 0 0 12px;
      font: var(--mat-sys-title-large);
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
  `,
})
export class VendorPerformancePage implements OnInit {
  protected readonly store = inject(VendorEarningsStore);

  protected readonly annotatorColumns = [
    'name',
    'answers',
    'earnings',
    'gold',
    'abandoned',
  ];
  protected readonly jobColumns = ['job', 'lab', 'answers', 'earnings'];
  protected readonly money = formatMoney;
  protected readonly percent = formatFraction;

  protected readonly hasEarnings = computed(
    () => !!this.store.earnings()?.byAnnotator.some((a) => a.earnings > 0),
  );
  protected readonly chartOption = computed(() => {
    const e = this.store.earnings();
    return e ? earningsChartOption(e) : {};
  });
  protected readonly chartLabel = computed(() => {
    const e = this.store.earnings();
    return e ? earningsChartLabel(e) : '';
  });

  ngOnInit(): void {
    this.store.load();
  }

  protected annotator(a: AnnotatorRow): AnnotatorRow {
    return a;
  }

  protected job(j: JobRow): JobRow {
    return j;
  }
}
