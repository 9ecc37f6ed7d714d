import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AdminMatrixPage } from './matrix.page';
import { renderAs } from '@quorum/web/shared/testing';

// ECharts needs a canvas; a stand-in takes the option the page draws.
const chart = {
  setOption: jest.fn(),
  resize: jest.fn(),
  on: jest.fn(),
  dispose: jest.fn(),
};
jest.mock('echarts/core', () => ({
  use: jest.fn(),
  init: jest.fn(() => chart),
}));
jest.mock('echarts/charts', () => ({ HeatmapChart: {} }));
jest.mock('echarts/components', () => ({
  GridComponent: {},
  TooltipComponent: {},
  VisualMapComponent: {},
}));
jest.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

describe('AdminMatrixPage', () => {
  it('draws labs × vendors and opens the conflicts of a pair', async () => {
    const page = await renderAs(AdminMatrixPage, ['auditor'], 'platform');
    page.http.expectOne('/api/v1/neutrality/matrix').flush({
      labs: [{ orgId: 'l-nw', name: 'Northwind AI' }],
      vendors: [
        { orgId: 'v-l', name: 'Lattice Data' },
        { orgId: 'v-f', name: 'Fernway' },
      ],
      cells: [
        {
          labOrgId: 'l-nw',
          vendorOrgId: 'v-l',
          status: 'blocked',
          openConflicts: 3,
        },
        {
          labOrgId: 'l-nw',
          vendorOrgId: 'v-f',
          status: 'clear',
          openConflicts: 0,
        },
      ],
      evaluatedAt: '2026-05-01T10:00:00Z',
    });
    await page.stable();
    for (let i = 0; i < 5 && !chart.setOption.mock.calls.length; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await page.stable();
    }
    expect(page.el.querySelector('h1')?.textContent).toBe('Neutrality matrix');
    expect(chart.setOption).toHaveBeenCalled();
    expect(
      page.el.querySelector('[role="img"]')?.getAttribute('aria-label'),
    ).toBe(
      'Neutrality matrix of 1 labs and 2 vendors: 1 blocked, 0 flagged, 1 clear pairs.',
    );

    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    const cell = page.el.querySelector('td button') as HTMLButtonElement;
    expect(cell.getAttribute('aria-label')).toBe(
      'Northwind AI × Lattice Data: Blocked, 3 open conflicts',
    );
    cell.click();
    expect(navigate).toHaveBeenCalledWith(['/admin', 'conflicts'], {
      queryParams: { lab: 'l-nw', vendor: 'v-l' },
    });
  });
});
