import type { TaskAnswers } from '@quorum/contracts';
import type { GoldScorer, TypeAggregator } from './types';
import { f1, meanOverPairs, moreThanHalf, unit } from './util';

type Span = TaskAnswers['ner']['spans'][number];

const spanKey = (s: Span): string => `${s.start}:${s.end}:${s.label}`;

/** The distinct exact spans of an answer, as keys "start:end:label". */
function spanKeys(answer: TaskAnswers['ner']): Set<string> {
  const keys = new Set<string>();
  for (const s of answer.spans) keys.add(spanKey(s));
  return keys;
}

/** F1 of two sets of exact-match spans; two empty sets agree (1). */
export function spanF1(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let matched = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) matched++;
  return f1(matched, a.size, b.size);
}

/**
 * Span-level majority: a span (start, end, label) is kept when annotators holding more than half of
 * the weight produced exactly it (with default weights: more than half of the annotators). Two kept
 * spans always share an annotator, so kept spans never overlap when every answer is valid (flat NER).
 *
 * agreement = mean pairwise F1 of exact-match spans (two empty answers agree with F1 = 1);
 * confidence = mean weight share of the kept spans, or — when nothing is kept — the weight share of
 * the annotators who marked no span at all (1 when every answer is empty).
 */
export const aggregateNer: TypeAggregator<'ner'> = (
  _schema,
  _item,
  answers,
  weights,
) => {
  const sets = answers.map((a) => spanKeys(a.answer));
  const support = new Map<string, { span: Span; weight: number }>();
  answers.forEach((a, i) => {
    const seen = new Set<string>();
    for (const s of a.answer.spans) {
      const k = spanKey(s);
      if (seen.has(k)) continue;
      seen.add(k);
      const entry = support.get(k);
      if (entry) entry.weight += weights.w[i];
      else
        support.set(k, {
          span: { start: s.start, end: s.end, label: s.label },
          weight: weights.w[i],
        });
    }
  });
  const total = weights.total;
  const kept = [...support.values()].filter((e) =>
    moreThanHalf(e.weight, total),
  );
  kept.sort(
    (x, y) =>
      x.span.start - y.span.start ||
      x.span.end - y.span.end ||
      (x.span.label < y.span.label ? -1 : x.span.label > y.span.label ? 1 : 0),
  );
  let confidence: number;
  if (kept.length > 0) {
    confidence = kept.reduce((s, e) => s + e.weight, 0) / kept.length / total;
  } else {
    let empty = 0;
    sets.forEach((s, i) => {
      if (s.size === 0) empty += weights.w[i];
    });
    confidence = empty / total;
  }
  const agreement = meanOverPairs(sets.length, (i, j) =>
    spanF1(sets[i], sets[j]),
  );
  const details: Record<string, unknown> = {
    candidateSpans: support.size,
    keptSpans: kept.length,
    support: kept.map((e) => e.weight / total),
  };
  if (weights.equalFallback) details['equalWeightsFallback'] = true;
  return {
    aggregate: { spans: kept.map((e) => e.span) },
    confidence: unit(confidence),
    agreement: unit(agreement),
    details,
  };
};

/** F1 of exact-match spans against the gold spans (both empty → 1). */
export const goldNer: GoldScorer<'ner'> = (_schema, _item, answer, gold) =>
  spanF1(spanKeys(answer), spanKeys(gold));
