import type {
  AgreementView,
  BoardSeatView,
  BodsShare,
  ConflictAction,
  ConflictEvidence,
  ConflictRule,
  ConflictSeverity,
  ConflictStatus,
  ConflictView,
  EntityKind,
  InterestType,
  NeutralityMatrix,
  NeutralityStatus,
  OwnershipPathStep,
  PercentRange,
  WaiverView,
} from '@quorum/contracts';

/** What a table shows for a value the API does not have (yet): never a made-up figure. */
export const NO_VALUE = '—';

/** A number with at most `maxDecimals` decimals and no trailing zeros: 49 → "49", 38.636 → "38.64". */
export function formatNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  const text = value.toFixed(maxDecimals).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** A percentage (0–100): "49%", "38.64%"; a positive figure too small to show is "<0.01%", not "0%". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return NO_VALUE;
  if (value > 0 && value < 0.005) return '<0.01%';
  return `${formatNumber(value)}%`;
}

/** `{min, max}` from the ownership engine: "49%" when exact, "15–21%" for a band, "—" when unknown. */
export function formatPercentRange(
  range: PercentRange | null | undefined,
): string {
  if (!range) return NO_VALUE;
  const min = formatPercent(range.min);
  const max = formatPercent(range.max);
  if (min === max) return min;
  return `${min.replace(/%$/, '')}–${max}`;
}

function isPercentRange(share: object): share is PercentRange {
  return 'min' in share && 'max' in share;
}

/**
 * A share as stated: a BODS share (`exact`, or inclusive/exclusive bounds) or an engine range.
 * Inclusive bands read "15–21%"; exclusive bounds are spelled out ("> 15% and ≤ 21%").
 */
export function formatShare(
  share: BodsShare | PercentRange | null | undefined,
): string {
  if (!share) return NO_VALUE;
  if (isPercentRange(share)) return formatPercentRange(share);
  if (share.exact !== undefined) return formatPercent(share.exact);
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = share;
  const hasLower = minimum !== undefined || exclusiveMinimum !== undefined;
  const hasUpper = maximum !== undefined || exclusiveMaximum !== undefined;
  if (minimum !== undefined && maximum !== undefined)
    return formatPercentRange({ min: minimum, max: maximum });
  const lower =
    minimum !== undefined
      ? `≥ ${formatPercent(minimum)}`
      : exclusiveMinimum !== undefined
        ? `> ${formatPercent(exclusiveMinimum)}`
        : '';
  const upper =
    maximum !== undefined
      ? `≤ ${formatPercent(maximum)}`
      : exclusiveMaximum !== undefined
        ? `< ${formatPercent(exclusiveMaximum)}`
        : '';
  if (hasLower && hasUpper) return `${lower} and ${upper}`;
  return lower || upper || NO_VALUE;
}

export const INTEREST_TYPE_LABELS: Record<InterestType, string> = {
  shareholding: 'Shareholding',
  votingRights: 'Voting rights',
  appointmentOfBoard: 'Appointment of board',
  otherInfluenceOrControl: 'Other influence or control',
  seniorManagingOfficial: 'Senior managing official',
  settlor: 'Settlor',
  trustee: 'Trustee',
  protector: 'Protector',
  beneficiaryOfLegalArrangement: 'Beneficiary of legal arrangement',
  rightsToSurplusAssetsOnDissolution: 'Rights to surplus assets on dissolution',
  rightsToProfitOrIncome: 'Rights to profit or income',
  rightsGrantedByContract: 'Rights granted by contract',
  conditionalRightsGrantedByContract: 'Conditional rights granted by contract',
  controlViaCompanyRulesOrArticles: 'Control via company rules or articles',
  controlByLegalFramework: 'Control by legal framework',
  boardMember: 'Board member',
  boardChair: 'Board chair',
  unknownInterest: 'Unknown interest',
  unpublishedInterest: 'Unpublished interest',
  enjoymentAndUseOfAssets: 'Enjoyment and use of assets',
  rightToProfitOrIncomeFromAssets: 'Right to profit or income from assets',
  nominee: 'Nominee',
  nominator: 'Nominator',
};

export function interestTypeLabel(type: string): string {
  return INTEREST_TYPE_LABELS[type as InterestType] ?? type;
}

export const CONFLICT_RULE_LABELS: Record<ConflictRule, string> = {
  economic: 'Economic interest',
  voting: 'Voting rights',
  control: 'Control',
  board: 'Board seat',
  agreement: 'Agreement',
};

export const CONFLICT_SEVERITY_LABELS: Record<ConflictSeverity, string> = {
  block: 'Block',
  flag: 'Flag',
};

export const CONFLICT_STATUS_LABELS: Record<ConflictStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  waived: 'Waived',
  resolved: 'Resolved',
};

export const NEUTRALITY_STATUS_LABELS: Record<NeutralityStatus, string> = {
  clear: 'Clear',
  flagged: 'Flagged',
  blocked: 'Blocked',
};

export const CONFLICT_ACTION_LABELS: Record<ConflictAction, string> = {
  block: 'Block',
  flag: 'Flag',
  allow: 'Allow',
};

export const ENTITY_KIND_LABELS: Record<EntityKind, string> = {
  company: 'Company',
  fund: 'Fund',
  person: 'Person',
  state: 'State body',
  arrangement: 'Arrangement',
};

export function entityKindLabel(kind: string): string {
  return ENTITY_KIND_LABELS[kind as EntityKind] ?? kind;
}

export const CERTAINTY_LABELS: Record<ConflictEvidence['certainty'], string> = {
  confirmed: 'Confirmed',
  potential: 'Potential',
};

export interface EvidenceFact {
  label: string;
  value: string;
}

function agreementText(a: AgreementView): string {
  return a.details
    ? `${interestTypeLabel(a.type)}: ${a.details}`
    : interestTypeLabel(a.type);
}

/** The figures behind a conflict, as label/value pairs a reader can scan (and a screen reader read). */
export function evidenceFacts(evidence: ConflictEvidence): EvidenceFact[] {
  const facts: EvidenceFact[] = [
    { label: 'Competitor', value: evidence.competitorName },
    {
      label: 'Economic interest',
      value:
        formatPercentRange(evidence.economic) +
        (evidence.cyclic && evidence.economic ? ' (through a cycle)' : ''),
    },
    {
      label: 'Voting rights',
      value:
        formatPercentRange(evidence.voting) +
        (evidence.controls ? ' (controls the vendor)' : ''),
    },
    { label: 'Board seats', value: String(evidence.boardSeats) },
    {
      label: 'Agreements',
      value: evidence.agreements.length
        ? evidence.agreements.map(agreementText).join('; ')
        : 'None',
    },
    { label: 'Certainty', value: CERTAINTY_LABELS[evidence.certainty] },
  ];
  if (evidence.threshold !== null)
    facts.push({
      label: 'Policy threshold',
      value: `≥ ${formatPercent(evidence.threshold)}`,
    });
  return facts;
}

/** One line about the latest waiver of a conflict. */
export function waiverSummary(waiver: WaiverView): string {
  const until = waiver.expiresAt.slice(0, 10);
  switch (waiver.status) {
    case 'pending':
      return `Waiver pending until a second person approves it (requested to last until ${until}); the block stands meanwhile.`;
    case 'active':
      return `Waived until ${until}.`;
    case 'expired':
      return `The waiver expired on ${until}.`;
    case 'revoked':
      return 'The waiver was revoked.';
  }
}

/** Actions the API accepts on a conflict, given who is looking (see neutrality.service). */
export interface ConflictActions {
  acknowledge: boolean;
  waive: boolean;
  approve: boolean;
}

export function conflictActions(
  conflict: ConflictView,
  viewer: { userId: string | null; canDecide: boolean },
): ConflictActions {
  if (!viewer.canDecide || conflict.status === 'resolved')
    return { acknowledge: false, waive: false, approve: false };
  const pending = conflict.waiver?.status === 'pending';
  return {
    acknowledge: conflict.status === 'open',
    waive:
      (conflict.status === 'open' || conflict.status === 'acknowledged') &&
      !pending,
    approve:
      pending &&
      viewer.userId !== null &&
      conflict.waiver?.requestedBy !== viewer.userId,
  };
}

/** "Helios Labs —[Shareholding 49%]→ Lattice Data", naming each node with `nameOf`. */
export function pathText(
  path: readonly OwnershipPathStep[],
  nameOf: (entityId: string) => string,
): string {
  if (!path.length) return NO_VALUE;
  let text = nameOf(path[0].from);
  for (const step of path) {
    const link = step.share
      ? `${interestTypeLabel(step.type)} ${formatPercentRange(step.share)}`
      : interestTypeLabel(step.type);
    text += ` —[${link}]→ ${nameOf(step.to)}`;
  }
  return text;
}

/** A matrix cell; `unknown` when the pair has not been evaluated yet. */
export type MatrixCellStatus = NeutralityStatus | 'unknown';

export interface MatrixCellView {
  labIndex: number;
  vendorIndex: number;
  labOrgId: string;
  vendorOrgId: string;
  labName: string;
  vendorName: string;
  status: MatrixCellStatus;
  openConflicts: number;
}

export const MATRIX_STATUS_LABELS: Record<MatrixCellStatus, string> = {
  ...NEUTRALITY_STATUS_LABELS,
  unknown: 'Not evaluated',
};

/** Every lab × vendor pair of the matrix, in row order, with the pairs the server has no decision for. */
export function matrixCells(matrix: NeutralityMatrix): MatrixCellView[] {
  const decided = new Map(
    matrix.cells.map((c) => [`${c.labOrgId}|${c.vendorOrgId}`, c]),
  );
  const cells: MatrixCellView[] = [];
  matrix.labs.forEach((lab, labIndex) =>
    matrix.vendors.forEach((vendor, vendorIndex) => {
      const cell = decided.get(`${lab.orgId}|${vendor.orgId}`);
      cells.push({
        labIndex,
        vendorIndex,
        labOrgId: lab.orgId,
        vendorOrgId: vendor.orgId,
        labName: lab.name,
        vendorName: vendor.name,
        status: cell?.status ?? 'unknown',
        openConflicts: cell?.openConflicts ?? 0,
      });
    }),
  );
  return cells;
}

/** "Board member, held by the Senior managing official of Helios Labs" (the interlock behind a seat). */
export function seatText(
  seat: BoardSeatView,
  nameOf: (entityId: string) => string,
): string {
  const role = interestTypeLabel(seat.role);
  if (!seat.via) return `${role}, held by a person in the competitor's group`;
  if (seat.via.entityId === seat.personId) return `${role}, held directly`;
  return `${role}, held by the ${interestTypeLabel(seat.via.type).toLowerCase()} of ${nameOf(seat.via.entityId)}`;
}
