import type { TaskAnswers } from '@quorum/contracts';
import type { GoldScorer, TypeAggregator } from './types';
import {
  EPS,
  meanOverPairs,
  moreThanHalf,
  pairwiseCategoricalAgreement,
  unit,
} from './util';

type ClassificationAnswer = TaskAnswers['classification'];

/** The labels of an answer in either shape (`{ label }` or `{ labels }`), without repeats. */
export function labelsOf(answer: ClassificationAnswer): string[] {
  if ('labels' in answer && Array.isArray(answer.labels))
    return [...new Set(answer.labels)];
  if ('label' in answer && typeof answer.label === 'string')
    return [answer.label];
  return [];
}

/** Jaccard similarity of two label sets; two empty sets are identical (1). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * Single label: weighted majority vote; ties (within {@link EPS}) go to the label that comes first in
 * `schema.labels`; confidence = the winner's share of the weight; agreement = observed pairwise
 * agreement (share of annotator pairs with the same label).
 *
 * Multi label (`schema.multiple`): a label is kept when it has more than half of the weight;
 * confidence = mean per-label margin |2·share − 1| over the labels anybody chose; agreement = mean
 * pairwise Jaccard of the label sets. A multi-label answer must name at least one label, so when no
 * label has a majority the aggregate falls back to the label with the most weight (first in the
 * schema on ties) and `details.fallback` is 'top-label'.
 *
 * Labels that are not in the schema are ignored (a validated answer has none).
 */
export const aggregateClassification: TypeAggregator<'classification'> = (
  schema,
  _item,
  answers,
  weights,
) => {
  const index = new Map(schema.labels.map((l, i) => [l, i]));
  const votes = new Float64Array(schema.labels.length);
  const sets = answers.map((a) =>
    labelsOf(a.answer).filter((l) => index.has(l)),
  );
  sets.forEach((labels, i) => {
    for (const l of labels) votes[index.get(l) as number] += weights.w[i];
  });
  const total = weights.total;
  const shares: Record<string, number> = {};
  schema.labels.forEach((l, i) => {
    if (votes[i] > 0) shares[l] = votes[i] / total;
  });
  let top = -1;
  for (let i = 0; i < votes.length; i++)
    if (votes[i] > 0 && (top < 0 || votes[i] > votes[top] + EPS * total))
      top = i;
  const details: Record<string, unknown> = { shares };
  if (weights.equalFallback) details['equalWeightsFallback'] = true;

  if (schema.multiple !== true) {
    const agreement = pairwiseCategoricalAgreement(
      sets.map((s) => (s.length === 1 ? s[0] : `\u0000${s.join('\u0000')}`)),
    );
    if (top < 0) return { aggregate: null, confidence: 0, agreement, details };
    return {
      aggregate: { label: schema.labels[top] },
      confidence: unit(votes[top] / total),
      agreement,
      details,
    };
  }

  const agreement = meanOverPairs(sets.length, (i, j) =>
    jaccard(sets[i], sets[j]),
  );
  const kept: string[] = [];
  let marginSum = 0;
  let chosen = 0;
  schema.labels.forEach((l, i) => {
    if (votes[i] <= 0) return;
    chosen++;
    marginSum += Math.abs((2 * votes[i]) / total - 1);
    if (moreThanHalf(votes[i], total)) kept.push(l);
  });
  if (top < 0) return { aggregate: null, confidence: 0, agreement, details };
  if (kept.length === 0) {
    kept.push(schema.labels[top]);
    details['fallback'] = 'top-label';
  }
  return {
    aggregate: { labels: kept },
    confidence: unit(marginSum / chosen),
    agreement,
    details,
  };
};

/** Single label: exact match (1 or 0). Multi label: Jaccard of the label sets. */
export const goldClassification: GoldScorer<'classification'> = (
  schema,
  _item,
  answer,
  gold,
) => {
  const a = labelsOf(answer);
  const g = labelsOf(gold);
  if (schema.multiple === true) return jaccard(a, g);
  return a.length === 1 && g.length === 1 && a[0] === g[0] ? 1 : 0;
};
