import { buildBodsGraph, type BodsGraph } from './bods-graph';
import { exportBods } from './bods-export';
import { interpretBodsStatements } from './bods-interpret';
import { parseBodsInput } from './bods-parse';
import { planBodsImport } from './bods-plan';
import type { BodsImportPlan, BodsRelationshipOperation } from './bods.types';
import {
  fixtureNames,
  formatShare,
  graphToExportInput,
  readFixture,
  summariseGraph,
  type GraphSummary,
} from './bods.test-helpers';

interface FixtureExpectation {
  statements: number;
  graph: GraphSummary;
  /** Warnings by statement index (messages abbreviated to a substring). */
  warnings: [number, string][];
  /** Indirect figures the primary relationship record declares: "person → subject" → percent. */
  declaredIndirect: Record<string, string>;
}

const UNTYPED = 'has no type; interest skipped';
const EMPTY = 'relationship has no usable interests';

/** The final graph of every upstream example, as read from the files (see data/README.md). */
const EXPECTED: Record<string, FixtureExpectation> = {
  'bods-package-fi-soe.json': {
    statements: 9,
    graph: {
      parties: [
        'Gasgrid Finland Oy (company) [FI-PRO:3007894-1]',
        'Suomen Kaasuverkko Oy (company) [FI-PRO:3010424-9]',
        'Suomen tasavalta (state) []',
        'Valtiovarainministerio (state) []',
      ],
      interests: [
        'Suomen Kaasuverkko Oy → Gasgrid Finland Oy: shareholding 76.5% direct 2020-01-01..',
        'Suomen tasavalta → Gasgrid Finland Oy: shareholding 100% indirect 2020-01-01..',
        'Suomen tasavalta → Valtiovarainministerio: otherInfluenceOrControl - direct ..',
        'Valtiovarainministerio → Gasgrid Finland Oy: shareholding 23.5% direct 2020-01-01..',
        'Valtiovarainministerio → Suomen Kaasuverkko Oy: shareholding 100% direct 2020-01-01..',
      ],
    },
    warnings: [],
    declaredIndirect: { 'Suomen tasavalta → Gasgrid Finland Oy': '100%' },
  },
  'fermcat.json': {
    statements: 23,
    graph: {
      parties: [
        'Declan Byrne-Amin (person) [IRL-TAXID:9857460SH]',
        'Fermcat Ltd (company) [IRL-BAU:434151]',
        "Patrick O'Donohue (person) [IRL-TAXID:0691084DH]",
        'Riyadh Byrne-Amin (person) [IRL-TAXID:7700225VH]',
      ],
      interests: [
        'Declan Byrne-Amin → Fermcat Ltd: shareholding 50% direct 2021-04-03..2022-01-21 BO',
        "Patrick O'Donohue → Fermcat Ltd: boardMember - direct 2019-09-11.. BO",
        "Patrick O'Donohue → Fermcat Ltd: shareholding 100% direct 2019-09-11.. BO",
        'Riyadh Byrne-Amin → Fermcat Ltd: boardMember - direct 2019-09-11..2021-04-03 BO',
        'Riyadh Byrne-Amin → Fermcat Ltd: shareholding 50% direct 2019-09-11..2021-04-03 BO',
      ],
    },
    warnings: [],
    declaredIndirect: {},
  },
  'indirect-ownership.json': {
    statements: 6,
    graph: {
      parties: [
        'Company A (company) [GB-COH:XE9999]',
        'Company B (company) [GB-COH:XE1010]',
        'Person 1 (person) []',
      ],
      interests: [
        'Company B → Company A: shareholding 60% direct 2017-11-01..',
        'Person 1 → Company A: shareholding 30% indirect 2017-11-01.. BO',
      ],
    },
    warnings: [
      [4, UNTYPED],
      [4, EMPTY],
    ],
    declaredIndirect: { 'Person 1 → Company A': '30%' },
  },
  'mixed-direct-and-indirect-ownership.json': {
    statements: 6,
    graph: {
      parties: [
        'Company A (company) [GB-COH:XE-08-A]',
        'Company B (company) [GB-COH:XE-08-B]',
        'Person 1 (person) []',
      ],
      interests: [
        'Company B → Company A: shareholding 50% direct 2017-11-01..',
        'Person 1 → Company A: shareholding 50% direct 2019-05-01.. BO',
        'Person 1 → Company A: shareholding 50% indirect 2017-11-01.. BO',
      ],
    },
    warnings: [
      [4, UNTYPED],
      [4, EMPTY],
    ],
    declaredIndirect: { 'Person 1 → Company A': '50%' },
  },
  'multiple-indirect-ownership.json': {
    statements: 9,
    graph: {
      parties: [
        'Company B (company) [UA-EDR:UA-XE-02]',
        'Company C (company) [GB-COH:GB-XE-03]',
        'Company D (company) [GB-COH:GB-XE-04]',
        'Person 1 (person) []',
      ],
      interests: [
        'Company C → Company B: shareholding 50% direct 2017-11-01..',
        'Company D → Company B: shareholding 50% direct 2017-11-01..',
        'Person 1 → Company B: shareholding 60% indirect 2017-11-01.. BO',
      ],
    },
    warnings: [
      [6, UNTYPED],
      [6, EMPTY],
      [7, UNTYPED],
      [7, EMPTY],
    ],
    declaredIndirect: { 'Person 1 → Company B': '60%' },
  },
  'mutilple-indirect-ownership-2.json': {
    statements: 9,
    graph: {
      parties: [
        'Company A (company) [GB-COH:XE1111]',
        'Company B (company) [GB-COH:XE2222]',
        'Company C (company) [GB-COH:XE3333]',
        'Person 1 (person) []',
      ],
      interests: [
        'Company B → Company A: shareholding 40% direct 2017-11-01..',
        'Company C → Company A: shareholding 20% direct 2017-11-01..',
        'Person 1 → Company A: shareholding 60% indirect 2017-11-01.. BO',
      ],
    },
    warnings: [
      [6, UNTYPED],
      [6, EMPTY],
      [7, UNTYPED],
      [7, EMPTY],
    ],
    declaredIndirect: { 'Person 1 → Company A': '60%' },
  },
  'nomination.json': {
    statements: 8,
    graph: {
      parties: [
        'Los Corazones de Plata (company) [MX-RFC:CPL211105123]',
        'Perez-Rivero nomination (arrangement) []',
        'Silvia Teixeira Perez (person) []',
        'Vanessa Rivero (person) []',
      ],
      interests: [
        'Perez-Rivero nomination → Los Corazones de Plata: boardMember - direct 2023-04-30..',
        'Silvia Teixeira Perez → Los Corazones de Plata: otherInfluenceOrControl - indirect 2023-04-30.. BO',
        'Silvia Teixeira Perez → Perez-Rivero nomination: nominator - direct 2023-04-30..',
        'Vanessa Rivero → Perez-Rivero nomination: nominee - direct 2023-04-30..',
      ],
    },
    warnings: [],
    declaredIndirect: {},
  },
  'tecido.json': {
    statements: 11,
    graph: {
      parties: [
        'Maria Esteves (person) []',
        'Shear Trust (company) [Company Registry, Delaware. Company number:894837]',
        'Tecido Ltd (company) [Company Registry, Delaware. Company number:758355]',
      ],
      interests: [
        'Maria Esteves → Tecido Ltd: boardChair - direct 2022-09-21..2023-03-03 BO',
        'Maria Esteves → Tecido Ltd: shareholding 30% direct 2022-09-21..2023-03-03 BO',
        'Maria Esteves → Tecido Ltd: votingRights 30% direct 2022-09-21..2023-03-03 BO',
        'Shear Trust → Tecido Ltd: shareholding 80% direct 2023-03-01..',
        'Shear Trust → Tecido Ltd: votingRights 80% direct 2023-03-01..',
      ],
    },
    warnings: [
      [7, 'share ignored on non-countable interest type "boardChair"'],
      [9, 'share ignored on non-countable interest type "boardChair"'],
      [
        9,
        'relationship closed without endDate on 3 interest(s); endDate set to the statementDate 2023-03-03',
      ],
    ],
    declaredIndirect: {},
  },
};

function importFixture(name: string): {
  plan: BodsImportPlan;
  graph: BodsGraph;
} {
  const parsed = parseBodsInput(readFixture(name));
  expect(parsed.errors).toEqual([]);
  expect(parsed.format).toBe('json-array');
  const plan = interpretBodsStatements(parsed.statements);
  return { plan, graph: buildBodsGraph(plan.operations) };
}

function relationshipNamed(
  graph: BodsGraph,
  from: string,
  to: string,
): BodsRelationshipOperation {
  const recordIdOf = (name: string): string | undefined =>
    graph.parties.find((p) => p.name === name)?.recordId;
  const found = graph.relationships.find(
    (r) =>
      r.interestedPartyRecordId === recordIdOf(from) &&
      r.subjectRecordId === recordIdOf(to),
  );
  if (!found) throw new Error(`no relationship ${from} → ${to}`);
  return found;
}

/** Shareholding figures (exact) of one relationship record across its statements, in order. */
function shareholdingHistory(
  plan: BodsImportPlan,
  recordId: string,
): (number | undefined)[] {
  return plan.operations
    .filter(
      (op): op is BodsRelationshipOperation =>
        op.op === 'upsertRelationship' && op.recordId === recordId,
    )
    .map(
      (op) => op.interests.find((i) => i.type === 'shareholding')?.share?.exact,
    );
}

describe('BODS upstream examples (fixtures/)', () => {
  it('has an expectation for every fixture file', () => {
    expect(fixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(fixtureNames())('%s', (name) => {
    const expected = EXPECTED[name];

    it('imports with no errors, to the expected graph', () => {
      const { plan, graph } = importFixture(name);
      expect(plan.errors).toEqual([]);
      expect(plan.results).toHaveLength(expected.statements);
      expect(plan.operations).toHaveLength(expected.statements);
      expect(summariseGraph(graph)).toEqual(expected.graph);
      expect(plan.warnings.map((w) => [w.index, w.message])).toEqual(
        expected.warnings.map(([index, text]) => [
          index,
          expect.stringContaining(text),
        ]),
      );
    });

    it('keeps the indirect figures that primary records declare', () => {
      const { graph } = importFixture(name);
      const nameOf = new Map(graph.parties.map((p) => [p.recordId, p.name]));
      const declared: Record<string, string> = {};
      for (const relationship of graph.relationships.filter(
        (r) => !r.isComponent,
      )) {
        for (const interest of relationship.interests) {
          if (
            interest.directOrIndirect !== 'indirect' ||
            interest.share === null
          )
            continue;
          const key = `${nameOf.get(relationship.interestedPartyRecordId ?? '')} → ${nameOf.get(relationship.subjectRecordId)}`;
          declared[key] = formatShare(interest.share);
        }
      }
      expect(declared).toEqual(expected.declaredIndirect);
    });

    it('reads the same as JSON Lines', () => {
      const lines = (JSON.parse(readFixture(name)) as unknown[])
        .map((s) => JSON.stringify(s))
        .join('\n');
      const fromLines = planBodsImport(lines);
      expect(fromLines.format).toBe('json-lines');
      expect(fromLines.errors).toEqual([]);
      expect(summariseGraph(buildBodsGraph(fromLines.operations))).toEqual(
        expected.graph,
      );
    });

    it('round-trips: export, re-import, same graph; re-export is identical', () => {
      const { graph } = importFixture(name);
      const exported = exportBods(graphToExportInput(graph));

      const reimported = planBodsImport(JSON.stringify(exported));
      expect(reimported.errors).toEqual([]);
      expect(reimported.warnings).toEqual([]);
      const regraph = buildBodsGraph(reimported.operations);
      expect(summariseGraph(regraph)).toEqual(expected.graph);

      // Record ids survive, so exporting the re-imported graph gives the same statements.
      expect(exportBods(graphToExportInput(regraph))).toEqual(exported);
    });
  });

  describe('fermcat.json lifecycle', () => {
    it('goes 50/50 → a relative replaces one holder → one holder at 100%', () => {
      const { plan, graph } = importFixture('fermcat.json');
      const fermcat = graph.parties.find((p) => p.name === 'Fermcat Ltd');
      const currentHolders = graph.relationships
        .filter((r) => r.subjectRecordId === fermcat?.recordId)
        .flatMap((r) =>
          r.interests
            .filter((i) => i.type === 'shareholding' && i.endDate === null)
            .map((i) => [
              graph.parties.find(
                (p) => p.recordId === r.interestedPartyRecordId,
              )?.name,
              i.share,
            ]),
        );
      expect(currentHolders).toEqual([["Patrick O'Donohue", { exact: 100 }]]);

      // The closed relationship keeps its declared endDate; the relative's stake opens that day.
      const riyadh = relationshipNamed(
        graph,
        'Riyadh Byrne-Amin',
        'Fermcat Ltd',
      );
      expect(riyadh.closed).toBe(true);
      expect(riyadh.interests.map((i) => i.endDate)).toEqual([
        '2021-04-03',
        '2021-04-03',
      ]);
      const declan = relationshipNamed(
        graph,
        'Declan Byrne-Amin',
        'Fermcat Ltd',
      );
      expect(declan.closed).toBe(true);
      expect(declan.interests).toEqual([
        expect.objectContaining({
          startDate: '2021-04-03',
          endDate: '2022-01-21',
        }),
      ]);

      // Patrick's record was confirmed (updated) four times; the last statement replaced 50 by 100.
      expect(shareholdingHistory(plan, 'rel-3fc02d9b6bdfd5ca')).toEqual([
        50, 50, 50, 100,
      ]);

      // Closed persons stay in the graph (their ended interests refer to them).
      expect(graph.parties.filter((p) => p.closed).map((p) => p.name)).toEqual([
        'Riyadh Byrne-Amin',
        'Declan Byrne-Amin',
      ]);
    });

    it('had two holders at 50% each in 2021, after the replacement', () => {
      const { plan } = importFixture('fermcat.json');
      const asOf2021 = buildBodsGraph(
        plan.operations.filter((op) => op.statementDate < '2022'),
      );
      expect(
        summariseGraph(asOf2021).interests.filter(
          (line) => line.includes('shareholding') && !/\.\.\d/.test(line),
        ),
      ).toEqual([
        'Declan Byrne-Amin → Fermcat Ltd: shareholding 50% direct 2021-04-03.. BO',
        "Patrick O'Donohue → Fermcat Ltd: shareholding 50% direct 2019-09-11.. BO",
      ]);
    });
  });

  describe('tecido.json lifecycle', () => {
    it('grows Shear Trust 60 → 70 → 80% and closes Maria Esteves (100 → 40 → 30%)', () => {
      const { plan, graph } = importFixture('tecido.json');
      const shear = relationshipNamed(graph, 'Shear Trust', 'Tecido Ltd');
      const maria = relationshipNamed(graph, 'Maria Esteves', 'Tecido Ltd');
      expect(shareholdingHistory(plan, shear.recordId)).toEqual([60, 70, 80]);
      expect(shareholdingHistory(plan, maria.recordId)).toEqual([
        100, 40, 30, 30,
      ]);

      expect(shear.closed).toBe(false);
      expect(
        shear.interests.map((i) => [i.type, i.share?.exact, i.endDate]),
      ).toEqual([
        ['shareholding', 80, null],
        ['votingRights', 80, null],
      ]);
      // Closed without endDate upstream: ended at the closing statement's date.
      expect(maria.closed).toBe(true);
      expect(maria.interests.every((i) => i.endDate === '2023-03-03')).toBe(
        true,
      );
      // boardChair's share.exact: 30 is not a share of anything; it is dropped.
      expect(
        maria.interests.find((i) => i.type === 'boardChair')?.share,
      ).toBeNull();
    });
  });

  describe('bods-package-fi-soe.json', () => {
    it('declares 100% through two paths, and the Ministry figure can be derived from them', () => {
      const { graph } = importFixture('bods-package-fi-soe.json');
      const share = (from: string, to: string): number =>
        relationshipNamed(graph, from, to).interests.find(
          (i) => i.type === 'shareholding',
        )?.share?.exact ?? NaN;
      const viaKaasuverkko =
        (share('Valtiovarainministerio', 'Suomen Kaasuverkko Oy') / 100) *
        share('Suomen Kaasuverkko Oy', 'Gasgrid Finland Oy');
      const direct = share('Valtiovarainministerio', 'Gasgrid Finland Oy');
      expect(viaKaasuverkko + direct).toBeCloseTo(100, 10);
      expect(share('Suomen tasavalta', 'Gasgrid Finland Oy')).toBe(100);

      // The primary record lists its components, entities included (a quirk of this file).
      const primary = relationshipNamed(
        graph,
        'Suomen tasavalta',
        'Gasgrid Finland Oy',
      );
      expect(primary.isComponent).toBe(false);
      expect(primary.componentRecordIds).toHaveLength(6);
    });
  });
});
