import type { EffectiveOwnerView, PercentRange } from './registry';

export const CONFLICT_ACTIONS = ['block', 'flag', 'allow'] as const;
export type ConflictAction = (typeof CONFLICT_ACTIONS)[number];

/** A lab's conflict policy (API.md). Thresholds in percent. */
export interface ConflictPolicy {
  /** Every other lab on the platform, or the registry entities the lab names. */
  competitors: 'all-labs' | string[];
  economicThreshold: number;
  votingThreshold: number;
  boardSeat: ConflictAction;
  agreements: ConflictAction;
  /** What an economic or voting finding does; control of the vendor always blocks. */
  onConflict: 'block' | 'flag';
}

export interface ConflictPolicyView extends ConflictPolicy {
  labOrgId: string;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Defaults a lab would pick (issue 3): every other lab, 10% / 10%, board interlock and control block, agreements flag. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = {
  competitors: 'all-labs',
  economicThreshold: 10,
  votingThreshold: 10,
  boardSeat: 'block',
  agreements: 'flag',
  onConflict: 'block',
};

export const CONFLICT_RULES = ['economic', 'voting', 'control', 'board', 'agreement'] as const;
export type ConflictRule = (typeof CONFLICT_RULES)[number];
export type ConflictSeverity = 'block' | 'flag';
export const CONFLICT_STATUSES = ['open', 'acknowledged', 'waived', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export interface ConflictEvidence {
  competitorEntityId: string;
  competitorName: string;
  /** `confirmed` when the lower bound crosses the threshold too; `potential` when only the upper bound does. */
  certainty: 'confirmed' | 'potential';
  threshold: number | null;
  economic: PercentRange | null;
  voting: PercentRange;
  controls: boolean;
  boardSeats: number;
  seats: EffectiveOwnerView['seats'];
  agreements: EffectiveOwnerView['agreements'];
  paths: EffectiveOwnerView['paths'];
  cyclic: boolean;
  /** Registry statements behind the finding. */
  interestIds: string[];
  policyVersion: number;
  asOf: string;
}

export interface WaiverView {
  id: string;
  justification: string;
  expiresAt: string;
  requestedBy: string;
  requestedAt: string;
  /** Block-severity waivers need a second person; until then the waiver is pending and the block stands. */
  approvedBy: string | null;
  approvedAt: string | null;
  status: 'pending' | 'active' | 'expired' | 'revoked';
}

export interface ConflictView {
  id: string;
  labOrgId: string;
  vendorOrgId: string;
  vendorName: string;
  labName: string;
  rule: ConflictRule;
  severity: ConflictSeverity;
  status: ConflictStatus;
  evidence: ConflictEvidence;
  detectedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  waiver: WaiverView | null;
}

export type NeutralityStatus = 'clear' | 'flagged' | 'blocked';

export interface VendorListItem {
  orgId: string;
  name: string;
  entityId: string;
  skills: string[];
  languages: string[];
  capacityPerHour: number | null;
  prices: Record<string, number>;
  quality: number | null;
  neutrality: { status: NeutralityStatus; conflicts: ConflictView[] };
}

export interface WaiveConflictRequest {
  justification: string;
  expiresAt: string;
}

export interface NeutralityMatrixCell {
  labOrgId: string;
  vendorOrgId: string;
  status: NeutralityStatus;
  openConflicts: number;
}

export interface NeutralityMatrix {
  labs: { orgId: string; name: string }[];
  vendors: { orgId: string; name: string }[];
  cells: NeutralityMatrixCell[];
  evaluatedAt: string | null;
}
