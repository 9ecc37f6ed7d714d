import type { NeutralityMatrix } from '@quorum/contracts';
import {
  MATRIX_COLORS,
  matrixChartOption,
  matrixTooltip,
} from './neutrality-heatmap';

const matrix: NeutralityMatrix = {
  labs: [
    { orgId: 'l1', name: 'Northwind AI' },
    { orgId: 'l2', name: '<b>Cobalt</b>' },
  ],
  vendors: [
    { orgId: 'v1', name: 'Lattice Data' },
    { orgId: 'v2', name: 'Fernway' },
  ],
  cells: [
    { labOrgId: 'l1', vendorOrgId: 'v1', status: 'blocked', openConflicts: 3 },
    { labOrgId: 'l1', vendorOrgId: 'v2', status: 'clear', openConflicts: 0 },
    { labOrgId: 'l2', vendorOrgId: 'v1', status: 'flagged', openConflicts: 1 },
  ],
  evaluatedAt: '2026-05-01T00:00:00Z',
};

describe('matrixChartOption', () => {
  const option = matrixChartOption(matrix);

  it('puts vendors across, labs down and one cell per pair with its status code', () => {
    expect(option.xAxis.data).toEqual(['Lattice Data', 'Fernway']);
    expect(option.yAxis.data).toEqual(['Northwind AI', '<b>Cobalt</b>']);
    expect(option.series[0].data).toEqual([
      [0, 0, 2, 3],
      [1, 0, 0, 0],
      [0, 1, 1, 1],
      [1, 1, 3, 0],
    ]);
  });

  it('colours and names each status in the legend', () => {
    expect(option.visualMap.pieces).toEqual([
      { value: 0, label: 'Clear', color: MATRIX_COLORS.clear },
      { value: 1, label: 'Flagged', color: MATRIX_COLORS.flagged },
      { value: 2, label: 'Blocked', color: MATRIX_COLORS.blocked },
      { value: 3, label: 'Not evaluated', color: MATRIX_COLORS.unknown },
    ]);
  });

  it('labels each cell with its status in words and its open conflicts', () => {
    const label = option.series[0].label.formatter;
    expect(label({ dataIndex: 0 })).toBe('Blocked · 3');
    expect(label({ dataIndex: 1 })).toBe('Clear');
    expect(label({ dataIndex: 3 })).toBe('Not evaluated');
  });

  it('escapes names in the tooltip', () => {
    const tooltip = option.tooltip.formatter({ dataIndex: 2 });
    expect(tooltip).toContain('&lt;b&gt;Cobalt&lt;/b&gt; × Lattice Data');
    expect(tooltip).toContain('Status: Flagged');
    expect(tooltip).toContain('Open conflicts: 1');
    expect(matrixTooltip).toBeDefined();
  });
});
