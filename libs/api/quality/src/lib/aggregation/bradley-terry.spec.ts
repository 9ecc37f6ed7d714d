import {
  bradleyTerry,
  bradleyTerryFit,
  type Comparison,
} from './bradley-terry';

const byScore = (scores: Map<string, number>) =>
  [...scores].sort((a, b) => b[1] - a[1]).map(([id]) => id);

describe('bradleyTerry', () => {
  it('orders a transitive tournament (perfect separation) and converges thanks to the prior', () => {
    const players = ['E', 'C', 'A', 'D', 'B']; // appearance order must not matter
    const strength = { A: 5, B: 4, C: 3, D: 2, E: 1 } as Record<string, number>;
    const comparisons: Comparison[] = [];
    for (const p of players)
      for (const q of players)
        if (strength[p] > strength[q])
          comparisons.push({ winner: p, loser: q }, { winner: p, loser: q });
    const fit = bradleyTerryFit(comparisons);
    expect(fit.converged).toBe(true);
    expect(byScore(fit.scores)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect([...fit.scores.values()].reduce((s, x) => s + x, 0)).toBeCloseTo(
      1,
      12,
    );
    for (const v of fit.scores.values())
      expect(Number.isFinite(v) && v > 0).toBe(true);
  });

  it('recovers the maximum-likelihood ratio with a negligible prior (2 wins to 1 → 2:1)', () => {
    const scores = bradleyTerry(
      [
        { winner: 'x', loser: 'y' },
        { winner: 'x', loser: 'y' },
        { winner: 'y', loser: 'x' },
      ],
      { prior: 1e-9, tolerance: 1e-12 },
    );
    expect(
      (scores.get('x') as number) / (scores.get('y') as number),
    ).toBeCloseTo(2, 6);
  });

  it('a known three-player MLE: P(i beats j) = s_i / (s_i + s_j) reproduces balanced wins', () => {
    // Hunter's MM fixed point satisfies W_i = Σ_j n_ij s_i / (s_i + s_j).
    const comparisons: Comparison[] = [
      { winner: 'a', loser: 'b', weight: 3 },
      { winner: 'b', loser: 'a', weight: 1 },
      { winner: 'b', loser: 'c', weight: 3 },
      { winner: 'c', loser: 'b', weight: 1 },
      { winner: 'a', loser: 'c', weight: 2 },
      { winner: 'c', loser: 'a', weight: 2 },
    ];
    const s = bradleyTerry(comparisons, {
      prior: 1e-9,
      tolerance: 1e-13,
      maxIterations: 100_000,
    });
    const get = (id: string) => s.get(id) as number;
    const expectedWins = (i: string, pairs: [string, number][]) =>
      pairs.reduce((sum, [j, n]) => sum + (n * get(i)) / (get(i) + get(j)), 0);
    expect(
      expectedWins('a', [
        ['b', 4],
        ['c', 4],
      ]),
    ).toBeCloseTo(5, 5);
    expect(
      expectedWins('b', [
        ['a', 4],
        ['c', 4],
      ]),
    ).toBeCloseTo(4, 5);
    expect(
      expectedWins('c', [
        ['a', 4],
        ['b', 4],
      ]),
    ).toBeCloseTo(3, 5);
  });

  it('stays finite on disconnected components and ignores self-comparisons', () => {
    const scores = bradleyTerry([
      { winner: 'a', loser: 'b' },
      { winner: 'c', loser: 'd' },
      { winner: 'c', loser: 'd' },
      { winner: 'e', loser: 'e' },
      { winner: 'f', loser: 'g', weight: 0 },
    ]);
    expect([...scores.keys()]).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const v of scores.values())
      expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(scores.get('c') as number).toBeGreaterThan(
      scores.get('a') as number,
    );
    expect(scores.get('e')).toBeCloseTo(scores.get('f') as number, 12);
  });

  it('ties entered as half wins each way give equal scores', () => {
    const scores = bradleyTerry([
      { winner: 'a', loser: 'b', weight: 0.5 },
      { winner: 'b', loser: 'a', weight: 0.5 },
    ]);
    expect(scores.get('a')).toBeCloseTo(scores.get('b') as number, 12);
  });

  it('is deterministic and does not depend on comparison order', () => {
    const cs: Comparison[] = [
      { winner: 'a', loser: 'b' },
      { winner: 'b', loser: 'c' },
      { winner: 'c', loser: 'a' },
      { winner: 'a', loser: 'c' },
    ];
    const one = bradleyTerry(cs);
    expect(bradleyTerry(cs)).toEqual(one);
    const rev = bradleyTerry([...cs].reverse());
    for (const [id, v] of one) expect(rev.get(id)).toBeCloseTo(v, 8);
  });

  it('returns an empty map for no comparisons', () => {
    expect(bradleyTerry([]).size).toBe(0);
  });
});
