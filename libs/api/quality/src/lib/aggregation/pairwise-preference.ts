import type { TaskAnswers } from '@quorum/contracts';
import type { GoldScorer, TypeAggregator } from './types';
import { EPS, pairwiseCategoricalAgreement, unit } from './util';

type Preference = TaskAnswers['pairwise_preference'];
type Choice = Preference['choice'];

export interface ChoiceVotes {
  a: number;
  b: number;
  tie: number;
}

/**
 * The majority of weighted a / b / tie votes: "tie" when the tie votes are at least as heavy as
 * both a and b (tie wins, or shares the lead), or when a and b weigh the same; otherwise the
 * heavier of a and b. Null when there are no votes, or when the result is "tie" but the job does
 * not allow ties (a split that needs a human).
 */
export function decideChoice(v: ChoiceVotes, allowTie: boolean): Choice | null {
  const total = v.a + v.b + v.tie;
  if (!(total > 0)) return null;
  const tol = EPS * total;
  let choice: Choice;
  if (v.tie > 0 && v.tie + tol >= Math.max(v.a, v.b)) choice = 'tie';
  else if (Math.abs(v.a - v.b) <= tol) choice = 'tie';
  else choice = v.a > v.b ? 'a' : 'b';
  return choice === 'tie' && !allowTie ? null : choice;
}

const share = (v: ChoiceVotes, c: Choice) => {
  const total = v.a + v.b + v.tie;
  return total > 0 ? v[c] / total : 0;
};

/**
 * Preference share. choice = weighted majority (see {@link decideChoice}); strength = the rounded
 * weighted mean strength of the votes for the winning side that carry one (omitted for a tie or when
 * none does); criteria = per-criterion majority by the same rule when the schema has criteria — a
 * criterion split evenly in a job without ties takes the overall choice (`details.criteriaFallback`);
 * the rationale is free text and is never aggregated.
 *
 * confidence = the weight share of the votes for the aggregate choice (so 0 for a tie that nobody
 * chose, i.e. a split between a and b); agreement = observed pairwise agreement on the choice.
 * An overall split (a = b) in a job without ties gives a null aggregate with `details.needsReview`.
 */
export const aggregatePairwisePreference: TypeAggregator<
  'pairwise_preference'
> = (schema, _item, answers, weights) => {
  const allowTie = schema.allowTie === true;
  const votes: ChoiceVotes = { a: 0, b: 0, tie: 0 };
  answers.forEach((r, i) => {
    votes[r.answer.choice] += weights.w[i];
  });
  const agreement = pairwiseCategoricalAgreement(
    answers.map((r) => r.answer.choice),
  );
  const total = votes.a + votes.b + votes.tie;
  const details: Record<string, unknown> = {
    shares: { a: votes.a / total, b: votes.b / total, tie: votes.tie / total },
  };
  if (weights.equalFallback) details['equalWeightsFallback'] = true;
  const choice = decideChoice(votes, allowTie);
  if (choice === null) {
    details['needsReview'] = true;
    return { aggregate: null, confidence: 0, agreement, details };
  }
  const aggregate: Preference = { choice };

  if (choice !== 'tie') {
    let sum = 0;
    let weight = 0;
    let plain = 0;
    let count = 0;
    answers.forEach((r, i) => {
      const s = r.answer.strength;
      if (r.answer.choice !== choice || s === undefined) return;
      sum += s * weights.w[i];
      weight += weights.w[i];
      plain += s;
      count++;
    });
    if (count > 0) {
      const mean = weight > 0 ? sum / weight : plain / count;
      const rounded = Math.min(3, Math.max(1, Math.round(mean)));
      aggregate.strength = rounded as 1 | 2 | 3;
    }
  }

  if (schema.criteria !== undefined) {
    const criteria: Record<string, Choice> = {};
    const criteriaShares: Record<string, ChoiceVotes> = {};
    const fallback: string[] = [];
    for (const criterion of schema.criteria) {
      const cv: ChoiceVotes = { a: 0, b: 0, tie: 0 };
      answers.forEach((r, i) => {
        const c = r.answer.criteria?.[criterion];
        if (c === 'a' || c === 'b' || c === 'tie') cv[c] += weights.w[i];
      });
      const ct = cv.a + cv.b + cv.tie;
      criteriaShares[criterion] =
        ct > 0 ? { a: cv.a / ct, b: cv.b / ct, tie: cv.tie / ct } : cv;
      const decided = decideChoice(cv, allowTie);
      if (decided === null) fallback.push(criterion);
      criteria[criterion] = decided ?? choice;
    }
    aggregate.criteria = criteria;
    details['criteriaShares'] = criteriaShares;
    if (fallback.length > 0) details['criteriaFallback'] = fallback;
  }

  return {
    aggregate,
    confidence: unit(share(votes, choice)),
    agreement,
    details,
  };
};

/** 1 when the choice matches the gold choice, 0.5 when exactly one of them is a tie, else 0. */
export const goldPairwisePreference: GoldScorer<'pairwise_preference'> = (
  _schema,
  _item,
  answer,
  gold,
) => {
  if (answer.choice === gold.choice) return 1;
  return answer.choice === 'tie' || gold.choice === 'tie' ? 0.5 : 0;
};
