import { TestBed } from '@angular/core/testing';
import type {
  OwnershipGraphEdge,
  OwnershipGraphNode,
} from '@quorum/web/shared/util';
import { OwnershipGraph, toCytoscapeElements } from './ownership-graph';

// Cytoscape needs a real canvas; a stand-in records what the component asks of it.
const fakeCy = {
  handlers: new Map<
    string,
    (event: { target: { id: () => string } }) => void
  >(),
  added: [] as unknown[],
  layouts: [] as Record<string, unknown>[],
  destroyed: false,
  on(
    event: string,
    selector: string,
    handler: (e: { target: { id: () => string } }) => void,
  ) {
    this.handlers.set(`${event} ${selector}`, handler);
  },
  elements() {
    return { remove: () => (fakeCy.added = []) };
  },
  add(elements: unknown[]) {
    this.added = elements;
  },
  layout(options: Record<string, unknown>) {
    this.layouts.push(options);
    return { run: () => undefined };
  },
  zoom: () => 1,
  center: () => undefined,
  destroy() {
    this.destroyed = true;
  },
};
const cytoscapeFactory = jest.fn(() => fakeCy);
jest.mock('cytoscape', () => ({
  __esModule: true,
  default: (...args: unknown[]) => cytoscapeFactory(...(args as [])),
}));

const nodes: OwnershipGraphNode[] = [
  { id: 'v', label: 'Orchard & Vale', kind: 'company', role: 'subject' },
  { id: 'oh', label: 'Orchard Holdings', kind: 'company', role: 'owner' },
  { id: 'ada', label: 'Ada Brennan', kind: 'person', role: 'owner' },
];
const edges: OwnershipGraphEdge[] = [
  {
    id: 'oh|v|shareholding',
    source: 'oh',
    target: 'v',
    type: 'shareholding',
    label: 'Shareholding 60%',
    cyclic: true,
  },
  {
    id: 'v|oh|shareholding',
    source: 'v',
    target: 'oh',
    type: 'shareholding',
    label: 'Shareholding 20%',
    cyclic: true,
  },
  {
    id: 'ada|v|boardMember',
    source: 'ada',
    target: 'v',
    type: 'boardMember',
    label: 'Board member',
    cyclic: false,
  },
];

describe('toCytoscapeElements', () => {
  it('gives each node its kind’s colour and shape and keeps edge labels and cycles', () => {
    const elements = toCytoscapeElements(nodes, edges);
    expect(elements[2]).toEqual({
      group: 'nodes',
      data: {
        id: 'ada',
        label: 'Ada Brennan',
        role: 'owner',
        color: '#2b7a3d',
        shape: 'ellipse',
      },
    });
    expect(elements[4]).toEqual({
      group: 'edges',
      data: {
        id: 'v|oh|shareholding',
        source: 'v',
        target: 'oh',
        label: 'Shareholding 20%',
        cyclic: true,
      },
    });
  });
});

describe('OwnershipGraph', () => {
  async function render() {
    TestBed.configureTestingModule({ imports: [OwnershipGraph] });
    const fixture = TestBed.createComponent(OwnershipGraph);
    fixture.componentRef.setInput('nodes', nodes);
    fixture.componentRef.setInput('edges', edges);
    fixture.componentRef.setInput(
      'description',
      'Ownership graph of Orchard & Vale',
    );
    await fixture.whenStable();
    // Let the lazy import resolve and the drawing effect run.
    for (let i = 0; i < 5 && !fakeCy.layouts.length; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    }
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('loads Cytoscape on first render, draws the elements with the subject as root, and reports node clicks', async () => {
    const { fixture, el } = await render();
    expect(cytoscapeFactory).toHaveBeenCalledTimes(1);
    expect(fakeCy.added).toHaveLength(6);
    expect(fakeCy.layouts[0]).toMatchObject({
      name: 'breadthfirst',
      roots: ['v'],
      direction: 'upward',
    });

    const clicked = jest.fn();
    fixture.componentInstance.nodeClick.subscribe(clicked);
    fakeCy.handlers.get('tap node')?.({ target: { id: () => 'oh' } });
    expect(clicked).toHaveBeenCalledWith('oh');

    expect(el.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
      'Ownership graph of Orchard & Vale: 3 entities, 3 interests, including a cross-holding cycle.',
    );
    expect(
      Array.from(el.querySelectorAll('.legend li')).map((li) =>
        li.textContent?.trim(),
      ),
    ).toEqual(['Company', 'Person', 'Cross-holding (cycle)']);

    fixture.destroy();
    expect(fakeCy.destroyed).toBe(true);
  });
});
