import type {
  BodsShare,
  DirectOrIndirect,
  EntityIdentifier,
  EntityKind,
  InterestSource,
  InterestType,
} from '@quorum/contracts';
import type {
  BodsEntityType,
  BodsPersonType,
  BodsRecordStatus,
  BodsRecordType,
  BodsSourceType,
} from './bods-codelists';

/** A problem tied to one input statement. `index` is the statement's position in the input. */
export interface BodsIssue {
  index: number;
  message: string;
}

/** Index used for problems with the document as a whole (e.g. a JSON array that does not parse). */
export const BODS_DOCUMENT_INDEX = -1;

// ---------------------------------------------------------------------------------------------
// Import plan: what one statement means, normalised to Quorum's registry model.
// ---------------------------------------------------------------------------------------------

/** An entity or person record, in its state as of this statement (statements are full state). */
export interface BodsPartyOperation {
  op: 'upsertParty';
  index: number;
  statementId: string;
  statementDate: string;
  recordId: string;
  recordType: 'entity' | 'person';
  /** Declared status, or inferred (`new` for a first statement, `updated` after) when absent. */
  recordStatus: BodsRecordStatus;
  kind: EntityKind;
  name: string;
  identifiers: EntityIdentifier[];
  isComponent: boolean;
  /** The record was removed from the ownership network (`recordStatus: closed`). */
  closed: boolean;
}

/** One interest of a relationship, normalised. */
export interface BodsInterest {
  type: InterestType;
  /** Null when absent, empty, or on a non-countable interest type (see COUNTABLE_INTEREST_TYPES). */
  share: BodsShare | null;
  directOrIndirect: DirectOrIndirect;
  startDate: string | null;
  endDate: string | null;
  details: string | null;
  beneficialOwnershipOrControl: boolean;
}

/** An interested party that the publisher could not or would not name. */
export interface BodsUnspecifiedParty {
  reason: string;
  description: string | null;
}

/**
 * A relationship record in its state as of this statement. An `updated` statement *replaces*
 * every interest previously held under the same recordId; it is not a delta.
 */
export interface BodsRelationshipOperation {
  op: 'upsertRelationship';
  index: number;
  statementId: string;
  statementDate: string;
  recordId: string;
  recordStatus: BodsRecordStatus;
  closed: boolean;
  subjectRecordId: string;
  /** Null when the interested party is an Unspecified Record; see `unspecifiedInterestedParty`. */
  interestedPartyRecordId: string | null;
  unspecifiedInterestedParty: BodsUnspecifiedParty | null;
  isComponent: boolean;
  componentRecordIds: string[];
  interests: BodsInterest[];
}

/** A statement that was not imported; `message` lists every problem found in it. */
export interface BodsStatementRejection {
  op: 'reject';
  index: number;
  statementId: string | null;
  message: string;
}

export type BodsOperation = BodsPartyOperation | BodsRelationshipOperation;
export type BodsStatementResult = BodsOperation | BodsStatementRejection;

export interface BodsImportPlan {
  /** One entry per input statement, in input order. */
  results: BodsStatementResult[];
  /** `results` without the rejections: apply these in order. */
  operations: BodsOperation[];
  /** One entry per rejected statement (same index and message as its rejection). */
  errors: BodsIssue[];
  /** Things that were imported after a repair or with data dropped; never block a statement. */
  warnings: BodsIssue[];
}

export interface BodsInterpretOptions {
  /**
   * Index to report for each statement (parallel to the `statements` array). Defaults to the
   * position in the array; parseBodsInput supplies line numbers for JSON Lines.
   */
  indexes?: readonly number[];
  /**
   * Records already in the store from earlier imports (recordId → recordType). They count as
   * earlier records, so an incremental file may update them or point relationships at them.
   */
  knownRecords?: ReadonlyMap<string, BodsRecordType>;
}

// ---------------------------------------------------------------------------------------------
// Wire shapes of the statements that exportBods writes (a subset of BODS 0.4).
// ---------------------------------------------------------------------------------------------

export interface BodsIdentifierOut {
  id: string;
  scheme?: string;
  schemeName?: string;
}

export interface BodsPublicationDetailsOut {
  publicationDate: string;
  bodsVersion: '0.4';
  publisher: { name: string };
  license?: string;
}

export interface BodsSourceOut {
  type: BodsSourceType[];
  description?: string;
  url?: string;
}

export interface BodsAnnotationOut {
  statementPointerTarget: string;
  motivation: 'linking';
  url: string;
  description?: string;
}

interface BodsStatementEnvelopeOut {
  statementId: string;
  statementDate: string;
  recordId: string;
  recordStatus: BodsRecordStatus;
  declarationSubject: string;
  publicationDetails: BodsPublicationDetailsOut;
  source: BodsSourceOut;
  annotations?: BodsAnnotationOut[];
}

export interface BodsEntityStatementOut extends BodsStatementEnvelopeOut {
  recordType: 'entity';
  recordDetails: {
    isComponent: boolean;
    entityType: { type: BodsEntityType; details?: string };
    name: string;
    identifiers?: BodsIdentifierOut[];
  };
}

export interface BodsPersonStatementOut extends BodsStatementEnvelopeOut {
  recordType: 'person';
  recordDetails: {
    isComponent: boolean;
    personType: BodsPersonType;
    names: { type: 'legal'; fullName: string }[];
    identifiers?: BodsIdentifierOut[];
  };
}

export interface BodsInterestOut {
  type: InterestType;
  directOrIndirect: DirectOrIndirect;
  beneficialOwnershipOrControl?: boolean;
  share?: BodsShare;
  startDate?: string;
  endDate?: string;
  details?: string;
}

export interface BodsRelationshipStatementOut extends BodsStatementEnvelopeOut {
  recordType: 'relationship';
  recordDetails: {
    isComponent: boolean;
    subject: string;
    interestedParty: string;
    interests: BodsInterestOut[];
  };
}

export type BodsStatementOut =
  | BodsEntityStatementOut
  | BodsPersonStatementOut
  | BodsRelationshipStatementOut;

// ---------------------------------------------------------------------------------------------
// Export input: Quorum registry rows (EntityView / InterestView minus the bookkeeping fields).
// ---------------------------------------------------------------------------------------------

export interface BodsExportParty {
  id: string;
  /** BODS recordId to publish under; defaults to `id`. Keep it stable across exports. */
  recordId?: string;
  kind: EntityKind;
  name: string;
  identifiers: EntityIdentifier[];
}

export interface BodsExportInterest {
  id: string;
  /** recordId of the relationship this interest came from (e.g. on import); reused when present. */
  recordId?: string;
  interestedPartyId: string;
  subjectId: string;
  type: InterestType;
  share: BodsShare | null;
  directOrIndirect: DirectOrIndirect;
  startDate: string | null;
  endDate: string | null;
  details: string | null;
  /** Only written when known: Quorum does not itself assert beneficial ownership. */
  beneficialOwnershipOrControl?: boolean;
  source: InterestSource;
}

export interface BodsExportInput {
  parties: readonly BodsExportParty[];
  interests: readonly BodsExportInterest[];
  publisher: string;
  /** `YYYY-MM-DD` or an RFC 3339 date-time. Part of every statement, hence of every statementId. */
  publicationDate: string;
  /** Licence URL for publicationDetails.license. */
  license?: string;
}
