import { TASK_TYPES, type TaskType } from '@quorum/contracts';
import { formatProblems } from './problems';
import { problemPaths } from './spec-helpers';
import {
  answerShapeExample,
  createTaskValidator,
  isTaskType,
  itemExample,
  schemaExample,
  TASK_TYPE_DESCRIPTIONS,
  validateAnswer,
  validateItemData,
  validateTaskSchema,
} from './task-types';

describe('examples and descriptions', () => {
  it('describes every task type in one sentence', () => {
    expect(Object.keys(TASK_TYPE_DESCRIPTIONS).sort()).toEqual(
      [...TASK_TYPES].sort(),
    );
    for (const description of Object.values(TASK_TYPE_DESCRIPTIONS)) {
      expect(description).toMatch(/^[A-Z][^\n]+\.$/);
      expect(description.slice(0, -1)).not.toMatch(/\.\s/);
    }
  });

  it.each(TASK_TYPES)(
    '%s: the schema, item and answer examples are valid together and survive a JSON round trip',
    (taskType: TaskType) => {
      const schema = schemaExample(taskType);
      const item = itemExample(taskType);
      const answer = answerShapeExample(taskType);
      expect(validateTaskSchema(taskType, schema)).toEqual({
        ok: true,
        schema,
      });
      expect(validateItemData(taskType, schema, item)).toEqual({
        ok: true,
        data: item,
      });
      expect(validateAnswer(taskType, schema, item, answer)).toEqual({
        ok: true,
        answer,
      });
      const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
      expect(
        validateAnswer(
          taskType,
          roundTrip(schema),
          roundTrip(item),
          roundTrip(answer),
        ),
      ).toEqual({ ok: true, answer });
    },
  );

  it('returns a fresh copy each time', () => {
    const first = schemaExample('classification');
    first.labels.push('mutated');
    expect(schemaExample('classification').labels).not.toContain('mutated');
    const answer = answerShapeExample('ner');
    answer.spans.length = 0;
    expect(answerShapeExample('ner').spans.length).toBeGreaterThan(0);
  });

  it('the NER example offsets point at the entities', () => {
    const { text } = itemExample('ner');
    expect(
      answerShapeExample('ner').spans.map((s) => text.slice(s.start, s.end)),
    ).toEqual(['Ada Lovelace', 'Charles Babbage', 'London']);
  });
});

describe('createTaskValidator', () => {
  it('checks the schema once and validates many items and answers against it', () => {
    const created = createTaskValidator('classification', {
      labels: ['spam', 'ham'],
    });
    if (!created.ok) throw new Error('schema should be valid');
    const { validator } = created;
    expect(validator.schema).toEqual({ labels: ['spam', 'ham'] });
    expect(validator.validateItemData({ text: 'Buy now!' })).toEqual({
      ok: true,
      data: { text: 'Buy now!' },
    });
    expect(problemPaths(validator.validateItemData({ txt: 'x' }))).toEqual([
      'data.txt',
      'data',
    ]);
    expect(
      validator.validateAnswer({ text: 'Buy now!' }, { label: 'spam' }),
    ).toEqual({ ok: true, answer: { label: 'spam' } });
    expect(
      problemPaths(
        validator.validateAnswer({ text: 'Buy now!' }, { label: 'eggs' }),
      ),
    ).toEqual(['answer.label']);
  });

  it('reports a bad schema or task type instead of a validator', () => {
    expect(
      problemPaths(createTaskValidator('rating', { criteria: ['a'] })),
    ).toEqual(['schema.scale']);
    expect(
      problemPaths(createTaskValidator('translation' as TaskType, {})),
    ).toEqual(['taskType']);
  });
});

describe('isTaskType', () => {
  it('knows exactly the contract task types', () => {
    for (const t of TASK_TYPES) expect(isTaskType(t)).toBe(true);
    for (const t of ['', 'Ner', 'constructor', 'hasOwnProperty', 3, null])
      expect(isTaskType(t)).toBe(false);
  });
});

describe('formatProblems', () => {
  it('joins messages for an import report line, with a count of the rest', () => {
    const result = validateTaskSchema('classification', {
      labels: ['a', 'a', '', 3, ' b', 'c ', 7],
    });
    if (result.ok) throw new Error('should fail');
    expect(formatProblems(result.errors, 2)).toBe(
      'schema.labels[1] duplicates schema.labels[0] ("a"); labels must be unique; schema.labels[2] must not be empty (a non-empty label name); and 4 more',
    );
  });
});
