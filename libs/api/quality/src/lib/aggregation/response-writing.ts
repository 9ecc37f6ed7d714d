import type { GoldScorer, TypeAggregator } from './types';

/**
 * Free text has no automatic aggregate: with two or more answers the aggregate is null, agreement 0,
 * confidence 0 and `details.needsReview` (the item goes to a reviewer). A single answer is its own
 * aggregate (handled by aggregateItem: agreement 1, confidence = the annotator's weight).
 */
export const aggregateResponseWriting: TypeAggregator<'response_writing'> = (
  _schema,
  _item,
  answers,
) => {
  if (answers.length === 1)
    return {
      aggregate: { text: answers[0].answer.text },
      confidence: 1,
      agreement: 1,
    };
  return {
    aggregate: null,
    confidence: 0,
    agreement: 0,
    details: { needsReview: true, answers: answers.length },
  };
};

/**
 * Written responses are not scorable against a gold text (any string similarity would reward
 * copying, not quality): always NaN, which callers must skip (Number.isNaN) rather than average.
 */
export const goldResponseWriting: GoldScorer<'response_writing'> = () =>
  Number.NaN;
