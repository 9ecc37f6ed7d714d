import { aggregateItem, goldScore } from './aggregate-item';
import { isPermutation, kendallTau } from './ranking';
import type { AnswerRecord } from './types';

const schema = {};
const item3 = {
  prompt: 'Name a grey cat.',
  responses: ['Whiskers', 'Cat', 'Sir Pounce-a-lot'],
};
const item2 = { prompt: 'Name a grey cat.', responses: ['Whiskers', 'Cat'] };
const records = (
  orders: number[][],
  weights?: number[],
): AnswerRecord<'ranking'>[] =>
  orders.map((order, i) => ({
    annotatorId: `u${i}`,
    answer: { order },
    ...(weights ? { weight: weights[i] } : {}),
  }));

describe('kendallTau', () => {
  it.each<[number[], number[], number]>([
    [[0, 1, 2], [0, 1, 2], 1],
    [[0, 1, 2], [2, 1, 0], -1],
    [[0, 1, 2], [1, 0, 2], 1 / 3],
    [[1, 0, 2], [0, 2, 1], -1 / 3],
    [[0, 1, 2, 3], [1, 0, 3, 2], 1 / 3],
    [[3], [3], 1],
  ])('%j vs %j → %d', (a, b, expected) => {
    expect(kendallTau(a, b)).toBeCloseTo(expected, 12);
    expect(kendallTau(b, a)).toBeCloseTo(expected, 12);
  });

  it('throws when the orders rank different items', () => {
    expect(() => kendallTau([0, 1], [0, 2])).toThrow(RangeError);
    expect(() => kendallTau([0, 1], [0, 1, 2])).toThrow(RangeError);
    expect(() => kendallTau([0, 0], [0, 1])).toThrow(RangeError);
  });

  it('isPermutation', () => {
    expect(isPermutation([2, 0, 1], 3)).toBe(true);
    expect(isPermutation([2, 0, 0], 3)).toBe(false);
    expect(isPermutation([0, 1], 3)).toBe(false);
    expect(isPermutation([0, 1.5], 2)).toBe(false);
  });
});

describe('ranking aggregation (Borda)', () => {
  it.each<
    [
      string,
      typeof item3,
      number[][],
      number[] | undefined,
      number[],
      number[],
      number,
      number,
    ]
  >([
    [
      'unanimous',
      item3,
      [
        [2, 0, 1],
        [2, 0, 1],
        [2, 0, 1],
      ],
      undefined,
      [2, 0, 1],
      [3, 0, 6],
      1,
      1,
    ],
    // Borda 5, 3, 1; taus 1/3, 1/3, −1/3 → mean 1/9 → (1/9 + 1)/2
    [
      'split',
      item3,
      [
        [0, 1, 2],
        [1, 0, 2],
        [0, 2, 1],
      ],
      undefined,
      [0, 1, 2],
      [5, 3, 1],
      2 / 3,
      5 / 9,
    ],
    // Borda 4, 3, 2; taus 1, −1, −1 → mean −1/3
    [
      'adversary reverses',
      item3,
      [
        [0, 1, 2],
        [0, 1, 2],
        [2, 1, 0],
      ],
      undefined,
      [0, 1, 2],
      [4, 3, 2],
      1 / 3,
      1 / 3,
    ],
    [
      'K = 2 split → lowest index first, confidence 0',
      item2,
      [
        [1, 0],
        [0, 1],
      ],
      undefined,
      [0, 1],
      [1, 1],
      0,
      0,
    ],
    [
      'K = 2, 2–1',
      item2,
      [
        [1, 0],
        [1, 0],
        [0, 1],
      ],
      undefined,
      [1, 0],
      [1, 2],
      1 / 3,
      1 / 3,
    ],
    [
      'Borda tie below the top → lowest index',
      item3,
      [
        [2, 0, 1],
        [2, 1, 0],
      ],
      undefined,
      [2, 0, 1],
      [1, 1, 4],
      1,
      2 / 3,
    ],
    [
      'weights',
      item3,
      [
        [0, 1, 2],
        [2, 1, 0],
      ],
      [1, 0.25],
      [0, 1, 2],
      [2, 1.25, 0.5],
      0.75 / 1.25,
      0,
    ],
    [
      'an invalid order is ignored',
      item3,
      [
        [0, 1, 2],
        [0, 1, 2],
        [0, 0, 1],
      ],
      undefined,
      [0, 1, 2],
      [4, 2, 0],
      1,
      1,
    ],
  ])(
    '%s',
    (_name, item, orders, weights, order, borda, confidence, agreement) => {
      const r = aggregateItem(
        'ranking',
        schema,
        item,
        records(orders, weights),
      );
      expect(r.aggregate).toEqual({ order });
      expect(r.details?.['borda']).toEqual(borda);
      expect(r.confidence).toBeCloseTo(confidence, 10);
      expect(r.agreement).toBeCloseTo(agreement, 10);
    },
  );

  it.each<[number[], number[], number]>([
    [[0, 1, 2], [0, 1, 2], 1],
    [[2, 1, 0], [0, 1, 2], 0],
    [[1, 0, 2], [0, 1, 2], 2 / 3],
  ])('gold %j vs %j → %d', (answer, gold, expected) => {
    expect(
      goldScore('ranking', schema, item3, { order: answer }, { order: gold }),
    ).toBeCloseTo(expected, 12);
  });
});
