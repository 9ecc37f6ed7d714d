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
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import {
  ENTITY_KIND_LABELS,
  type OwnershipGraphEdge,
  type OwnershipGraphNode,
  type OwnershipNodeKind,
} from '@quorum/web/shared/util';

/** Colour and shape per kind: the legend names both, so the kind never rests on colour alone. */
export const NODE_STYLES: Record<
  OwnershipNodeKind,
  { color: string; shape: string; label: string }
> = {
  company: {
    color: '#1b5fad',
    shape: 'round-rectangle',
    label: ENTITY_KIND_LABELS.company,
  },
  fund: { color: '#7b2d9b', shape: 'hexagon', label: ENTITY_KIND_LABELS.fund },
  person: {
    color: '#2b7a3d',
    shape: 'ellipse',
    label: ENTITY_KIND_LABELS.person,
  },
  state: {
    color: '#8a5a17',
    shape: 'diamond',
    label: ENTITY_KIND_LABELS.state,
  },
  arrangement: {
    color: '#00707a',
    shape: 'octagon',
    label: ENTITY_KIND_LABELS.arrangement,
  },
  unknown: { color: '#6b6b6b', shape: 'rectangle', label: 'Not in view' },
};

const CYCLE_COLOR = '#b3261e';
const MAX_FIT_ZOOM = 1.3;

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      color: '#1d1b20',
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      width: 26,
      height: 26,
    },
  },
  {
    selector: 'node[role = "subject"]',
    style: {
      width: 38,
      height: 38,
      'border-width': 4,
      'border-color': '#1d1b20',
      'font-weight': 'bold',
    },
  },
  {
    selector: 'edge',
    style: {
      label: 'data(label)',
      width: 2,
      'curve-style': 'bezier',
      'line-color': '#79747e',
      'target-arrow-color': '#79747e',
      'target-arrow-shape': 'triangle',
      'font-size': 9,
      color: '#49454f',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
    },
  },
  {
    selector: 'edge[?cyclic]',
    style: {
      'line-style': 'dashed',
      'line-color': CYCLE_COLOR,
      'target-arrow-color': CYCLE_COLOR,
      color: CYCLE_COLOR,
    },
  },
  {
    selector: 'node:selected',
    style: { 'overlay-opacity': 0.15, 'overlay-color': '#1b5fad' },
  },
];

export function toCytoscapeElements(
  nodes: readonly OwnershipGraphNode[],
  edges: readonly OwnershipGraphEdge[],
): ElementDefinition[] {
  return [
    ...nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.id,
        label: n.label,
        role: n.role,
        color: NODE_STYLES[n.kind].color,
        shape: NODE_STYLES[n.kind].shape,
      },
    })),
    ...edges.map((e) => ({
      group: 'edges' as const,
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label,
        cyclic: e.cyclic,
      },
    })),
  ];
}

/**
 * The ownership graph of one entity, drawn with Cytoscape (loaded on first use, so it is never in
 * the initial bundle). Owners sit above what they own; dashed red edges close a cycle.
 * Presentational: nodes and edges in, the id of a clicked node out.
 */
@Component({
  selector: 'q-ownership-graph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div #canvas class="canvas" role="img" [attr.aria-label]="summary()"></div>
    @if (failed()) {
      <p class="failed" role="status">
        The graph could not be drawn in this browser; the table lists the same
        owners.
      </p>
    }
    <ul class="legend" aria-label="Legend">
      @for (kind of kinds(); track kind) {
        <li>
          <span
            class="swatch"
            [class]="'swatch shape-' + styles[kind].shape"
            [style.background]="styles[kind].color"
          ></span
          >{{ styles[kind].label }}
        </li>
      }
      @if (hasCycle()) {
        <li><span class="cycle"></span>Cross-holding (cycle)</li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
    .canvas {
      height: 420px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-small);
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .swatch {
      display: inline-block;
      width: 12px;
      height: 12px;
      border-radius: 2px;
    }
    .shape-ellipse {
      border-radius: 50%;
    }
    .cycle {
      display: inline-block;
      width: 20px;
      border-top: 2px dashed #b3261e;
    }
    .failed {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-error);
    }
  `,
})
export class OwnershipGraph {
  readonly nodes = input.required<readonly OwnershipGraphNode[]>();
  readonly edges = input.required<readonly OwnershipGraphEdge[]>();
  /** Short description for screen readers (the table beside the graph has the details). */
  readonly description = input('Ownership graph');
  readonly nodeClick = output<string>();

  private readonly canvas =
    viewChild.required<ElementRef<HTMLElement>>('canvas');
  private readonly cy = signal<Core | null>(null);
  protected readonly failed = signal(false);
  protected readonly styles = NODE_STYLES;

  protected readonly kinds = computed(() => [
    ...new Set(this.nodes().map((n) => n.kind)),
  ]);
  protected readonly hasCycle = computed(() =>
    this.edges().some((e) => e.cyclic),
  );
  protected readonly summary = computed(
    () =>
      `${this.description()}: ${this.nodes().length} entities, ${this.edges().length} interests${this.hasCycle() ? ', including a cross-holding cycle' : ''}.`,
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    let destroyed = false;
    destroyRef.onDestroy(() => {
      destroyed = true;
      this.cy()?.destroy();
    });

    afterNextRender(() => {
      import('cytoscape')
        .then(({ default: cytoscape }) => {
          if (destroyed) return;
          const cy = cytoscape({
            container: this.canvas().nativeElement,
            style: STYLE,
            minZoom: 0.2,
            maxZoom: 3,
          });
          cy.on('tap', 'node', (event) =>
            this.nodeClick.emit(event.target.id() as string),
          );
          this.cy.set(cy);
        })
        .catch(() => this.failed.set(true));
    });

    effect(() => {
      const cy = this.cy();
      if (!cy) return;
      const subject = this.nodes().find((n) => n.role === 'subject');
      cy.elements().remove();
      cy.add(toCytoscapeElements(this.nodes(), this.edges()));
      cy.layout({
        name: 'breadthfirst',
        directed: false,
        direction: 'upward',
        roots: subject ? [subject.id] : undefined,
        spacingFactor: 1.2,
        padding: 24,
        animate: false,
      }).run();
      // A graph of two or three nodes would otherwise be blown up to fill the canvas.
      if (cy.zoom() > MAX_FIT_ZOOM) {
        cy.zoom(MAX_FIT_ZOOM);
        cy.center();
      }
    });
  }
}
