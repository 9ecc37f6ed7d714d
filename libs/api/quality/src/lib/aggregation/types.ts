import type {
  TaskAnswers,
  TaskItemData,
  TaskSchemas,
  TaskType,
} from '@quorum/contracts';

/** One annotator's answer to one item. */
export interface AnswerRecord<T extends TaskType> {
  annotatorId: string;
  answer: TaskAnswers[T];
  /**
   * Annotator reliability in 0..1 (default 1). Used for the aggregate and the confidence (weighted
   * votes / shares); never for `agreement`, which describes the raw answers. Values above 1 are
   * clamped to 1, negative or NaN values count as 0. When every weight of an item is 0 the item is
   * aggregated with equal weights (`details.equalWeightsFallback`).
   */
  weight?: number;
}

/** The aggregate of one item's answers. */
export interface ItemAggregate<T extends TaskType> {
  /** In the answer shape of the task type (it passes the answer validator), or null when none can be formed. */
  aggregate: TaskAnswers[T] | null;
  /** 0..1, how strongly the (weighted) answers support the aggregate; 0 when the aggregate is null. */
  confidence: number;
  /** 0..1, observed agreement among the answers of this item (unweighted). */
  agreement: number;
  details?: Record<string, unknown>;
}

/** Effective weights of an item's answers (see {@link AnswerRecord.weight}). */
export interface Weights {
  /** One weight per answer, in answer order. */
  readonly w: Float64Array;
  readonly total: number;
  /** True when every given weight was 0 and equal weights were used instead. */
  readonly equalFallback: boolean;
}

/** Aggregation of one task type, for two or more answers (one answer is handled by the caller too). */
export type TypeAggregator<T extends TaskType> = (
  schema: TaskSchemas[T],
  item: TaskItemData[T],
  answers: readonly AnswerRecord<T>[],
  weights: Weights,
) => ItemAggregate<T>;

/** Score of one answer against a gold answer, 0..1 (NaN when the type is not scorable). */
export type GoldScorer<T extends TaskType> = (
  schema: TaskSchemas[T],
  item: TaskItemData[T],
  answer: TaskAnswers[T],
  gold: TaskAnswers[T],
) => number;
