import { integratedEconomicInterest } from './economic';
import { effectiveInterest } from './effective-owners';
import { graph } from './test-builders';

/** R0 → R1 → … → R(L−1) → R0, each holding `share` of the next; V = R0. */
function ring(length: number, share: number) {
  const b = graph();
  for (let i = 0; i < length; i++)
    b.holds(`R${i}`, `R${(i + 1) % length}`, share);
  return b.build();
}

describe('integrated economic interest on cycles', () => {
  // Walks from R(L−d) reach R0 after d steps, then loop round the ring: 0.9^d / (1 − 0.9^L).
  const expected = (length: number, d: number) =>
    (100 * 0.9 ** d) / (1 - 0.9 ** length);

  it.each([
    ['exact elimination', 40],
    ['Gauss–Seidel', 150],
  ])('matches the geometric series on a ring (%s, %i nodes)', (_, length) => {
    const solution = integratedEconomicInterest(ring(length, 90), 'R0');

    expect(solution.converged).toBe(true);
    for (const d of [1, 2, length - 1]) {
      expect(solution.lower.get(`R${length - d}`)).toBeCloseTo(
        expected(length, d),
        9,
      );
    }
  });

  it('saturates at 100% when a large cycle does not leak (weight 1)', () => {
    const g = ring(150, 100);

    expect(effectiveInterest(g, 'R75', 'R0').economic).toEqual({
      min: 100,
      max: 100,
    });
    expect(integratedEconomicInterest(g, 'R0').upper.get('R75')).toBe(Infinity);
  });

  it('is empty for a subject nobody holds', () => {
    const solution = integratedEconomicInterest(
      graph().holds('A', 'B', 10).build(),
      'A',
    );

    expect(solution.lower.size).toBe(0);
  });
});
