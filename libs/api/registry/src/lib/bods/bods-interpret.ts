import type {
  BodsShare,
  DirectOrIndirect,
  EntityIdentifier,
  EntityKind,
} from '@quorum/contracts';
import { INTEREST_TYPES } from '@quorum/contracts';
import {
  BODS_DIRECT_OR_INDIRECT,
  BODS_ENTITY_TYPES,
  BODS_PERSON_TYPES,
  BODS_RECORD_STATUSES,
  BODS_RECORD_TYPES,
  BODS_UNSPECIFIED_REASONS,
  BODS_VERSION,
  FUND_ENTITY_TYPE_DETAILS,
  isCode,
  type BodsEntityType,
  type BodsRecordStatus,
  type BodsRecordType,
} from './bods-codelists';
import {
  isCountableInterestType,
  normaliseShare,
  validateShare,
} from './bods-share';
import type {
  BodsImportPlan,
  BodsInterest,
  BodsInterpretOptions,
  BodsOperation,
  BodsPartyOperation,
  BodsRelationshipOperation,
  BodsUnspecifiedParty,
} from './bods.types';
import {
  bodsDatePart,
  bodsInstant,
  describeValue,
  isBodsDate,
  isBodsDateOrDateTime,
  isRecord,
} from './bods-values';

/** What the importer remembers about a record while it reads the statements of its series. */
interface RecordSeries {
  recordType: BodsRecordType;
  /** Index of the latest statement; null for a record known from an earlier import. */
  lastIndex: number | null;
  lastInstant: number | null;
  closedAt: number | null;
  /** A relationship's subject and interested party, which must not change within the series. */
  endpoints: { subject: string; interestedParty: string | null } | null;
}

/** Problems (which reject the statement) and warnings gathered while reading one statement. */
interface StatementScope {
  index: number;
  problems: string[];
  warnings: string[];
}

interface Envelope {
  statementId: string;
  statementDate: string;
  recordId: string;
  recordType: BodsRecordType;
  declaredStatus: BodsRecordStatus | undefined;
  details: Record<string, unknown>;
}

type EnvelopeFields = Pick<
  BodsPartyOperation,
  | 'index'
  | 'statementId'
  | 'statementDate'
  | 'recordId'
  | 'recordStatus'
  | 'closed'
>;

const STATEMENT_ID_MIN = 32;
const STATEMENT_ID_MAX = 64;

function withArticle(recordType: BodsRecordType): string {
  return recordType === 'entity' ? 'an entity' : `a ${recordType}`;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function readEnvelope(
  raw: unknown,
  scope: StatementScope,
  statementIds: Map<string, number>,
): Envelope | null {
  if (!isRecord(raw)) {
    scope.problems.push(
      `a statement must be a JSON object, got ${describeValue(raw)}`,
    );
    return null;
  }

  const statementId = raw['statementId'];
  if (typeof statementId !== 'string' || statementId === '') {
    scope.problems.push('missing statementId');
  } else {
    if (
      statementId.length < STATEMENT_ID_MIN ||
      statementId.length > STATEMENT_ID_MAX
    ) {
      scope.problems.push(
        `statementId must be ${STATEMENT_ID_MIN}–${STATEMENT_ID_MAX} characters (got ${statementId.length})`,
      );
    }
    const firstUse = statementIds.get(statementId);
    if (firstUse !== undefined) {
      scope.problems.push(
        `duplicate statementId "${statementId}" (first used at index ${firstUse}); statements are immutable`,
      );
    } else {
      statementIds.set(statementId, scope.index);
    }
  }

  const statementDate = raw['statementDate'];
  if (statementDate === undefined) {
    scope.problems.push('missing statementDate');
  } else if (!isBodsDateOrDateTime(statementDate)) {
    scope.problems.push(
      `statementDate ${describeValue(statementDate)} is not a YYYY-MM-DD date or an RFC 3339 date-time`,
    );
  }

  const recordId = nonEmptyString(raw['recordId']);
  if (recordId === null) scope.problems.push('missing recordId');

  const recordType = raw['recordType'];
  if (recordType === undefined) {
    scope.problems.push('missing recordType');
  } else if (!isCode(BODS_RECORD_TYPES, recordType)) {
    scope.problems.push(
      `unknown recordType ${describeValue(recordType)} (expected entity, person or relationship)`,
    );
  }

  const recordStatus = raw['recordStatus'];
  if (
    recordStatus !== undefined &&
    !isCode(BODS_RECORD_STATUSES, recordStatus)
  ) {
    scope.problems.push(
      `unknown recordStatus ${describeValue(recordStatus)} (expected new, updated or closed)`,
    );
  }

  const publication = raw['publicationDetails'];
  if (
    isRecord(publication) &&
    publication['bodsVersion'] !== undefined &&
    publication['bodsVersion'] !== BODS_VERSION
  ) {
    // 0.4 renamed and re-keyed most fields (recordId, recordType, relationship subjects), so an
    // older statement cannot be read as 0.4; a file must not mix versions either.
    scope.problems.push(
      `publicationDetails.bodsVersion ${describeValue(publication['bodsVersion'])} is not supported (expected "${BODS_VERSION}")`,
    );
  }

  if (raw['declarationSubject'] === undefined) {
    scope.warnings.push(
      'missing declarationSubject (required by BODS 0.4; not needed to import)',
    );
  }

  const details = raw['recordDetails'];
  if (!isRecord(details)) scope.problems.push('missing recordDetails object');

  if (
    scope.problems.length > 0 ||
    typeof statementId !== 'string' ||
    !isBodsDateOrDateTime(statementDate) ||
    recordId === null ||
    !isCode(BODS_RECORD_TYPES, recordType) ||
    !isRecord(details)
  ) {
    return null;
  }
  return {
    statementId,
    statementDate,
    recordId,
    recordType,
    declaredStatus: isCode(BODS_RECORD_STATUSES, recordStatus)
      ? recordStatus
      : undefined,
    details,
  };
}

/** Record-series rules (lib-cove-bods): `new` first, `closed` last, one recordType, date order. */
function checkSeries(
  envelope: Envelope,
  prior: RecordSeries | undefined,
  scope: StatementScope,
): BodsRecordStatus {
  const { recordId } = envelope;
  const status = envelope.declaredStatus ?? (prior ? 'updated' : 'new');
  if (!prior) {
    if (status !== 'new') {
      scope.problems.push(
        `${status} before new: record "${recordId}" has no earlier statement with recordStatus "new"`,
      );
    }
    return status;
  }
  const where =
    prior.lastIndex === null
      ? 'already in the registry'
      : `at index ${prior.lastIndex}`;
  if (prior.recordType !== envelope.recordType) {
    scope.problems.push(
      `recordId "${recordId}" is ${withArticle(prior.recordType)} record (${where}), not ${envelope.recordType}; a record keeps one recordType`,
    );
  }
  if (prior.closedAt !== null) {
    scope.problems.push(
      `record "${recordId}" was closed at index ${prior.closedAt}; a closed recordId must not be reused`,
    );
  } else if (status === 'new') {
    scope.problems.push(
      `recordStatus "new" but record "${recordId}" exists (${where}); later statements must be "updated" or "closed"`,
    );
  }
  if (
    prior.lastInstant !== null &&
    bodsInstant(envelope.statementDate) < prior.lastInstant
  ) {
    scope.problems.push(
      `statementDate ${envelope.statementDate} is earlier than the previous statement of record "${recordId}" (index ${prior.lastIndex}); a record's statements must be in date order`,
    );
  }
  return status;
}

/**
 * Identifiers become `{scheme, id}`. BODS allows `schemeName` without a `scheme` code (tecido.json
 * does this); the name then stands in for the scheme, since EntityIdentifier has one scheme field.
 */
function readIdentifiers(
  value: unknown,
  scope: StatementScope,
): EntityIdentifier[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    scope.warnings.push('recordDetails.identifiers is not an array; ignored');
    return [];
  }
  const identifiers: EntityIdentifier[] = [];
  const seen = new Set<string>();
  value.forEach((item: unknown, i) => {
    const path = `recordDetails.identifiers[${i}]`;
    if (!isRecord(item)) {
      scope.warnings.push(`${path} is not an object; ignored`);
      return;
    }
    const id = nonEmptyString(item['id']);
    const scheme =
      nonEmptyString(item['scheme']) ?? nonEmptyString(item['schemeName']);
    if (id === null || scheme === null) {
      scope.warnings.push(
        `${path} has no ${id === null ? 'id' : 'scheme or schemeName'}; ignored`,
      );
      return;
    }
    const key = `${scheme}\u0000${id}`;
    if (seen.has(key)) return;
    seen.add(key);
    identifiers.push({ scheme, id });
  });
  return identifiers;
}

/**
 * BODS entity types → Quorum kinds. Registered and legal entities cannot be told apart from funds
 * (BODS has no fund type), so they are companies unless `entityType.details` carries the marker
 * exportBods writes for funds. Anonymous and unknown entities are companies with a warning.
 */
function entityKindFor(type: BodsEntityType, typeDetails: unknown): EntityKind {
  switch (type) {
    case 'registeredEntity':
    case 'legalEntity':
      return typeof typeDetails === 'string' &&
        typeDetails.trim().toLowerCase() === FUND_ENTITY_TYPE_DETAILS
        ? 'fund'
        : 'company';
    case 'arrangement':
      return 'arrangement';
    case 'state':
    case 'stateBody':
      return 'state';
    case 'anonymousEntity':
    case 'unknownEntity':
      return 'company';
  }
}

function readIsComponent(
  details: Record<string, unknown>,
  scope: StatementScope,
): boolean {
  const value = details['isComponent'];
  if (typeof value === 'boolean') return value;
  scope.warnings.push(
    'recordDetails.isComponent is missing or not a boolean; assumed false',
  );
  return false;
}

function readEntity(
  envelope: Envelope,
  fields: EnvelopeFields,
  scope: StatementScope,
): BodsPartyOperation | null {
  const { details } = envelope;
  const entityType = details['entityType'];
  const type = isRecord(entityType) ? entityType['type'] : undefined;
  if (type === undefined) {
    scope.problems.push('an entity record needs recordDetails.entityType.type');
    return null;
  }
  if (!isCode(BODS_ENTITY_TYPES, type)) {
    scope.problems.push(
      `unknown entityType.type ${describeValue(type)} (expected one of ${BODS_ENTITY_TYPES.join(', ')})`,
    );
    return null;
  }
  const kind = entityKindFor(
    type,
    isRecord(entityType) ? entityType['details'] : undefined,
  );
  if (type === 'anonymousEntity' || type === 'unknownEntity') {
    scope.warnings.push(
      `entityType "${type}" imported as a company whose identity is not disclosed`,
    );
  }

  let name = nonEmptyString(details['name']);
  if (name === null) {
    const unspecified = details['unspecifiedEntityDetails'];
    name =
      (isRecord(unspecified)
        ? nonEmptyString(unspecified['description'])
        : null) ?? `Unnamed ${type} (record ${envelope.recordId})`;
    scope.warnings.push(`entity has no name; named "${name}"`);
  }

  return {
    op: 'upsertParty',
    ...fields,
    recordType: 'entity',
    kind,
    name,
    identifiers: readIdentifiers(details['identifiers'], scope),
    isComponent: readIsComponent(details, scope),
  };
}

function readPerson(
  envelope: Envelope,
  fields: EnvelopeFields,
  scope: StatementScope,
): BodsPartyOperation {
  const { details } = envelope;
  const personType = details['personType'];
  if (personType !== undefined && !isCode(BODS_PERSON_TYPES, personType)) {
    scope.warnings.push(`unknown personType ${describeValue(personType)}`);
  }

  // names[0] is the primary (legal) name; fall back to its parts when fullName is missing.
  const names = details['names'];
  const first: unknown = Array.isArray(names) ? names[0] : undefined;
  let name: string | null = null;
  if (isRecord(first)) {
    name =
      nonEmptyString(first['fullName']) ??
      nonEmptyString(
        [first['givenName'], first['familyName']]
          .filter((part) => typeof part === 'string')
          .join(' '),
      );
  }
  if (name === null) {
    name = `Unnamed person (record ${envelope.recordId})`;
    scope.warnings.push(`person has no names[0].fullName; named "${name}"`);
  }

  return {
    op: 'upsertParty',
    ...fields,
    recordType: 'person',
    kind: 'person',
    name,
    identifiers: readIdentifiers(details['identifiers'], scope),
    isComponent: readIsComponent(details, scope),
  };
}

/** A subject or interested party must name a record declared earlier (in this input or the store). */
function resolveReference(
  role: 'subject' | 'interestedParty',
  recordId: string,
  records: ReadonlyMap<string, RecordSeries>,
  status: BodsRecordStatus,
  scope: StatementScope,
): RecordSeries | null {
  const target = records.get(recordId);
  const expected =
    role === 'subject' ? 'an entity record' : 'an entity or person record';
  if (!target) {
    scope.problems.push(
      `${role} "${recordId}" is not the recordId of ${expected} earlier in the input`,
    );
    return null;
  }
  if (
    role === 'subject'
      ? target.recordType !== 'entity'
      : target.recordType === 'relationship'
  ) {
    scope.problems.push(
      `${role} "${recordId}" is ${withArticle(target.recordType)} record; it must be ${expected}`,
    );
    return null;
  }
  // A closing relationship may name parties closed just before it (fermcat.json does).
  if (target.closedAt !== null && status !== 'closed') {
    scope.warnings.push(
      `${role} "${recordId}" was closed at index ${target.closedAt}`,
    );
  }
  return target;
}

function readDate(
  value: unknown,
  path: string,
  scope: StatementScope,
): string | null {
  if (value === undefined || value === null) return null;
  if (!isBodsDate(value)) {
    scope.problems.push(
      `${path} ${describeValue(value)} is not a YYYY-MM-DD date`,
    );
    return null;
  }
  return value;
}

function readInterest(
  value: unknown,
  path: string,
  scope: StatementScope,
): BodsInterest | null {
  if (!isRecord(value)) {
    scope.warnings.push(`${path} is not an object; skipped`);
    return null;
  }
  const type = value['type'];
  if (type === undefined) {
    // Several upstream examples carry component interests with no type; they say nothing usable.
    scope.warnings.push(`${path} has no type; interest skipped`);
    return null;
  }
  if (!isCode(INTEREST_TYPES, type)) {
    scope.problems.push(
      `${path}.type ${describeValue(type)} is not a BODS 0.4 interest type`,
    );
    return null;
  }

  const directOrIndirectRaw = value['directOrIndirect'];
  let directOrIndirect: DirectOrIndirect = 'unknown';
  if (isCode(BODS_DIRECT_OR_INDIRECT, directOrIndirectRaw)) {
    directOrIndirect = directOrIndirectRaw;
  } else if (directOrIndirectRaw !== undefined) {
    scope.problems.push(
      `${path}.directOrIndirect ${describeValue(directOrIndirectRaw)} is not direct, indirect or unknown`,
    );
  }

  let share: BodsShare | null = null;
  const rawShare = value['share'];
  if (rawShare !== undefined && rawShare !== null) {
    const shareProblems = validateShare(rawShare, `${path}.share`);
    if (shareProblems.length > 0) {
      scope.problems.push(
        ...shareProblems.map((p) => `${p.path}: ${p.message}`),
      );
    } else {
      share = normaliseShare(rawShare);
      if (share !== null && !isCountableInterestType(type)) {
        scope.warnings.push(
          `${path}: share ignored on non-countable interest type "${type}"`,
        );
        share = null;
      }
    }
  }

  const startDate = readDate(value['startDate'], `${path}.startDate`, scope);
  const endDate = readDate(value['endDate'], `${path}.endDate`, scope);
  if (startDate !== null && endDate !== null && startDate > endDate) {
    scope.problems.push(
      `${path}: startDate ${startDate} is after endDate ${endDate}`,
    );
  }

  const details = value['details'];
  const bo = value['beneficialOwnershipOrControl'];
  return {
    type,
    share,
    directOrIndirect,
    startDate,
    endDate,
    details: typeof details === 'string' && details !== '' ? details : null,
    beneficialOwnershipOrControl: bo === true,
  };
}

function readUnspecifiedParty(
  value: Record<string, unknown>,
  scope: StatementScope,
): BodsUnspecifiedParty | null {
  const reason = nonEmptyString(value['reason']);
  if (reason === null) {
    scope.problems.push(
      'interestedParty must be a recordId or an unspecified record with a reason',
    );
    return null;
  }
  if (!isCode(BODS_UNSPECIFIED_REASONS, reason)) {
    scope.warnings.push(
      `interestedParty.reason "${reason}" is not in the BODS 0.4 codelist; kept as given`,
    );
  }
  return { reason, description: nonEmptyString(value['description']) };
}

function readRelationship(
  envelope: Envelope,
  fields: EnvelopeFields,
  prior: RecordSeries | undefined,
  records: ReadonlyMap<string, RecordSeries>,
  scope: StatementScope,
): BodsRelationshipOperation | null {
  const { details } = envelope;
  const status = fields.recordStatus;

  const subjectRaw = details['subject'];
  const subjectRecordId = nonEmptyString(subjectRaw);
  if (isRecord(subjectRaw)) {
    scope.problems.push(
      `relationship subject is unspecified (reason ${describeValue(subjectRaw['reason'])}); an interest needs a known subject entity`,
    );
  } else if (subjectRecordId === null) {
    scope.problems.push('missing recordDetails.subject');
  } else {
    resolveReference('subject', subjectRecordId, records, status, scope);
  }

  const partyRaw = details['interestedParty'];
  const interestedPartyRecordId = nonEmptyString(partyRaw);
  let unspecifiedInterestedParty: BodsUnspecifiedParty | null = null;
  let interestedParty: RecordSeries | null = null;
  if (isRecord(partyRaw)) {
    unspecifiedInterestedParty = readUnspecifiedParty(partyRaw, scope);
  } else if (interestedPartyRecordId === null) {
    scope.problems.push('missing recordDetails.interestedParty');
  } else {
    interestedParty = resolveReference(
      'interestedParty',
      interestedPartyRecordId,
      records,
      status,
      scope,
    );
  }

  // 0.4: when the subject or interested party changes, the old record is closed and a new one opened.
  if (prior?.endpoints && subjectRecordId !== null) {
    const before = prior.endpoints;
    if (
      before.subject !== subjectRecordId ||
      before.interestedParty !== interestedPartyRecordId
    ) {
      scope.problems.push(
        `relationship "${envelope.recordId}" changes its subject or interested party (was ${before.interestedParty ?? 'unspecified'} → ${before.subject}); close it and open a new relationship record`,
      );
    }
  }

  const componentRecordIds: string[] = [];
  const components = details['componentRecords'];
  if (Array.isArray(components)) {
    for (const component of components) {
      if (typeof component !== 'string') continue;
      componentRecordIds.push(component);
      // Components must precede their primary record; a missing one leaves the chain incomplete.
      if (!records.has(component)) {
        scope.warnings.push(
          `componentRecords: "${component}" is not a record earlier in the input`,
        );
      }
    }
  }

  const interests: BodsInterest[] = [];
  const rawInterests = details['interests'];
  if (rawInterests !== undefined && !Array.isArray(rawInterests)) {
    scope.problems.push('recordDetails.interests must be an array');
  } else {
    (rawInterests ?? []).forEach((raw: unknown, i: number) => {
      const interest = readInterest(raw, `interests[${i}]`, scope);
      if (interest) interests.push(interest);
    });
  }

  if (fields.closed) {
    // A closed relationship has ended; upstream tecido.json closes one without endDate, so the
    // statement date (when the source declared the end) is the best available end.
    const statementDay = bodsDatePart(envelope.statementDate);
    const open = interests.filter((interest) => interest.endDate === null);
    for (const interest of open) {
      interest.endDate =
        interest.startDate !== null && interest.startDate > statementDay
          ? interest.startDate
          : statementDay;
    }
    if (open.length > 0) {
      scope.warnings.push(
        `relationship closed without endDate on ${open.length} interest(s); endDate set to the statementDate ${statementDay}`,
      );
    }
  }

  if (
    interestedParty?.recordType === 'entity' &&
    interests.some((interest) => interest.beneficialOwnershipOrControl)
  ) {
    scope.warnings.push(
      'beneficialOwnershipOrControl is true but the interested party is an entity, not a natural person',
    );
  }
  if (interests.length === 0 && scope.problems.length === 0) {
    scope.warnings.push('relationship has no usable interests');
  }

  if (subjectRecordId === null) return null;
  return {
    op: 'upsertRelationship',
    ...fields,
    subjectRecordId,
    interestedPartyRecordId,
    unspecifiedInterestedParty,
    isComponent: readIsComponent(details, scope),
    componentRecordIds,
    interests,
  };
}

/**
 * Validates and normalises BODS 0.4 statements into import operations, one result per statement
 * in input order. Statements are read in order, as the standard requires: a relationship may only
 * name records declared before it, and each record series runs `new` → `updated`* → `closed`.
 * Each accepted statement is the full state of its record at its statementDate (not a delta).
 * A rejected statement does not stop the others; it simply does not exist for later statements.
 */
export function interpretBodsStatements(
  statements: readonly unknown[],
  options: BodsInterpretOptions = {},
): BodsImportPlan {
  const records = new Map<string, RecordSeries>();
  for (const [recordId, recordType] of options.knownRecords ?? []) {
    records.set(recordId, {
      recordType,
      lastIndex: null,
      lastInstant: null,
      closedAt: null,
      endpoints: null,
    });
  }
  const statementIds = new Map<string, number>();
  const plan: BodsImportPlan = {
    results: [],
    operations: [],
    errors: [],
    warnings: [],
  };

  statements.forEach((raw, position) => {
    const index = options.indexes?.[position] ?? position;
    const scope: StatementScope = { index, problems: [], warnings: [] };
    let operation: BodsOperation | null = null;
    const envelope = readEnvelope(raw, scope, statementIds);
    const prior = envelope ? records.get(envelope.recordId) : undefined;

    if (envelope) {
      const recordStatus = checkSeries(envelope, prior, scope);
      const fields: EnvelopeFields = {
        index,
        statementId: envelope.statementId,
        statementDate: envelope.statementDate,
        recordId: envelope.recordId,
        recordStatus,
        closed: recordStatus === 'closed',
      };
      switch (envelope.recordType) {
        case 'entity':
          operation = readEntity(envelope, fields, scope);
          break;
        case 'person':
          operation = readPerson(envelope, fields, scope);
          break;
        case 'relationship':
          operation = readRelationship(envelope, fields, prior, records, scope);
          break;
      }
    }

    if (operation === null || scope.problems.length > 0) {
      const statementId =
        isRecord(raw) && typeof raw['statementId'] === 'string'
          ? raw['statementId']
          : null;
      const message = scope.problems.join('; ');
      plan.results.push({ op: 'reject', index, statementId, message });
      plan.errors.push({ index, message });
      return;
    }

    plan.results.push(operation);
    plan.operations.push(operation);
    plan.warnings.push(
      ...scope.warnings.map((message) => ({ index, message })),
    );
    records.set(operation.recordId, {
      recordType:
        operation.op === 'upsertParty' ? operation.recordType : 'relationship',
      lastIndex: index,
      lastInstant: bodsInstant(operation.statementDate),
      closedAt: operation.closed ? index : null,
      endpoints:
        operation.op === 'upsertRelationship'
          ? {
              subject: operation.subjectRecordId,
              interestedParty: operation.interestedPartyRecordId,
            }
          : null,
    });
  });
  return plan;
}
