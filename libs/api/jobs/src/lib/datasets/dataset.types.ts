import type {
  TaskAnswers,
  TaskItemData,
  TaskSchemas,
  TaskType,
} from '@quorum/contracts';

/** One line of `POST /jobs/{id}/items` (without `answer`) or `POST /jobs/{id}/gold` (with it). */
export interface DatasetItem<T extends TaskType> {
  externalId: string;
  data: TaskItemData[T];
  /** The dataset's own label, in the task type's answer shape: usable as a gold answer. */
  answer?: TaskAnswers[T];
}

/** What every converter returns: enough for a seed to create a job and upload items and gold. */
export interface ConvertedDataset<T extends TaskType> {
  taskType: T;
  schema: TaskSchemas[T];
  items: DatasetItem<T>[];
  /** Records skipped or altered, and caveats of the source a person should read before use. */
  warnings: string[];
  /** Set when the content must not be shown without a warning (red-team data). */
  contentWarning?: string;
}

/** Input that cannot be this dataset at all (wrong header, not JSON). Per-record problems are warnings. */
export class DatasetFormatError extends Error {
  constructor(
    readonly dataset: string,
    message: string,
  ) {
    super(`${dataset}: ${message}`);
    this.name = 'DatasetFormatError';
  }
}
