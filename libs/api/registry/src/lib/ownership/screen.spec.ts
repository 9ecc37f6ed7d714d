import { effectiveOwners } from './effective-owners';
import { screenOwners } from './screen';
import { graph, seededRandom } from './test-builders';

/** 3k entities with cycles, majority stakes (control), board interlocks and contracts. */
function randomGraph(seed: number, entities = 3000) {
  const rnd = seededRandom(seed);
  const pick = (): string => `E${Math.floor(rnd() * entities)}`;
  const b = graph();
  for (let i = 0; i < entities; i++) b.entity(`E${i}`);
  for (let i = 0; i < entities; i++) {
    const holders = new Set<string>();
    while (holders.size < 3) {
      const h = pick();
      if (h !== `E${i}`) holders.add(h);
    }
    [...holders].forEach((holder, k) => {
      const r = rnd();
      if (r < 0.03) b.holds(holder, `E${i}`, null);
      else if (k === 0 && r < 0.1)
        b.holds(holder, `E${i}`, 51); // a majority: control
      else b.holds(holder, `E${i}`, 2 + 28 * rnd());
    });
  }
  for (let i = 0; i < 100; i++)
    b.interest(pick(), pick(), 'appointmentOfBoard');
  for (let i = 0; i < 100; i++)
    b.person(`P${i}`)
      .interest(`P${i}`, pick(), 'boardMember')
      .interest(`P${i}`, pick(), 'seniorManagingOfficial');
  for (let i = 0; i < 100; i++)
    b.interest(pick(), pick(), 'rightsGrantedByContract');
  return b.build('2025-07-01');
}

describe('screenOwners', () => {
  const g = randomGraph(20261128);
  const rnd = seededRandom(7);
  const sample = (n: number) => [
    ...new Set(Array.from({ length: n }, () => `E${Math.floor(rnd() * 3000)}`)),
  ];
  const owners = sample(150);
  const subjects = sample(80);
  const threshold = 2;
  const screened = screenOwners(g, owners, subjects, threshold);

  it('keeps every owner that has a link a conflict rule can see, and drops most others', () => {
    let links = 0;
    let kept = 0;
    for (const subject of subjects) {
      const wanted = new Set(owners);
      const views = effectiveOwners(g, subject, { maxPaths: 0 }).filter((o) =>
        wanted.has(o.entityId),
      );
      for (const o of views) {
        const linked =
          (o.economic !== null && o.economic.max >= threshold) ||
          o.voting.max > 0 ||
          o.controls ||
          o.boardSeats > 0 ||
          o.agreements.length > 0;
        if (!linked) continue;
        links += 1;
        expect(screened.get(subject)?.has(o.entityId)).toBe(true);
      }
      kept += screened.get(subject)?.size ?? 0;
    }
    expect(links).toBeGreaterThan(20);
    expect(kept).toBeLessThan(owners.length * subjects.length);
  });

  it('restricting effectiveOwners to the kept owners gives the same views as the full listing', () => {
    for (const subject of subjects.slice(0, 20)) {
      const among = screened.get(subject) ?? new Set<string>();
      const full = effectiveOwners(g, subject, { maxPaths: 3 }).filter((o) =>
        among.has(o.entityId),
      );
      expect(effectiveOwners(g, subject, { maxPaths: 3, among })).toEqual(full);
    }
  });

  it('ignores ids that are not in the graph and never pairs a subject with itself', () => {
    const result = screenOwners(
      g,
      ['nope', subjects[0]],
      [subjects[0], 'missing'],
      0,
    );
    expect(result.get(subjects[0])?.has(subjects[0]) ?? false).toBe(false);
    expect(result.has('missing')).toBe(false);
  });
});
