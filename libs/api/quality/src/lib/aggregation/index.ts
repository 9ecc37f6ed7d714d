export type { AnswerRecord, ItemAggregate } from './types';
export { aggregateItem, goldScore } from './aggregate-item';
export { EPS, recordWeight } from './util';
export { jaccard, labelsOf } from './classification';
export { spanF1 } from './ner';
export {
  boxF1,
  clusterBoxes,
  iou,
  IOU_THRESHOLD,
  matchBoxes,
  medianBox,
  type Rect,
} from './bbox';
export { decideChoice, type ChoiceVotes } from './pairwise-preference';
export { isPermutation, kendallTau } from './ranking';
export type { CriterionStats } from './rating';
export {
  dawidSkene,
  type DawidSkeneOptions,
  type DawidSkeneResult,
  type LabelObservation,
} from './dawid-skene';
export {
  fleissKappa,
  fleissKappaFromCounts,
  krippendorffAlpha,
  type AlphaValue,
  type KrippendorffOptions,
} from './agreement-stats';
export {
  bradleyTerry,
  bradleyTerryFit,
  type BradleyTerryFit,
  type BradleyTerryOptions,
  type Comparison,
} from './bradley-terry';
