import type { TaskAnswers } from '@quorum/contracts';
import { aggregateItem, goldScore } from './aggregate-item';
import { clusterBoxes, iou, matchBoxes, medianBox } from './bbox';
import type { AnswerRecord } from './types';

type Box = TaskAnswers['bbox']['boxes'][number];
const schema = { labels: ['car', 'pedestrian'] };
const item = { imageUrl: 'https://example.com/a.jpg', width: 640, height: 480 };
const car = (x: number, y: number, w: number, h: number): Box => ({
  x,
  y,
  w,
  h,
  label: 'car',
});
const ped = (x: number, y: number, w: number, h: number): Box => ({
  x,
  y,
  w,
  h,
  label: 'pedestrian',
});

const records = (sets: Box[][], weights?: number[]): AnswerRecord<'bbox'>[] =>
  sets.map((boxes, i) => ({
    annotatorId: `u${i}`,
    answer: { boxes },
    ...(weights ? { weight: weights[i] } : {}),
  }));

describe('iou', () => {
  it.each<[string, Box, Box, number]>([
    ['identical', car(0, 0, 10, 10), car(0, 0, 10, 10), 1],
    ['disjoint', car(0, 0, 10, 10), car(20, 20, 5, 5), 0],
    ['touching edges', car(0, 0, 10, 10), car(10, 0, 10, 10), 0],
    ['half shifted', car(0, 0, 10, 10), car(5, 0, 10, 10), 50 / 150],
    ['contained half', car(0, 0, 10, 10), car(0, 0, 5, 10), 0.5],
    ['corner overlap', car(0, 0, 4, 4), car(2, 2, 4, 4), 4 / 28],
  ])('%s', (_name, a, b, expected) => {
    expect(iou(a, b)).toBeCloseTo(expected, 12);
    expect(iou(b, a)).toBeCloseTo(expected, 12);
  });
});

describe('bbox aggregation', () => {
  const a1 = car(10, 10, 100, 100);
  const a2 = car(12, 8, 100, 104);
  const a3 = car(8, 12, 96, 100);
  // median left 10, top 10, right median(110, 112, 104) = 110, bottom median(110, 112, 112) = 112
  const a123 = car(10, 10, 100, 102);
  const p1 = ped(300, 200, 40, 120);
  const far = car(500, 400, 50, 50);

  it.each<[string, Box[][], number[] | undefined, Box[], number, number]>([
    [
      'unanimous identical',
      [
        [a1, p1],
        [p1, a1],
        [a1, p1],
      ],
      undefined,
      [a1, p1],
      1,
      1,
    ],
    ['all empty', [[], [], []], undefined, [], 1, 1],
    [
      'jittered boxes → median of edges',
      [[a1], [a2], [a3]],
      undefined,
      [a123],
      1,
      1,
    ],
    [
      'one annotator misses an object',
      [[a1, p1], [a2, p1], [a3]],
      undefined,
      [a123, p1],
      (1 + 2 / 3) / 2,
      (1 + 2 / 3 + 2 / 3) / 3,
    ],
    [
      'labels never mix',
      [[a1], [a1], [{ ...a1, label: 'pedestrian' }]],
      undefined,
      [a1],
      2 / 3,
      1 / 3,
    ],
    [
      'adversary draws far away',
      [[a1], [a2], [far]],
      undefined,
      [car(11, 9, 100, 102)],
      2 / 3,
      1 / 3,
    ],
    ['no majority', [[a1], [far]], undefined, [], 0, 0],
    [
      'adversary with one box vs two empty',
      [[], [far], []],
      undefined,
      [],
      2 / 3,
      1 / 3,
    ],
    ['weights', [[a1], [far], [far]], [1, 0.1, 0.1], [a1], 1 / 1.2, 1 / 3],
  ])('%s', (_name, sets, weights, boxes, confidence, agreement) => {
    const r = aggregateItem('bbox', schema, item, records(sets, weights));
    expect(r.aggregate?.boxes).toHaveLength(boxes.length);
    r.aggregate?.boxes.forEach((b, i) => {
      expect(b.label).toBe(boxes[i].label);
      expect([b.x, b.y, b.w, b.h]).toEqual([
        boxes[i].x,
        boxes[i].y,
        boxes[i].w,
        boxes[i].h,
      ]);
    });
    expect(r.confidence).toBeCloseTo(confidence, 10);
    expect(r.agreement).toBeCloseTo(agreement, 10);
  });

  it('clusters by complete linkage: a chain A–B–C with IoU(A, C) < 0.5 is not one object', () => {
    const A = car(0, 0, 10, 10);
    const B = car(3, 0, 10, 10); // IoU(A,B) = IoU(B,C) = 70/130
    const C = car(6, 0, 10, 10); // IoU(A,C) = 40/160
    const clusters = clusterBoxes([[A], [B], [C]]);
    expect(clusters.map((c) => c.map((m) => m.annotator))).toEqual([
      [0, 1],
      [2],
    ]);
    const r = aggregateItem('bbox', schema, item, records([[A], [B], [C]]));
    expect(r.aggregate).toEqual({ boxes: [car(1.5, 0, 10, 10)] });
  });

  it('never puts two boxes of the same annotator in one cluster', () => {
    const clusters = clusterBoxes([
      [car(0, 0, 10, 10), car(1, 0, 10, 10)],
      [car(0, 0, 10, 10)],
    ]);
    expect(clusters.map((c) => c.map((m) => m.annotator))).toEqual([
      [0, 1],
      [0],
    ]);
  });

  it('takes the median of each edge, so one sloppy edge does not move the others', () => {
    // Right edges 110, 110, 300 (one annotator drags the right edge): right stays at 110.
    expect(
      medianBox([
        car(10, 10, 100, 100),
        car(10, 10, 100, 100),
        car(10, 10, 290, 100),
      ]),
    ).toEqual(car(10, 10, 100, 100));
    // Even count: mean of the two middle edges; the box stays inside the members' extent.
    const m = medianBox([
      car(0, 0, 100, 10),
      car(60, 0, 40, 10),
      car(95, 0, 5, 10),
      car(20, 0, 30, 10),
    ]);
    // lefts 0, 20, 60, 95 → 40; rights 50, 100, 100, 100 → 100
    expect(m).toEqual(car(40, 0, 60, 10));
  });

  it('matches boxes one-to-one, greedily by IoU', () => {
    expect(
      matchBoxes([car(0, 0, 10, 10), car(1, 0, 10, 10)], [car(0, 0, 10, 10)]),
    ).toBe(1);
    expect(matchBoxes([a1, p1], [a2, p1])).toBe(2);
    expect(matchBoxes([a1], [{ ...a1, label: 'pedestrian' }])).toBe(0);
  });

  it.each<[Box[], Box[], number]>([
    [[a1, p1], [a2, p1], 1],
    [[], [], 1],
    [[a1], [], 0],
    [[a1, p1], [a1], 2 / 3],
    [[far], [a1], 0],
  ])('gold matched F1 %#', (answer, gold, expected) => {
    expect(
      goldScore('bbox', schema, item, { boxes: answer }, { boxes: gold }),
    ).toBeCloseTo(expected, 10);
  });
});
