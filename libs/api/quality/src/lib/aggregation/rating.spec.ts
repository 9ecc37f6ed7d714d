import { aggregateItem, goldScore } from './aggregate-item';
import type { AnswerRecord } from './types';

const schema = {
  criteria: ['helpfulness', 'harmlessness'],
  scale: { min: 1, max: 5 },
};
const item = {
  prompt: 'How do I boil an egg?',
  response: 'Simmer it for 9 minutes.',
};
type Scores = Record<string, number>;
const records = (
  scores: Scores[],
  weights?: number[],
): AnswerRecord<'rating'>[] =>
  scores.map((s, i) => ({
    annotatorId: `u${i}`,
    answer: { scores: s },
    ...(weights ? { weight: weights[i] } : {}),
  }));
const S = (helpfulness: number, harmlessness: number): Scores => ({
  helpfulness,
  harmlessness,
});
const std3 = Math.sqrt(2 / 9); // population std of 4, 5, 5

describe('rating aggregation', () => {
  it.each<[string, Scores[], number[] | undefined, Scores, number]>([
    ['unanimous', [S(4, 5), S(4, 5), S(4, 5)], undefined, S(4, 5), 1],
    // helpfulness 4, 5, 5 → mean 4.67 → 5, std √(2/9); harmlessness all 1
    [
      'split',
      [S(4, 1), S(5, 1), S(5, 1)],
      undefined,
      S(5, 1),
      1 - std3 / 2 / 2,
    ],
    [
      'half rounds up',
      [S(3, 2), S(4, 3)],
      undefined,
      S(4, 3),
      1 - (0.5 / 2 + 0.5 / 2) / 2,
    ],
    ['adversary at the extremes', [S(1, 5), S(5, 1)], undefined, S(3, 3), 0],
    [
      'weighted mean',
      [S(5, 5), S(1, 5)],
      [1, 0.25],
      S(4, 5),
      1 - (2 / 2 + 0) / 2,
    ],
  ])('%s', (_name, scores, weights, aggregate, agreement) => {
    const r = aggregateItem('rating', schema, item, records(scores, weights));
    expect(r.aggregate).toEqual({ scores: aggregate });
    expect(r.agreement).toBeCloseTo(agreement, 10);
    expect(r.confidence).toBeCloseTo(agreement, 10);
  });

  it('keeps the exact mean and the spread in details', () => {
    const r = aggregateItem(
      'rating',
      schema,
      item,
      records([S(4, 1), S(5, 1), S(5, 2)]),
    );
    const stats = (
      r.details?.['criteria'] as Record<string, Record<string, number>>
    )['helpfulness'];
    expect(stats['mean']).toBeCloseTo(14 / 3, 12);
    expect(stats['std']).toBeCloseTo(std3, 12);
    expect([stats['min'], stats['max'], stats['n']]).toEqual([4, 5, 3]);
  });

  it('works on scales that do not start at 1', () => {
    const s = { criteria: ['q'], scale: { min: -3, max: 3 } };
    const r = aggregateItem(
      'rating',
      s,
      item,
      records([{ q: -3 }, { q: -2 }, { q: -2 }]),
    );
    expect(r.aggregate).toEqual({ scores: { q: -2 } });
  });

  it.each<[Scores, Scores, number]>([
    [S(4, 5), S(4, 5), 1],
    [S(1, 1), S(5, 5), 0],
    [S(3, 5), S(5, 5), 1 - 2 / 4 / 2],
  ])('gold %j vs %j → %d', (answer, gold, expected) => {
    expect(
      goldScore('rating', schema, item, { scores: answer }, { scores: gold }),
    ).toBeCloseTo(expected, 12);
  });
});
