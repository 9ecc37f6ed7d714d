import { TASK_TYPES, type TaskType } from '@quorum/contracts';
import {
  EMPTY_SCHEMA_DRAFT,
  type SchemaDraft,
  buildSchema,
  schemaDraftErrors,
  schemaFieldForPath,
} from './job-schema';
import { parseInline, parseMarkdown } from './markdown';
import { previewModel } from './task-preview';

const draft = (overrides: Partial<SchemaDraft> = {}): SchemaDraft => ({
  ...EMPTY_SCHEMA_DRAFT,
  ...overrides,
});

describe('schema editor → schema', () => {
  const filled = draft({
    labels: ['pos', 'neg'],
    multiple: true,
    criteria: ['helpfulness'],
    allowTie: true,
    scaleMin: 1,
    scaleMax: 7,
    minLength: 20,
    maxLength: 400,
  });

  it.each<[TaskType, unknown]>([
    ['classification', { labels: ['pos', 'neg'], multiple: true }],
    ['ner', { labels: ['pos', 'neg'] }],
    ['bbox', { labels: ['pos', 'neg'] }],
    ['pairwise_preference', { criteria: ['helpfulness'], allowTie: true }],
    ['ranking', { criteria: ['helpfulness'] }],
    ['rating', { criteria: ['helpfulness'], scale: { min: 1, max: 7 } }],
    ['response_writing', { minLength: 20, maxLength: 400 }],
  ])('%s sends only its own fields', (type, expected) => {
    expect(buildSchema(type, filled)).toEqual(expected);
    expect(schemaDraftErrors(type, filled)).toEqual({});
  });

  it('omits optional fields rather than sending empty ones (the server refuses criteria: [])', () => {
    const empty = draft({ labels: ['a'] });
    expect(buildSchema('classification', empty)).toEqual({ labels: ['a'] });
    expect(buildSchema('pairwise_preference', empty)).toEqual({});
    expect(buildSchema('ranking', empty)).toEqual({});
    expect(buildSchema('response_writing', empty)).toEqual({});
    for (const type of [
      'pairwise_preference',
      'ranking',
      'response_writing',
    ] as const)
      expect(schemaDraftErrors(type, empty)).toEqual({});
  });

  it('flags what the server would refuse, per field', () => {
    expect(schemaDraftErrors('classification', draft()).labels).toBe(
      'Add at least one label',
    );
    expect(
      schemaDraftErrors('ner', draft({ labels: ['x', 'x'] })).labels,
    ).toContain('twice');
    expect(schemaDraftErrors('rating', draft()).criteria).toBe(
      'Add at least one criterion',
    );
    expect(
      schemaDraftErrors(
        'rating',
        draft({ criteria: ['a'], scaleMin: 5, scaleMax: 5 }),
      ).scaleMax,
    ).toBe('Must be greater than 5');
    expect(
      schemaDraftErrors(
        'rating',
        draft({ criteria: ['a'], scaleMin: 0, scaleMax: 101 }),
      ).scaleMax,
    ).toContain('100 steps');
    expect(
      schemaDraftErrors('rating', draft({ criteria: ['a'], scaleMin: 1.5 }))
        .scaleMin,
    ).toBe('Enter a whole number');
    expect(
      schemaDraftErrors(
        'response_writing',
        draft({ minLength: 50, maxLength: 10 }),
      ).minLength,
    ).toContain('at most the maximum');
    expect(
      schemaDraftErrors('response_writing', draft({ maxLength: 0 })).maxLength,
    ).toBeDefined();
  });

  it('maps server paths under schema to the editor field', () => {
    expect(schemaFieldForPath('schema.labels[2]')).toBe('labels');
    expect(schemaFieldForPath('/schema/scale/min')).toBe('scaleMin');
    expect(schemaFieldForPath('schema.scale')).toBe('scaleMax');
    expect(schemaFieldForPath('budget')).toBeNull();
  });

  it('previews every task type from its schema', () => {
    for (const type of TASK_TYPES)
      expect(() => previewModel(type, buildSchema(type, filled))).not.toThrow();
    expect(
      previewModel('rating', { criteria: ['a'], scale: { min: 1, max: 3 } })
        .scale,
    ).toEqual([1, 2, 3]);
    expect(
      previewModel('pairwise_preference', { allowTie: true }).allowTie,
    ).toBe(true);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, lists, paragraphs and inline emphasis', () => {
    const blocks = parseMarkdown(
      '# Title\n\nSome **bold** and *it*.\nNext line\n\n- one\n- two\n\n1. first',
    );
    expect(blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
    ]);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      lines: [
        [
          { kind: 'text', text: 'Some ' },
          { kind: 'strong', text: 'bold' },
          { kind: 'text', text: ' and ' },
          { kind: 'em', text: 'it' },
          { kind: 'text', text: '.' },
        ],
        [{ kind: 'text', text: 'Next line' }],
      ],
    });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
  });

  it('keeps markup as text and links only to http(s) or mailto', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
    expect(parseInline('[guide](https://example.com/g)')).toEqual([
      { kind: 'link', text: 'guide', href: 'https://example.com/g' },
    ]);
    expect(parseInline('[x](javascript:alert(1))')[0]).toMatchObject({
      kind: 'text',
    });
  });
});
