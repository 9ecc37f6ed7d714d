import { dawidSkene, type LabelObservation } from './dawid-skene';

const labels = ['cat', 'dog', 'bird'];

/**
 * A planted truth: 90 items, truth = labels[i % 3]. Two good annotators are right except on every
 * tenth item, where they say the next label; an adversary always says the next label (a consistent
 * permutation). On the items where a good annotator slips, the slip and the adversary agree, so the
 * majority vote is wrong there; Dawid–Skene learns the adversary's confusion matrix and reads the
 * adversary's "next label" as evidence for the true one.
 */
function planted(): { truth: Map<string, string>; obs: LabelObservation[] } {
  const truth = new Map<string, string>();
  const obs: LabelObservation[] = [];
  for (let i = 0; i < 90; i++) {
    const itemId = `item-${i}`;
    const t = i % 3;
    const next = labels[(t + 1) % 3];
    truth.set(itemId, labels[t]);
    obs.push({
      itemId,
      annotatorId: 'good-1',
      label: i % 10 === 0 ? next : labels[t],
    });
    obs.push({
      itemId,
      annotatorId: 'good-2',
      label: i % 10 === 5 ? next : labels[t],
    });
    obs.push({ itemId, annotatorId: 'adversary', label: next });
  }
  return { truth, obs };
}

function majorityVote(obs: LabelObservation[]): Map<string, string> {
  const votes = new Map<string, number[]>();
  for (const o of obs) {
    const v = votes.get(o.itemId) ?? [0, 0, 0];
    v[labels.indexOf(o.label)]++;
    votes.set(o.itemId, v);
  }
  return new Map(
    [...votes].map(([id, v]) => [id, labels[v.indexOf(Math.max(...v))]]),
  );
}

describe('dawidSkene', () => {
  it('recovers a planted truth where the majority vote is wrong', () => {
    const { truth, obs } = planted();
    const mv = majorityVote(obs);
    const mvWrong = [...truth].filter(([id, t]) => mv.get(id) !== t).length;
    expect(mvWrong).toBe(18); // items 0, 5, 10, … 85

    const r = dawidSkene(labels, obs);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(50);
    for (const [id, t] of truth) {
      expect(r.predictions.get(id)).toBe(t);
      expect(
        (r.posteriors.get(id) as Record<string, number>)[t],
      ).toBeGreaterThan(0.99);
    }
    // The adversary's confusion matrix is the permutation truth k → says k + 1.
    const adversary = r.confusion.get('adversary') as number[][];
    for (let k = 0; k < 3; k++)
      expect(adversary[k][(k + 1) % 3]).toBeGreaterThan(0.99);
    // Good annotators: 90% on the diagonal.
    const good = r.confusion.get('good-1') as number[][];
    for (let k = 0; k < 3; k++) expect(good[k][k]).toBeCloseTo(0.9, 2);
    for (const l of labels) expect(r.classPriors[l]).toBeCloseTo(1 / 3, 3);
  });

  it('smooths: no confusion cell and no prior is exactly 0, rows and posteriors sum to 1', () => {
    const r = dawidSkene(labels, planted().obs);
    for (const matrix of r.confusion.values())
      for (const row of matrix) {
        for (const p of row) expect(p).toBeGreaterThan(0);
        expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      }
    for (const post of r.posteriors.values())
      expect(Object.values(post).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    expect(Object.values(r.classPriors).reduce((s, p) => s + p, 0)).toBeCloseTo(
      1,
      12,
    );
  });

  it('is deterministic', () => {
    const { obs } = planted();
    const a = dawidSkene(labels, obs);
    const b = dawidSkene(
      labels,
      obs.map((o) => ({ ...o })),
    );
    expect(b).toEqual(a);
  });

  it('unanimous items stay unanimous; an unseen label keeps a small prior', () => {
    const obs: LabelObservation[] = [
      { itemId: 'x', annotatorId: 'a', label: 'cat' },
      { itemId: 'x', annotatorId: 'b', label: 'cat' },
      { itemId: 'y', annotatorId: 'a', label: 'dog' },
      { itemId: 'y', annotatorId: 'b', label: 'dog' },
    ];
    const r = dawidSkene(labels, obs);
    expect(r.predictions).toEqual(
      new Map([
        ['x', 'cat'],
        ['y', 'dog'],
      ]),
    );
    expect(r.classPriors['bird']).toBeGreaterThan(0);
    expect(r.classPriors['bird']).toBeLessThan(0.01);
  });

  it('counts and ignores observations with unknown labels', () => {
    const r = dawidSkene(labels, [
      { itemId: 'x', annotatorId: 'a', label: 'cat' },
      { itemId: 'x', annotatorId: 'b', label: 'fish' },
    ]);
    expect(r.skipped).toBe(1);
    expect([...r.posteriors.keys()]).toEqual(['x']);
  });

  it('maxIterations 0 returns the majority-vote shares', () => {
    const r = dawidSkene(
      labels,
      [
        { itemId: 'x', annotatorId: 'a', label: 'cat' },
        { itemId: 'x', annotatorId: 'b', label: 'dog' },
      ],
      { maxIterations: 0 },
    );
    expect(r.iterations).toBe(0);
    expect(r.posteriors.get('x')).toEqual({ cat: 0.5, dog: 0.5, bird: 0 });
  });

  it('rejects empty or repeated labels', () => {
    expect(() => dawidSkene([], [])).toThrow(RangeError);
    expect(() => dawidSkene(['a', 'a'], [])).toThrow(RangeError);
    expect(() => dawidSkene(['a'], [], { smoothing: 0 })).toThrow(RangeError);
  });

  it('beats the majority vote on a large job (200k observations) in linear time', () => {
    // 40k items × 5 of 50 annotators (55–95% accurate, errors uniform), 4 classes.
    const rand = mulberry32(42);
    const L = ['a', 'b', 'c', 'd'];
    const accuracy = Array.from({ length: 50 }, () => 0.55 + 0.4 * rand());
    const truth: number[] = [];
    const obs: LabelObservation[] = [];
    for (let i = 0; i < 40_000; i++) {
      const t = Math.floor(rand() * 4);
      truth.push(t);
      for (let r = 0; r < 5; r++) {
        const a = Math.floor(rand() * 50);
        const l =
          rand() < accuracy[a] ? t : (t + 1 + Math.floor(rand() * 3)) % 4;
        obs.push({ itemId: `i${i}`, annotatorId: `a${a}`, label: L[l] });
      }
    }
    const start = performance.now();
    const r = dawidSkene(L, obs);
    const ms = performance.now() - start;
    expect(r.converged).toBe(true);
    const correct = truth.filter(
      (t, i) => r.predictions.get(`i${i}`) === L[t],
    ).length;
    const mv = majorityVoteOf(L, obs);
    const mvCorrect = truth.filter((t, i) => mv.get(`i${i}`) === L[t]).length;
    expect(correct).toBeGreaterThan(mvCorrect + 200); // 37 919 vs 37 306 with this seed
    expect(ms).toBeLessThan(15_000); // ≈ 0.4 s in plain Node; a guard against quadratic behaviour only
  }, 60_000);
});

/** Small deterministic PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function majorityVoteOf(
  L: string[],
  obs: LabelObservation[],
): Map<string, string> {
  const votes = new Map<string, number[]>();
  for (const o of obs) {
    const v = votes.get(o.itemId) ?? L.map(() => 0);
    v[L.indexOf(o.label)]++;
    votes.set(o.itemId, v);
  }
  return new Map(
    [...votes].map(([id, v]) => [id, L[v.indexOf(Math.max(...v))]]),
  );
}
