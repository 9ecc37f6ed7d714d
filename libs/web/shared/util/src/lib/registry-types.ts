import type {
  BodsShare,
  DirectOrIndirect,
  EntityIdentifier,
  EntityKind,
  InterestType,
} from '@quorum/contracts';

// Request and answer shapes of the registry routes that @quorum/contracts does not export yet
// (the server's CreateEntityDto, RecordInterestDto and BodsImportResult).

export interface CreateEntityRequest {
  name: string;
  kind: EntityKind;
  identifiers?: EntityIdentifier[];
}

export interface RecordInterestRequest {
  interestedPartyId: string;
  subjectId: string;
  type: InterestType;
  share?: BodsShare;
  directOrIndirect?: DirectOrIndirect;
  startDate?: string;
  endDate?: string;
  details?: string;
  source: { description: string; url?: string };
}

export interface BodsIssue {
  /** Index of the statement in the document (-1: the document as a whole). */
  index: number;
  message: string;
}

export interface BodsImportResult {
  imported: number;
  skipped: number;
  errors: BodsIssue[];
  warnings?: BodsIssue[];
  entitiesCreated?: number;
  interestsRecorded?: number;
}
