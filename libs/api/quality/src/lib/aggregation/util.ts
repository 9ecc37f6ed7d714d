import type { TaskType } from '@quorum/contracts';
import type { AnswerRecord, Weights } from './types';

/**
 * Tolerance for comparing sums of weights: 0.1 + 0.2 and 0.3 are a tie, and "more than half" means
 * more than half by more than this (relative to the total).
 */
export const EPS = 1e-9;

/** Reliability weight of one record: undefined → 1, clamped to [0, 1], NaN → 0. */
export function recordWeight(weight: number | undefined): number {
  if (weight === undefined) return 1;
  if (!(weight > 0)) return 0; // also NaN
  return weight > 1 ? 1 : weight;
}

export function resolveWeights<T extends TaskType>(
  answers: readonly AnswerRecord<T>[],
): Weights {
  const w = new Float64Array(answers.length);
  let total = 0;
  for (let i = 0; i < answers.length; i++) {
    w[i] = recordWeight(answers[i].weight);
    total += w[i];
  }
  if (total > 0 || answers.length === 0)
    return { w, total, equalFallback: false };
  w.fill(1);
  return { w, total: answers.length, equalFallback: true };
}

/** True when `part` is more than half of `total` (with the {@link EPS} tolerance). */
export function moreThanHalf(part: number, total: number): boolean {
  return total > 0 && part / total > 0.5 + EPS;
}

/** Clamps to [0, 1]; NaN becomes 0. */
export function unit(x: number): number {
  if (!(x > 0)) return 0;
  return x > 1 ? 1 : x;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Mean of `f(i, j)` over all unordered pairs i < j of `n` answers; 1 when there are fewer than two
 * answers (nobody to disagree with).
 */
export function meanOverPairs(
  n: number,
  f: (i: number, j: number) => number,
): number {
  if (n < 2) return 1;
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += f(i, j);
  return sum / ((n * (n - 1)) / 2);
}

/**
 * Observed pairwise agreement on a categorical value: the share of unordered pairs of answers with
 * the same value, Σ c(c−1) / n(n−1) over the value counts c. O(n).
 */
export function pairwiseCategoricalAgreement(
  values: readonly (string | number)[],
): number {
  const n = values.length;
  if (n < 2) return 1;
  const counts = new Map<string | number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let same = 0;
  for (const c of counts.values()) same += c * (c - 1);
  return same / (n * (n - 1));
}

/** F1 of two sets given their sizes and the size of the match; two empty sets agree (F1 = 1). */
export function f1(matched: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 1 : (2 * matched) / (sizeA + sizeB);
}
