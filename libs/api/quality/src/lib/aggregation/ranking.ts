import type { GoldScorer, TypeAggregator } from './types';
import { EPS, meanOverPairs, unit } from './util';

/**
 * Kendall's tau-a between two orders of the same items (each a permutation, best first):
 * (concordant − discordant) / (n(n−1)/2), in −1..1. 1 for fewer than two items. O(n²), n ≤ 20 here.
 * Throws a RangeError when the two orders do not rank the same distinct items.
 */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const posB = new Map<number, number>();
  b.forEach((x, i) => posB.set(x, i));
  if (b.length !== n || posB.size !== n || new Set(a).size !== n)
    throw new RangeError(
      'kendallTau: both orders must rank the same distinct items',
    );
  const pb = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = posB.get(a[i]);
    if (p === undefined)
      throw new RangeError(
        'kendallTau: both orders must rank the same distinct items',
      );
    pb[i] = p;
  }
  if (n < 2) return 1;
  // a's positions are 0..n-1 in order, so a pair is concordant when b keeps it in the same order.
  let score = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) score += pb[i] < pb[j] ? 1 : -1;
  return score / ((n * (n - 1)) / 2);
}

/** True when `order` is a permutation of 0..k-1. */
export function isPermutation(order: readonly number[], k: number): boolean {
  if (order.length !== k) return false;
  const seen = new Uint8Array(k);
  for (const x of order) {
    if (!Number.isInteger(x) || x < 0 || x >= k || seen[x]) return false;
    seen[x] = 1;
  }
  return true;
}

/**
 * Borda count: with K responses an annotator's first gets K−1 points, the next K−2, …, the last 0,
 * times the annotator's weight. The aggregate order sorts responses by score, ties to the lowest
 * response index.
 *
 * confidence = the Borda margin between the first and the second of the aggregate order, per unit of
 * weight, capped at 1: 1 when every annotator puts the winner directly above the runner-up or better,
 * 0 on a tie at the top (for K = 2 it is |share(a first) − share(b first)|).
 * agreement = mean pairwise Kendall tau mapped to 0..1, (τ + 1) / 2.
 * Orders that are not permutations of the item's responses are ignored (`details.ignored`).
 */
export const aggregateRanking: TypeAggregator<'ranking'> = (
  _schema,
  item,
  answers,
  weights,
) => {
  const k = item.responses.length;
  const scores = new Float64Array(k);
  const valid: number[][] = [];
  let weight = 0;
  let ignored = 0;
  answers.forEach((r, i) => {
    const order = r.answer.order;
    if (!isPermutation(order, k)) {
      ignored++;
      return;
    }
    valid.push(order);
    weight += weights.w[i];
    order.forEach((resp, pos) => {
      scores[resp] += (k - 1 - pos) * weights.w[i];
    });
  });
  const details: Record<string, unknown> = { borda: Array.from(scores) };
  if (weights.equalFallback) details['equalWeightsFallback'] = true;
  if (ignored > 0) details['ignored'] = ignored;
  if (valid.length === 0)
    return { aggregate: null, confidence: 0, agreement: 0, details };
  const tol = EPS * (weight > 0 ? weight : 1) * k;
  const order = Array.from({ length: k }, (_, i) => i).sort((p, q) =>
    Math.abs(scores[q] - scores[p]) > tol ? scores[q] - scores[p] : p - q,
  );
  const margin =
    k >= 2 && weight > 0 ? (scores[order[0]] - scores[order[1]]) / weight : 1;
  const agreement = meanOverPairs(
    valid.length,
    (i, j) => (kendallTau(valid[i], valid[j]) + 1) / 2,
  );
  details['meanTau'] = agreement * 2 - 1;
  return {
    aggregate: { order },
    confidence: unit(margin),
    agreement: unit(agreement),
    details,
  };
};

/** (τ + 1) / 2 between the answer's order and the gold order; 0 when they are not comparable. */
export const goldRanking: GoldScorer<'ranking'> = (
  _schema,
  _item,
  answer,
  gold,
) => {
  if (answer.order.length !== gold.order.length) return 0;
  try {
    return (kendallTau(answer.order, gold.order) + 1) / 2;
  } catch {
    return 0;
  }
};
