import { buildBodsGraph } from './bods-graph';
import { interpretBodsStatements } from './bods-interpret';
import type { BodsImportPlan, BodsRelationshipOperation } from './bods.types';
import {
  entityStatement,
  personStatement,
  relationshipStatement,
} from './bods.test-helpers';

const holding = (exact: number, extra: Record<string, unknown> = {}) => ({
  type: 'shareholding',
  directOrIndirect: 'direct',
  share: { exact },
  startDate: '2020-01-01',
  ...extra,
});

/** Acme (entity) and Ada (person), then the statements under test from index 2. */
function withParties(...statements: unknown[]): BodsImportPlan {
  return interpretBodsStatements([
    entityStatement('acme', 'Acme Ltd'),
    personStatement('ada', 'Ada Lovelace'),
    ...statements,
  ]);
}

function errorAt(plan: BodsImportPlan, index: number): string | undefined {
  return plan.errors.find((e) => e.index === index)?.message;
}

function warningsAt(plan: BodsImportPlan, index: number): string[] {
  return plan.warnings.filter((w) => w.index === index).map((w) => w.message);
}

function relationshipAt(
  plan: BodsImportPlan,
  index: number,
): BodsRelationshipOperation {
  const result = plan.results[index];
  if (result.op !== 'upsertRelationship')
    throw new Error(`result ${index} is ${result.op}`);
  return result;
}

describe('interpretBodsStatements', () => {
  describe('normalisation', () => {
    it('turns entity and person records into party upserts', () => {
      const plan = interpretBodsStatements([
        entityStatement(
          'acme',
          'Acme Ltd',
          {},
          {
            identifiers: [
              {
                scheme: 'GB-COH',
                id: '01234567',
                schemeName: 'Companies House',
              },
            ],
          },
        ),
        personStatement(
          'ada',
          'Ada Lovelace',
          {},
          { identifiers: [{ schemeName: 'Passport', id: 'X1' }] },
        ),
      ]);
      expect(plan.errors).toEqual([]);
      expect(plan.results).toEqual([
        expect.objectContaining({
          op: 'upsertParty',
          index: 0,
          recordId: 'acme',
          recordType: 'entity',
          recordStatus: 'new',
          kind: 'company',
          name: 'Acme Ltd',
          identifiers: [{ scheme: 'GB-COH', id: '01234567' }],
          closed: false,
        }),
        // schemeName stands in for a missing scheme code.
        expect.objectContaining({
          op: 'upsertParty',
          kind: 'person',
          name: 'Ada Lovelace',
          identifiers: [{ scheme: 'Passport', id: 'X1' }],
        }),
      ]);
    });

    it.each([
      ['registeredEntity', undefined, 'company'],
      ['legalEntity', undefined, 'company'],
      ['registeredEntity', 'fund', 'fund'],
      ['registeredEntity', 'Investment fund', 'company'],
      ['arrangement', undefined, 'arrangement'],
      ['state', undefined, 'state'],
      ['stateBody', 'ministerio', 'state'],
      ['anonymousEntity', undefined, 'company'],
      ['unknownEntity', undefined, 'company'],
    ])('maps entityType %s (details %s) to kind %s', (type, details, kind) => {
      const plan = interpretBodsStatements([
        entityStatement('e', 'E', {}, { entityType: { type, details } }),
      ]);
      expect(plan.results[0]).toEqual(
        expect.objectContaining({ op: 'upsertParty', kind }),
      );
    });

    it('warns when an anonymous entity or a nameless person is imported', () => {
      const plan = interpretBodsStatements([
        entityStatement(
          'e',
          'ignored',
          {},
          { entityType: { type: 'anonymousEntity' }, name: undefined },
        ),
        personStatement(
          'p',
          'ignored',
          {},
          { personType: 'unknownPerson', names: [] },
        ),
      ]);
      expect(plan.results[0]).toEqual(
        expect.objectContaining({ name: 'Unnamed anonymousEntity (record e)' }),
      );
      expect(warningsAt(plan, 0)).toEqual([
        'entityType "anonymousEntity" imported as a company whose identity is not disclosed',
        'entity has no name; named "Unnamed anonymousEntity (record e)"',
      ]);
      expect(plan.results[1]).toEqual(
        expect.objectContaining({ name: 'Unnamed person (record p)' }),
      );
    });

    it('builds relationship upserts with normalised interests', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          holding(60, {
            beneficialOwnershipOrControl: true,
            details: 'Ordinary shares',
          }),
          { type: 'boardMember' },
        ]),
      );
      expect(plan.errors).toEqual([]);
      expect(relationshipAt(plan, 2)).toEqual({
        op: 'upsertRelationship',
        index: 2,
        statementId: expect.any(String),
        statementDate: '2024-01-01',
        recordId: 'r1',
        recordStatus: 'new',
        closed: false,
        subjectRecordId: 'acme',
        interestedPartyRecordId: 'ada',
        unspecifiedInterestedParty: null,
        isComponent: false,
        componentRecordIds: [],
        interests: [
          {
            type: 'shareholding',
            share: { exact: 60 },
            directOrIndirect: 'direct',
            startDate: '2020-01-01',
            endDate: null,
            details: 'Ordinary shares',
            beneficialOwnershipOrControl: true,
          },
          {
            type: 'boardMember',
            share: null,
            directOrIndirect: 'unknown',
            startDate: null,
            endDate: null,
            details: null,
            beneficialOwnershipOrControl: false,
          },
        ],
      });
    });

    it('keeps an unspecified interested party with its reason', () => {
      const plan = withParties(
        relationshipStatement(
          'r1',
          {
            reason: 'subjectExemptFromDisclosure',
            description: 'Listed on LSE',
          },
          'acme',
          [],
        ),
      );
      expect(relationshipAt(plan, 2)).toEqual(
        expect.objectContaining({
          interestedPartyRecordId: null,
          unspecifiedInterestedParty: {
            reason: 'subjectExemptFromDisclosure',
            description: 'Listed on LSE',
          },
        }),
      );
      expect(plan.errors).toEqual([]);
    });

    it('skips an interest without a type, with a warning, and keeps the others', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          { directOrIndirect: 'unknown' },
          holding(10),
        ]),
      );
      expect(plan.errors).toEqual([]);
      expect(relationshipAt(plan, 2).interests.map((i) => i.type)).toEqual([
        'shareholding',
      ]);
      expect(warningsAt(plan, 2)).toEqual([
        'interests[0] has no type; interest skipped',
      ]);
    });

    it('drops a share on a non-countable interest type, with a warning', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          { type: 'boardChair', share: { exact: 30 } },
        ]),
      );
      expect(relationshipAt(plan, 2).interests[0].share).toBeNull();
      expect(warningsAt(plan, 2)).toEqual([
        'interests[0]: share ignored on non-countable interest type "boardChair"',
      ]);
    });

    it('ends the interests of a closed relationship without endDate at its statementDate', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [holding(50)]),
        relationshipStatement(
          'r1',
          'ada',
          'acme',
          [
            holding(50),
            holding(10, { type: 'votingRights', endDate: '2023-06-30' }),
          ],
          {
            recordStatus: 'closed',
            statementDate: '2024-03-05T10:00:00Z',
          },
        ),
      );
      expect(plan.errors).toEqual([]);
      expect(relationshipAt(plan, 3).interests.map((i) => i.endDate)).toEqual([
        '2024-03-05',
        '2023-06-30',
      ]);
      expect(warningsAt(plan, 3)).toEqual([
        'relationship closed without endDate on 1 interest(s); endDate set to the statementDate 2024-03-05',
      ]);
    });

    it('treats an updated relationship as full state: its interests replace the earlier ones', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          holding(50),
          { type: 'boardMember', directOrIndirect: 'direct' },
        ]),
        relationshipStatement('r1', 'ada', 'acme', [holding(75)], {
          recordStatus: 'updated',
          statementDate: '2024-02-01',
        }),
      );
      const graph = buildBodsGraph(plan.operations);
      expect(graph.relationships).toHaveLength(1);
      expect(graph.relationships[0].interests).toEqual([
        expect.objectContaining({ type: 'shareholding', share: { exact: 75 } }),
      ]);
      expect(graph.relationships[0].recordStatus).toBe('updated');
    });

    it('infers recordStatus when it is absent: new first, updated after', () => {
      const plan = interpretBodsStatements([
        entityStatement('acme', 'Acme', { recordStatus: undefined }),
        entityStatement('acme', 'Acme Holdings', {
          recordStatus: undefined,
          statementDate: '2024-02-01',
        }),
      ]);
      expect(plan.errors).toEqual([]);
      expect(
        plan.results.map((r) =>
          r.op === 'upsertParty' ? r.recordStatus : r.op,
        ),
      ).toEqual(['new', 'updated']);
      expect(
        buildBodsGraph(plan.operations).parties.map((p) => p.name),
      ).toEqual(['Acme Holdings']);
    });

    it('lets relationships refer to records from an earlier import (knownRecords)', () => {
      const plan = interpretBodsStatements(
        [
          entityStatement('acme', 'Acme Ltd', { recordStatus: 'updated' }),
          relationshipStatement('r9', 'ada', 'acme', [holding(5)]),
        ],
        {
          knownRecords: new Map([
            ['acme', 'entity'],
            ['ada', 'person'],
          ]),
        },
      );
      expect(plan.errors).toEqual([]);
      expect(plan.operations).toHaveLength(2);
    });

    it('warns when a beneficial-ownership interest is held by an entity', () => {
      const plan = withParties(
        entityStatement('holdco', 'Holdco'),
        relationshipStatement('r1', 'holdco', 'acme', [
          holding(50, { beneficialOwnershipOrControl: true }),
        ]),
      );
      expect(warningsAt(plan, 3)).toEqual([
        'beneficialOwnershipOrControl is true but the interested party is an entity, not a natural person',
      ]);
    });

    it('reports indexes given by the caller (e.g. JSON Lines line numbers)', () => {
      const plan = interpretBodsStatements(
        [entityStatement('acme', 'Acme'), { statementId: 'x' }],
        { indexes: [4, 9] },
      );
      expect(plan.results.map((r) => r.index)).toEqual([4, 9]);
      expect(plan.errors.map((e) => e.index)).toEqual([9]);
    });
  });

  describe('errors (the statement is rejected, the rest continue)', () => {
    const sid = 'a-valid-statement-id-0000000000000000';

    it.each<[string, unknown, string]>([
      [
        'not an object',
        'hello',
        'a statement must be a JSON object, got "hello"',
      ],
      [
        'missing statementId',
        { ...entityStatement('e', 'E'), statementId: undefined },
        'missing statementId',
      ],
      [
        'short statementId',
        { ...entityStatement('e', 'E'), statementId: 'abc' },
        'statementId must be 32–64 characters (got 3)',
      ],
      [
        'missing statementDate',
        { ...entityStatement('e', 'E'), statementDate: undefined },
        'missing statementDate',
      ],
      [
        'bad statementDate',
        { ...entityStatement('e', 'E'), statementDate: '2024-02-30' },
        'statementDate "2024-02-30" is not a YYYY-MM-DD date or an RFC 3339 date-time',
      ],
      [
        'missing recordId',
        { ...entityStatement('e', 'E'), recordId: '  ' },
        'missing recordId',
      ],
      [
        'unknown recordType',
        {
          ...entityStatement('e', 'E'),
          recordType: 'ownershipOrControlStatement',
        },
        'unknown recordType "ownershipOrControlStatement" (expected entity, person or relationship)',
      ],
      [
        'unknown recordStatus',
        { ...entityStatement('e', 'E'), recordStatus: 'deleted' },
        'unknown recordStatus "deleted" (expected new, updated or closed)',
      ],
      [
        'older BODS version',
        {
          ...entityStatement('e', 'E'),
          publicationDetails: {
            publicationDate: '2020-01-01',
            bodsVersion: '0.3',
            publisher: { name: 'X' },
          },
        },
        'publicationDetails.bodsVersion "0.3" is not supported (expected "0.4")',
      ],
      [
        'missing recordDetails',
        { ...entityStatement('e', 'E'), recordDetails: undefined },
        'missing recordDetails object',
      ],
      [
        'unknown entityType',
        entityStatement('e', 'E', {}, { entityType: { type: 'company' } }),
        'unknown entityType.type "company" (expected one of registeredEntity, legalEntity, arrangement, anonymousEntity, unknownEntity, state, stateBody)',
      ],
      [
        'entity without entityType',
        entityStatement('e', 'E', {}, { entityType: undefined }),
        'an entity record needs recordDetails.entityType.type',
      ],
      [
        'closed before new',
        entityStatement('e', 'E', { recordStatus: 'closed' }),
        'closed before new: record "e" has no earlier statement with recordStatus "new"',
      ],
      [
        'updated before new',
        personStatement('p', 'P', { recordStatus: 'updated' }),
        'updated before new: record "p" has no earlier statement with recordStatus "new"',
      ],
    ])('%s', (_case, statement, message) => {
      const plan = interpretBodsStatements([
        statement,
        entityStatement('ok', 'Still imported'),
      ]);
      expect(plan.errors).toEqual([{ index: 0, message }]);
      expect(plan.results[0]).toEqual(
        expect.objectContaining({ op: 'reject', index: 0, message }),
      );
      expect(plan.operations.map((op) => op.recordId)).toEqual(['ok']);
    });

    it('duplicate statementId', () => {
      const first = entityStatement('e1', 'E1', { statementId: sid });
      const plan = interpretBodsStatements([
        first,
        entityStatement('e2', 'E2', { statementId: sid }),
      ]);
      expect(errorAt(plan, 1)).toBe(
        `duplicate statementId "${sid}" (first used at index 0); statements are immutable`,
      );
    });

    it('relationship subject or interested party that is not an earlier record', () => {
      const plan = interpretBodsStatements([
        relationshipStatement('r1', 'ada', 'acme', [holding(10)]),
        entityStatement('acme', 'Acme'),
        personStatement('ada', 'Ada'),
        relationshipStatement('r2', 'bob', 'acme', [holding(10)]),
      ]);
      expect(errorAt(plan, 0)).toBe(
        'subject "acme" is not the recordId of an entity record earlier in the input; interestedParty "ada" is not the recordId of an entity or person record earlier in the input',
      );
      expect(errorAt(plan, 3)).toBe(
        'interestedParty "bob" is not the recordId of an entity or person record earlier in the input',
      );
    });

    it('a rejected record does not exist for later statements', () => {
      const plan = interpretBodsStatements([
        entityStatement('acme', 'Acme', {}, { entityType: { type: 'bogus' } }),
        personStatement('ada', 'Ada'),
        relationshipStatement('r1', 'ada', 'acme', [holding(10)]),
      ]);
      expect(plan.errors.map((e) => e.index)).toEqual([0, 2]);
      expect(errorAt(plan, 2)).toContain('subject "acme" is not the recordId');
    });

    it('subject that is a person, party that is a relationship', () => {
      const plan = withParties(
        relationshipStatement('r1', 'acme', 'ada', [holding(10)]),
        relationshipStatement('r2', 'ada', 'acme', [holding(10)]),
        relationshipStatement('r3', 'r2', 'acme', [holding(10)]),
      );
      expect(errorAt(plan, 2)).toBe(
        'subject "ada" is a person record; it must be an entity record',
      );
      expect(errorAt(plan, 4)).toBe(
        'interestedParty "r2" is a relationship record; it must be an entity or person record',
      );
    });

    it('unspecified subject, missing parties, unspecified party without reason', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', { reason: 'unknown' }, [
          holding(10),
        ]),
        relationshipStatement('r2', undefined, undefined, []),
        relationshipStatement('r3', { description: 'someone' }, 'acme', []),
      );
      expect(errorAt(plan, 2)).toBe(
        'relationship subject is unspecified (reason "unknown"); an interest needs a known subject entity',
      );
      expect(errorAt(plan, 3)).toBe(
        'missing recordDetails.subject; missing recordDetails.interestedParty',
      );
      expect(errorAt(plan, 4)).toBe(
        'interestedParty must be a recordId or an unspecified record with a reason',
      );
    });

    it('unknown interest type', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          { type: 'ownership', share: { exact: 10 } },
        ]),
      );
      expect(errorAt(plan, 2)).toBe(
        'interests[0].type "ownership" is not a BODS 0.4 interest type',
      );
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'share above 100',
        { exact: 120 },
        'interests[0].share.exact: must be a number from 0 to 100 (a percentage), got 120',
      ],
      [
        'share below 0',
        { minimum: -5 },
        'interests[0].share.minimum: must be a number from 0 to 100 (a percentage), got -5',
      ],
      [
        'exact with bounds',
        { exact: 30, minimum: 25, maximum: 50 },
        'interests[0].share: exact cannot be combined with minimum/maximum bounds',
      ],
      [
        'minimum with exclusiveMinimum',
        { minimum: 25, exclusiveMinimum: 25 },
        'interests[0].share: give minimum or exclusiveMinimum, not both',
      ],
      [
        'maximum with exclusiveMaximum',
        { maximum: 50, exclusiveMaximum: 50 },
        'interests[0].share: give maximum or exclusiveMaximum, not both',
      ],
      [
        'minimum above maximum',
        { minimum: 75, maximum: 50 },
        'interests[0].share: minimum (75) is above maximum (50)',
      ],
    ])('bad share: %s', (_case, share, message) => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          { type: 'shareholding', share },
        ]),
      );
      expect(errorAt(plan, 2)).toBe(message);
    });

    it('bad interest dates and directOrIndirect', () => {
      const plan = withParties(
        relationshipStatement('r1', 'ada', 'acme', [
          {
            type: 'shareholding',
            startDate: '2021-05-01',
            endDate: '2020-01-01',
          },
          {
            type: 'votingRights',
            startDate: '01/02/2020',
            directOrIndirect: 'both',
          },
        ]),
      );
      expect(errorAt(plan, 2)).toBe(
        [
          'interests[0]: startDate 2021-05-01 is after endDate 2020-01-01',
          'interests[1].directOrIndirect "both" is not direct, indirect or unknown',
          'interests[1].startDate "01/02/2020" is not a YYYY-MM-DD date',
        ].join('; '),
      );
    });

    it('lists every problem of a statement in one message', () => {
      const plan = interpretBodsStatements([
        { recordType: 'thing', recordDetails: {} },
      ]);
      expect(errorAt(plan, 0)).toBe(
        'missing statementId; missing statementDate; missing recordId; unknown recordType "thing" (expected entity, person or relationship)',
      );
      expect(plan.results[0]).toEqual(
        expect.objectContaining({ op: 'reject', statementId: null }),
      );
    });

    it('new twice for one record', () => {
      const plan = interpretBodsStatements([
        entityStatement('acme', 'Acme'),
        entityStatement('acme', 'Acme'),
      ]);
      expect(errorAt(plan, 1)).toBe(
        'recordStatus "new" but record "acme" exists (at index 0); later statements must be "updated" or "closed"',
      );
    });

    it('a statement after closed', () => {
      const plan = interpretBodsStatements([
        entityStatement('acme', 'Acme'),
        entityStatement('acme', 'Acme', {
          recordStatus: 'closed',
          statementDate: '2024-02-01',
        }),
        entityStatement('acme', 'Acme', {
          recordStatus: 'updated',
          statementDate: '2024-03-01',
        }),
      ]);
      expect(errorAt(plan, 2)).toBe(
        'record "acme" was closed at index 1; a closed recordId must not be reused',
      );
    });

    it('a record that changes recordType', () => {
      const plan = interpretBodsStatements([
        entityStatement('x1', 'Acme'),
        personStatement('x1', 'Acme', { recordStatus: 'updated' }),
      ]);
      expect(errorAt(plan, 1)).toBe(
        'recordId "x1" is an entity record (at index 0), not person; a record keeps one recordType',
      );
    });

    it('statements of a record out of date order', () => {
      const plan = interpretBodsStatements([
        entityStatement('acme', 'Acme', {
          statementDate: '2024-05-01T12:00:00Z',
        }),
        entityStatement('acme', 'Acme', {
          recordStatus: 'updated',
          statementDate: '2024-05-01',
        }),
      ]);
      expect(errorAt(plan, 1)).toBe(
        'statementDate 2024-05-01 is earlier than the previous statement of record "acme" (index 0); a record\'s statements must be in date order',
      );
    });

    it('a relationship record that changes its parties', () => {
      const plan = withParties(
        personStatement('bob', 'Bob'),
        relationshipStatement('r1', 'ada', 'acme', [holding(10)]),
        relationshipStatement('r1', 'bob', 'acme', [holding(10)], {
          recordStatus: 'updated',
        }),
      );
      expect(errorAt(plan, 4)).toBe(
        'relationship "r1" changes its subject or interested party (was ada → acme); close it and open a new relationship record',
      );
    });
  });
});
