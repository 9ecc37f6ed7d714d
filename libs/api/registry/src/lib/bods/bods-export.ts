import { createHash } from 'node:crypto';
import type { EntityIdentifier, InterestSource } from '@quorum/contracts';
import {
  BODS_VERSION,
  FUND_ENTITY_TYPE_DETAILS,
  type BodsEntityType,
} from './bods-codelists';
import {
  isCountableInterestType,
  normaliseShare,
  validateShare,
} from './bods-share';
import type {
  BodsAnnotationOut,
  BodsEntityStatementOut,
  BodsExportInput,
  BodsExportInterest,
  BodsExportParty,
  BodsIdentifierOut,
  BodsInterestOut,
  BodsPersonStatementOut,
  BodsPublicationDetailsOut,
  BodsRelationshipStatementOut,
  BodsSourceOut,
  BodsStatementOut,
} from './bods.types';
import {
  bodsDatePart,
  canonicalJson,
  compareStrings,
  isBodsDate,
  isBodsDateOrDateTime,
  isBodsDateTime,
} from './bods-values';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * statementId = SHA-256 of the statement's canonical JSON (64 hex characters, inside BODS' 32–64).
 * Equal input gives equal ids, so a re-export is byte-stable; any change of content (including
 * publicationDate) gives a new id, which keeps BODS' rule that a statement id is never
 * republished with different content.
 */
function statementIdFor(content: object): string {
  return sha256(canonicalJson(content));
}

/** org-id style scheme codes (GB-COH, XI-LEI, IRL-TAXID, LEI) go in `scheme`; free text in `schemeName`. */
const SCHEME_CODE_RE = /^[A-Z0-9]{2,}(-[A-Z0-9_]+)*$/;

function identifiersOut(
  identifiers: readonly EntityIdentifier[],
): BodsIdentifierOut[] | undefined {
  if (identifiers.length === 0) return undefined;
  return [...identifiers]
    .sort(
      (a, b) =>
        compareStrings(a.scheme, b.scheme) || compareStrings(a.id, b.id),
    )
    .map(({ scheme, id }) =>
      SCHEME_CODE_RE.test(scheme) ? { id, scheme } : { id, schemeName: scheme },
    );
}

function toBodsDate(value: string, what: string): string {
  if (isBodsDate(value)) return value;
  if (isBodsDateTime(value)) return bodsDatePart(value);
  throw new Error(`exportBods: ${what} ${JSON.stringify(value)} is not a date`);
}

function entityTypeFor(party: BodsExportParty): {
  type: BodsEntityType;
  details?: string;
} {
  switch (party.kind) {
    case 'company':
      return { type: 'registeredEntity' };
    case 'fund':
      // BODS has no fund type; the marker lets interpretBodsStatements restore the kind.
      return { type: 'registeredEntity', details: FUND_ENTITY_TYPE_DETAILS };
    case 'state':
      return { type: 'state' };
    case 'arrangement':
      return { type: 'arrangement' };
    case 'person':
      throw new Error('exportBods: a person is not an entity');
  }
}

function sourceFor(sources: readonly InterestSource[]): {
  source: BodsSourceOut;
  annotations?: BodsAnnotationOut[];
} {
  const descriptions = [
    ...new Set(
      sources.map((s) => s.description.trim()).filter((d) => d !== ''),
    ),
  ];
  const urls = [
    ...new Set(sources.flatMap((s) => (s.url ? [s.url] : []))),
  ].sort(compareStrings);
  const source: BodsSourceOut = { type: ['thirdParty'] };
  if (descriptions.length > 0) source.description = descriptions.join('; ');
  if (urls.length > 0) source.url = urls[0];
  // source has room for one URL; the others become linking annotations so no evidence is lost.
  const annotations = urls.slice(1).map(
    (url): BodsAnnotationOut => ({
      statementPointerTarget: '/',
      motivation: 'linking',
      url,
      description: 'Further source',
    }),
  );
  return annotations.length > 0 ? { source, annotations } : { source };
}

function interestOut(interest: BodsExportInterest): BodsInterestOut {
  const out: BodsInterestOut = {
    type: interest.type,
    directOrIndirect: interest.directOrIndirect,
  };
  if (interest.beneficialOwnershipOrControl !== undefined) {
    out.beneficialOwnershipOrControl = interest.beneficialOwnershipOrControl;
  }
  if (interest.share !== null && isCountableInterestType(interest.type)) {
    const problems = validateShare(interest.share, 'share');
    if (problems.length > 0) {
      throw new Error(
        `exportBods: interest ${interest.id} has an invalid share: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      );
    }
    const share = normaliseShare(interest.share);
    if (share !== null) out.share = share;
  }
  if (interest.startDate !== null)
    out.startDate = toBodsDate(
      interest.startDate,
      `interest ${interest.id} startDate`,
    );
  if (interest.endDate !== null)
    out.endDate = toBodsDate(
      interest.endDate,
      `interest ${interest.id} endDate`,
    );
  if (interest.details !== null && interest.details !== '')
    out.details = interest.details;
  return out;
}

function compareInterests(
  a: BodsExportInterest,
  b: BodsExportInterest,
): number {
  return (
    compareStrings(a.startDate ?? '', b.startDate ?? '') ||
    compareStrings(a.type, b.type) ||
    compareStrings(a.id, b.id)
  );
}

/**
 * Writes Quorum's registry as BODS 0.4 statements: one entity or person record per party (all of
 * them before any relationship, as BODS requires referenced records to come first), then one
 * relationship record per (interested party, subject) pair holding all of that pair's interests,
 * ended ones included with their endDate. It is a snapshot: every record is `new`.
 *
 * Output is deterministic: parties are sorted by id, relationships by party ids, interests by
 * startDate/type/id, so the same registry gives the same file whatever the row order.
 *
 * Throws on input that cannot be written as valid BODS (unknown party id, an interest whose subject
 * is a person, an invalid share or date, duplicate party ids): a partial export would mislead.
 */
export function exportBods(input: BodsExportInput): BodsStatementOut[] {
  if (!isBodsDateOrDateTime(input.publicationDate)) {
    throw new Error(
      `exportBods: publicationDate ${JSON.stringify(input.publicationDate)} is not a date or date-time`,
    );
  }
  const publicationDetails: BodsPublicationDetailsOut = {
    publicationDate: input.publicationDate,
    bodsVersion: BODS_VERSION,
    publisher: { name: input.publisher },
    ...(input.license ? { license: input.license } : {}),
  };
  // The registry declares its state as of publication, so that is each statement's date.
  const statementDate = bodsDatePart(input.publicationDate);
  const usedRecordIds = new Set<string>();

  const parties = [...input.parties].sort((a, b) => compareStrings(a.id, b.id));
  const partyById = new Map<
    string,
    { party: BodsExportParty; recordId: string }
  >();
  const statements: BodsStatementOut[] = [];

  for (const party of parties) {
    if (partyById.has(party.id))
      throw new Error(`exportBods: duplicate party id ${party.id}`);
    // A preferred recordId that is already taken falls back to the (unique) Quorum id.
    const preferred = party.recordId ?? party.id;
    const recordId = usedRecordIds.has(preferred) ? party.id : preferred;
    if (usedRecordIds.has(recordId))
      throw new Error(`exportBods: recordId ${recordId} is used twice`);
    usedRecordIds.add(recordId);
    partyById.set(party.id, { party, recordId });

    const envelope = {
      statementDate,
      recordId,
      recordStatus: 'new' as const,
      declarationSubject: recordId,
      publicationDetails,
      source: {
        type: ['thirdParty' as const],
        description: `Ownership registry of ${input.publisher}`,
      },
    };
    const identifiers = identifiersOut(party.identifiers);
    if (party.kind === 'person') {
      const content: Omit<BodsPersonStatementOut, 'statementId'> = {
        ...envelope,
        recordType: 'person',
        recordDetails: {
          isComponent: false,
          personType: 'knownPerson',
          names: [{ type: 'legal', fullName: party.name }],
          ...(identifiers ? { identifiers } : {}),
        },
      };
      statements.push({ statementId: statementIdFor(content), ...content });
    } else {
      const content: Omit<BodsEntityStatementOut, 'statementId'> = {
        ...envelope,
        recordType: 'entity',
        recordDetails: {
          isComponent: false,
          entityType: entityTypeFor(party),
          name: party.name,
          ...(identifiers ? { identifiers } : {}),
        },
      };
      statements.push({ statementId: statementIdFor(content), ...content });
    }
  }

  const groups = new Map<string, BodsExportInterest[]>();
  for (const interest of input.interests) {
    for (const partyId of [interest.interestedPartyId, interest.subjectId]) {
      if (!partyById.has(partyId))
        throw new Error(
          `exportBods: interest ${interest.id} refers to unknown party ${partyId}`,
        );
    }
    if (partyById.get(interest.subjectId)?.party.kind === 'person') {
      throw new Error(
        `exportBods: interest ${interest.id} has a person as subject; BODS subjects are entities`,
      );
    }
    const key = `${interest.interestedPartyId}\u0000${interest.subjectId}`;
    const group = groups.get(key);
    if (group) group.push(interest);
    else groups.set(key, [interest]);
  }

  for (const key of [...groups.keys()].sort(compareStrings)) {
    const interests = (groups.get(key) ?? []).sort(compareInterests);
    const { interestedPartyId, subjectId } = interests[0];
    const interestedParty =
      partyById.get(interestedPartyId)?.recordId ?? interestedPartyId;
    const subject = partyById.get(subjectId)?.recordId ?? subjectId;

    // Reuse the relationship recordId an interest was imported under, so records stay stable
    // across round trips; otherwise derive one from the pair.
    let recordId = interests
      .map((i) => i.recordId)
      .find((id): id is string => !!id && !usedRecordIds.has(id));
    if (recordId === undefined) {
      const base = `rel-${sha256(`${interestedParty}\u0000${subject}`).slice(0, 32)}`;
      recordId = base;
      for (let n = 2; usedRecordIds.has(recordId); n += 1)
        recordId = `${base}-${n}`;
    }
    usedRecordIds.add(recordId);

    const content: Omit<BodsRelationshipStatementOut, 'statementId'> = {
      statementDate,
      recordId,
      recordStatus: 'new',
      declarationSubject: subject,
      publicationDetails,
      ...sourceFor(interests.map((i) => i.source)),
      recordType: 'relationship',
      recordDetails: {
        isComponent: false,
        subject,
        interestedParty,
        interests: interests.map(interestOut),
      },
    };
    statements.push({ statementId: statementIdFor(content), ...content });
  }
  return statements;
}
