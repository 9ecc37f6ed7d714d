import type { GoldScorer, TypeAggregator } from './types';
import { unit } from './util';

export interface CriterionStats {
  /** Weighted mean (the aggregate is this, rounded). */
  mean: number;
  /** Population standard deviation of the scores (unweighted). */
  std: number;
  min: number;
  max: number;
  n: number;
}

/**
 * Per criterion: the weighted mean score, rounded to the nearest integer (halves round up, as
 * Math.round) so the aggregate is a valid answer; the exact mean and the spread (population std dev,
 * min, max, n) are in `details.criteria`.
 *
 * agreement = 1 − mean over criteria of std / ((max − min) / 2) of the scale (half the range is the
 * largest std a score on the scale can have), clamped to 0..1; confidence = agreement. Scores that are
 * not finite numbers are ignored; a criterion nobody scored makes the aggregate null (`needsReview`).
 */
export const aggregateRating: TypeAggregator<'rating'> = (
  schema,
  _item,
  answers,
  weights,
) => {
  const { min, max } = schema.scale;
  const halfRange = (max - min) / 2;
  const stats: Record<string, CriterionStats> = {};
  const scores: Record<string, number> = {};
  let spread = 0;
  let missing = false;
  for (const criterion of schema.criteria) {
    let wSum = 0;
    let wTotal = 0;
    let sum = 0;
    let sumSq = 0;
    let n = 0;
    let lo = Infinity;
    let hi = -Infinity;
    answers.forEach((r, i) => {
      const s = r.answer.scores[criterion];
      if (typeof s !== 'number' || !Number.isFinite(s)) return;
      wSum += s * weights.w[i];
      wTotal += weights.w[i];
      sum += s;
      n++;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    });
    if (n === 0) {
      missing = true;
      continue;
    }
    const plainMean = sum / n;
    answers.forEach((r) => {
      const s = r.answer.scores[criterion];
      if (typeof s === 'number' && Number.isFinite(s))
        sumSq += (s - plainMean) ** 2;
    });
    const mean = wTotal > 0 ? wSum / wTotal : plainMean;
    const std = Math.sqrt(sumSq / n);
    stats[criterion] = { mean, std, min: lo, max: hi, n };
    scores[criterion] = Math.min(max, Math.max(min, Math.round(mean)));
    spread += halfRange > 0 ? std / halfRange : 0;
  }
  const scored = Object.keys(stats).length;
  const agreement = scored > 0 ? unit(1 - spread / scored) : 0;
  const details: Record<string, unknown> = { criteria: stats };
  if (weights.equalFallback) details['equalWeightsFallback'] = true;
  if (missing) {
    details['needsReview'] = true;
    return { aggregate: null, confidence: 0, agreement, details };
  }
  return { aggregate: { scores }, confidence: agreement, agreement, details };
};

/** 1 − mean over criteria of |score − gold| / (max − min); criteria missing on either side are skipped. */
export const goldRating: GoldScorer<'rating'> = (
  schema,
  _item,
  answer,
  gold,
) => {
  const range = schema.scale.max - schema.scale.min;
  let err = 0;
  let n = 0;
  for (const c of schema.criteria) {
    const a = answer.scores[c];
    const g = gold.scores[c];
    if (typeof a !== 'number' || typeof g !== 'number') continue;
    err += range > 0 ? Math.min(1, Math.abs(a - g) / range) : a === g ? 0 : 1;
    n++;
  }
  return n === 0 ? 0 : 1 - err / n;
};
