import type { TaskAnswers } from '@quorum/contracts';
import { aggregateItem, goldScore } from './aggregate-item';
import { decideChoice } from './pairwise-preference';
import type { AnswerRecord } from './types';

type Pref = TaskAnswers['pairwise_preference'];
const withTie = { criteria: ['helpfulness', 'harmlessness'], allowTie: true };
const noTie = { criteria: ['helpfulness', 'harmlessness'] };
const plain = { allowTie: true };
const item = {
  prompt: 'Explain a hash map.',
  responses: ['A hash map stores…', 'A map.'] as [string, string],
};

const records = (
  answers: Pref[],
  weights?: number[],
): AnswerRecord<'pairwise_preference'>[] =>
  answers.map((answer, i) => ({
    annotatorId: `u${i}`,
    answer,
    ...(weights ? { weight: weights[i] } : {}),
  }));
const P = (choice: Pref['choice'], strength?: 1 | 2 | 3): Pref =>
  strength === undefined ? { choice } : { choice, strength };

describe('decideChoice', () => {
  it.each<[number, number, number, boolean, Pref['choice'] | null]>([
    [3, 1, 0, true, 'a'],
    [1, 3, 0, true, 'b'],
    [1, 1, 3, true, 'tie'], // tie wins
    [2, 0, 2, true, 'tie'], // tie shares the lead
    [2, 2, 1, true, 'tie'], // a and b equal
    [2, 2, 0, false, null], // split in a job without ties
    [2, 1, 0, false, 'a'],
    [0, 0, 0, true, null],
    [0.1 + 0.2, 0.3, 0, true, 'tie'], // float equality within tolerance
  ])('a=%d b=%d tie=%d allowTie=%s → %s', (a, b, tie, allowTie, expected) => {
    expect(decideChoice({ a, b, tie }, allowTie)).toBe(expected);
  });
});

describe('pairwise preference aggregation', () => {
  it.each<
    [string, object, Pref[], number[] | undefined, Pref | null, number, number]
  >([
    [
      'unanimous, strength rounded mean (8/3 → 3)',
      plain,
      [P('a', 2), P('a', 3), P('a', 3)],
      undefined,
      { choice: 'a', strength: 3 },
      1,
      1,
    ],
    [
      'split 2–1, strength of the winners only',
      plain,
      [P('b', 1), P('b', 2), P('a', 3)],
      undefined,
      { choice: 'b', strength: 2 },
      2 / 3,
      1 / 3,
    ],
    [
      'strength omitted when no winner gave one',
      plain,
      [P('a'), P('a'), P('b', 3)],
      undefined,
      { choice: 'a' },
      2 / 3,
      1 / 3,
    ],
    [
      'a vs b split → tie when ties are allowed',
      plain,
      [P('a', 3), P('b', 3)],
      undefined,
      { choice: 'tie' },
      0,
      0,
    ],
    [
      'tie wins',
      plain,
      [P('tie'), P('tie'), P('a', 1)],
      undefined,
      { choice: 'tie' },
      2 / 3,
      1 / 3,
    ],
    [
      'weights',
      plain,
      [P('a', 1), P('b', 3), P('a', 1)],
      [0.2, 1, 0.3],
      { choice: 'b', strength: 3 },
      1 / 1.5,
      1 / 3,
    ],
    [
      'weighted strength mean',
      plain,
      [P('a', 1), P('a', 3)],
      [1, 0.2],
      { choice: 'a', strength: 1 },
      1,
      1,
    ],
  ])(
    '%s',
    (_name, schema, answers, weights, aggregate, confidence, agreement) => {
      const r = aggregateItem(
        'pairwise_preference',
        schema,
        item,
        records(answers, weights),
      );
      expect(r.aggregate).toEqual(aggregate);
      expect(r.confidence).toBeCloseTo(confidence, 10);
      expect(r.agreement).toBeCloseTo(agreement, 10);
    },
  );

  it('aggregates each criterion and drops the rationale', () => {
    const answers: Pref[] = [
      {
        choice: 'a',
        strength: 2,
        criteria: { helpfulness: 'a', harmlessness: 'tie' },
        rationale: 'A is complete.',
      },
      {
        choice: 'a',
        strength: 2,
        criteria: { helpfulness: 'a', harmlessness: 'tie' },
        rationale: 'Better.',
      },
      {
        choice: 'b',
        strength: 1,
        criteria: { helpfulness: 'b', harmlessness: 'a' },
      },
    ];
    const r = aggregateItem(
      'pairwise_preference',
      withTie,
      item,
      records(answers),
    );
    expect(r.aggregate).toEqual({
      choice: 'a',
      strength: 2,
      criteria: { helpfulness: 'a', harmlessness: 'tie' },
    });
    expect(r.details?.['criteriaShares']).toEqual({
      helpfulness: { a: 2 / 3, b: 1 / 3, tie: 0 },
      harmlessness: { a: 1 / 3, b: 0, tie: 2 / 3 },
    });
  });

  it('a split criterion in a job without ties takes the overall choice', () => {
    const answers: Pref[] = [
      { choice: 'a', criteria: { helpfulness: 'a', harmlessness: 'a' } },
      { choice: 'a', criteria: { helpfulness: 'a', harmlessness: 'b' } },
      { choice: 'a', criteria: { helpfulness: 'a', harmlessness: 'a' } },
      { choice: 'b', criteria: { helpfulness: 'b', harmlessness: 'b' } },
    ];
    const r = aggregateItem(
      'pairwise_preference',
      noTie,
      item,
      records(answers),
    );
    expect(r.aggregate).toEqual({
      choice: 'a',
      criteria: { helpfulness: 'a', harmlessness: 'a' },
    });
    expect(r.details?.['criteriaFallback']).toEqual(['harmlessness']);
  });

  it('an overall split in a job without ties needs review', () => {
    const answers: Pref[] = [
      { choice: 'a', criteria: { helpfulness: 'a', harmlessness: 'a' } },
      { choice: 'b', criteria: { helpfulness: 'b', harmlessness: 'b' } },
    ];
    const r = aggregateItem(
      'pairwise_preference',
      noTie,
      item,
      records(answers),
    );
    expect(r).toMatchObject({
      aggregate: null,
      confidence: 0,
      agreement: 0,
      details: { needsReview: true },
    });
  });

  it('adversarial position-biased annotators are outvoted only by weight', () => {
    const answers = [P('a'), P('a'), P('b'), P('b'), P('b')];
    expect(
      aggregateItem('pairwise_preference', plain, item, records(answers))
        .aggregate,
    ).toEqual({ choice: 'b' });
    const trusted = aggregateItem(
      'pairwise_preference',
      plain,
      item,
      records(answers, [1, 1, 0.1, 0.1, 0.1]),
    );
    expect(trusted.aggregate).toEqual({ choice: 'a' });
    expect(trusted.confidence).toBeCloseTo(2 / 2.3, 10);
    expect(trusted.agreement).toBeCloseTo(4 / 10, 10);
  });

  it.each<[Pref['choice'], Pref['choice'], number]>([
    ['a', 'a', 1],
    ['tie', 'tie', 1],
    ['a', 'tie', 0.5],
    ['tie', 'b', 0.5],
    ['a', 'b', 0],
  ])('gold: %s vs %s → %d', (answer, gold, expected) => {
    expect(
      goldScore(
        'pairwise_preference',
        plain,
        item,
        { choice: answer },
        { choice: gold },
      ),
    ).toBe(expected);
  });
});
