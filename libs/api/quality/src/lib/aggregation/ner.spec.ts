import type { TaskAnswers } from '@quorum/contracts';
import { aggregateItem, goldScore } from './aggregate-item';
import type { AnswerRecord } from './types';

type Span = TaskAnswers['ner']['spans'][number];
const schema = { labels: ['PER', 'ORG', 'LOC'] };
// 0         1         2         3         4
// 0123456789012345678901234567890123456789012
// Ada Lovelace met Charles Babbage in London.
const item = { text: 'Ada Lovelace met Charles Babbage in London.' };
const ada: Span = { start: 0, end: 12, label: 'PER' };
const adaShort: Span = { start: 0, end: 3, label: 'PER' };
const charles: Span = { start: 17, end: 32, label: 'PER' };
const london: Span = { start: 36, end: 42, label: 'LOC' };
const londonOrg: Span = { start: 36, end: 42, label: 'ORG' };

const records = (sets: Span[][], weights?: number[]): AnswerRecord<'ner'>[] =>
  sets.map((spans, i) => ({
    annotatorId: `u${i}`,
    answer: { spans },
    ...(weights ? { weight: weights[i] } : {}),
  }));

describe('ner aggregation', () => {
  it.each<[string, Span[][], number[] | undefined, Span[], number, number]>([
    [
      'unanimous',
      [
        [ada, london],
        [london, ada],
        [ada, london],
      ],
      undefined,
      [ada, london],
      1,
      1,
    ],
    ['all empty', [[], [], []], undefined, [], 1, 1],
    // ada 2/3 kept; F1(A,B) = 2/3, F1(A,C) = F1(B,C) = 0
    [
      'split',
      [[ada, london], [ada], [adaShort]],
      undefined,
      [ada],
      2 / 3,
      2 / 9,
    ],
    [
      'majority of spans, different annotators',
      [
        [ada, charles],
        [charles, london],
        [ada, london],
      ],
      undefined,
      [ada, charles, london],
      2 / 3,
      0.5,
    ],
    [
      'label must match exactly',
      [[london], [londonOrg], [london]],
      undefined,
      [london],
      2 / 3,
      1 / 3,
    ],
    // the adversary tags everything; the two empty answers win, confidence = their share
    [
      'adversarial over-tagger',
      [[], [ada, charles, london], []],
      undefined,
      [],
      2 / 3,
      1 / 3,
    ],
    ['no majority for anything', [[ada], [adaShort]], undefined, [], 0, 0],
    ['exactly half is not a majority', [[ada], []], undefined, [], 0.5, 0],
    ['weights', [[ada], [], []], [1, 0.2, 0.2], [ada], 1 / 1.4, 1 / 3],
    [
      'duplicate span in one answer counts once',
      [[ada, ada], [], []],
      undefined,
      [],
      2 / 3,
      1 / 3,
    ],
  ])('%s', (_name, sets, weights, spans, confidence, agreement) => {
    const r = aggregateItem('ner', schema, item, records(sets, weights));
    expect(r.aggregate).toEqual({ spans });
    expect(r.confidence).toBeCloseTo(confidence, 10);
    expect(r.agreement).toBeCloseTo(agreement, 10);
  });

  it.each<[Span[], Span[], number]>([
    [[ada, london], [ada, london], 1],
    [[], [], 1],
    [[ada], [], 0],
    [[ada, london], [ada], 2 / 3],
    [[adaShort], [ada], 0],
  ])('gold span F1 %#', (answer, gold, expected) => {
    expect(
      goldScore('ner', schema, item, { spans: answer }, { spans: gold }),
    ).toBeCloseTo(expected, 10);
  });
});
