import {
  fleissKappa,
  fleissKappaFromCounts,
  krippendorffAlpha,
} from './agreement-stats';

describe('fleissKappa', () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
  const wikipedia = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  it('matches the Wikipedia worked example (P̄ = 0.378, P_e = 0.213, κ ≈ 0.210)', () => {
    expect(fleissKappaFromCounts(wikipedia)).toBeCloseTo(0.20993, 4);
  });

  it('gives the same from per-item label lists', () => {
    const labels = ['1', '2', '3', '4', '5'];
    const items = wikipedia.map((row) =>
      row.flatMap((n, j) => Array<string>(n).fill(labels[j])),
    );
    expect(fleissKappa(labels, items)).toBeCloseTo(
      fleissKappaFromCounts(wikipedia),
      12,
    );
  });

  it.each<[string, string[][], number]>([
    [
      'perfect agreement',
      [
        ['a', 'a', 'a'],
        ['b', 'b', 'b'],
        ['a', 'a', 'a'],
      ],
      1,
    ],
    // every item split 1–1 over two equally used categories: P̄ = 0, P_e = 0.5
    [
      'systematic disagreement',
      [
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
      ],
      -1,
    ],
    [
      'undefined when one category only',
      [
        ['a', 'a'],
        ['a', 'a'],
      ],
      Number.NaN,
    ],
    ['undefined without two ratings', [['a'], ['b']], Number.NaN],
  ])('%s', (_name, items, expected) => {
    const k = fleissKappa(['a', 'b'], items);
    if (Number.isNaN(expected)) expect(k).toBeNaN();
    else expect(k).toBeCloseTo(expected, 12);
  });

  it('rejects unknown labels', () => {
    expect(() => fleissKappa(['a'], [['a', 'z']])).toThrow(RangeError);
  });
});

describe('krippendorffAlpha', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers,
  // 12 units, missing values. Published: nominal 0.743, interval 0.849.
  const _ = null;
  const byObserver = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  const units = byObserver[0].map((_v, u) => byObserver.map((row) => row[u])); // items × annotators

  it('nominal: 0.743', () => {
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3);
  });

  it('interval: 0.849', () => {
    expect(krippendorffAlpha(units, { level: 'interval' })).toBeCloseTo(
      0.849,
      3,
    );
  });

  it('treats values as categories (strings work the same as numbers for nominal)', () => {
    const asStrings = units.map((row) =>
      row.map((v) => (v === null ? undefined : `v${v}`)),
    );
    expect(krippendorffAlpha(asStrings)).toBeCloseTo(
      krippendorffAlpha(units),
      12,
    );
  });

  it.each<[string, (string | null)[][], number]>([
    [
      'perfect agreement',
      [
        ['a', 'a'],
        ['b', 'b', null],
        ['a', 'a', 'a'],
      ],
      1,
    ],
    [
      'undefined with a single value',
      [
        ['a', 'a'],
        ['a', 'a'],
      ],
      Number.NaN,
    ],
    [
      'units with one value are not pairable',
      [['a'], ['b'], [null, 'a']],
      Number.NaN,
    ],
  ])('%s', (_name, data, expected) => {
    const a = krippendorffAlpha(data);
    if (Number.isNaN(expected)) expect(a).toBeNaN();
    else expect(a).toBeCloseTo(expected, 12);
  });

  it('rejects non-numeric interval data', () => {
    expect(() =>
      krippendorffAlpha([['a', 'b']], { level: 'interval' }),
    ).toThrow(TypeError);
  });

  /** Textbook computation through the explicit coincidence matrix, to check the closed forms. */
  function bruteForce(data: (number | null)[][], interval: boolean): number {
    const delta = (c: number, k: number) =>
      interval ? (c - k) ** 2 : c === k ? 0 : 1;
    const o = new Map<string, number>();
    const values = new Set<number>();
    for (const row of data) {
      const vals = row.filter((v): v is number => v !== null);
      if (vals.length < 2) continue;
      for (let i = 0; i < vals.length; i++)
        for (let j = 0; j < vals.length; j++) {
          if (i === j) continue;
          const key = `${vals[i]},${vals[j]}`;
          o.set(key, (o.get(key) ?? 0) + 1 / (vals.length - 1));
          values.add(vals[i]);
        }
    }
    const vs = [...values];
    const nc = new Map(
      vs.map((c) => [c, vs.reduce((s, k) => s + (o.get(`${c},${k}`) ?? 0), 0)]),
    );
    const n = [...nc.values()].reduce((s, x) => s + x, 0);
    let dObs = 0;
    let dExp = 0;
    for (const c of vs)
      for (const k of vs) {
        dObs += (o.get(`${c},${k}`) ?? 0) * delta(c, k);
        dExp +=
          ((nc.get(c) as number) * (nc.get(k) as number) * delta(c, k)) /
          (n - 1);
      }
    return 1 - dObs / dExp;
  }

  it('agrees with the coincidence-matrix computation on pseudo-random data', () => {
    let a = 7; // mulberry32
    const rand = () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let trial = 0; trial < 20; trial++) {
      const data = Array.from({ length: 15 }, () =>
        Array.from({ length: 4 }, () =>
          rand() < 0.2 ? null : 1 + Math.floor(rand() * 4),
        ),
      );
      expect(krippendorffAlpha(data)).toBeCloseTo(bruteForce(data, false), 10);
      expect(krippendorffAlpha(data, { level: 'interval' })).toBeCloseTo(
        bruteForce(data, true),
        10,
      );
    }
  });
});
