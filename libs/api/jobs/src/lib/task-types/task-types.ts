import {
  TASK_TYPES,
  type TaskAnswers,
  type TaskItemData,
  type TaskSchema,
  type TaskSchemas,
  type TaskType,
} from '@quorum/contracts';
import { bbox } from './bbox';
import { classification } from './classification';
import { ner } from './ner';
import { pairwisePreference } from './pairwise-preference';
import {
  describe,
  type FieldProblem,
  type Invalid,
  Problems,
} from './problems';
import { ranking } from './ranking';
import { rating } from './rating';
import { responseWriting } from './response-writing';
import type { TaskTypeDefinition } from './task-type-definition';

/** The registry: adding a task type to contracts fails compilation here until it has a definition. */
const DEFINITIONS: { readonly [T in TaskType]: TaskTypeDefinition<T> } = {
  classification,
  ner,
  bbox,
  pairwise_preference: pairwisePreference,
  ranking,
  rating,
  response_writing: responseWriting,
};

function definitionOf<T extends TaskType>(taskType: T): TaskTypeDefinition<T> {
  return DEFINITIONS[taskType];
}

export function isTaskType(value: unknown): value is TaskType {
  return (
    typeof value === 'string' &&
    (TASK_TYPES as readonly string[]).includes(value)
  );
}

export type TaskSchemaResult<T extends TaskType = TaskType> =
  | { ok: true; schema: TaskSchemas[T] }
  | Invalid;
export type ItemDataResult<T extends TaskType = TaskType> =
  | { ok: true; data: TaskItemData[T] }
  | Invalid;
export type AnswerResult<T extends TaskType = TaskType> =
  | { ok: true; answer: TaskAnswers[T] }
  | Invalid;

/**
 * A schema checked once, for validating many items and answers (an import of a million lines, the
 * answers of one job) without re-checking the schema every time.
 */
export interface TaskValidator<T extends TaskType = TaskType> {
  readonly taskType: T;
  readonly schema: TaskSchemas[T];
  /** Paths start with `data`. */
  validateItemData(data: unknown): ItemDataResult<T>;
  /** `item` is the item's data (paths `data.…` if it is broken); answer paths start with `answer`. */
  validateAnswer(item: unknown, answer: unknown): AnswerResult<T>;
}
export type TaskValidatorResult<T extends TaskType = TaskType> =
  | { ok: true; validator: TaskValidator<T> }
  | Invalid;

function unknownTaskType(taskType: unknown): Invalid {
  return {
    ok: false,
    errors: [
      {
        path: 'taskType',
        message: `taskType must be one of ${TASK_TYPES.join(', ')}, got ${describe(taskType)}`,
      },
    ],
  };
}

/** Never reports success with no value, nor failure with no problem. */
function finish<V>(
  p: Problems,
  root: string,
  value: V | undefined,
): { ok: true; value: V } | Invalid {
  if (value !== undefined && p.count === 0) return { ok: true, value };
  const errors: FieldProblem[] = p.list(root);
  if (errors.length === 0)
    errors.push({ path: root, message: `${root} is not valid` });
  return { ok: false, errors };
}

/** Validates a job's schema (POST /jobs). `taskType` is checked too, so raw request input can go straight in. */
export function validateTaskSchema<T extends TaskType>(
  taskType: T,
  schema: unknown,
): TaskSchemaResult<T>;
export function validateTaskSchema(
  taskType: string,
  schema: unknown,
): TaskSchemaResult;
export function validateTaskSchema(
  taskType: string,
  schema: unknown,
): TaskSchemaResult {
  if (!isTaskType(taskType)) return unknownTaskType(taskType);
  const p = new Problems();
  const r = finish(
    p,
    'schema',
    definitionOf(taskType).schema(p, 'schema', schema),
  );
  return r.ok ? { ok: true, schema: r.value } : r;
}

export function createTaskValidator<T extends TaskType>(
  taskType: T,
  schema: unknown,
): TaskValidatorResult<T> {
  if (!isTaskType(taskType)) return unknownTaskType(taskType);
  const definition = definitionOf(taskType);
  const sp = new Problems();
  const checked = finish(sp, 'schema', definition.schema(sp, 'schema', schema));
  if (!checked.ok) return checked;
  const validSchema = checked.value;

  const validateItemData = (data: unknown): ItemDataResult<T> => {
    const p = new Problems();
    const r = finish(p, 'data', definition.item(p, 'data', validSchema, data));
    return r.ok ? { ok: true, data: r.value } : r;
  };
  const validateAnswer = (item: unknown, answer: unknown): AnswerResult<T> => {
    // NER offsets, box bounds and ranking indexes depend on the item, so it must be sound first.
    const itemResult = validateItemData(item);
    if (!itemResult.ok) return itemResult;
    const p = new Problems();
    const r = finish(
      p,
      'answer',
      definition.answer(p, 'answer', validSchema, itemResult.data, answer),
    );
    return r.ok ? { ok: true, answer: r.value } : r;
  };
  return {
    ok: true,
    validator: {
      taskType,
      schema: validSchema,
      validateItemData,
      validateAnswer,
    },
  };
}

/**
 * Validates one item's data (an import line's `data`). The schema is re-checked (problems at `schema…`)
 * because it comes back from storage as plain JSON, which also lets `schema` be the loose `TaskSchema`
 * union a job row carries; use createTaskValidator for bulk work.
 */
export function validateItemData<T extends TaskType>(
  taskType: T,
  schema: TaskSchema,
  data: unknown,
): ItemDataResult<T> {
  const v = createTaskValidator(taskType, schema);
  return v.ok ? v.validator.validateItemData(data) : v;
}

/** Validates an annotator's answer, a gold answer or an aggregate against the job's schema and the item's data. */
export function validateAnswer<T extends TaskType>(
  taskType: T,
  schema: TaskSchema,
  item: unknown,
  answer: unknown,
): AnswerResult<T> {
  const v = createTaskValidator(taskType, schema);
  return v.ok ? v.validator.validateAnswer(item, answer) : v;
}

/** One sentence per task type, for docs and the UI. */
export const TASK_TYPE_DESCRIPTIONS: { readonly [T in TaskType]: string } =
  Object.freeze(
    Object.fromEntries(
      TASK_TYPES.map((t) => [t, DEFINITIONS[t].description]),
    ) as { [T in TaskType]: string },
  );

/** A valid schema for docs and tests (a fresh copy each call). */
export function schemaExample<T extends TaskType>(taskType: T): TaskSchemas[T] {
  return structuredClone(definitionOf(taskType).example.schema);
}

/** A valid item `data` for `schemaExample(taskType)` (a fresh copy each call). */
export function itemExample<T extends TaskType>(taskType: T): TaskItemData[T] {
  return structuredClone(definitionOf(taskType).example.item);
}

/** A valid answer for `schemaExample` and `itemExample` of the same type (a fresh copy each call). */
export function answerShapeExample<T extends TaskType>(
  taskType: T,
): TaskAnswers[T] {
  return structuredClone(definitionOf(taskType).example.answer);
}
