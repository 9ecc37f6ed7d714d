import type {
  TaskAnswers,
  TaskItemData,
  TaskSchemas,
  TaskType,
} from '@quorum/contracts';
import type { Problems } from './problems';

/**
 * Everything one task type knows about itself. Each validator reports into `p` at `path` and returns
 * the value (a fresh object built from validated fields) only when it found nothing wrong.
 */
export interface TaskTypeDefinition<T extends TaskType> {
  /** One sentence for docs and the UI. */
  readonly description: string;
  /** A valid schema, item and answer that belong together. */
  readonly example: {
    readonly schema: TaskSchemas[T];
    readonly item: TaskItemData[T];
    readonly answer: TaskAnswers[T];
  };
  schema(p: Problems, path: string, value: unknown): TaskSchemas[T] | undefined;
  /** `schema` has already passed `schema()`. */
  item(
    p: Problems,
    path: string,
    schema: TaskSchemas[T],
    value: unknown,
  ): TaskItemData[T] | undefined;
  /** `schema` and `item` have already passed validation. */
  answer(
    p: Problems,
    path: string,
    schema: TaskSchemas[T],
    item: TaskItemData[T],
    value: unknown,
  ): TaskAnswers[T] | undefined;
}
