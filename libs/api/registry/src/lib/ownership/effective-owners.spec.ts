import { effectiveInterest, effectiveOwners } from './effective-owners';
import { OwnershipGraph } from './graph';
import { graph, ownerOf } from './test-builders';

describe('asOf filtering', () => {
  const build = (asOf: string) =>
    graph()
      .holds('Old', 'V', 30, { start: '2020-01-01', end: '2024-12-31' })
      .holds('Today', 'V', 20, { start: '2025-07-01' })
      .holds('EndsToday', 'V', 10, { end: '2025-07-01' })
      .holds('Future', 'V', 40, { start: '2025-07-02' })
      .build(asOf);

  it('counts statements started on or before asOf and not yet ended', () => {
    const owners = effectiveOwners(build('2025-07-01'), 'V');

    expect(owners.map((o) => o.entityId)).toEqual(['Today']);
  });

  it('an ended statement counted while it was in force', () => {
    const owners = effectiveOwners(build('2024-06-30'), 'V');

    expect(owners.map((o) => o.entityId)).toEqual(['Old', 'EndsToday']);
  });

  it('rejects a malformed asOf', () => {
    expect(() => graph().build('1 July 2025')).toThrow(RangeError);
  });
});

describe('economic interest', () => {
  it('multiplies along a 50-hop chain and reports the whole path', () => {
    const b = graph();
    for (let i = 0; i < 50; i++)
      b.holds(`E${i}`, i === 49 ? 'V' : `E${i + 1}`, 90);
    const e0 = effectiveInterest(b.build(), 'E0', 'V');

    expect(e0.economic?.min).toBeCloseTo(100 * 0.9 ** 50, 9);
    expect(e0.paths).toHaveLength(1);
    expect(e0.paths[0]).toHaveLength(50);
    expect(e0.controls).toBe(true); // 90% of votes at every hop
    expect(e0.voting).toEqual({ min: 90, max: 90 });
    expect(e0.cyclic).toBe(false);
  });

  it('takes one economic interest seen twice once: shareholding 49 + rightsToProfitOrIncome 49 = 49', () => {
    const g = graph()
      .holds('M', 'V', 49)
      .interest('M', 'V', 'rightsToProfitOrIncome', 49)
      .holds('N', 'V', 30)
      .interest('N', 'V', 'rightsToProfitOrIncome', null)
      .build();

    expect(effectiveInterest(g, 'M', 'V').economic).toEqual({
      min: 49,
      max: 49,
    });
    // The unknown statement adds nothing when the pair publishes a figure.
    expect(effectiveInterest(g, 'N', 'V').economic).toEqual({
      min: 30,
      max: 30,
    });
  });

  it('bounds an unknown share by the residual of the other owners’ minimums', () => {
    const g = graph()
      .holds('A', 'V', 30)
      .holds('B', 'V', { minimum: 20, maximum: 40 })
      .holds('X', 'V', null)
      .holds('Y', 'V', { minimum: 10 })
      .build();
    const owners = effectiveOwners(g, 'V');

    expect(ownerOf(owners, 'X').economic).toEqual({ min: 0, max: 40 });
    expect(ownerOf(owners, 'Y').economic).toEqual({ min: 10, max: 50 });
  });

  it('clamps the residual at 0 when known minimums already exceed 100%', () => {
    const g = graph()
      .holds('A', 'V', 70)
      .holds('B', 'V', 50)
      .holds('X', 'V', null)
      .build();

    expect(effectiveInterest(g, 'X', 'V').economic).toEqual({ min: 0, max: 0 });
  });

  it('ignores a share on a non-countable interest type', () => {
    const g = graph().person('P').interest('P', 'V', 'boardChair', 30).build();

    expect(effectiveInterest(g, 'P', 'V')).toMatchObject({
      economic: { min: 0, max: 0 },
      boardSeats: 1,
    });
  });

  it('redistributes a treasury self-holding: 80% of V with V holding 20% of itself is 100%', () => {
    const g = graph().holds('X', 'V', 80).holds('V', 'V', 20).build();

    expect(effectiveInterest(g, 'X', 'V')).toMatchObject({
      economic: { min: 100, max: 100 },
      cyclic: true,
    });
  });

  it('reports a divergent cycle (inconsistent data) as 100% instead of NaN or Infinity', () => {
    const g = graph()
      .holds('A', 'B', 100)
      .holds('B', 'A', 100)
      .holds('A', 'V', 50)
      .holds('Z', 'A', 10)
      .holds('Y', 'A', null)
      .build();
    const owners = effectiveOwners(g, 'V');

    expect(ownerOf(owners, 'A').economic).toEqual({ min: 100, max: 100 });
    expect(ownerOf(owners, 'Z').economic).toEqual({ min: 100, max: 100 });
    // A's known owners already hold 110%: the residual left for Y is 0.
    expect(ownerOf(owners, 'Y').economic).toEqual({ min: 0, max: 0 });
  });

  it('keeps an upper bound finite-or-100 when unknown shares close a cycle', () => {
    const g = graph()
      .holds('A', 'B', null)
      .holds('B', 'A', null)
      .holds('B', 'V', 40)
      .holds('Q', 'V', 60)
      .build();

    expect(effectiveInterest(g, 'A', 'V').economic).toEqual({
      min: 0,
      max: 100,
    });
    expect(effectiveInterest(g, 'B', 'V').economic).toEqual({
      min: 40,
      max: 100,
    });
  });

  it('lists the top paths best first and honours maxPaths', () => {
    const g = graph()
      .holds('L', 'V', 10)
      .holds('L', 'H', 50)
      .holds('H', 'V', 40)
      .holds('L', 'K', 90)
      .holds('K', 'V', 30)
      .build();

    const all = effectiveInterest(g, 'L', 'V');
    const two = effectiveInterest(g, 'L', 'V', { maxPaths: 2 });

    expect(all.paths.map((p) => p.map((s) => s.to).join('>'))).toEqual([
      'K>V',
      'H>V',
      'V',
    ]);
    expect(two.paths).toHaveLength(2);
    expect(all.economic?.min).toBeCloseTo(10 + 20 + 27, 9);
  });
});

describe('voting and control', () => {
  it('votes follow shareholding unless a votingRights statement exists for the pair', () => {
    const g = graph()
      .holds('A', 'V', 60)
      .holds('B', 'V', 40)
      .votes('B', 'V', 0)
      .build();

    expect(effectiveInterest(g, 'A', 'V')).toMatchObject({
      voting: { min: 60, max: 60 },
      controls: true,
    });
    expect(effectiveInterest(g, 'B', 'V')).toMatchObject({
      voting: { min: 0, max: 0 },
      controls: false,
    });
  });

  it('adds the votes of the whole control group; voting does not multiply', () => {
    const g = graph()
      .holds('P', 'S1', 100)
      .votes('P', 'S2', 51)
      .holds('S1', 'V', 30)
      .votes('S2', 'V', 25)
      .holds('P', 'V', 2)
      .build();

    const p = effectiveInterest(g, 'P', 'V');

    expect(p.voting).toEqual({ min: 57, max: 57 });
    expect(p.controls).toBe(true);
    expect(p.economic).toEqual({ min: 32, max: 32 }); // S2 carries votes only
  });

  it('an unknown vote share is bounded by the residual and never proves control', () => {
    const g = graph().votes('A', 'V', null).holds('B', 'V', 30).build();

    expect(effectiveInterest(g, 'A', 'V')).toMatchObject({
      voting: { min: 0, max: 70 },
      controls: false,
    });
  });

  it('appointmentOfBoard gives control without votes, and brings V’s board into the group', () => {
    const g = graph()
      .person('D')
      .interest('P', 'V', 'appointmentOfBoard')
      .interest('D', 'V', 'boardMember', null, { id: 'd-board' })
      .build();

    expect(effectiveInterest(g, 'P', 'V')).toMatchObject({
      controls: true,
      voting: { min: 0, max: 0 },
      economic: { min: 0, max: 0 },
      boardSeats: 1,
      seats: [
        {
          personId: 'D',
          role: 'boardMember',
          via: { interestId: 'd-board', entityId: 'V', type: 'boardMember' },
        },
      ],
    });
  });

  it('controlByLegalFramework counts as control unless the policy says otherwise', () => {
    const b = graph()
      .entity('S', 'state')
      .interest('S', 'V', 'controlByLegalFramework');

    expect(effectiveInterest(b.build(), 'S', 'V').controls).toBe(true);
    expect(
      effectiveInterest(
        b.build('2025-07-01', { constitutionalControlIsControl: false }),
        'S',
        'V',
      ).controls,
    ).toBe(false);
  });

  it('control cycles terminate (A controls B controls A)', () => {
    const g = graph()
      .holds('A', 'B', 60)
      .holds('B', 'A', 60)
      .holds('B', 'V', 51)
      .build();

    expect(effectiveInterest(g, 'A', 'V')).toMatchObject({
      controls: true,
      voting: { min: 51, max: 51 },
      cyclic: true,
    });
  });
});

describe('board seats', () => {
  it('counts a group entity sitting as corporate director, tied by the control statement', () => {
    const g = graph()
      .votes('L', 'H', 60, { id: 'l-votes-h' })
      .interest('H', 'V', 'boardMember')
      .build();

    expect(effectiveInterest(g, 'L', 'V')).toMatchObject({
      boardSeats: 1,
      seats: [
        {
          personId: 'H',
          role: 'boardMember',
          via: { interestId: 'l-votes-h', entityId: 'L', type: 'votingRights' },
        },
      ],
    });
  });

  it('counts an interlock through a controlled subsidiary, once per person with the senior role', () => {
    const g = graph()
      .person('P')
      .holds('Parent', 'Sub', 100)
      .interest('P', 'Sub', 'boardMember', null, { id: 'p-sub' })
      .interest('P', 'V', 'boardMember')
      .interest('P', 'V', 'boardChair')
      .person('Q')
      .interest('Q', 'V', 'boardMember')
      .build();

    expect(effectiveInterest(g, 'Parent', 'V')).toMatchObject({
      boardSeats: 1,
      seats: [
        {
          personId: 'P',
          role: 'boardChair',
          via: { interestId: 'p-sub', entityId: 'Sub', type: 'boardMember' },
        },
      ],
      paths: [
        [
          { from: 'Parent', to: 'Sub' },
          { from: 'P', to: 'Sub' },
          { from: 'P', to: 'V' },
        ],
      ],
    });
  });

  it('does not count a person who is an officer of a non-controlled investee', () => {
    const g = graph()
      .person('P')
      .holds('Parent', 'Minority', 20)
      .interest('P', 'Minority', 'seniorManagingOfficial')
      .interest('P', 'V', 'boardMember')
      .build();

    expect(effectiveInterest(g, 'Parent', 'V').boardSeats).toBe(0);
  });
});

describe('agreements', () => {
  it('finds contracts of group members with V in either direction', () => {
    const g = graph()
      .holds('P', 'S', 75)
      .interest('S', 'V', 'rightsGrantedByContract', null, { id: 's-v' })
      .interest('V', 'P', 'conditionalRightsGrantedByContract', null, {
        id: 'v-p',
        details: 'MFN',
      })
      .interest('Other', 'V', 'rightsGrantedByContract')
      .build();

    const p = effectiveInterest(g, 'P', 'V');

    expect(p.agreements.map((a) => a.interestId).sort()).toEqual([
      's-v',
      'v-p',
    ]);
    expect(p.agreements.find((a) => a.interestId === 'v-p')).toEqual({
      interestId: 'v-p',
      from: 'V',
      to: 'P',
      type: 'conditionalRightsGrantedByContract',
      details: 'MFN',
    });
    expect(p.paths).toEqual([
      [expect.objectContaining({ from: 'V', to: 'P' })],
    ]);
  });
});

describe('listing', () => {
  it('sorts by economic upper bound, then control, and ignores unrelated parties', () => {
    const g = graph()
      .holds('Big', 'V', 40)
      .holds('Small', 'V', 5)
      .interest('Boss', 'V', 'appointmentOfBoard')
      .holds('Unrelated', 'Elsewhere', 100)
      .interest('Trustee', 'V', 'trustee')
      .build();

    expect(effectiveOwners(g, 'V').map((o) => o.entityId)).toEqual([
      'Big',
      'Small',
      'Boss',
    ]);
    expect(effectiveInterest(g, 'Unrelated', 'V')).toMatchObject({
      economic: { min: 0, max: 0 },
      voting: { min: 0, max: 0 },
      controls: false,
      boardSeats: 0,
      seats: [],
      agreements: [],
      paths: [],
      cyclic: false,
    });
  });

  it('throws on an unknown entity id', () => {
    const g = graph().holds('A', 'V', 10).build();

    expect(() => effectiveOwners(g, 'nope')).toThrow(RangeError);
    expect(() => effectiveInterest(g, 'nope', 'V')).toThrow(RangeError);
  });

  it('leaves statements about nodes it was not given out of every figure', () => {
    const statement = {
      type: 'shareholding' as const,
      startDate: null,
      endDate: null,
      details: null,
    };
    const g = OwnershipGraph.build(
      [
        { id: 'A', name: 'A', kind: 'company' },
        { id: 'V', name: 'V', kind: 'company' },
      ],
      [
        {
          ...statement,
          id: 's1',
          interestedPartyId: 'A',
          subjectId: 'V',
          share: { exact: 10 },
        },
        {
          ...statement,
          id: 's2',
          interestedPartyId: 'Ghost',
          subjectId: 'V',
          share: { exact: 90 },
        },
      ],
      '2025-07-01',
    );

    expect(g.skippedStatements.map((s) => s.id)).toEqual(['s2']);
    expect(effectiveOwners(g, 'V').map((o) => o.entityId)).toEqual(['A']);
  });
});
