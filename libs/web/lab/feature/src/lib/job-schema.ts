import type { TaskItemData, TaskSchema, TaskType } from '@quorum/contracts';

/** Everything the schema editor can hold; only the fields of the chosen task type are sent. */
export interface SchemaDraft {
  labels: string[];
  multiple: boolean;
  criteria: string[];
  allowTie: boolean;
  scaleMin: number | null;
  scaleMax: number | null;
  minLength: number | null;
  maxLength: number | null;
}

export const EMPTY_SCHEMA_DRAFT: SchemaDraft = {
  labels: [],
  multiple: false,
  criteria: [],
  allowTie: false,
  scaleMin: 1,
  scaleMax: 5,
  minLength: null,
  maxLength: null,
};

/** Which editor fields each task type uses. */
export const SCHEMA_FIELDS: Record<TaskType, readonly (keyof SchemaDraft)[]> = {
  classification: ['labels', 'multiple'],
  ner: ['labels'],
  bbox: ['labels'],
  pairwise_preference: ['criteria', 'allowTie'],
  ranking: ['criteria'],
  rating: ['criteria', 'scaleMin', 'scaleMax'],
  response_writing: ['minLength', 'maxLength'],
};

/** The server's limits (TASK_LIMITS in the jobs domain), repeated for instant feedback. */
export const SCHEMA_LIMITS = {
  maxLabels: 1000,
  maxLabelLength: 200,
  maxCriteria: 50,
  maxCriterionLength: 200,
  maxScaleSteps: 100,
  maxTextLength: 100_000,
} as const;

/** The schema the API expects for a task type, from the editor's draft. */
export function buildSchema(taskType: TaskType, d: SchemaDraft): TaskSchema {
  switch (taskType) {
    case 'classification':
      return d.multiple
        ? { labels: [...d.labels], multiple: true }
        : { labels: [...d.labels] };
    case 'ner':
    case 'bbox':
      return { labels: [...d.labels] };
    case 'pairwise_preference': {
      const schema: { criteria?: string[]; allowTie?: boolean } = {};
      if (d.criteria.length) schema.criteria = [...d.criteria];
      if (d.allowTie) schema.allowTie = true;
      return schema;
    }
    case 'ranking':
      return d.criteria.length ? { criteria: [...d.criteria] } : {};
    case 'rating':
      return {
        criteria: [...d.criteria],
        scale: { min: d.scaleMin ?? 0, max: d.scaleMax ?? 0 },
      };
    case 'response_writing': {
      const schema: { minLength?: number; maxLength?: number } = {};
      if (d.minLength !== null) schema.minLength = d.minLength;
      if (d.maxLength !== null) schema.maxLength = d.maxLength;
      return schema;
    }
  }
}

function nameListError(
  names: readonly string[],
  noun: string,
  required: boolean,
  maxItems: number,
  maxLength: number,
): string | null {
  if (!names.length) return required ? `Add at least one ${noun}` : null;
  if (names.length > maxItems) return `At most ${maxItems} ${noun}s`;
  const long = names.find((n) => n.length > maxLength);
  if (long !== undefined)
    return `Each ${noun} has at most ${maxLength} characters`;
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return `"${n}" is listed twice`;
    seen.add(n);
  }
  if (names.includes('__proto__')) return `"__proto__" is not a valid ${noun}`;
  return null;
}

/** Problems of a draft for a task type, by editor field; empty when the schema would be accepted. */
export function schemaDraftErrors(
  taskType: TaskType,
  d: SchemaDraft,
): Partial<Record<keyof SchemaDraft, string>> {
  const errors: Partial<Record<keyof SchemaDraft, string>> = {};
  const fields = SCHEMA_FIELDS[taskType];
  if (fields.includes('labels')) {
    const e = nameListError(
      d.labels,
      'label',
      true,
      SCHEMA_LIMITS.maxLabels,
      SCHEMA_LIMITS.maxLabelLength,
    );
    if (e) errors.labels = e;
  }
  if (fields.includes('criteria')) {
    const e = nameListError(
      d.criteria,
      'criterion',
      taskType === 'rating',
      SCHEMA_LIMITS.maxCriteria,
      SCHEMA_LIMITS.maxCriterionLength,
    );
    if (e) errors.criteria = e.replace('criterions', 'criteria');
  }
  if (taskType === 'rating') {
    const { scaleMin: min, scaleMax: max } = d;
    if (min === null || !Number.isInteger(min))
      errors.scaleMin = 'Enter a whole number';
    if (max === null || !Number.isInteger(max))
      errors.scaleMax = 'Enter a whole number';
    else if (min !== null && Number.isInteger(min)) {
      if (max <= min) errors.scaleMax = `Must be greater than ${min}`;
      else if (max - min > SCHEMA_LIMITS.maxScaleSteps)
        errors.scaleMax = `At most ${SCHEMA_LIMITS.maxScaleSteps} steps`;
    }
  }
  if (taskType === 'response_writing') {
    const { minLength: min, maxLength: max } = d;
    if (min !== null && (!Number.isInteger(min) || min < 0))
      errors.minLength = 'Enter a whole number, 0 or more';
    if (
      max !== null &&
      (!Number.isInteger(max) || max < 1 || max > SCHEMA_LIMITS.maxTextLength)
    )
      errors.maxLength = `Enter a whole number from 1 to ${SCHEMA_LIMITS.maxTextLength}`;
    if (
      !errors.minLength &&
      !errors.maxLength &&
      min !== null &&
      max !== null &&
      min > max
    )
      errors.minLength = `Must be at most the maximum (${max})`;
  }
  return errors;
}

/** Server paths under `schema.` → the editor field that shows them. */
export function schemaFieldForPath(path: string): keyof SchemaDraft | null {
  const p = path
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
  if (!p.startsWith('schema')) return null;
  if (p.startsWith('schema.labels')) return 'labels';
  if (p.startsWith('schema.multiple')) return 'multiple';
  if (p.startsWith('schema.criteria')) return 'criteria';
  if (p.startsWith('schema.allowTie')) return 'allowTie';
  if (p.startsWith('schema.scale.min')) return 'scaleMin';
  if (p.startsWith('schema.scale')) return 'scaleMax';
  if (p.startsWith('schema.minLength')) return 'minLength';
  if (p.startsWith('schema.maxLength')) return 'maxLength';
  return null;
}

/** What the preview shows an annotator, one sample item per task type. */
export const SAMPLE_ITEMS: { [K in TaskType]: TaskItemData[K] } = {
  classification: {
    text: 'The battery lasts all day and the screen is gorgeous.',
  },
  ner: { text: 'Ada Lovelace met Charles Babbage in London in 1833.' },
  bbox: { imageUrl: 'https://example.com/street.jpg', width: 640, height: 480 },
  pairwise_preference: {
    prompt: 'Explain what a hash map is in one sentence.',
    responses: [
      'A hash map stores key-value pairs and finds a value quickly by hashing its key.',
      'It is a map.',
    ],
  },
  ranking: {
    prompt: 'Suggest a name for a coffee shop.',
    responses: ['Bean There', 'Coffee Place', 'The Daily Grind'],
  },
  rating: {
    prompt: 'Summarise the plot of Hamlet in two sentences.',
    response:
      'Prince Hamlet seeks revenge on his uncle, who murdered his father to take the throne. His hesitation leads to tragedy for nearly everyone at court.',
  },
  response_writing: {
    prompt: 'Write a polite reply declining a meeting invitation.',
  },
};
