import {
  TASK_TYPES,
  type TaskAnswers,
  type TaskItemData,
  type TaskSchemas,
  type TaskType,
} from '@quorum/contracts';
import { aggregateItem, goldScore } from './aggregate-item';
import type { AnswerRecord } from './types';

/** One valid schema, item and a few valid answers per task type. */
const FIXTURES: {
  [T in TaskType]: {
    schema: TaskSchemas[T];
    item: TaskItemData[T];
    answers: TaskAnswers[T][];
  };
} = {
  classification: {
    schema: { labels: ['pos', 'neg', 'neu'] },
    item: { text: 'Great phone.' },
    answers: [
      { label: 'pos' },
      { label: 'neg' },
      { label: 'pos' },
      { label: 'neu' },
      { label: 'pos' },
    ],
  },
  ner: {
    schema: { labels: ['PER', 'LOC'] },
    item: { text: 'Ada went to London.' },
    answers: [
      {
        spans: [
          { start: 0, end: 3, label: 'PER' },
          { start: 12, end: 18, label: 'LOC' },
        ],
      },
      { spans: [{ start: 0, end: 3, label: 'PER' }] },
      {
        spans: [
          { start: 12, end: 18, label: 'LOC' },
          { start: 0, end: 3, label: 'PER' },
        ],
      },
      { spans: [] },
    ],
  },
  bbox: {
    schema: { labels: ['car', 'pedestrian'] },
    item: { imageUrl: 'https://example.com/1.jpg', width: 200, height: 100 },
    answers: [
      {
        boxes: [
          { x: 10, y: 10, w: 50, h: 40, label: 'car' },
          { x: 100, y: 20, w: 20, h: 60, label: 'pedestrian' },
        ],
      },
      { boxes: [{ x: 12, y: 9, w: 49, h: 42, label: 'car' }] },
      {
        boxes: [
          { x: 101, y: 22, w: 19, h: 58, label: 'pedestrian' },
          { x: 9, y: 11, w: 50, h: 40, label: 'car' },
        ],
      },
    ],
  },
  pairwise_preference: {
    schema: { criteria: ['helpfulness'], allowTie: true },
    item: { prompt: 'Hi', responses: ['Hello!', 'Go away.'] },
    answers: [
      {
        choice: 'a',
        strength: 3,
        criteria: { helpfulness: 'a' },
        rationale: 'polite',
      },
      { choice: 'a', strength: 2, criteria: { helpfulness: 'tie' } },
      { choice: 'b', strength: 1, criteria: { helpfulness: 'b' } },
    ],
  },
  ranking: {
    schema: {},
    item: {
      prompt: 'Name a cat',
      responses: ['Tom', 'Cat', 'Sir Pounce', 'Mittens'],
    },
    answers: [
      { order: [2, 0, 3, 1] },
      { order: [2, 3, 0, 1] },
      { order: [0, 2, 3, 1] },
    ],
  },
  rating: {
    schema: { criteria: ['helpfulness', 'honesty'], scale: { min: 1, max: 7 } },
    item: { prompt: 'Boil an egg?', response: 'Nine minutes.' },
    answers: [
      { scores: { helpfulness: 5, honesty: 7 } },
      { scores: { helpfulness: 6, honesty: 6 } },
      { scores: { helpfulness: 2, honesty: 7 } },
    ],
  },
  response_writing: {
    schema: { minLength: 1 },
    item: { prompt: 'Welcome users.' },
    answers: [{ text: 'Welcome aboard!' }, { text: 'Hello and welcome.' }],
  },
};

function run<T extends TaskType>(
  taskType: T,
  answers: TaskAnswers[T][],
  weights?: number[],
) {
  const f = FIXTURES[taskType] as unknown as (typeof FIXTURES)[T];
  const records: AnswerRecord<T>[] = answers.map((answer, i) => ({
    annotatorId: `u${i}`,
    answer,
    ...(weights ? { weight: weights[i] } : {}),
  }));
  return aggregateItem(taskType, f.schema, f.item, records);
}
const answersOf = <T extends TaskType>(t: T) =>
  (FIXTURES[t] as unknown as (typeof FIXTURES)[T]).answers;

describe('aggregateItem, every task type', () => {
  it.each(TASK_TYPES)(
    '%s: no answers → null, confidence 0, agreement 0',
    (t) => {
      expect(run(t, [])).toEqual({
        aggregate: null,
        confidence: 0,
        agreement: 0,
        details: { answers: 0 },
      });
    },
  );

  it.each(TASK_TYPES)(
    '%s: one answer → itself, agreement 1, confidence = weight',
    (t) => {
      const [first] = answersOf(t);
      const r = run(t, [first], [0.7]);
      expect(r.agreement).toBe(1);
      expect(r.confidence).toBeCloseTo(0.7, 12);
      expect(r.aggregate).not.toBeNull();
      expect(run(t, [first]).confidence).toBe(1);
    },
  );

  it.each(TASK_TYPES)('%s: unanimous copies → agreement 1', (t) => {
    const [first] = answersOf(t);
    const r = run(t, [first, first, first]);
    expect(r.agreement).toBe(t === 'response_writing' ? 0 : 1);
    expect(r.confidence).toBe(t === 'response_writing' ? 0 : 1);
  });

  it.each(TASK_TYPES)(
    '%s: results stay within 0..1 and are deterministic',
    (t) => {
      const answers = answersOf(t);
      const a = run(t, answers);
      const b = run(t, structuredClone(answers));
      expect(b).toEqual(a);
      for (const v of [a.confidence, a.agreement]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    },
  );

  it.each(TASK_TYPES)('%s: answer order does not change the aggregate', (t) => {
    const answers = answersOf(t);
    const forward = run(t, answers);
    const backward = run(t, [...answers].reverse());
    expect(backward.aggregate).toEqual(forward.aggregate);
    expect(backward.confidence).toBeCloseTo(forward.confidence, 12);
    expect(backward.agreement).toBeCloseTo(forward.agreement, 12);
  });

  it('pairwise one answer drops the rationale', () => {
    expect(
      run('pairwise_preference', [answersOf('pairwise_preference')[0]])
        .aggregate,
    ).toEqual({
      choice: 'a',
      strength: 3,
      criteria: { helpfulness: 'a' },
    });
  });

  it('known aggregates of the fixtures', () => {
    expect(
      run('classification', answersOf('classification')).aggregate,
    ).toEqual({ label: 'pos' });
    expect(run('ner', answersOf('ner')).aggregate).toEqual({
      spans: [{ start: 0, end: 3, label: 'PER' }],
    });
    expect(run('bbox', answersOf('bbox')).aggregate).toEqual({
      boxes: [
        { x: 10, y: 10, w: 50, h: 41, label: 'car' }, // bottoms 50, 51, 51
        { x: 100.5, y: 21, w: 19.5, h: 59, label: 'pedestrian' },
      ],
    });
    expect(
      run('pairwise_preference', answersOf('pairwise_preference')).aggregate,
    ).toEqual({
      choice: 'a',
      strength: 3, // (3 + 2) / 2 = 2.5 rounds up
      criteria: { helpfulness: 'tie' }, // a, tie, b: the tie shares the lead
    });
    expect(run('ranking', answersOf('ranking')).aggregate).toEqual({
      order: [2, 0, 3, 1],
    });
    expect(run('rating', answersOf('rating')).aggregate).toEqual({
      scores: { helpfulness: 4, honesty: 7 },
    });
  });
});

describe('response_writing', () => {
  it('two or more answers go to review', () => {
    expect(run('response_writing', answersOf('response_writing'))).toEqual({
      aggregate: null,
      confidence: 0,
      agreement: 0,
      details: { needsReview: true, answers: 2 },
    });
  });

  it('one answer is the aggregate', () => {
    expect(run('response_writing', [{ text: 'Welcome!' }], [0.4])).toEqual({
      aggregate: { text: 'Welcome!' },
      confidence: 0.4,
      agreement: 1,
    });
  });

  it('is not scorable against gold (NaN)', () => {
    const f = FIXTURES.response_writing;
    expect(
      goldScore(
        'response_writing',
        f.schema,
        f.item,
        { text: 'a' },
        { text: 'a' },
      ),
    ).toBeNaN();
  });
});

describe('weights', () => {
  it.each<[string, number | undefined, number]>([
    ['undefined → 1', undefined, 1],
    ['above 1 is clamped', 3, 1],
    ['negative → 0', -1, 0],
    ['NaN → 0', Number.NaN, 0],
  ])('%s', (_name, weight, confidence) => {
    const records: AnswerRecord<'classification'>[] = [
      {
        annotatorId: 'u',
        answer: { label: 'pos' },
        ...(weight === undefined ? {} : { weight }),
      },
    ];
    const f = FIXTURES.classification;
    expect(
      aggregateItem('classification', f.schema, f.item, records).confidence,
    ).toBe(confidence);
  });
});
