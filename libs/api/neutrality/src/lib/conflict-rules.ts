import type { ConflictAction, ConflictEvidence, ConflictPolicy, ConflictRule, ConflictSeverity, EffectiveOwnerView } from '@quorum/contracts';

/** One rule that fires for a (lab, vendor, competitor). */
export interface Finding {
  rule: ConflictRule;
  severity: ConflictSeverity;
  competitorEntityId: string;
  evidence: ConflictEvidence;
}

export interface RuleInput {
  policy: ConflictPolicy;
  policyVersion: number;
  /** The lab's competitors (registry entity ids), already expanded from 'all-labs'. */
  competitorIds: ReadonlySet<string>;
  /** effectiveOwners of the vendor's entity. */
  owners: readonly EffectiveOwnerView[];
  asOf: string;
}

const severityOf = (action: ConflictAction): ConflictSeverity | null => (action === 'allow' ? null : action);

function interestIdsOf(owner: EffectiveOwnerView): string[] {
  const ids = new Set<string>();
  for (const path of owner.paths) for (const step of path) ids.add(step.interestId);
  for (const seat of owner.seats) if (seat.via) ids.add(seat.via.interestId);
  for (const agreement of owner.agreements) ids.add(agreement.interestId);
  return [...ids];
}

/**
 * The conflict rules of a lab's policy applied to one vendor's owners (reference/ownership.md §4):
 * economic interest and voting share against thresholds (screened on the upper bound, `confirmed`
 * when the lower bound crosses too), control of the vendor (always blocks), board seats held by
 * people tied to the competitor, and contractual privileges. Pure and deterministic.
 */
export function evaluateConflictRules(input: RuleInput): Finding[] {
  const { policy } = input;
  const findings: Finding[] = [];
  for (const owner of input.owners) {
    if (!input.competitorIds.has(owner.entityId)) continue;
    const base = (threshold: number | null, certainty: ConflictEvidence['certainty']): ConflictEvidence => ({
      competitorEntityId: owner.entityId,
      competitorName: owner.name,
      certainty,
      threshold,
      economic: owner.economic,
      voting: owner.voting,
      controls: owner.controls,
      boardSeats: owner.boardSeats,
      seats: owner.seats,
      agreements: owner.agreements,
      paths: owner.paths,
      cyclic: owner.cyclic,
      interestIds: interestIdsOf(owner),
      policyVersion: input.policyVersion,
      asOf: input.asOf,
    });
    const push = (rule: ConflictRule, severity: ConflictSeverity | null, evidence: ConflictEvidence) => {
      if (severity) findings.push({ rule, severity, competitorEntityId: owner.entityId, evidence });
    };

    if (owner.economic && owner.economic.max >= policy.economicThreshold && owner.economic.max > 0) {
      push('economic', policy.onConflict, base(policy.economicThreshold, owner.economic.min >= policy.economicThreshold ? 'confirmed' : 'potential'));
    }
    if (owner.controls) {
      push('control', 'block', base(50, owner.voting.min > 50 ? 'confirmed' : 'potential'));
    } else if (owner.voting.max >= policy.votingThreshold && owner.voting.max > 0) {
      push('voting', policy.onConflict, base(policy.votingThreshold, owner.voting.min >= policy.votingThreshold ? 'confirmed' : 'potential'));
    }
    if (owner.boardSeats > 0) push('board', severityOf(policy.boardSeat), base(null, 'confirmed'));
    if (owner.agreements.length > 0) push('agreement', severityOf(policy.agreements), base(null, 'confirmed'));
  }
  return findings;
}

/** The routing decision for a (lab, vendor) from its live conflicts. Waived conflicts no longer count. */
export function neutralityStatusOf(conflicts: readonly { severity: ConflictSeverity; status: string }[]): 'clear' | 'flagged' | 'blocked' {
  const live = conflicts.filter((c) => c.status === 'open' || c.status === 'acknowledged');
  if (live.some((c) => c.severity === 'block')) return 'blocked';
  if (live.length) return 'flagged';
  return 'clear';
}
