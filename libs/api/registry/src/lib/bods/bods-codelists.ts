/**
 * BODS 0.4 codelists that the importer checks, apart from `interestType` (which lives in
 * @quorum/contracts because the API validates it too). Source: openownership/data-standard,
 * schema/codelists/*.csv and the record schemas (reference/ownership.md §2).
 */

export const BODS_VERSION = '0.4';

export const BODS_RECORD_TYPES = ['entity', 'person', 'relationship'] as const;
export type BodsRecordType = (typeof BODS_RECORD_TYPES)[number];

export const BODS_RECORD_STATUSES = ['new', 'updated', 'closed'] as const;
export type BodsRecordStatus = (typeof BODS_RECORD_STATUSES)[number];

export const BODS_ENTITY_TYPES = [
  'registeredEntity',
  'legalEntity',
  'arrangement',
  'anonymousEntity',
  'unknownEntity',
  'state',
  'stateBody',
] as const;
export type BodsEntityType = (typeof BODS_ENTITY_TYPES)[number];

export const BODS_PERSON_TYPES = [
  'knownPerson',
  'anonymousPerson',
  'unknownPerson',
] as const;
export type BodsPersonType = (typeof BODS_PERSON_TYPES)[number];

export const BODS_DIRECT_OR_INDIRECT = [
  'direct',
  'indirect',
  'unknown',
] as const;

/** Reasons for an Unspecified Record (`interestedParty: { reason, description }`). */
export const BODS_UNSPECIFIED_REASONS = [
  'noBeneficialOwners',
  'subjectUnableToConfirmOrIdentifyBeneficialOwner',
  'interestedPartyHasNotProvidedInformation',
  'subjectExemptFromDisclosure',
  'interestedPartyExemptFromDisclosure',
  'unknown',
  'informationUnknownToPublisher',
] as const;

export const BODS_SOURCE_TYPES = [
  'selfDeclaration',
  'officialRegister',
  'thirdParty',
  'primaryResearch',
  'verified',
] as const;
export type BodsSourceType = (typeof BODS_SOURCE_TYPES)[number];

/**
 * BODS has no fund entity type. exportBods writes funds as `registeredEntity` with this
 * `entityType.details`, and the importer reads it back, so funds survive a round trip.
 */
export const FUND_ENTITY_TYPE_DETAILS = 'fund';

/** Narrowing `includes` for `as const` codelists. */
export function isCode<T extends string>(
  list: readonly T[],
  value: unknown,
): value is T {
  return (
    typeof value === 'string' && (list as readonly string[]).includes(value)
  );
}
