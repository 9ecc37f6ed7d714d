/** BODS 0.4 `interestType` codelist (schema/codelists/interestType.csv). */
export const INTEREST_TYPES = [
  'shareholding',
  'votingRights',
  'appointmentOfBoard',
  'otherInfluenceOrControl',
  'seniorManagingOfficial',
  'settlor',
  'trustee',
  'protector',
  'beneficiaryOfLegalArrangement',
  'rightsToSurplusAssetsOnDissolution',
  'rightsToProfitOrIncome',
  'rightsGrantedByContract',
  'conditionalRightsGrantedByContract',
  'controlViaCompanyRulesOrArticles',
  'controlByLegalFramework',
  'boardMember',
  'boardChair',
  'unknownInterest',
  'unpublishedInterest',
  'enjoymentAndUseOfAssets',
  'rightToProfitOrIncomeFromAssets',
  'nominee',
  'nominator',
] as const;
export type InterestType = (typeof INTEREST_TYPES)[number];

/** How an interest propagates in the ownership computation (reference/ownership.md §2.3, §3.1). */
export type InterestCategory = 'economic' | 'voting' | 'board' | 'contract' | 'arrangement' | 'unknown';

export const INTEREST_CATEGORY: Record<InterestType, InterestCategory> = {
  shareholding: 'economic',
  rightsToProfitOrIncome: 'economic',
  rightsToSurplusAssetsOnDissolution: 'economic',
  rightToProfitOrIncomeFromAssets: 'economic',
  enjoymentAndUseOfAssets: 'economic',
  votingRights: 'voting',
  appointmentOfBoard: 'voting',
  controlViaCompanyRulesOrArticles: 'voting',
  controlByLegalFramework: 'voting',
  otherInfluenceOrControl: 'voting',
  boardMember: 'board',
  boardChair: 'board',
  seniorManagingOfficial: 'board',
  rightsGrantedByContract: 'contract',
  conditionalRightsGrantedByContract: 'contract',
  settlor: 'arrangement',
  trustee: 'arrangement',
  protector: 'arrangement',
  beneficiaryOfLegalArrangement: 'arrangement',
  nominee: 'arrangement',
  nominator: 'arrangement',
  unknownInterest: 'unknown',
  unpublishedInterest: 'unknown',
};

/** Interest types whose `share` means something; a share on any other type is ignored. */
export const COUNTABLE_INTEREST_TYPES: readonly InterestType[] = [
  'shareholding',
  'votingRights',
  'rightsToProfitOrIncome',
  'rightsToSurplusAssetsOnDissolution',
  'rightToProfitOrIncomeFromAssets',
  'enjoymentAndUseOfAssets',
];

/** BODS share object, in percent (0–100): `exact`, or a band with inclusive or exclusive bounds. */
export interface BodsShare {
  exact?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

export const ENTITY_KINDS = ['company', 'fund', 'person', 'state', 'arrangement'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityIdentifier {
  scheme: string;
  id: string;
}

export interface EntityView {
  id: string;
  name: string;
  kind: EntityKind;
  identifiers: EntityIdentifier[];
  orgId: string | null;
  createdAt: string;
}

export type DirectOrIndirect = 'direct' | 'indirect' | 'unknown';

export interface InterestSource {
  description: string;
  url?: string;
}

export interface InterestView {
  id: string;
  interestedPartyId: string;
  subjectId: string;
  type: InterestType;
  share: BodsShare | null;
  directOrIndirect: DirectOrIndirect;
  startDate: string | null;
  endDate: string | null;
  details: string | null;
  source: InterestSource & { recordedBy: string | null };
  createdAt: string;
}

/** A {min, max} pair in percent. `min` = `max` when every share behind it is exact. */
export interface PercentRange {
  min: number;
  max: number;
}

export interface OwnershipPathStep {
  from: string;
  to: string;
  type: InterestType;
  share: PercentRange | null;
  interestId: string;
}

export interface AgreementView {
  interestId: string;
  from: string;
  to: string;
  type: InterestType;
  details: string | null;
}

export interface BoardSeatView {
  personId: string;
  role: InterestType;
  /** The statement that ties the person to the party (officer, board member, or the party itself). */
  via: { interestId: string; entityId: string; type: InterestType } | null;
}

export interface EffectiveOwnerView {
  entityId: string;
  name: string;
  kind: EntityKind;
  /**
   * Integrated economic interest. Null when the party has no economic path of its own but controls
   * someone who has one (its figure is then unknown, not zero: e.g. a state over its ministry).
   */
  economic: PercentRange | null;
  voting: PercentRange;
  controls: boolean;
  boardSeats: number;
  seats: BoardSeatView[];
  agreements: AgreementView[];
  paths: OwnershipPathStep[][];
  /** True when a cycle lies on one of the economic paths (the figure then exceeds the simple-path sum). */
  cyclic: boolean;
}
