import type {
  TaskAnswers,
  TaskItemData,
  TaskSchema,
  TaskSchemas,
  TaskType,
} from '@quorum/contracts';
import { STRENGTH_LABELS } from './renderers/pairwise.renderer';
import { writtenLength } from './renderers/writing.renderer';

export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  classification: 'Classification',
  ner: 'Named entities',
  bbox: 'Bounding boxes',
  pairwise_preference: 'Pairwise preference',
  ranking: 'Ranking',
  rating: 'Rating',
  response_writing: 'Response writing',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer a task starts from: empty lists, the given order, or nothing chosen yet. */
export function initialAnswer(taskType: TaskType, data: unknown): unknown {
  switch (taskType) {
    case 'ner':
      return { spans: [] };
    case 'bbox':
      return { boxes: [] };
    case 'ranking': {
      const responses = isRecord(data) && Array.isArray(data['responses']) ? data['responses'] : [];
      return { order: responses.map((_, i) => i) };
    }
    case 'rating':
      return { scores: {} };
    case 'response_writing':
      return { text: '' };
    case 'classification':
    case 'pairwise_preference':
      return null;
  }
}

/** Whether an answer (or a stored aggregate) has the task type's shape, so an editor can start from it. */
export function fitsShape(taskType: TaskType, value: unknown): boolean {
  if (!isRecord(value)) return false;
  switch (taskType) {
    case 'classification':
      return typeof value['label'] === 'string' || Array.isArray(value['labels']);
    case 'ner':
      return Array.isArray(value['spans']);
    case 'bbox':
      return Array.isArray(value['boxes']);
    case 'pairwise_preference':
      return value['choice'] === 'a' || value['choice'] === 'b' || value['choice'] === 'tie';
    case 'ranking':
      return Array.isArray(value['order']);
    case 'rating':
      return isRecord(value['scores']);
    case 'response_writing':
      return typeof value['text'] === 'string';
  }
}

/**
 * Whether the answer is complete enough to send. The server validates for real; this only keeps
 * Enter from sending an answer that is obviously unfinished.
 */
export function answerReady(taskType: TaskType, schema: TaskSchema, answer: unknown): boolean {
  if (!fitsShape(taskType, answer)) return false;
  switch (taskType) {
    case 'classification': {
      const a = answer as TaskAnswers['classification'];
      return 'labels' in a ? a.labels.length > 0 : true;
    }
    case 'pairwise_preference': {
      const criteria = (schema as TaskSchemas['pairwise_preference']).criteria ?? [];
      const chosen = (answer as TaskAnswers['pairwise_preference']).criteria ?? {};
      return criteria.every((c) => chosen[c] !== undefined);
    }
    case 'rating': {
      const scores = (answer as TaskAnswers['rating']).scores;
      return (schema as TaskSchemas['rating']).criteria.every((c) => typeof scores[c] === 'number');
    }
    case 'response_writing': {
      const { minLength, maxLength } = schema as TaskSchemas['response_writing'];
      const n = writtenLength((answer as TaskAnswers['response_writing']).text);
      return n >= (minLength ?? 1) && (maxLength === undefined || n <= maxLength);
    }
    case 'ner':
    case 'bbox':
    case 'ranking':
      return true;
  }
}

const CHOICE_WORDS = { a: 'A', b: 'B', tie: 'Tie' } as const;

/** An answer in words, for the reviewer's list of what annotators said. */
export function describeAnswer(taskType: TaskType, data: unknown, answer: unknown): string {
  if (!fitsShape(taskType, answer)) return 'No answer in the expected shape';
  switch (taskType) {
    case 'classification': {
      const a = answer as TaskAnswers['classification'];
      return 'labels' in a ? a.labels.join(', ') || '(no labels)' : a.label;
    }
    case 'ner': {
      const text = isRecord(data) && typeof data['text'] === 'string' ? data['text'] : '';
      const spans = (answer as TaskAnswers['ner']).spans;
      return spans.length
        ? spans.map((s) => `“${text.slice(s.start, s.end)}” ${s.label}`).join(' · ')
        : 'No spans';
    }
    case 'bbox': {
      const boxes = (answer as TaskAnswers['bbox']).boxes;
      return boxes.length
        ? boxes.map((b) => `${b.label} (${b.x}, ${b.y}, ${b.w}×${b.h})`).join(' · ')
        : 'No boxes';
    }
    case 'pairwise_preference': {
      const a = answer as TaskAnswers['pairwise_preference'];
      const parts = [
        a.choice === 'tie' ? 'Tie' : `${CHOICE_WORDS[a.choice]} preferred`,
      ];
      if (a.strength) parts[0] += ` (${STRENGTH_LABELS[a.strength].toLowerCase()})`;
      for (const [c, v] of Object.entries(a.criteria ?? {}))
        parts.push(`${c}: ${CHOICE_WORDS[v] ?? v}`);
      if (a.rationale) parts.push(`“${a.rationale}”`);
      return parts.join(' · ');
    }
    case 'ranking':
      return (answer as TaskAnswers['ranking']).order.map((i) => `Response ${i + 1}`).join(' > ');
    case 'rating':
      return Object.entries((answer as TaskAnswers['rating']).scores)
        .map(([c, s]) => `${c}: ${s}`)
        .join(' · ');
    case 'response_writing':
      return (answer as TaskAnswers['response_writing']).text;
  }
}

/** Item data typed for one task type (the server validated it on import). */
export type ItemData<T extends TaskType> = TaskItemData[T];
