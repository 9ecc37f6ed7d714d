import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { NeutralityMatrix } from '@quorum/contracts';
import {
  MATRIX_STATUS_LABELS,
  type MatrixCellStatus,
  type MatrixCellView,
  matrixCells,
} from '@quorum/web/shared/util';
import type { EChartsType } from 'echarts/core';
import { NeutralityBadge } from './badge';

export const MATRIX_COLORS: Record<MatrixCellStatus, string> = {
  clear: '#2b7a3d',
  flagged: '#9a5b00',
  blocked: '#b3261e',
  unknown: '#8a8a8a',
};

const STATUS_ORDER: MatrixCellStatus[] = [
  'clear',
  'flagged',
  'blocked',
  'unknown',
];

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        c
      ] ?? c,
  );
}

export function matrixTooltip(cell: MatrixCellView): string {
  return [
    `<strong>${escapeHtml(cell.labName)} × ${escapeHtml(cell.vendorName)}</strong>`,
    `Status: ${MATRIX_STATUS_LABELS[cell.status]}`,
    `Open conflicts: ${cell.openConflicts}`,
  ].join('<br/>');
}

/** The chart option: vendors across, labs down, a cell per pair coloured and labelled by status. */
export function matrixChartOption(matrix: NeutralityMatrix) {
  const cells = matrixCells(matrix);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 80, bottom: 8, containLabel: true },
    tooltip: {
      formatter: (params: { dataIndex: number }) =>
        matrixTooltip(cells[params.dataIndex]),
    },
    xAxis: {
      type: 'category' as const,
      position: 'top' as const,
      data: matrix.vendors.map((v) => v.name),
      axisLabel: {
        interval: 0,
        width: 110,
        lineHeight: 14,
        overflow: 'break' as const,
      },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: matrix.labs.map((l) => l.name),
      splitArea: { show: true },
    },
    visualMap: {
      type: 'piecewise' as const,
      dimension: 2,
      orient: 'horizontal' as const,
      left: 'center',
      top: 0,
      pieces: STATUS_ORDER.map((status, i) => ({
        value: i,
        label: MATRIX_STATUS_LABELS[status],
        color: MATRIX_COLORS[status],
      })),
    },
    series: [
      {
        type: 'heatmap' as const,
        data: cells.map((c) => [
          c.vendorIndex,
          c.labIndex,
          STATUS_ORDER.indexOf(c.status),
          c.openConflicts,
        ]),
        label: {
          show: true,
          color: '#ffffff',
          formatter: (params: { dataIndex: number }) => {
            const cell = cells[params.dataIndex];
            return cell.openConflicts
              ? `${MATRIX_STATUS_LABELS[cell.status]} · ${cell.openConflicts}`
              : MATRIX_STATUS_LABELS[cell.status];
          },
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: '#1d1b20' } },
      },
    ],
  };
}

/**
 * Labs × vendors as a heatmap drawn with ECharts (loaded on first use, outside the initial bundle),
 * with the same figures as a table for keyboards and screen readers.
 */
@Component({
  selector: 'q-neutrality-heatmap',
  imports: [NeutralityBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      #chart
      class="chart"
      role="img"
      [style.height.px]="height()"
      [attr.aria-label]="summary()"
    ></div>
    @if (failed()) {
      <p class="failed" role="status">
        The chart could not be drawn in this browser; the table below has the
        same figures.
      </p>
    }
    <details [open]="failed()">
      <summary>Show as a table</summary>
      <div class="scroll">
        <table>
          <caption>
            Neutrality of each vendor for each lab, with open conflicts
          </caption>
          <thead>
            <tr>
              <th scope="col">Lab</th>
              @for (v of matrix().vendors; track v.orgId) {
                <th scope="col">{{ v.name }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.lab.orgId) {
              <tr>
                <th scope="row">{{ row.lab.name }}</th>
                @for (cell of row.cells; track cell.vendorOrgId) {
                  <td>
                    <button
                      type="button"
                      class="cell"
                      [attr.aria-label]="
                        row.lab.name +
                        ' × ' +
                        cell.vendorName +
                        ': ' +
                        labels[cell.status] +
                        ', ' +
                        cell.openConflicts +
                        ' open conflicts'
                      "
                      (click)="cellClick.emit(cell)"
                    >
                      <q-neutrality-badge [status]="cell.status" />
                      @if (cell.openConflicts) {
                        <span class="count">{{ cell.openConflicts }} open</span>
                      }
                    </button>
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    </details>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
    details {
      margin-top: 12px;
    }
    summary {
      cursor: pointer;
      font: var(--mat-sys-label-large);
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      margin-top: 8px;
    }
    caption {
      text-align: left;
      font: var(--mat-sys-body-small);
      padding-bottom: 4px;
    }
    th,
    td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .cell {
      display: flex;
      align-items: center;
      gap: 6px;
      padding: 2px;
      border: 0;
      background: none;
      cursor: pointer;
      font: inherit;
    }
    .count {
      font: var(--mat-sys-body-small);
    }
    .failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class NeutralityHeatmap {
  readonly matrix = input.required<NeutralityMatrix>();
  readonly cellClick = output<MatrixCellView>();

  private readonly chartEl =
    viewChild.required<ElementRef<HTMLElement>>('chart');
  private readonly chart = signal<EChartsType | null>(null);
  protected readonly failed = signal(false);
  protected readonly labels = MATRIX_STATUS_LABELS;

  protected readonly cells = computed(() => matrixCells(this.matrix()));
  protected readonly rows = computed(() =>
    this.matrix().labs.map((lab) => ({
      lab,
      cells: this.cells().filter((c) => c.labOrgId === lab.orgId),
    })),
  );
  protected readonly height = computed(
    () => 120 + Math.max(1, this.matrix().labs.length) * 56,
  );
  protected readonly summary = computed(() => {
    const cells = this.cells();
    const count = (s: MatrixCellStatus) =>
      cells.filter((c) => c.status === s).length;
    return `Neutrality matrix of ${this.matrix().labs.length} labs and ${this.matrix().vendors.length} vendors: ${count('blocked')} blocked, ${count('flagged')} flagged, ${count('clear')} clear pairs.`;
  });

  constructor() {
    let destroyed = false;
    let resize: ResizeObserver | null = null;
    inject(DestroyRef).onDestroy(() => {
      destroyed = true;
      resize?.disconnect();
      this.chart()?.dispose();
    });

    afterNextRender(() => {
      import('./neutrality-heatmap.echarts')
        .then(({ init }) => {
          if (destroyed) return;
          const chart = init(this.chartEl().nativeElement);
          chart.on('click', (params) => {
            const cell = this.cells()[params.dataIndex];
            if (cell) this.cellClick.emit(cell);
          });
          if (typeof ResizeObserver !== 'undefined') {
            resize = new ResizeObserver(() => chart.resize());
            resize.observe(this.chartEl().nativeElement);
          }
          this.chart.set(chart);
        })
        .catch(() => this.failed.set(true));
    });

    effect(() => {
      const chart = this.chart();
      if (!chart) return;
      chart.setOption(matrixChartOption(this.matrix()), { notMerge: true });
      chart.resize();
    });
  }
}
