import { DEFAULT_CONFLICT_POLICY, EffectiveOwnerView } from '@quorum/contracts';
import { evaluateConflictRules, neutralityStatusOf } from './conflict-rules';

const owner = (over: Partial<EffectiveOwnerView> & { entityId: string }): EffectiveOwnerView => ({
  name: over.entityId,
  kind: 'company',
  economic: { min: 0, max: 0 },
  voting: { min: 0, max: 0 },
  controls: false,
  boardSeats: 0,
  seats: [],
  agreements: [],
  paths: [],
  cyclic: false,
  ...over,
});

const run = (owners: EffectiveOwnerView[], competitors = ['helios'], policy = DEFAULT_CONFLICT_POLICY) =>
  evaluateConflictRules({ policy, policyVersion: 3, competitorIds: new Set(competitors), owners, asOf: '2026-11-28' });

describe('evaluateConflictRules', () => {
  it('flags the 49% non-voting stake with a board interlock and a contract (the motivating case)', () => {
    const findings = run([
      owner({
        entityId: 'helios',
        economic: { min: 49, max: 49 },
        voting: { min: 0, max: 0 },
        boardSeats: 1,
        seats: [{ personId: 'ceo', role: 'boardMember', via: { interestId: 'i-officer', entityId: 'helios', type: 'seniorManagingOfficial' } }],
        agreements: [{ interestId: 'i-contract', from: 'helios', to: 'lattice', type: 'rightsGrantedByContract', details: 'priority access' }],
        paths: [[{ from: 'helios', to: 'lattice', type: 'shareholding', share: { min: 49, max: 49 }, interestId: 'i-stake' }]],
      }),
    ]);
    expect(findings.map((f) => [f.rule, f.severity, f.evidence.certainty])).toEqual([
      ['economic', 'block', 'confirmed'],
      ['board', 'block', 'confirmed'],
      ['agreement', 'flag', 'confirmed'],
    ]);
    expect(findings[0].evidence.interestIds.sort()).toEqual(['i-contract', 'i-officer', 'i-stake']);
    expect(findings[0].evidence.policyVersion).toBe(3);
  });

  it('ignores owners that are not the lab’s competitors, and the lab itself', () => {
    expect(run([owner({ entityId: 'fund', economic: { min: 80, max: 80 }, controls: true })])).toEqual([]);
  });

  it('screens on the upper bound and says when only the upper bound crosses', () => {
    const [finding] = run([owner({ entityId: 'helios', economic: { min: 5, max: 30 } })]);
    expect(finding).toMatchObject({ rule: 'economic', evidence: { certainty: 'potential', threshold: 10 } });
    expect(run([owner({ entityId: 'helios', economic: { min: 2, max: 9.99 } })])).toEqual([]);
  });

  it('blocks control whatever onConflict says, and reports voting below control separately', () => {
    const flagPolicy = { ...DEFAULT_CONFLICT_POLICY, onConflict: 'flag' as const };
    expect(run([owner({ entityId: 'helios', economic: { min: 6, max: 6 }, voting: { min: 51, max: 51 }, controls: true })], ['helios'], flagPolicy).map((f) => [f.rule, f.severity])).toEqual([['control', 'block']]);
    expect(run([owner({ entityId: 'helios', voting: { min: 20, max: 20 } })], ['helios'], flagPolicy).map((f) => [f.rule, f.severity])).toEqual([['voting', 'flag']]);
  });

  it('leaves out what the policy allows', () => {
    const policy = { ...DEFAULT_CONFLICT_POLICY, boardSeat: 'allow' as const, agreements: 'allow' as const };
    expect(run([owner({ entityId: 'helios', boardSeats: 2, agreements: [{ interestId: 'x', from: 'a', to: 'b', type: 'rightsGrantedByContract', details: null }] })], ['helios'], policy)).toEqual([]);
  });

  it('treats an unknown economic figure (null) as no economic finding', () => {
    expect(run([owner({ entityId: 'helios', economic: null })])).toEqual([]);
  });
});

describe('neutralityStatusOf', () => {
  it('blocks on a live block, flags on a live flag, and clears once waived or resolved', () => {
    expect(neutralityStatusOf([{ severity: 'block', status: 'open' }])).toBe('blocked');
    expect(neutralityStatusOf([{ severity: 'block', status: 'acknowledged' }, { severity: 'flag', status: 'open' }])).toBe('blocked');
    expect(neutralityStatusOf([{ severity: 'flag', status: 'open' }, { severity: 'block', status: 'waived' }])).toBe('flagged');
    expect(neutralityStatusOf([{ severity: 'block', status: 'resolved' }, { severity: 'flag', status: 'waived' }])).toBe('clear');
    expect(neutralityStatusOf([])).toBe('clear');
  });
});
