import type { TaskAnswers } from '@quorum/contracts';
import { aggregateItem, goldScore } from './aggregate-item';
import type { AnswerRecord } from './types';

type Answer = TaskAnswers['classification'];
const single = { labels: ['pos', 'neg', 'neu'] };
const multi = { labels: ['a', 'b', 'c'], multiple: true };
const item = { text: 'The battery lasts all day.' };

const records = (
  answers: Answer[],
  weights?: number[],
): AnswerRecord<'classification'>[] =>
  answers.map((answer, i) => ({
    annotatorId: `u${i}`,
    answer,
    ...(weights ? { weight: weights[i] } : {}),
  }));
const L = (...labels: string[]): Answer[] => labels.map((label) => ({ label }));

describe('classification, single label', () => {
  it.each<[string, Answer[], number[] | undefined, string, number, number]>([
    ['unanimous', L('neg', 'neg', 'neg'), undefined, 'neg', 1, 1],
    ['split 2–1', L('pos', 'pos', 'neg'), undefined, 'pos', 2 / 3, 1 / 3],
    [
      '1–1 tie → first label in the schema',
      L('neu', 'neg'),
      undefined,
      'neg',
      0.5,
      0,
    ],
    [
      'three-way tie → first label in the schema',
      L('neu', 'neg', 'pos'),
      undefined,
      'pos',
      1 / 3,
      0,
    ],
    [
      '4 annotators 2–2',
      L('neu', 'neg', 'neg', 'neu'),
      undefined,
      'neg',
      0.5,
      1 / 3,
    ],
    [
      'weights outvote the count',
      L('pos', 'neg', 'pos'),
      [0.2, 0.9, 0.3],
      'neg',
      0.9 / 1.4,
      1 / 3,
    ],
    // 0.1 + 0.2 !== 0.3 in floating point; it is still a tie, so the schema order decides.
    [
      'float tie is a tie',
      L('neg', 'neg', 'pos'),
      [0.1, 0.2, 0.3],
      'pos',
      0.5,
      1 / 3,
    ],
    [
      'adversarial low-weight majority',
      L('neu', 'neu', 'neu', 'pos'),
      [0.1, 0.1, 0.1, 1],
      'pos',
      1 / 1.3,
      0.5,
    ],
    [
      'all weights 0 → equal weights',
      L('neu', 'neu', 'pos'),
      [0, 0, 0],
      'neu',
      2 / 3,
      1 / 3,
    ],
  ])('%s', (_name, answers, weights, label, confidence, agreement) => {
    const r = aggregateItem(
      'classification',
      single,
      item,
      records(answers, weights),
    );
    expect(r.aggregate).toEqual({ label });
    expect(r.confidence).toBeCloseTo(confidence, 10);
    expect(r.agreement).toBeCloseTo(agreement, 10);
  });

  it('reports the weight shares and the equal-weights fallback', () => {
    const r = aggregateItem(
      'classification',
      single,
      item,
      records(L('neu', 'pos'), [0, 0]),
    );
    expect(r.details).toEqual({
      shares: { pos: 0.5, neu: 0.5 },
      equalWeightsFallback: true,
    });
  });

  it('ignores labels outside the schema', () => {
    const r = aggregateItem(
      'classification',
      single,
      item,
      records(L('bogus', 'bogus', 'neu')),
    );
    expect(r.aggregate).toEqual({ label: 'neu' });
  });
});

describe('classification, multi label', () => {
  const M = (...sets: string[][]): Answer[] =>
    sets.map((labels) => ({ labels }));
  it.each<
    [string, Answer[], number[] | undefined, string[], number, number, boolean]
  >([
    [
      'unanimous',
      M(['a', 'c'], ['c', 'a'], ['a', 'c']),
      undefined,
      ['a', 'c'],
      1,
      1,
      false,
    ],
    // shares a 1, b 1/3, c 1/3 → margins 1, 1/3, 1/3; Jaccards 1/2, 1/3, 1/2
    [
      'per-label majority',
      M(['a', 'b'], ['a'], ['a', 'c']),
      undefined,
      ['a'],
      5 / 9,
      4 / 9,
      false,
    ],
    [
      'exactly half is not a majority',
      M(['a'], ['a', 'b']),
      undefined,
      ['a'],
      0.5,
      0.5,
      false,
    ],
    [
      'order follows the schema',
      M(['c', 'b'], ['b', 'c'], ['c']),
      undefined,
      ['b', 'c'],
      (1 / 3 + 1) / 2,
      (1 + 0.5 + 0.5) / 3,
      false,
    ],
    [
      'no majority → top label fallback',
      M(['b'], ['c'], ['a']),
      undefined,
      ['a'],
      1 / 3,
      0,
      true,
    ],
    [
      'weighted',
      M(['a'], ['b'], ['b']),
      [1, 0.2, 0.2],
      ['a'],
      3 / 7 /* shares a 5/7, b 2/7: both margins 3/7 */,
      1 / 3,
      false,
    ],
  ])(
    '%s',
    (_name, answers, weights, labels, confidence, agreement, fallback) => {
      const r = aggregateItem(
        'classification',
        multi,
        item,
        records(answers, weights),
      );
      expect(r.aggregate).toEqual({ labels });
      expect(r.confidence).toBeCloseTo(confidence, 10);
      expect(r.agreement).toBeCloseTo(agreement, 10);
      expect(r.details?.['fallback']).toBe(fallback ? 'top-label' : undefined);
    },
  );
});

describe('classification gold score', () => {
  it.each<[string, typeof single | typeof multi, Answer, Answer, number]>([
    ['single, match', single, { label: 'pos' }, { label: 'pos' }, 1],
    ['single, miss', single, { label: 'neg' }, { label: 'pos' }, 0],
    [
      'multi, identical',
      multi,
      { labels: ['a', 'b'] },
      { labels: ['b', 'a'] },
      1,
    ],
    [
      'multi, Jaccard',
      multi,
      { labels: ['a', 'b'] },
      { labels: ['b', 'c'] },
      1 / 3,
    ],
    ['multi, disjoint', multi, { labels: ['a'] }, { labels: ['c'] }, 0],
  ])('%s', (_name, schema, answer, gold, expected) => {
    expect(goldScore('classification', schema, item, answer, gold)).toBeCloseTo(
      expected,
      10,
    );
  });
});
