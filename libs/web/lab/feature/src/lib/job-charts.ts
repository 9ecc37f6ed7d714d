import type { JobStats } from '@quorum/contracts';
import { agreementBucketLabel, formatFraction } from '@quorum/web/shared/util';

/** The server buckets agreement into tenths: 0, 0.1 … 0.9 (1.0 falls in the last). */
export const AGREEMENT_BUCKETS = Array.from({ length: 10 }, (_, i) => i / 10);

const BAR = '#6750a4';
const GOOD = '#2b7a3d';

/** Items per agreement tenth, with empty tenths as 0, in order. */
export function agreementHistogram(
  stats: JobStats,
): { bucket: number; label: string; items: number }[] {
  return AGREEMENT_BUCKETS.map((bucket) => ({
    bucket,
    label: agreementBucketLabel(bucket),
    items:
      stats.agreement.find((a) => Math.abs(a.bucket - bucket) < 0.001)?.items ??
      0,
  }));
}

/** The tenth the mean falls in (for the marker on a category axis). */
export function meanBucketLabel(mean: number): string {
  return agreementBucketLabel(Math.min(9, Math.floor(mean * 10)) / 10);
}

/** Answers per hour on a time axis (hours without answers are gaps, not zero bars). */
export function throughputChartOption(stats: JobStats) {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'time' as const },
    yAxis: { type: 'value' as const, minInterval: 1, name: 'Answers' },
    series: [
      {
        name: 'Answers',
        type: 'bar' as const,
        itemStyle: { color: BAR },
        barMaxWidth: 24,
        data: stats.throughput.map((t) => [t.hour, t.answers]),
      },
    ],
  };
}

export function throughputLabel(stats: JobStats): string {
  const total = stats.throughput.reduce((n, t) => n + t.answers, 0);
  const peak = stats.throughput.reduce((n, t) => Math.max(n, t.answers), 0);
  return `Answers per hour over the last 7 days: ${total} answers in ${stats.throughput.length} hours, at most ${peak} in one hour.`;
}

/** Items per agreement tenth, with the mean marked. */
export function agreementChartOption(stats: JobStats) {
  const histogram = agreementHistogram(stats);
  const mean = stats.meanAgreement;
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
    },
    xAxis: {
      type: 'category' as const,
      data: histogram.map((h) => h.label),
      axisLabel: { interval: 0, rotate: 30 },
    },
    yAxis: { type: 'value' as const, minInterval: 1, name: 'Items' },
    series: [
      {
        name: 'Items',
        type: 'bar' as const,
        itemStyle: { color: GOOD },
        data: histogram.map((h) => h.items),
        markLine:
          mean === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#1d1b20', type: 'dashed' as const },
                label: { formatter: `Mean ${formatFraction(mean)}` },
                data: [{ xAxis: meanBucketLabel(mean) }],
              },
      },
    ],
  };
}

export function agreementLabel(stats: JobStats): string {
  const items = stats.agreement.reduce((n, a) => n + a.items, 0);
  return `Agreement of ${items} items by tenth; mean ${formatFraction(stats.meanAgreement)}.`;
}

/** Answers per vendor, largest first, as horizontal bars. */
export function vendorAnswersChartOption(stats: JobStats) {
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: 'shadow' as const },
    },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: stats.byVendor.map((v) => v.vendorName),
      axisLabel: { width: 140, overflow: 'truncate' as const },
    },
    series: [
      {
        name: 'Answers',
        type: 'bar' as const,
        itemStyle: { color: BAR },
        label: { show: true, position: 'right' as const },
        data: stats.byVendor.map((v) => v.answers),
      },
    ],
  };
}

export function vendorAnswersLabel(stats: JobStats): string {
  return (
    'Answers per vendor: ' +
    stats.byVendor.map((v) => `${v.vendorName} ${v.answers}`).join(', ')
  );
}
