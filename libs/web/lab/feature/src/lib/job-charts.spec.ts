import type { JobStats } from '@quorum/contracts';
import {
  agreementChartOption,
  agreementHistogram,
  agreementLabel,
  meanBucketLabel,
  throughputChartOption,
  throughputLabel,
  vendorAnswersChartOption,
  vendorAnswersLabel,
} from './job-charts';

const stats: JobStats = {
  jobId: 'j-1',
  throughput: [
    { hour: '2026-05-01T10:00:00Z', answers: 12 },
    { hour: '2026-05-01T13:00:00Z', answers: 30 },
  ],
  agreement: [
    { bucket: 0.5, items: 2 },
    { bucket: 0.9, items: 8 },
  ],
  byVendor: [
    {
      vendorOrgId: 'v-1',
      vendorName: 'Fernway',
      answers: 30,
      meanTimeMs: 5400,
    },
    {
      vendorOrgId: 'v-2',
      vendorName: 'Tessellate',
      answers: 12,
      meanTimeMs: 7000,
    },
  ],
  meanAgreement: 0.862,
};

describe('job charts', () => {
  it('plots answers per hour on a time axis', () => {
    const option = throughputChartOption(stats);
    expect(option.xAxis.type).toBe('time');
    expect(option.series[0].data).toEqual([
      ['2026-05-01T10:00:00Z', 12],
      ['2026-05-01T13:00:00Z', 30],
    ]);
    expect(throughputLabel(stats)).toBe(
      'Answers per hour over the last 7 days: 42 answers in 2 hours, at most 30 in one hour.',
    );
  });

  it('fills every agreement tenth and marks the mean', () => {
    expect(agreementHistogram(stats).map((h) => h.items)).toEqual([
      0, 0, 0, 0, 0, 2, 0, 0, 0, 8,
    ]);
    const option = agreementChartOption(stats);
    expect(option.xAxis.data[0]).toBe('0–10%');
    expect(option.xAxis.data[9]).toBe('90–100%');
    expect(option.series[0].markLine?.data).toEqual([{ xAxis: '80–90%' }]);
    expect(option.series[0].markLine?.label.formatter).toBe('Mean 86.2%');
    expect(agreementLabel(stats)).toBe(
      'Agreement of 10 items by tenth; mean 86.2%.',
    );
    expect(meanBucketLabel(1)).toBe('90–100%');
  });

  it('has no mean marker before any item is aggregated', () => {
    const option = agreementChartOption({
      ...stats,
      agreement: [],
      meanAgreement: null,
    });
    expect(option.series[0].markLine).toBeUndefined();
  });

  it('bars answers per vendor in the order given', () => {
    const option = vendorAnswersChartOption(stats);
    expect(option.yAxis.data).toEqual(['Fernway', 'Tessellate']);
    expect(option.series[0].data).toEqual([30, 12]);
    expect(vendorAnswersLabel(stats)).toBe(
      'Answers per vendor: Fernway 30, Tessellate 12',
    );
  });
});
