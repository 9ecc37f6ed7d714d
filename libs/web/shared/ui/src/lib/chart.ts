import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/**
 * A bar chart drawn with ECharts from an option the page builds with a pure function (tested
 * without a canvas). ECharts loads on first use, outside the initial bundle; register any other
 * chart type in chart.echarts.ts before using it. The label describes the figures for screen
 * readers, and pages show the same figures as text or a table.
 */
@Component({
  selector: 'q-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      #chart
      class="chart"
      role="img"
      [style.height.px]="height()"
      [attr.aria-label]="label()"
    ></div>
    @if (failed()) {
      <p class="failed" role="status">
        The chart could not be drawn in this browser; the figures are listed
        alongside.
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
export class Chart {
  readonly option = input.required<EChartsCoreOption>();
  /** What the chart shows, in words (its accessible name). */
  readonly label = input.required<string>();
  readonly height = input(240);

  private readonly chartEl =
    viewChild.required<ElementRef<HTMLElement>>('chart');
  private readonly chart = signal<EChartsType | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    let destroyed = false;
    let resize: ResizeObserver | null = null;
    inject(DestroyRef).onDestroy(() => {
      destroyed = true;
      resize?.disconnect();
      this.chart()?.dispose();
    });

    afterNextRender(() => {
      import('./chart.echarts')
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
      chart.setOption(this.option(), { notMerge: true });
      chart.resize();
    });
  }
}
