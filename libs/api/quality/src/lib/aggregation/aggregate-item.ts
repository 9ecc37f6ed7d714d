import type {
  TaskAnswers,
  TaskItemData,
  TaskSchemas,
  TaskType,
} from '@quorum/contracts';
import { aggregateBbox, goldBbox } from './bbox';
import { aggregateClassification, goldClassification } from './classification';
import { aggregateNer, goldNer } from './ner';
import {
  aggregatePairwisePreference,
  goldPairwisePreference,
} from './pairwise-preference';
import { aggregateRanking, goldRanking } from './ranking';
import { aggregateRating, goldRating } from './rating';
import {
  aggregateResponseWriting,
  goldResponseWriting,
} from './response-writing';
import type {
  AnswerRecord,
  GoldScorer,
  ItemAggregate,
  TypeAggregator,
} from './types';
import { recordWeight, resolveWeights, unit } from './util';

/** Adding a task type to the contracts fails compilation here until it has an aggregator. */
const AGGREGATORS: { readonly [T in TaskType]: TypeAggregator<T> } = {
  classification: aggregateClassification,
  ner: aggregateNer,
  bbox: aggregateBbox,
  pairwise_preference: aggregatePairwisePreference,
  ranking: aggregateRanking,
  rating: aggregateRating,
  response_writing: aggregateResponseWriting,
};

const GOLD_SCORERS: { readonly [T in TaskType]: GoldScorer<T> } = {
  classification: goldClassification,
  ner: goldNer,
  bbox: goldBbox,
  pairwise_preference: goldPairwisePreference,
  ranking: goldRanking,
  rating: goldRating,
  response_writing: goldResponseWriting,
};

/**
 * Aggregates one item's answers (assumed to have passed the answer validator for this schema and
 * item) into an answer-shaped aggregate with a confidence and the item's agreement. Pure and
 * deterministic: the same answers in the same order give the same result.
 *
 * - No answers: aggregate null, confidence 0, agreement 0.
 * - One answer: the aggregate is that answer as the type's aggregator normalises it (e.g. without
 *   the pairwise rationale); agreement 1 (nobody disagrees — a low overlap is the job's choice, not a
 *   disagreement); confidence = the annotator's weight (1 by default).
 * - Two or more: per task type, see the aggregators in this folder.
 */
export function aggregateItem<T extends TaskType>(
  taskType: T,
  schema: TaskSchemas[T],
  item: TaskItemData[T],
  answers: AnswerRecord<T>[],
): ItemAggregate<T> {
  if (answers.length === 0)
    return {
      aggregate: null,
      confidence: 0,
      agreement: 0,
      details: { answers: 0 },
    };
  const aggregator: TypeAggregator<T> = AGGREGATORS[taskType];
  const result = aggregator(schema, item, answers, resolveWeights(answers));
  if (answers.length === 1) {
    return {
      ...result,
      agreement: 1,
      confidence:
        result.aggregate === null ? 0 : recordWeight(answers[0].weight),
    };
  }
  return {
    ...result,
    confidence: result.aggregate === null ? 0 : unit(result.confidence),
    agreement: unit(result.agreement),
  };
}

/**
 * Scores an annotator's answer on a gold item, 0..1: classification exact match (multi-label:
 * Jaccard), ner exact-span F1, bbox F1 of the greedy IoU ≥ 0.5 matching, pairwise 1 when the choice
 * matches (0.5 when one of the two is a tie), ranking (τ + 1) / 2, rating 1 − mean normalised absolute
 * error. response_writing is not scorable and returns NaN: skip it, don't average it.
 */
export function goldScore<T extends TaskType>(
  taskType: T,
  schema: TaskSchemas[T],
  item: TaskItemData[T],
  answer: TaskAnswers[T],
  goldAnswer: TaskAnswers[T],
): number {
  const scorer: GoldScorer<T> = GOLD_SCORERS[taskType];
  return scorer(schema, item, answer, goldAnswer);
}
