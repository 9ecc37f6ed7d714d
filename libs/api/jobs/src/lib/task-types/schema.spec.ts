import type { TaskType } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { chars, problemMessages, problemPaths } from './spec-helpers';
import { validateTaskSchema } from './task-types';

const manyLabels = (n: number) =>
  Array.from({ length: n }, (_, i) => `label-${i}`);

describe('validateTaskSchema', () => {
  describe('accepts valid schemas and returns a normalized copy', () => {
    it.each<[TaskType, unknown]>([
      ['classification', { labels: ['cat'] }],
      ['classification', { labels: ['cat', 'dog', 'Cat'], multiple: true }],
      ['classification', { labels: ['spam', 'ham'], multiple: false }],
      ['classification', { labels: [chars(TASK_LIMITS.maxLabelLength)] }],
      ['classification', { labels: manyLabels(TASK_LIMITS.maxLabels) }],
      ['classification', { labels: ['café', 'cafe', '😀 happy', 'two words'] }],
      ['ner', { labels: ['PER', 'ORG', 'LOC'] }],
      ['bbox', { labels: ['car'] }],
      ['pairwise_preference', {}],
      ['pairwise_preference', { allowTie: true }],
      [
        'pairwise_preference',
        { criteria: ['helpfulness', 'harmlessness'], allowTie: false },
      ],
      ['ranking', {}],
      ['ranking', { criteria: ['helpfulness'] }],
      ['rating', { criteria: ['helpfulness'], scale: { min: 1, max: 5 } }],
      ['rating', { criteria: ['a', 'b'], scale: { min: -3, max: 3 } }],
      [
        'rating',
        { criteria: ['a'], scale: { min: 0, max: TASK_LIMITS.maxScaleSteps } },
      ],
      ['response_writing', {}],
      ['response_writing', { minLength: 0 }],
      ['response_writing', { maxLength: TASK_LIMITS.maxTextLength }],
      ['response_writing', { minLength: 10, maxLength: 10 }],
    ])('%s %j', (taskType, schema) => {
      const result = validateTaskSchema(taskType, schema);
      expect(result).toEqual({ ok: true, schema });
      if (result.ok) expect(result.schema).not.toBe(schema);
    });
  });

  it('refuses an unknown task type at taskType', () => {
    for (const taskType of ['sentiment', '', 'NER', 'toString', '__proto__']) {
      expect(
        problemPaths(validateTaskSchema(taskType, { labels: ['a'] })),
      ).toEqual(['taskType']);
    }
  });

  describe('reports every problem at its path', () => {
    const unicodeDuplicate = ['caf\u00e9', 'cafe\u0301'];
    it.each<[string, TaskType, unknown, string[]]>([
      // shape
      [
        'a string instead of an object',
        'classification',
        'cat,dog',
        ['schema'],
      ],
      ['null', 'classification', null, ['schema']],
      ['an array', 'ner', [{ labels: ['a'] }], ['schema']],
      ['a Date', 'bbox', new Date(0), ['schema']],
      // labels
      ['missing labels', 'classification', {}, ['schema.labels']],
      [
        'labels as a string',
        'classification',
        { labels: 'cat' },
        ['schema.labels'],
      ],
      ['empty labels', 'ner', { labels: [] }, ['schema.labels']],
      [
        'too many labels',
        'bbox',
        { labels: manyLabels(TASK_LIMITS.maxLabels + 1) },
        ['schema.labels'],
      ],
      [
        'a label that is too long',
        'classification',
        { labels: ['ok', chars(TASK_LIMITS.maxLabelLength + 1)] },
        ['schema.labels[1]'],
      ],
      [
        'an empty label',
        'classification',
        { labels: ['a', ''] },
        ['schema.labels[1]'],
      ],
      ['a blank label', 'ner', { labels: ['a', '  \t'] }, ['schema.labels[1]']],
      [
        'an untrimmed label',
        'bbox',
        { labels: [' car'] },
        ['schema.labels[0]'],
      ],
      [
        'a non-string label',
        'classification',
        { labels: ['a', 3, null] },
        ['schema.labels[1]', 'schema.labels[2]'],
      ],
      [
        'a duplicate label',
        'classification',
        { labels: ['cat', 'dog', 'cat'] },
        ['schema.labels[2]'],
      ],
      [
        'labels equal up to Unicode normalization',
        'ner',
        { labels: unicodeDuplicate },
        ['schema.labels[1]'],
      ],
      [
        'a non-boolean multiple',
        'classification',
        { labels: ['a'], multiple: 'yes' },
        ['schema.multiple'],
      ],
      [
        'multiple: null',
        'classification',
        { labels: ['a'], multiple: null },
        ['schema.multiple'],
      ],
      [
        'multiple on ner',
        'ner',
        { labels: ['a'], multiple: true },
        ['schema.multiple'],
      ],
      [
        'a typo in a field name',
        'classification',
        { lables: ['a'] },
        ['schema.lables', 'schema.labels'],
      ],
      [
        'every problem at once',
        'classification',
        { labels: ['a', 'a', ''], multiple: 1, extra: true },
        [
          'schema.extra',
          'schema.labels[1]',
          'schema.labels[2]',
          'schema.multiple',
        ],
      ],
      // criteria
      [
        'an empty criteria list',
        'pairwise_preference',
        { criteria: [] },
        ['schema.criteria'],
      ],
      [
        'criteria as a string',
        'ranking',
        { criteria: 'helpfulness' },
        ['schema.criteria'],
      ],
      [
        'a duplicate criterion',
        'pairwise_preference',
        { criteria: ['a', 'b', 'a'] },
        ['schema.criteria[2]'],
      ],
      [
        'a blank criterion',
        'ranking',
        { criteria: [' '] },
        ['schema.criteria[0]'],
      ],
      [
        'a reserved criterion',
        'rating',
        { criteria: ['__proto__'], scale: { min: 1, max: 5 } },
        ['schema.criteria[0]'],
      ],
      [
        'too many criteria',
        'rating',
        {
          criteria: manyLabels(TASK_LIMITS.maxCriteria + 1),
          scale: { min: 1, max: 5 },
        },
        ['schema.criteria'],
      ],
      [
        'a non-boolean allowTie',
        'pairwise_preference',
        { allowTie: 'true' },
        ['schema.allowTie'],
      ],
      [
        'allowTie on ranking',
        'ranking',
        { allowTie: true },
        ['schema.allowTie'],
      ],
      [
        'labels on pairwise',
        'pairwise_preference',
        { labels: ['a', 'b'] },
        ['schema.labels'],
      ],
      // rating scale
      [
        'rating without criteria',
        'rating',
        { scale: { min: 1, max: 5 } },
        ['schema.criteria'],
      ],
      [
        'rating with empty criteria',
        'rating',
        { criteria: [], scale: { min: 1, max: 5 } },
        ['schema.criteria'],
      ],
      ['rating without scale', 'rating', { criteria: ['a'] }, ['schema.scale']],
      [
        'a scale that is an array',
        'rating',
        { criteria: ['a'], scale: [1, 5] },
        ['schema.scale'],
      ],
      [
        'a fractional scale.min',
        'rating',
        { criteria: ['a'], scale: { min: 1.5, max: 5 } },
        ['schema.scale.min'],
      ],
      [
        'a NaN scale.min',
        'rating',
        { criteria: ['a'], scale: { min: NaN, max: 5 } },
        ['schema.scale.min'],
      ],
      [
        'a string scale.max',
        'rating',
        { criteria: ['a'], scale: { min: 1, max: '5' } },
        ['schema.scale.max'],
      ],
      [
        'a missing scale.max',
        'rating',
        { criteria: ['a'], scale: { min: 1 } },
        ['schema.scale.max'],
      ],
      [
        'min equal to max',
        'rating',
        { criteria: ['a'], scale: { min: 3, max: 3 } },
        ['schema.scale.max'],
      ],
      [
        'min above max',
        'rating',
        { criteria: ['a'], scale: { min: 5, max: 1 } },
        ['schema.scale.max'],
      ],
      [
        'a scale of more than 100 steps',
        'rating',
        {
          criteria: ['a'],
          scale: { min: 0, max: TASK_LIMITS.maxScaleSteps + 1 },
        },
        ['schema.scale'],
      ],
      [
        'an unknown scale field',
        'rating',
        { criteria: ['a'], scale: { min: 1, max: 5, step: 1 } },
        ['schema.scale.step'],
      ],
      // response_writing
      [
        'a negative minLength',
        'response_writing',
        { minLength: -1 },
        ['schema.minLength'],
      ],
      [
        'a fractional minLength',
        'response_writing',
        { minLength: 1.5 },
        ['schema.minLength'],
      ],
      [
        'maxLength 0',
        'response_writing',
        { maxLength: 0 },
        ['schema.maxLength'],
      ],
      [
        'maxLength above the limit',
        'response_writing',
        { maxLength: TASK_LIMITS.maxTextLength + 1 },
        ['schema.maxLength'],
      ],
      [
        'maxLength Infinity',
        'response_writing',
        { maxLength: Infinity },
        ['schema.maxLength'],
      ],
      [
        'minLength above maxLength',
        'response_writing',
        { minLength: 20, maxLength: 10 },
        ['schema.minLength'],
      ],
      ['an abbreviated field', 'response_writing', { max: 10 }, ['schema.max']],
    ])('%s', (_name, taskType, schema, paths) => {
      expect(problemPaths(validateTaskSchema(taskType, schema))).toEqual(paths);
    });
  });

  it('says what was expected and what it got', () => {
    expect(
      problemMessages(
        validateTaskSchema('classification', {
          labels: ['a', 3],
          multiple: 'yes',
        }),
      ),
    ).toEqual([
      'schema.labels[1] must be a non-empty label name, got the number 3',
      'schema.multiple must be true or false (or omit the field), got the string "yes"',
    ]);
    expect(problemMessages(validateTaskSchema('ner', {}))).toEqual([
      'schema.labels is required (a non-empty array of unique label names)',
    ]);
    expect(
      problemMessages(
        validateTaskSchema('ner', { labels: ['caf\u00e9', 'cafe\u0301'] }),
      )[0],
    ).toContain('Unicode normalization');
    expect(
      problemMessages(
        validateTaskSchema('bbox', { labels: ['a'], lables: ['b'] }),
      ),
    ).toEqual(['schema.lables is not a known field; expected only labels']);
  });
});
