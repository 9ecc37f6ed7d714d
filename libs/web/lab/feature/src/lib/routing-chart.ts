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
  signal,
  viewChild,
} from '@angular/core';
import type { RoutingShare } from '@quorum/contracts';
import type { EChartsType } from 'echarts/core';

/** Bars per vendor: answered slots and open slots, stacked to the slots routed there. */
export function routingChartOption(shares: readonly RoutingShare[]) {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Answered', 'Open'] },
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
    },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: shares.map((s) => s.vendorName),
      axisLabel: { width: 140, overflow: 'truncate' as const },
    },
    series: [
      {
        name: 'Answered',
        type: 'bar' as const,
        stack: 'slots',
        itemStyle: { color: '#2b7a3d' },
        data: shares.map((s) => Math.max(0, s.slots - s.openSlots)),
      },
      {
        name: 'Open',
        type: 'bar' as const,
        stack: 'slots',
        itemStyle: { color: '#6750a4' },
        data: shares.map((s) => s.openSlots),
      },
    ],
  };
}

/** The routing split by vendor as a bar chart (ECharts, loaded on first use). */
@Component({
  selector: 'q-routing-chart',
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
        The chart could not be drawn in this browser; the table has the same
        figures.
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
    }
    .failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class RoutingChart {
  readonly shares = input.required<readonly RoutingShare[]>();

  private readonly chartEl =
    viewChild.required<ElementRef<HTMLElement>>('chart');
  private readonly chart = signal<EChartsType | null>(null);
  protected readonly failed = signal(false);
  protected readonly height = computed(
    () => 60 + Math.max(1, this.shares().length) * 40,
  );
  protected readonly summary = computed(
    () =>
      `Slots routed to ${this.shares().length} vendors: ` +
      this.shares()
        .map((s) => `${s.vendorName} ${s.slots} (${s.openSlots} open)`)
        .join(', '),
  );

  constructor() {
    let destroyed = false;
    let resize: ResizeObserver | null = null;
    inject(DestroyRef).onDestroy(() => {
      destroyed = true;
      resize?.disconnect();
      this.chart()?.dispose();
    });

    afterNextRender(() => {
      import('./routing-chart.echarts')
        .then(({ init }) => {
          if (destroyed) return;
          const chart = init(this.chartEl().nativeElement);
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
      chart.setOption(routingChartOption(this.shares()), { notMerge: true });
      chart.resize();
    });
  }
}
