import type {
  EffectiveOwnerView,
  InterestView,
  OwnershipPathStep,
} from '@quorum/contracts';
import {
  buildOwnershipGraph,
  interestInForce,
  type EntityRef,
} from './ownership-graph';

const vendor: EntityRef = { id: 'v', name: 'Orchard & Vale', kind: 'company' };

function step(
  from: string,
  to: string,
  share: [number, number] | null,
  type: OwnershipPathStep['type'] = 'shareholding',
): OwnershipPathStep {
  return {
    from,
    to,
    type,
    share: share ? { min: share[0], max: share[1] } : null,
    interestId: `${from}>${to}`,
  };
}

function owner(
  entityId: string,
  name: string,
  kind: EffectiveOwnerView['kind'],
  paths: OwnershipPathStep[][],
): EffectiveOwnerView {
  return {
    entityId,
    name,
    kind,
    economic: { min: 0, max: 0 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths,
    cyclic: false,
  };
}

function interest(
  from: string,
  to: string,
  overrides: Partial<InterestView> = {},
): InterestView {
  return {
    id: `${from}>${to}`,
    interestedPartyId: from,
    subjectId: to,
    type: 'shareholding',
    share: { exact: 20 },
    directOrIndirect: 'direct',
    startDate: null,
    endDate: null,
    details: null,
    source: { description: 'register', recordedBy: null },
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('buildOwnershipGraph', () => {
  it('draws the subject, its owners, the nodes on their paths and one edge per step', () => {
    const graph = buildOwnershipGraph(
      { id: 'k', name: 'Kestrel', kind: 'company' },
      [
        owner('fund', 'Meridian Fund', 'fund', [[step('fund', 'k', [60, 60])]]),
        owner('nw', 'Northwind AI', 'company', [
          [step('nw', 'fund', [25, 35]), step('fund', 'k', [60, 60])],
        ]),
        owner('ada', 'Ada Brennan', 'person', [[step('ada', 'k', [40, 40])]]),
      ],
    );

    expect(graph.nodes).toEqual([
      { id: 'k', label: 'Kestrel', kind: 'company', role: 'subject' },
      { id: 'fund', label: 'Meridian Fund', kind: 'fund', role: 'owner' },
      { id: 'nw', label: 'Northwind AI', kind: 'company', role: 'owner' },
      { id: 'ada', label: 'Ada Brennan', kind: 'person', role: 'owner' },
    ]);
    // fund → k appears on two paths but is one edge.
    expect(graph.edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['fund', 'k', 'Shareholding 60%'],
      ['nw', 'fund', 'Shareholding 25–35%'],
      ['ada', 'k', 'Shareholding 40%'],
    ]);
    expect(graph.hasCycle).toBe(false);
    expect(graph.edges.every((e) => !e.cyclic)).toBe(true);
  });

  it('adds intermediate nodes that are not owners, named when known', () => {
    const graph = buildOwnershipGraph(
      vendor,
      [
        owner('lab', 'Lab', 'company', [
          [
            step('lab', 'spv', [100, 100]),
            step('spv', 'trust', [50, 50]),
            step('trust', 'v', [30, 30]),
          ],
        ]),
      ],
      {
        names: new Map([
          ['spv', { id: 'spv', name: 'Lab SPV', kind: 'company' }],
        ]),
      },
    );
    expect(graph.nodes.filter((n) => n.role === 'intermediate')).toEqual([
      { id: 'spv', label: 'Lab SPV', kind: 'company', role: 'intermediate' },
      {
        id: 'trust',
        label: 'Entity trust',
        kind: 'unknown',
        role: 'intermediate',
      },
    ]);
  });

  it('labels a step without a share with its type alone', () => {
    const graph = buildOwnershipGraph(vendor, [
      owner('p', 'Marcus Vale', 'person', [
        [step('p', 'v', null, 'boardMember')],
      ]),
    ]);
    expect(graph.edges[0].label).toBe('Board member');
  });

  it('closes a cross-holding with the statement from the subject back to its owner', () => {
    // Orchard Holdings owns 60% of the vendor, which owns 20% of Orchard Holdings; Cobalt owns both.
    const graph = buildOwnershipGraph(
      vendor,
      [
        owner('oh', 'Orchard Holdings', 'company', [
          [step('oh', 'v', [60, 60])],
        ]),
        owner('cobalt', 'Cobalt', 'company', [
          [step('cobalt', 'oh', [40, 40]), step('oh', 'v', [60, 60])],
          [step('cobalt', 'v', [10, 10])],
        ]),
      ],
      {
        interests: [
          interest('oh', 'v', { share: { exact: 60 } }),
          interest('v', 'oh', { share: { exact: 20 } }),
          interest('cobalt', 'v', { share: { exact: 10 } }),
          // Downstream of the vendor: not drawn, the other end is not in the graph.
          interest('v', 'elsewhere', { share: { exact: 5 } }),
        ],
      },
    );

    expect(graph.hasCycle).toBe(true);
    const edges = Object.fromEntries(
      graph.edges.map((e) => [`${e.source}>${e.target}`, e]),
    );
    expect(Object.keys(edges).sort()).toEqual(
      ['cobalt>oh', 'cobalt>v', 'oh>v', 'v>oh'].sort(),
    );
    expect(edges['v>oh'].label).toBe('Shareholding 20%');
    expect(edges['v>oh'].cyclic).toBe(true);
    expect(edges['oh>v'].cyclic).toBe(true);
    expect(edges['cobalt>oh'].cyclic).toBe(false);
    expect(edges['cobalt>v'].cyclic).toBe(false);
  });

  it('finds a cycle that only the union of two owners’ paths closes', () => {
    const graph = buildOwnershipGraph(vendor, [
      owner('a', 'A', 'company', [
        [step('a', 'b', [30, 30]), step('b', 'v', [50, 50])],
      ]),
      owner('b', 'B', 'company', [
        [step('b', 'a', [10, 10]), step('a', 'v', [20, 20])],
      ]),
    ]);
    const cyclic = graph.edges.filter((e) => e.cyclic).map((e) => e.id);
    expect(cyclic.sort()).toEqual(['a|b|shareholding', 'b|a|shareholding']);
  });
});

describe('interestInForce', () => {
  it('counts a statement from its start date up to, not including, its end date', () => {
    const i = interest('a', 'b', {
      startDate: '2024-01-01',
      endDate: '2025-01-01',
    });
    expect(interestInForce(i, '2023-12-31')).toBe(false);
    expect(interestInForce(i, '2024-01-01')).toBe(true);
    expect(interestInForce(i, '2024-12-31')).toBe(true);
    expect(interestInForce(i, '2025-01-01')).toBe(false);
    expect(interestInForce(interest('a', 'b'), '1999-01-01')).toBe(true);
  });
});
