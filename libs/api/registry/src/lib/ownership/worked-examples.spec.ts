// Worked examples of reference/ownership.md §3.4 and the Meta–Scale case of §2.7.
import { effectiveInterest, effectiveOwners } from './effective-owners';
import { graph, ownerOf } from './test-builders';

describe('worked examples (ownership.md §3.4)', () => {
  it('A: unknown share on the component edge gives [0, 60] through the residual cap on B', () => {
    const g = graph()
      .person('P1')
      .holds('B', 'A', 60)
      .holds('P1', 'B', null)
      // The primary record's declared 30% is a claim, not an edge: it must not be added in.
      .holds('P1', 'A', 30, { indirect: true })
      .build();

    const p1 = effectiveInterest(g, 'P1', 'A');

    expect(p1.economic).toEqual({ min: 0, max: 60 });
    expect(p1.paths).toEqual([
      [
        expect.objectContaining({
          from: 'P1',
          to: 'B',
          type: 'shareholding',
          share: null,
        }),
        expect.objectContaining({
          from: 'B',
          to: 'A',
          share: { min: 60, max: 60 },
        }),
      ],
    ]);
    expect(g.declaredIndirect.map((s) => s.interestedPartyId)).toEqual(['P1']);
  });

  describe('B: Finnish SOE, two paths and a control-only top', () => {
    const build = (otherInfluenceIsControl = true) =>
      graph()
        .entity('State', 'state')
        .entity('Ministry', 'state')
        .interest('State', 'Ministry', 'otherInfluenceOrControl')
        .holds('Ministry', 'SK', 100)
        .holds('SK', 'Gasgrid', 76.5)
        .holds('Ministry', 'Gasgrid', 23.5)
        .build('2025-07-01', {
          otherInfluenceOrControlIsControl: otherInfluenceIsControl,
        });

    it('adds both paths: Ministry → Gasgrid = 100%', () => {
      const owners = effectiveOwners(build(), 'Gasgrid');
      const ministry = ownerOf(owners, 'Ministry');

      expect(ministry.economic).toEqual({ min: 100, max: 100 });
      expect(ministry.paths.map((p) => p.map((s) => s.to))).toEqual([
        ['SK', 'Gasgrid'],
        ['Gasgrid'],
      ]);
      expect(ministry.controls).toBe(true);
      expect(ministry.voting).toEqual({ min: 100, max: 100 });
      expect(owners.map((o) => o.entityId)).toEqual([
        'Ministry',
        'SK',
        'State',
      ]);
    });

    it('State: economic unknown (null) but controls through the chain with 100% of votes', () => {
      const state = ownerOf(effectiveOwners(build(), 'Gasgrid'), 'State');

      expect(state.economic).toBeNull();
      expect(state.controls).toBe(true);
      expect(state.voting).toEqual({ min: 100, max: 100 });
      expect(state.paths).toEqual([
        [
          expect.objectContaining({
            from: 'State',
            to: 'Ministry',
            type: 'otherInfluenceOrControl',
            share: null,
          }),
          expect.objectContaining({
            from: 'Ministry',
            to: 'Gasgrid',
            type: 'shareholding',
          }),
        ],
      ]);
    });

    it('without the otherInfluenceOrControl policy the State has no link at all', () => {
      const g = build(false);

      expect(effectiveOwners(g, 'Gasgrid').map((o) => o.entityId)).toEqual([
        'Ministry',
        'SK',
      ]);
      expect(effectiveInterest(g, 'State', 'Gasgrid')).toMatchObject({
        economic: { min: 0, max: 0 },
        controls: false,
        voting: { min: 0, max: 0 },
        paths: [],
      });
    });
  });

  describe('C: cross-holding cycle', () => {
    const build = (lDirect: number | null) => {
      const b = graph()
        .holds('L', 'H', 40)
        .holds('X', 'H', 40)
        .holds('V', 'H', 20)
        .holds('H', 'V', 60)
        .holds('Y', 'V', 30);
      if (lDirect !== null) b.holds('L', 'V', lDirect);
      return b.build();
    };

    it('L reaches 38.64% = 34% / (1 − 0.12), above its 34% simple-path sum', () => {
      const l = effectiveInterest(build(10), 'L', 'V');

      expect(l.economic?.min).toBeCloseTo(34 / 0.88, 9);
      expect(l.economic?.max).toBe(l.economic?.min);
      expect(l.cyclic).toBe(true);
      const simplePathSum = l.paths.reduce(
        (sum, p) =>
          sum + p.reduce((x, s) => (x * (s.share?.max ?? 0)) / 100, 100),
        0,
      );
      expect(simplePathSum).toBeCloseTo(34, 9);
    });

    it('the ultimate owners L, Y and X sum to 100%', () => {
      const owners = effectiveOwners(build(10), 'V');
      const ultimate = ['L', 'Y', 'X'].map(
        (id) => ownerOf(owners, id).economic?.min ?? NaN,
      );

      expect(ultimate[0]).toBeCloseTo(38.636363636, 6);
      expect(ultimate[1]).toBeCloseTo(34.090909091, 6);
      expect(ultimate[2]).toBeCloseTo(27.272727273, 6);
      expect(ultimate.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
      expect(owners.map((o) => o.entityId)).toEqual(['H', 'L', 'Y', 'X']);
    });

    it('with L’s direct 10% zeroed the cycle-aware figure is 27.3% (simple paths: 24%)', () => {
      expect(effectiveInterest(build(0), 'L', 'V').economic?.min).toBeCloseTo(
        24 / 0.88,
        9,
      );
      expect(
        effectiveInterest(build(null), 'L', 'V').economic?.max,
      ).toBeCloseTo(24 / 0.88, 9);
    });
  });

  it('D: dual class — 6% economic, but L controls V with 51% of its votes', () => {
    const g = graph()
      .holds('L', 'H', 30)
      .votes('L', 'H', 60)
      .holds('H', 'V', 20)
      .votes('H', 'V', 51)
      .build();

    const l = effectiveInterest(g, 'L', 'V');

    expect(l.economic).toEqual({ min: 6, max: 6 });
    expect(l.voting).toEqual({ min: 51, max: 51 });
    expect(l.controls).toBe(true);
    expect(l.boardSeats).toBe(0);
  });

  it('E: bands propagate as intervals: [15, 30]', () => {
    const g = graph()
      .holds('L', 'H', 40)
      .holds('H', 'V', { minimum: 25, maximum: 50 })
      .holds('L', 'V', { minimum: 5, exclusiveMaximum: 10 })
      .build();

    expect(effectiveInterest(g, 'L', 'V').economic).toEqual({
      min: 15,
      max: 30,
    });
  });
});

describe('Meta–Scale (ownership.md §2.7)', () => {
  const g = graph()
    .entity('scale', 'company', 'Scale AI, Inc.')
    .entity('meta', 'company', 'Meta Platforms, Inc.')
    .person('wang', 'Alexandr Wang')
    .holds('meta', 'scale', 49, {
      id: 'meta-shares',
      start: '2025-06-01',
      details: 'Non-voting shares',
    })
    .votes('meta', 'scale', 0, { id: 'meta-votes', start: '2025-06-01' })
    .interest('meta', 'scale', 'rightsGrantedByContract', null, {
      id: 'meta-contract',
      start: '2025-06-01',
      details: 'Commercial data-services relationship',
    })
    .interest('wang', 'scale', 'boardMember', null, { id: 'wang-board' })
    .interest('wang', 'meta', 'seniorManagingOfficial', null, {
      id: 'wang-officer',
    })
    .build('2025-07-01');

  it('scores 49 / 0 / 1 interlocked seat, plus the contract', () => {
    const meta = ownerOf(effectiveOwners(g, 'scale'), 'meta');

    expect(meta).toMatchObject({
      name: 'Meta Platforms, Inc.',
      economic: { min: 49, max: 49 },
      voting: { min: 0, max: 0 },
      controls: false,
      boardSeats: 1,
      seats: [
        {
          personId: 'wang',
          role: 'boardMember',
          via: {
            interestId: 'wang-officer',
            entityId: 'meta',
            type: 'seniorManagingOfficial',
          },
        },
      ],
      agreements: [
        {
          interestId: 'meta-contract',
          from: 'meta',
          to: 'scale',
          type: 'rightsGrantedByContract',
          details: 'Commercial data-services relationship',
        },
      ],
      paths: [
        [
          {
            from: 'meta',
            to: 'scale',
            type: 'shareholding',
            share: { min: 49, max: 49 },
            interestId: 'meta-shares',
          },
        ],
      ],
      cyclic: false,
    });
  });

  it('lists the director himself with his own seat and a board-only path', () => {
    const wang = ownerOf(effectiveOwners(g, 'scale'), 'wang');

    expect(wang).toMatchObject({
      economic: { min: 0, max: 0 },
      boardSeats: 1,
      seats: [{ personId: 'wang', role: 'boardMember', via: null }],
      paths: [
        [
          {
            from: 'wang',
            to: 'scale',
            type: 'boardMember',
            share: null,
            interestId: 'wang-board',
          },
        ],
      ],
    });
  });

  it('before the deal (asOf 2025-05-31) only the board seat remains', () => {
    const earlier = graph()
      .holds('meta', 'scale', 49, { start: '2025-06-01' })
      .person('wang')
      .interest('wang', 'scale', 'boardMember')
      .build('2025-05-31');

    expect(effectiveOwners(g, 'scale').map((o) => o.entityId)).toEqual([
      'meta',
      'wang',
    ]);
    expect(effectiveOwners(earlier, 'scale').map((o) => o.entityId)).toEqual([
      'wang',
    ]);
  });
});
