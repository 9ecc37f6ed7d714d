/**
 * Builders and graph summaries shared by the BODS specs. Not exported from index.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BodsShare } from '@quorum/contracts';
import type { BodsGraph } from './bods-graph';
import type { BodsExportInput, BodsInterest } from './bods.types';

export const FIXTURE_DIR = join(__dirname, 'fixtures');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Statement builders: minimal valid BODS 0.4 statements, overridable field by field.
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

let sequence = 0;
/** A fresh, valid (36-character) statementId. */
export function nextStatementId(): string {
  sequence += 1;
  return `test-statement-${String(sequence).padStart(21, '0')}`;
}

function envelope(recordType: string, recordId: string, overrides: Json): Json {
  return {
    statementId: nextStatementId(),
    statementDate: '2024-01-01',
    recordId,
    recordType,
    recordStatus: 'new',
    declarationSubject: recordId,
    publicationDetails: {
      publicationDate: '2024-01-02',
      bodsVersion: '0.4',
      publisher: { name: 'Test' },
    },
    ...overrides,
  };
}

export function entityStatement(
  recordId: string,
  name: string,
  overrides: Json = {},
  details: Json = {},
): Json {
  return envelope('entity', recordId, {
    recordDetails: {
      isComponent: false,
      entityType: { type: 'registeredEntity' },
      name,
      ...details,
    },
    ...overrides,
  });
}

export function personStatement(
  recordId: string,
  fullName: string,
  overrides: Json = {},
  details: Json = {},
): Json {
  return envelope('person', recordId, {
    recordDetails: {
      isComponent: false,
      personType: 'knownPerson',
      names: [{ type: 'legal', fullName }],
      ...details,
    },
    ...overrides,
  });
}

export function relationshipStatement(
  recordId: string,
  interestedParty: unknown,
  subject: unknown,
  interests: unknown[],
  overrides: Json = {},
): Json {
  return envelope('relationship', recordId, {
    recordDetails: { isComponent: false, subject, interestedParty, interests },
    ...overrides,
  });
}

// ---------------------------------------------------------------------------------------------
// Graph summaries: compare graphs by party names and identifiers, not by record ids.
// ---------------------------------------------------------------------------------------------

export function formatShare(share: BodsShare | null): string {
  if (share === null) return '-';
  if (share.exact !== undefined) return `${share.exact}%`;
  const lower =
    share.minimum !== undefined
      ? `[${share.minimum}`
      : share.exclusiveMinimum !== undefined
        ? `(${share.exclusiveMinimum}`
        : '[0';
  const upper =
    share.maximum !== undefined
      ? `${share.maximum}]`
      : share.exclusiveMaximum !== undefined
        ? `${share.exclusiveMaximum})`
        : '100]';
  return `${lower},${upper}%`;
}

/** `from → to: type share directOrIndirect start..end` (plus BO and details when set). */
export function formatInterest(
  from: string,
  to: string,
  interest: BodsInterest,
): string {
  const extras = [
    interest.beneficialOwnershipOrControl ? 'BO' : '',
    interest.details !== null ? `"${interest.details}"` : '',
  ].filter((part) => part !== '');
  return [
    `${from} → ${to}: ${interest.type} ${formatShare(interest.share)} ${interest.directOrIndirect}`,
    `${interest.startDate ?? ''}..${interest.endDate ?? ''}`,
    ...extras,
  ].join(' ');
}

export interface GraphSummary {
  parties: string[];
  interests: string[];
}

/** Parties as `name (kind) [scheme:id, …]`, interests via formatInterest; both sorted. */
export function summariseGraph(graph: BodsGraph): GraphSummary {
  const nameOf = new Map(
    graph.parties.map((party) => [party.recordId, party.name]),
  );
  const parties = graph.parties
    .map((party) => {
      const identifiers = party.identifiers
        .map(({ scheme, id }) => `${scheme}:${id}`)
        .sort();
      return `${party.name} (${party.kind}) [${identifiers.join(', ')}]`;
    })
    .sort();
  const interests = graph.relationships
    .flatMap((relationship) =>
      relationship.interests.map((interest) =>
        formatInterest(
          relationship.interestedPartyRecordId === null
            ? `unspecified(${relationship.unspecifiedInterestedParty?.reason ?? '?'})`
            : (nameOf.get(relationship.interestedPartyRecordId) ??
                relationship.interestedPartyRecordId),
          nameOf.get(relationship.subjectRecordId) ??
            relationship.subjectRecordId,
          interest,
        ),
      ),
    )
    .sort();
  return { parties, interests };
}

/**
 * What the registry would hand to exportBods after importing a graph: one party per record, one
 * interest row per BODS interest, keeping the BODS recordIds (as the import would store them).
 */
export function graphToExportInput(
  graph: BodsGraph,
  publicationDate = '2025-01-15',
): BodsExportInput {
  return {
    publisher: 'Quorum test registry',
    publicationDate,
    parties: graph.parties.map((party) => ({
      id: party.recordId,
      recordId: party.recordId,
      kind: party.kind,
      name: party.name,
      identifiers: party.identifiers,
    })),
    interests: graph.relationships.flatMap((relationship) => {
      const interestedPartyId = relationship.interestedPartyRecordId;
      if (interestedPartyId === null) return [];
      return relationship.interests.map((interest, i) => ({
        id: `${relationship.recordId}#${i}`,
        recordId: relationship.recordId,
        interestedPartyId,
        subjectId: relationship.subjectRecordId,
        ...interest,
        source: { description: 'BODS example (openownership/data-standard)' },
      }));
    }),
  };
}
