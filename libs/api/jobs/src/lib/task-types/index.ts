export { TASK_LIMITS } from './limits';
export { formatProblems, type FieldProblem, type Invalid } from './problems';
export { splitsSurrogatePair } from './ner';
export {
  answerShapeExample,
  createTaskValidator,
  isTaskType,
  itemExample,
  schemaExample,
  TASK_TYPE_DESCRIPTIONS,
  validateAnswer,
  validateItemData,
  validateTaskSchema,
  type AnswerResult,
  type ItemDataResult,
  type TaskSchemaResult,
  type TaskValidator,
  type TaskValidatorResult,
} from './task-types';
