import type {
  ConflictEvidence,
  ConflictView,
  NeutralityMatrix,
  WaiverView,
} from '@quorum/contracts';
import {
  NO_VALUE,
  conflictActions,
  evidenceFacts,
  formatNumber,
  formatPercent,
  formatPercentRange,
  formatShare,
  interestTypeLabel,
  matrixCells,
  pathText,
  seatText,
  waiverSummary,
} from './neutrality-format';

function evidence(overrides: Partial<ConflictEvidence> = {}): ConflictEvidence {
  return {
    competitorEntityId: 'helios',
    competitorName: 'Helios Labs',
    certainty: 'confirmed',
    threshold: 10,
    economic: { min: 49, max: 49 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths: [],
    cyclic: false,
    interestIds: [],
    policyVersion: 1,
    asOf: '2026-05-01',
    ...overrides,
  };
}

function waiver(overrides: Partial<WaiverView> = {}): WaiverView {
  return {
    id: 'w-1',
    justification: 'Contract ends in June',
    expiresAt: '2026-09-30T23:59:59.000Z',
    requestedBy: 'u-ada',
    requestedAt: '2026-05-01T10:00:00Z',
    approvedBy: null,
    approvedAt: null,
    status: 'pending',
    ...overrides,
  };
}

function conflict(overrides: Partial<ConflictView> = {}): ConflictView {
  return {
    id: 'c-1',
    labOrgId: 'lab',
    vendorOrgId: 'vendor',
    labName: 'Northwind AI',
    vendorName: 'Lattice Data',
    rule: 'economic',
    severity: 'block',
    status: 'open',
    evidence: evidence(),
    detectedAt: '2026-05-01T10:00:00Z',
    updatedAt: '2026-05-01T10:00:00Z',
    resolvedAt: null,
    waiver: null,
    ...overrides,
  };
}

describe('percentages', () => {
  it.each<[number, string]>([
    [49, '49%'],
    [38.636363636, '38.64%'],
    [15.5, '15.5%'],
    [0, '0%'],
    [100, '100%'],
    [0.001, '<0.01%'],
    [-0.0001, '0%'],
  ])('formatPercent(%p) is %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });

  it('shows a dash, not 0%, for a missing figure', () => {
    expect(formatPercent(null)).toBe(NO_VALUE);
    expect(formatPercent(Number.NaN)).toBe(NO_VALUE);
    expect(formatPercentRange(null)).toBe(NO_VALUE);
  });

  it('shows an exact range as one figure and a band with an en dash', () => {
    expect(formatPercentRange({ min: 49, max: 49 })).toBe('49%');
    expect(formatPercentRange({ min: 15, max: 21 })).toBe('15–21%');
    expect(formatPercentRange({ min: 15.004, max: 20.996 })).toBe('15–21%');
    expect(formatPercentRange({ min: 0, max: 12.345 })).toBe('0–12.35%');
  });

  it('does not call a band that rounds to one figure a band', () => {
    expect(formatPercentRange({ min: 68.181818182, max: 68.1818181821 })).toBe(
      '68.18%',
    );
  });

  it('formats plain numbers without trailing zeros', () => {
    expect(formatNumber(1200)).toBe('1200');
    expect(formatNumber(0.125, 2)).toBe('0.13');
  });
});

describe('formatShare', () => {
  it.each<[Parameters<typeof formatShare>[0], string]>([
    [{ exact: 60 }, '60%'],
    [{ minimum: 25, maximum: 35 }, '25–35%'],
    [{ exclusiveMinimum: 50 }, '> 50%'],
    [{ minimum: 10 }, '≥ 10%'],
    [{ maximum: 5 }, '≤ 5%'],
    [{ exclusiveMinimum: 25, maximum: 50 }, '> 25% and ≤ 50%'],
    [{ minimum: 25, exclusiveMaximum: 50 }, '≥ 25% and < 50%'],
    [{ min: 15, max: 21 }, '15–21%'],
    [{}, NO_VALUE],
    [null, NO_VALUE],
  ])('%j → %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});

describe('labels', () => {
  it('spells out BODS interest types and keeps unknown codes as they are', () => {
    expect(interestTypeLabel('votingRights')).toBe('Voting rights');
    expect(interestTypeLabel('rightsGrantedByContract')).toBe(
      'Rights granted by contract',
    );
    expect(interestTypeLabel('somethingNew')).toBe('somethingNew');
  });
});

describe('evidenceFacts', () => {
  const facts = (e: ConflictEvidence) =>
    Object.fromEntries(evidenceFacts(e).map((f) => [f.label, f.value]));

  it('lists competitor, figures, seats, agreements, certainty and threshold', () => {
    expect(
      facts(
        evidence({
          economic: { min: 15, max: 21 },
          voting: { min: 0, max: 0 },
          boardSeats: 1,
          certainty: 'potential',
          agreements: [
            {
              interestId: 'i',
              from: 'helios',
              to: 'v',
              type: 'rightsGrantedByContract',
              details: 'Priority access',
            },
          ],
        }),
      ),
    ).toEqual({
      Competitor: 'Helios Labs',
      'Economic interest': '15–21%',
      'Voting rights': '0%',
      'Board seats': '1',
      Agreements: 'Rights granted by contract: Priority access',
      Certainty: 'Potential',
      'Policy threshold': '≥ 10%',
    });
  });

  it('says when the figure runs through a cycle or the competitor controls the vendor', () => {
    const f = facts(
      evidence({
        cyclic: true,
        controls: true,
        voting: { min: 60, max: 60 },
        economic: { min: 38.636, max: 38.636 },
        threshold: null,
      }),
    );
    expect(f['Economic interest']).toBe('38.64% (through a cycle)');
    expect(f['Voting rights']).toBe('60% (controls the vendor)');
    expect(f['Agreements']).toBe('None');
    expect(f['Policy threshold']).toBeUndefined();
  });

  it('shows an unknown economic figure as a dash', () => {
    expect(facts(evidence({ economic: null }))['Economic interest']).toBe(
      NO_VALUE,
    );
  });
});

describe('pathText and seatText', () => {
  const names: Record<string, string> = {
    nw: 'Northwind AI',
    fund: 'Meridian Fund',
    k: 'Kestrel',
  };
  const nameOf = (id: string) => names[id] ?? 'someone';

  it('walks a path with each step type and share', () => {
    expect(
      pathText(
        [
          {
            from: 'nw',
            to: 'fund',
            type: 'shareholding',
            share: { min: 25, max: 35 },
            interestId: 'i1',
          },
          {
            from: 'fund',
            to: 'k',
            type: 'shareholding',
            share: { min: 60, max: 60 },
            interestId: 'i2',
          },
        ],
        nameOf,
      ),
    ).toBe(
      'Northwind AI —[Shareholding 25–35%]→ Meridian Fund —[Shareholding 60%]→ Kestrel',
    );
    expect(
      pathText(
        [
          {
            from: 'nw',
            to: 'k',
            type: 'boardMember',
            share: null,
            interestId: 'i',
          },
        ],
        nameOf,
      ),
    ).toBe('Northwind AI —[Board member]→ Kestrel');
  });

  it('explains the interlock behind a board seat', () => {
    expect(
      seatText(
        {
          personId: 'p',
          role: 'boardMember',
          via: {
            interestId: 'i',
            entityId: 'nw',
            type: 'seniorManagingOfficial',
          },
        },
        nameOf,
      ),
    ).toBe(
      'Board member, held by the senior managing official of Northwind AI',
    );
  });
});

describe('waiverSummary', () => {
  it('says a pending waiver leaves the block standing', () => {
    expect(waiverSummary(waiver())).toContain('pending');
    expect(waiverSummary(waiver())).toContain('the block stands');
  });

  it('gives the end date of an active waiver', () => {
    expect(waiverSummary(waiver({ status: 'active' }))).toBe(
      'Waived until 2026-09-30.',
    );
  });
});

describe('conflictActions', () => {
  const admin = { userId: 'u-ada', canDecide: true };
  const other = { userId: 'u-bo', canDecide: true };

  it('offers nothing to someone who may not decide', () => {
    expect(
      conflictActions(conflict(), { userId: 'u', canDecide: false }),
    ).toEqual({ acknowledge: false, waive: false, approve: false });
  });

  it('offers acknowledge and waive on an open conflict', () => {
    expect(conflictActions(conflict(), admin)).toEqual({
      acknowledge: true,
      waive: true,
      approve: false,
    });
  });

  it('lets only someone other than the requester approve a pending waiver', () => {
    const pending = conflict({ waiver: waiver() });
    expect(conflictActions(pending, admin).approve).toBe(false);
    expect(conflictActions(pending, other).approve).toBe(true);
    expect(conflictActions(pending, other).waive).toBe(false);
  });

  it('offers nothing on a resolved conflict', () => {
    expect(
      conflictActions(
        conflict({ status: 'resolved', waiver: waiver() }),
        other,
      ),
    ).toEqual({ acknowledge: false, waive: false, approve: false });
  });

  it('lets an acknowledged conflict be waived but not acknowledged again', () => {
    expect(
      conflictActions(conflict({ status: 'acknowledged' }), admin),
    ).toEqual({
      acknowledge: false,
      waive: true,
      approve: false,
    });
  });
});

describe('matrixCells', () => {
  it('fills every lab × vendor pair, marking the ones without a decision', () => {
    const matrix: NeutralityMatrix = {
      labs: [
        { orgId: 'l1', name: 'Northwind' },
        { orgId: 'l2', name: 'Cobalt' },
      ],
      vendors: [{ orgId: 'v1', name: 'Lattice' }],
      cells: [
        {
          labOrgId: 'l2',
          vendorOrgId: 'v1',
          status: 'blocked',
          openConflicts: 3,
        },
      ],
      evaluatedAt: null,
    };
    expect(
      matrixCells(matrix).map((c) => [
        c.labName,
        c.vendorName,
        c.status,
        c.openConflicts,
      ]),
    ).toEqual([
      ['Northwind', 'Lattice', 'unknown', 0],
      ['Cobalt', 'Lattice', 'blocked', 3],
    ]);
  });
});
