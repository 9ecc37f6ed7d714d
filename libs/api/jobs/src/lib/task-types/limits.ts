/**
 * Hard limits for task schemas, item data and answers. One place so the API docs, the import and the
 * annotation UI can quote the same numbers.
 *
 * Every length is counted in UTF-16 code units (JavaScript `string.length`), the same unit as NER
 * offsets and a browser's `maxlength`, so the server, the UI and span offsets never disagree.
 */
export const TASK_LIMITS = {
  /** Labels in a classification / ner / bbox schema. */
  maxLabels: 1000,
  maxLabelLength: 200,
  /** Criteria in a pairwise / ranking / rating schema. */
  maxCriteria: 50,
  maxCriterionLength: 200,
  /** Item text, prompt and each candidate response; also the ceiling for response_writing maxLength. */
  maxTextLength: 100_000,
  /** Guard on a written answer before trimming (schema bounds apply to the trimmed text). */
  maxWrittenTextLength: 200_000,
  maxUrlLength: 2048,
  /** Pixels; bounds width/height and, when the item gives no size, box coordinates. */
  maxImageDimension: 100_000,
  maxBoxes: 1000,
  maxSpans: 10_000,
  minRankingResponses: 2,
  maxRankingResponses: 20,
  maxRationaleLength: 10_000,
  /** rating scale: max - min. */
  maxScaleSteps: 100,
  /** Problems listed per validation; the rest are summarised in one trailing problem. */
  maxProblems: 50,
} as const;
