import { TestBed } from '@angular/core/testing';
import type { ConflictView } from '@quorum/contracts';
import { ConflictCard } from './conflict-card';
import { provideQuorumIcons } from './icons';

const base: ConflictView = {
  id: 'c-1',
  labOrgId: 'lab',
  vendorOrgId: 'v',
  labName: 'Cobalt Research',
  vendorName: 'Kestrel Labeling',
  rule: 'economic',
  severity: 'block',
  status: 'open',
  evidence: {
    competitorEntityId: 'e-nw',
    competitorName: 'Northwind AI',
    certainty: 'potential',
    threshold: 20,
    economic: { min: 15, max: 21 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths: [
      [
        {
          from: 'e-nw',
          to: 'e-fund',
          type: 'shareholding',
          share: { min: 25, max: 35 },
          interestId: 'a',
        },
        {
          from: 'e-fund',
          to: 'e-k',
          type: 'shareholding',
          share: { min: 60, max: 60 },
          interestId: 'b',
        },
      ],
    ],
    cyclic: false,
    interestIds: ['a', 'b'],
    policyVersion: 2,
    asOf: '2026-05-01',
  },
  detectedAt: '2026-05-01T10:00:00Z',
  updatedAt: '2026-05-01T10:00:00Z',
  resolvedAt: null,
  waiver: null,
};

async function render(inputs: Record<string, unknown>) {
  TestBed.configureTestingModule({
    imports: [ConflictCard],
    providers: [provideQuorumIcons()],
  });
  const fixture = TestBed.createComponent(ConflictCard);
  for (const [name, value] of Object.entries(inputs))
    fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return {
    fixture,
    el,
    facts: () =>
      Object.fromEntries(
        Array.from(el.querySelectorAll('dl > div')).map((d) => [
          d.querySelector('dt')?.textContent?.trim(),
          d.querySelector('dd')?.textContent?.trim(),
        ]),
      ),
    buttons: () =>
      Array.from(el.querySelectorAll('button')).map((b) =>
        b.textContent?.trim(),
      ),
  };
}

describe('ConflictCard', () => {
  it('shows the rule, severity and status in words, and the evidence with bands', async () => {
    const { el, facts } = await render({ conflict: base, showLab: true });
    expect(el.querySelector('[role="heading"]')?.textContent?.trim()).toBe(
      'Economic interest: Northwind AI',
    );
    expect(el.querySelector('q-severity-badge')?.textContent?.trim()).toBe(
      'Block',
    );
    expect(
      el.querySelector('q-conflict-status-badge')?.textContent?.trim(),
    ).toBe('Open');
    expect(
      el.querySelector('.meta')?.textContent?.replace(/\s+/g, ' '),
    ).toContain('Cobalt Research × Kestrel Labeling');
    expect(facts()).toMatchObject({
      Competitor: 'Northwind AI',
      'Economic interest': '15–21%',
      'Voting rights': '0%',
      'Board seats': '0',
      Agreements: 'None',
      Certainty: 'Potential',
      'Policy threshold': '≥ 20%',
    });
    expect(el.querySelector('.lines li')?.textContent).toBe(
      'Northwind AI —[Shareholding 25–35%]→ an intermediate owner —[Shareholding 60%]→ Kestrel Labeling',
    );
  });

  it('offers only the actions it is given and emits them', async () => {
    const { fixture, buttons, el } = await render({
      conflict: base,
      actions: { acknowledge: true, waive: true, approve: false },
    });
    expect(buttons()).toEqual(['Acknowledge', 'Waive…']);
    const waived = jest.fn();
    fixture.componentInstance.waive.subscribe(waived);
    (el.querySelectorAll('button')[1] as HTMLButtonElement).click();
    expect(waived).toHaveBeenCalledTimes(1);
  });

  it('shows no buttons by default and says a pending waiver leaves the block standing', async () => {
    const { buttons, el } = await render({
      conflict: {
        ...base,
        waiver: {
          id: 'w',
          justification: 'Legal reviewed',
          expiresAt: '2026-09-30T23:59:59Z',
          requestedBy: 'u',
          requestedAt: '2026-05-02T00:00:00Z',
          approvedBy: null,
          approvedAt: null,
          status: 'pending',
        },
      },
    });
    expect(buttons()).toEqual([]);
    expect(el.querySelector('.waiver')?.textContent).toContain('pending');
    expect(el.querySelector('.waiver')?.textContent).toContain(
      '“Legal reviewed”',
    );
  });

  it('disables its buttons while a decision is on its way', async () => {
    const { el } = await render({
      conflict: base,
      actions: { acknowledge: true, waive: false, approve: false },
      busy: true,
    });
    expect((el.querySelector('button') as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
