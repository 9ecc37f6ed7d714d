import { buildBodsGraph } from './bods-graph';
import { exportBods } from './bods-export';
import { interpretBodsStatements } from './bods-interpret';
import type {
  BodsExportInput,
  BodsExportInterest,
  BodsExportParty,
  BodsRelationshipStatementOut,
  BodsStatementOut,
} from './bods.types';
import { summariseGraph } from './bods.test-helpers';

const SCALE = '00000000-0000-4000-8000-00000000000a';
const META = '00000000-0000-4000-8000-00000000000b';
const WANG = '00000000-0000-4000-8000-00000000000c';
const FUND = '00000000-0000-4000-8000-00000000000d';

function interest(
  id: string,
  overrides: Partial<BodsExportInterest>,
): BodsExportInterest {
  return {
    id,
    interestedPartyId: META,
    subjectId: SCALE,
    type: 'shareholding',
    share: null,
    directOrIndirect: 'direct',
    startDate: null,
    endDate: null,
    details: null,
    source: {
      description: 'Press reports, June 2025',
      url: 'https://example.org/meta-scale',
    },
    ...overrides,
  };
}

/** The Meta–Scale case of reference/ownership.md §2.7, plus a fund and an ended stake. */
function registry(): BodsExportInput {
  return {
    publisher: 'Quorum neutrality desk',
    publicationDate: '2025-06-20',
    parties: [
      {
        id: SCALE,
        kind: 'company',
        name: 'Scale AI, Inc.',
        identifiers: [{ scheme: 'US-DE', id: '5678901' }],
      },
      {
        id: META,
        kind: 'company',
        name: 'Meta Platforms, Inc.',
        identifiers: [{ scheme: 'XI-LEI', id: 'BQ4BKCS1HXDV9HN80Z93' }],
      },
      {
        id: WANG,
        recordId: 'per-wang',
        kind: 'person',
        name: 'Alexandr Wang',
        identifiers: [],
      },
      {
        id: FUND,
        kind: 'fund',
        name: 'Example Growth Fund III',
        identifiers: [{ scheme: 'Delaware LP file number', id: '77-1' }],
      },
    ],
    interests: [
      interest('i1', {
        share: { exact: 49 },
        startDate: '2025-06-01',
        details: 'Non-voting shares',
      }),
      interest('i2', {
        type: 'votingRights',
        share: { exact: 0 },
        startDate: '2025-06-01',
      }),
      interest('i3', {
        type: 'rightsGrantedByContract',
        details: 'Data-services agreement',
        source: {
          description: 'Company blog',
          url: 'https://example.org/blog',
        },
      }),
      interest('i4', {
        interestedPartyId: WANG,
        type: 'boardMember',
        startDate: '2016-06-01',
      }),
      interest('i5', {
        interestedPartyId: WANG,
        share: { minimum: 10, maximum: 15 },
        startDate: '2016-06-01',
        endDate: '2025-06-13T09:00:00Z',
        beneficialOwnershipOrControl: true,
      }),
      interest('i6', {
        interestedPartyId: FUND,
        share: { exclusiveMinimum: 5, exclusiveMaximum: 10 },
        startDate: '2019-01-01',
      }),
      // A share on a board role is not a share of anything; it is not written.
      interest('i7', {
        interestedPartyId: WANG,
        type: 'boardChair',
        share: { exact: 100 },
        startDate: '2016-06-01',
      }),
    ],
  };
}

function relationships(
  statements: BodsStatementOut[],
): BodsRelationshipStatementOut[] {
  return statements.filter(
    (s): s is BodsRelationshipStatementOut => s.recordType === 'relationship',
  );
}

describe('exportBods', () => {
  it('writes parties first (sorted by id), then one relationship per (interested party, subject)', () => {
    const statements = exportBods(registry());
    expect(statements.map((s) => [s.recordType, s.recordId])).toEqual([
      ['entity', SCALE],
      ['entity', META],
      ['person', 'per-wang'],
      ['entity', FUND],
      ['relationship', expect.stringMatching(/^rel-[0-9a-f]{32}$/)],
      ['relationship', expect.stringMatching(/^rel-[0-9a-f]{32}$/)],
      ['relationship', expect.stringMatching(/^rel-[0-9a-f]{32}$/)],
    ]);
    const rels = relationships(statements);
    expect(
      rels.map((r) => [
        r.recordDetails.interestedParty,
        r.recordDetails.interests.map((i) => i.type),
      ]),
    ).toEqual([
      [META, ['rightsGrantedByContract', 'shareholding', 'votingRights']],
      ['per-wang', ['boardChair', 'boardMember', 'shareholding']],
      [FUND, ['shareholding']],
    ]);
  });

  it('writes valid BODS 0.4 envelopes', () => {
    const statements = exportBods(registry());
    const ids = statements.map((s) => s.statementId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const statement of statements) {
      expect(statement.statementId).toMatch(/^[0-9a-f]{64}$/);
      expect(statement).toEqual(
        expect.objectContaining({
          statementDate: '2025-06-20',
          recordStatus: 'new',
          publicationDetails: {
            publicationDate: '2025-06-20',
            bodsVersion: '0.4',
            publisher: { name: 'Quorum neutrality desk' },
          },
          source: expect.objectContaining({ type: ['thirdParty'] }),
        }),
      );
    }
  });

  it('writes entity types, person names and identifiers', () => {
    const [scale, , wang, fund] = exportBods(registry());
    expect(scale.recordDetails).toEqual({
      isComponent: false,
      entityType: { type: 'registeredEntity' },
      name: 'Scale AI, Inc.',
      identifiers: [{ id: '5678901', scheme: 'US-DE' }],
    });
    expect(wang.recordDetails).toEqual({
      isComponent: false,
      personType: 'knownPerson',
      names: [{ type: 'legal', fullName: 'Alexandr Wang' }],
    });
    // Funds carry a marker (BODS has no fund type); a free-text scheme goes in schemeName.
    expect(fund.recordDetails).toEqual({
      isComponent: false,
      entityType: { type: 'registeredEntity', details: 'fund' },
      name: 'Example Growth Fund III',
      identifiers: [{ id: '77-1', schemeName: 'Delaware LP file number' }],
    });
  });

  it('writes interests with their shares and dates, ended ones with their endDate', () => {
    const [meta, wang, fund] = relationships(exportBods(registry()));
    expect(meta.recordDetails.interests).toEqual([
      {
        type: 'rightsGrantedByContract',
        directOrIndirect: 'direct',
        details: 'Data-services agreement',
      },
      {
        type: 'shareholding',
        directOrIndirect: 'direct',
        share: { exact: 49 },
        startDate: '2025-06-01',
        details: 'Non-voting shares',
      },
      {
        type: 'votingRights',
        directOrIndirect: 'direct',
        share: { exact: 0 },
        startDate: '2025-06-01',
      },
    ]);
    expect(wang.recordDetails.interests).toEqual([
      {
        type: 'boardChair',
        directOrIndirect: 'direct',
        startDate: '2016-06-01',
      },
      {
        type: 'boardMember',
        directOrIndirect: 'direct',
        startDate: '2016-06-01',
      },
      {
        type: 'shareholding',
        directOrIndirect: 'direct',
        beneficialOwnershipOrControl: true,
        share: { minimum: 10, maximum: 15 },
        startDate: '2016-06-01',
        endDate: '2025-06-13',
      },
    ]);
    expect(fund.recordDetails.interests[0].share).toEqual({
      exclusiveMinimum: 5,
      exclusiveMaximum: 10,
    });
  });

  it('merges the sources of a relationship; extra URLs become linking annotations', () => {
    const [meta] = relationships(exportBods(registry()));
    expect(meta.source).toEqual({
      type: ['thirdParty'],
      description: 'Company blog; Press reports, June 2025',
      url: 'https://example.org/blog',
    });
    expect(meta.annotations).toEqual([
      {
        statementPointerTarget: '/',
        motivation: 'linking',
        url: 'https://example.org/meta-scale',
        description: 'Further source',
      },
    ]);
  });

  it('is deterministic: same registry in any row order gives the same statements', () => {
    const input = registry();
    const shuffled: BodsExportInput = {
      ...input,
      parties: [...input.parties].reverse(),
      interests: [...input.interests].reverse(),
    };
    expect(exportBods(shuffled)).toEqual(exportBods(input));
  });

  it('derives statementIds from content: a change gives new ids only where content changed', () => {
    const before = exportBods(registry());
    const changed = registry();
    changed.interests = changed.interests.map((i) =>
      i.id === 'i6' ? { ...i, share: { exact: 8 } } : i,
    );
    const after = exportBods(changed);
    const changedIds = after
      .filter((s, n) => s.statementId !== before[n].statementId)
      .map((s) => s.recordId);
    expect(changedIds).toEqual([before[6].recordId]);
    // Record ids are stable across the change.
    expect(after.map((s) => s.recordId)).toEqual(before.map((s) => s.recordId));

    const republished = exportBods({
      ...registry(),
      publicationDate: '2025-07-01',
    });
    expect(
      republished.every((s, n) => s.statementId !== before[n].statementId),
    ).toBe(true);
  });

  it('reuses a relationship recordId carried by the interests, and keeps record ids unique', () => {
    const input = registry();
    input.interests = input.interests.map((i) =>
      i.interestedPartyId === META ? { ...i, recordId: 'rel-meta-scale' } : i,
    );
    // A party whose preferred recordId is taken falls back to its Quorum id.
    input.parties = [
      ...input.parties,
      {
        id: 'zz-other',
        recordId: 'per-wang',
        kind: 'company',
        name: 'Other',
        identifiers: [],
      },
    ];
    const statements = exportBods(input);
    expect(relationships(statements)[0].recordId).toBe('rel-meta-scale');
    expect(
      statements.find(
        (s) => s.recordType === 'entity' && s.recordDetails.name === 'Other',
      )?.recordId,
    ).toBe('zz-other');
    const recordIds = statements.map((s) => s.recordId);
    expect(new Set(recordIds).size).toBe(recordIds.length);
  });

  it('reads back through interpretBodsStatements with no errors or warnings, funds included', () => {
    const plan = interpretBodsStatements(exportBods(registry()));
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    const summary = summariseGraph(buildBodsGraph(plan.operations));
    expect(summary.parties).toEqual([
      'Alexandr Wang (person) []',
      'Example Growth Fund III (fund) [Delaware LP file number:77-1]',
      'Meta Platforms, Inc. (company) [XI-LEI:BQ4BKCS1HXDV9HN80Z93]',
      'Scale AI, Inc. (company) [US-DE:5678901]',
    ]);
    expect(summary.interests).toEqual([
      'Alexandr Wang → Scale AI, Inc.: boardChair - direct 2016-06-01..',
      'Alexandr Wang → Scale AI, Inc.: boardMember - direct 2016-06-01..',
      'Alexandr Wang → Scale AI, Inc.: shareholding [10,15]% direct 2016-06-01..2025-06-13 BO',
      'Example Growth Fund III → Scale AI, Inc.: shareholding (5,10)% direct 2019-01-01..',
      'Meta Platforms, Inc. → Scale AI, Inc.: rightsGrantedByContract - direct .. "Data-services agreement"',
      'Meta Platforms, Inc. → Scale AI, Inc.: shareholding 49% direct 2025-06-01.. "Non-voting shares"',
      'Meta Platforms, Inc. → Scale AI, Inc.: votingRights 0% direct 2025-06-01..',
    ]);
  });

  it('writes an empty registry as no statements', () => {
    expect(
      exportBods({
        parties: [],
        interests: [],
        publisher: 'Q',
        publicationDate: '2025-01-01',
      }),
    ).toEqual([]);
  });

  describe('refuses input that cannot be valid BODS', () => {
    type MutableInput = BodsExportInput & {
      parties: BodsExportParty[];
      interests: BodsExportInterest[];
    };
    it.each<[string, (input: MutableInput) => void, RegExp]>([
      [
        'unknown party',
        (input) => input.interests.push(interest('bad', { subjectId: 'nope' })),
        /interest bad refers to unknown party nope/,
      ],
      [
        'person as subject',
        (input) => input.interests.push(interest('bad', { subjectId: WANG })),
        /person as subject/,
      ],
      [
        'invalid share',
        (input) =>
          input.interests.push(
            interest('bad', { share: { exact: 30, minimum: 10 } }),
          ),
        /invalid share/,
      ],
      [
        'bad date',
        (input) =>
          input.interests.push(interest('bad', { startDate: 'June 2025' })),
        /startDate "June 2025" is not a date/,
      ],
      [
        'bad publicationDate',
        (input) => (input.publicationDate = 'today'),
        /publicationDate "today"/,
      ],
      [
        'duplicate party id',
        (input) => input.parties.push({ ...input.parties[0] }),
        /duplicate party id/,
      ],
    ])('%s', (_case, corrupt, message) => {
      const input = registry();
      const mutable: MutableInput = {
        ...input,
        parties: [...input.parties],
        interests: [...input.interests],
      };
      corrupt(mutable);
      expect(() => exportBods(mutable)).toThrow(message);
    });
  });
});
