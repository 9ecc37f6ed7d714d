import type { TaskType } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { chars, problemMessages, problemPaths } from './spec-helpers';
import { schemaExample, validateItemData } from './task-types';

const responses = (n: number) =>
  Array.from({ length: n }, (_, i) => `response ${i}`);

describe('validateItemData', () => {
  describe('accepts valid item data and returns a copy', () => {
    it.each<[TaskType, unknown]>([
      ['classification', { text: 'Great phone.' }],
      ['classification', { text: chars(TASK_LIMITS.maxTextLength) }],
      [
        'classification',
        { text: '  leading and trailing whitespace is content  ' },
      ],
      ['classification', { imageUrl: 'https://cdn.example.com/a.png' }],
      [
        'classification',
        { imageUrl: 'http://localhost:8080/a.png?X-Amz-Signature=abc#frag' },
      ],
      ['ner', { text: 'Ada met Bob in Paris. 😀' }],
      ['bbox', { imageUrl: 'https://example.com/a.jpg' }],
      [
        'bbox',
        { imageUrl: 'https://example.com/a.jpg', width: 640, height: 480 },
      ],
      ['bbox', { imageUrl: 'https://example.com/a.jpg', width: 1 }],
      [
        'bbox',
        {
          imageUrl: 'https://example.com/a.jpg',
          height: TASK_LIMITS.maxImageDimension,
        },
      ],
      [
        'pairwise_preference',
        { prompt: 'Which is better?', responses: ['A', 'B'] },
      ],
      [
        'pairwise_preference',
        {
          prompt: 'Identical responses are a valid position-bias control',
          responses: ['same', 'same'],
        },
      ],
      [
        'ranking',
        {
          prompt: 'Rank',
          responses: responses(TASK_LIMITS.minRankingResponses),
        },
      ],
      [
        'ranking',
        {
          prompt: 'Rank',
          responses: responses(TASK_LIMITS.maxRankingResponses),
        },
      ],
      ['rating', { prompt: 'How do I boil an egg?', response: 'Simmer it.' }],
      ['response_writing', { prompt: 'Write a haiku about autumn.' }],
    ])('%s %j', (taskType, data) => {
      const result = validateItemData(taskType, schemaExample(taskType), data);
      expect(result).toEqual({ ok: true, data });
      if (result.ok) expect(result.data).not.toBe(data);
    });
  });

  describe('reports every problem at its path', () => {
    it.each<[string, TaskType, unknown, string[]]>([
      // shape
      ['null', 'classification', null, ['data']],
      ['an array', 'ner', ['text'], ['data']],
      ['a bare string', 'response_writing', 'Write a poem', ['data']],
      // classification: exactly one of text / imageUrl
      ['neither text nor imageUrl', 'classification', {}, ['data']],
      [
        'both text and imageUrl',
        'classification',
        { text: 'a', imageUrl: 'https://x.org/a.png' },
        ['data'],
      ],
      ['empty text', 'classification', { text: '' }, ['data.text']],
      ['blank text', 'classification', { text: ' \n\t ' }, ['data.text']],
      [
        'text over the limit',
        'classification',
        { text: chars(TASK_LIMITS.maxTextLength + 1) },
        ['data.text'],
      ],
      ['numeric text', 'classification', { text: 5 }, ['data.text']],
      [
        'an ftp URL',
        'classification',
        { imageUrl: 'ftp://x.org/a.png' },
        ['data.imageUrl'],
      ],
      [
        'a javascript: URL',
        'classification',
        { imageUrl: 'javascript:alert(1)' },
        ['data.imageUrl'],
      ],
      [
        'a data: URL',
        'classification',
        { imageUrl: 'data:image/png;base64,AAAA' },
        ['data.imageUrl'],
      ],
      [
        'not a URL',
        'classification',
        { imageUrl: 'not a url' },
        ['data.imageUrl'],
      ],
      [
        'a relative URL',
        'classification',
        { imageUrl: '/images/a.png' },
        ['data.imageUrl'],
      ],
      [
        'a URL with credentials',
        'classification',
        { imageUrl: 'https://user:secret@x.org/a.png' },
        ['data.imageUrl'],
      ],
      [
        'a URL with surrounding spaces',
        'classification',
        { imageUrl: ' https://x.org/a.png' },
        ['data.imageUrl'],
      ],
      [
        'a URL over the limit',
        'classification',
        { imageUrl: `https://x.org/${chars(TASK_LIMITS.maxUrlLength)}` },
        ['data.imageUrl'],
      ],
      [
        'an unknown field',
        'classification',
        { text: 'a', label: 'spam' },
        ['data.label'],
      ],
      // ner
      [
        'ner with an image',
        'ner',
        { imageUrl: 'https://x.org/a.png' },
        ['data.imageUrl', 'data.text'],
      ],
      ['ner with blank text', 'ner', { text: '   ' }, ['data.text']],
      // bbox
      [
        'bbox without imageUrl',
        'bbox',
        { width: 10, height: 10 },
        ['data.imageUrl'],
      ],
      [
        'width 0',
        'bbox',
        { imageUrl: 'https://x.org/a.png', width: 0 },
        ['data.width'],
      ],
      [
        'a negative height',
        'bbox',
        { imageUrl: 'https://x.org/a.png', height: -5 },
        ['data.height'],
      ],
      [
        'a fractional width',
        'bbox',
        { imageUrl: 'https://x.org/a.png', width: 640.5 },
        ['data.width'],
      ],
      [
        'a string height',
        'bbox',
        { imageUrl: 'https://x.org/a.png', height: '480' },
        ['data.height'],
      ],
      [
        'an absurd width',
        'bbox',
        {
          imageUrl: 'https://x.org/a.png',
          width: TASK_LIMITS.maxImageDimension + 1,
        },
        ['data.width'],
      ],
      [
        'bbox with text',
        'bbox',
        { imageUrl: 'https://x.org/a.png', text: 'caption' },
        ['data.text'],
      ],
      // pairwise
      [
        'pairwise without prompt',
        'pairwise_preference',
        { responses: ['a', 'b'] },
        ['data.prompt'],
      ],
      [
        'pairwise with one response',
        'pairwise_preference',
        { prompt: 'p', responses: ['a'] },
        ['data.responses'],
      ],
      [
        'pairwise with three responses',
        'pairwise_preference',
        { prompt: 'p', responses: ['a', 'b', 'c'] },
        ['data.responses'],
      ],
      [
        'pairwise responses as an object',
        'pairwise_preference',
        { prompt: 'p', responses: { a: 'x', b: 'y' } },
        ['data.responses'],
      ],
      [
        'pairwise with an empty response',
        'pairwise_preference',
        { prompt: 'p', responses: ['a', ''] },
        ['data.responses[1]'],
      ],
      [
        'pairwise with non-string responses',
        'pairwise_preference',
        { prompt: 'p', responses: [1, null] },
        ['data.responses[0]', 'data.responses[1]'],
      ],
      [
        'pairwise with a and b fields',
        'pairwise_preference',
        { prompt: 'p', a: 'x', b: 'y' },
        ['data.a', 'data.b', 'data.responses'],
      ],
      // ranking
      [
        'ranking with one response',
        'ranking',
        { prompt: 'p', responses: ['a'] },
        ['data.responses'],
      ],
      [
        'ranking with too many responses',
        'ranking',
        {
          prompt: 'p',
          responses: responses(TASK_LIMITS.maxRankingResponses + 1),
        },
        ['data.responses'],
      ],
      [
        'ranking with a blank response',
        'ranking',
        { prompt: 'p', responses: ['a', 'b', 'c', ' '] },
        ['data.responses[3]'],
      ],
      [
        'ranking with a blank prompt',
        'ranking',
        { prompt: '', responses: ['a', 'b'] },
        ['data.prompt'],
      ],
      // rating
      ['rating without response', 'rating', { prompt: 'p' }, ['data.response']],
      [
        'rating with responses (plural)',
        'rating',
        { prompt: 'p', responses: ['r'] },
        ['data.responses', 'data.response'],
      ],
      [
        'rating with a response over the limit',
        'rating',
        { prompt: 'p', response: chars(TASK_LIMITS.maxTextLength + 1) },
        ['data.response'],
      ],
      // response_writing
      [
        'response_writing without prompt',
        'response_writing',
        {},
        ['data.prompt'],
      ],
      [
        'response_writing with a reference answer',
        'response_writing',
        { prompt: 'p', response: 'r' },
        ['data.response'],
      ],
    ])('%s', (_name, taskType, data, paths) => {
      expect(
        problemPaths(validateItemData(taskType, schemaExample(taskType), data)),
      ).toEqual(paths);
    });
  });

  it('says what was expected', () => {
    expect(
      problemMessages(
        validateItemData(
          'classification',
          { labels: ['a'] },
          { text: 'a', imageUrl: 'https://x.org/a.png' },
        ),
      ),
    ).toEqual(['data must have exactly one of text or imageUrl, not both']);
    expect(
      problemMessages(
        validateItemData(
          'classification',
          { labels: ['a'] },
          { imageUrl: 'ftp://x.org/a.png' },
        ),
      ),
    ).toEqual(['data.imageUrl must use http or https, got "ftp"']);
    expect(
      problemMessages(
        validateItemData(
          'pairwise_preference',
          {},
          { prompt: 'p', responses: ['a'] },
        ),
      ),
    ).toEqual([
      'data.responses must be an array of exactly 2 non-empty strings, got 1 response(s)',
    ]);
    expect(
      problemMessages(
        validateItemData('rating', schemaExample('rating'), { prompt: 'p' }),
      ),
    ).toEqual(['data.response is required (a non-empty string)']);
  });

  it('re-checks the stored schema and reports it under schema', () => {
    expect(
      problemPaths(validateItemData('ner', { labels: [] }, { text: 'a' })),
    ).toEqual(['schema.labels']);
    expect(
      problemPaths(
        validateItemData(
          'rating',
          { criteria: ['a'], scale: { min: 5, max: 1 } },
          { prompt: 'p', response: 'r' },
        ),
      ),
    ).toEqual(['schema.scale.max']);
    // A schema of another task type is caught too (the job row's union type cannot prevent it).
    expect(
      problemPaths(
        validateItemData(
          'ranking',
          { labels: ['a'] },
          { prompt: 'p', responses: ['a', 'b'] },
        ),
      ),
    ).toEqual(['schema.labels']);
    expect(problemPaths(validateItemData('nope' as TaskType, {}, {}))).toEqual([
      'taskType',
    ]);
  });
});
