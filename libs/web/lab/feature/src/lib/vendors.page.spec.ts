import { MatButtonHarness } from '@angular/material/button/testing';
import type { ConflictView, VendorListItem } from '@quorum/contracts';
import { renderAs } from '@quorum/web/shared/testing';
import { LabVendorsPage, vendorProfileCells } from './vendors.page';

const conflict: ConflictView = {
  id: 'c-1',
  labOrgId: 'org-1',
  vendorOrgId: 'v-kestrel',
  labName: 'Cobalt Research',
  vendorName: 'Kestrel Labeling',
  rule: 'economic',
  severity: 'block',
  status: 'open',
  evidence: {
    competitorEntityId: 'e-nw',
    competitorName: 'Northwind AI',
    certainty: 'confirmed',
    threshold: 10,
    economic: { min: 15, max: 21 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths: [],
    cyclic: false,
    interestIds: [],
    policyVersion: 0,
    asOf: '2026-05-01',
  },
  detectedAt: '2026-05-01T00:00:00Z',
  updatedAt: '2026-05-01T00:00:00Z',
  resolvedAt: null,
  waiver: null,
};

function vendor(overrides: Partial<VendorListItem>): VendorListItem {
  return {
    orgId: 'v',
    name: 'Vendor',
    entityId: 'e',
    skills: [],
    languages: [],
    capacityPerHour: null,
    prices: {},
    quality: null,
    neutrality: { status: 'clear', conflicts: [] },
    ...overrides,
  };
}

describe('vendorProfileCells', () => {
  it('shows a dash for what a vendor has not published, never a made-up value', () => {
    expect(vendorProfileCells(vendor({}))).toEqual({
      skills: '—',
      languages: '—',
      capacity: '—',
      prices: '—',
      quality: '—',
    });
  });

  it('shows published values as they are', () => {
    expect(
      vendorProfileCells(
        vendor({
          skills: ['ner', 'rating'],
          languages: ['en', 'de'],
          capacityPerHour: 1200,
          prices: { ner: 0.12 },
          quality: 0.934,
        }),
      ),
    ).toEqual({
      skills: 'ner, rating',
      languages: 'en, de',
      capacity: '1200 / h',
      prices: 'ner: 0.12',
      quality: '0.93',
    });
  });
});

describe('LabVendorsPage', () => {
  async function setup() {
    const page = await renderAs(LabVendorsPage, ['lab_member'], 'lab');
    page.http.expectOne('/api/v1/vendors').flush({
      items: [
        vendor({ orgId: 'v-fern', name: 'Fernway Annotations' }),
        vendor({
          orgId: 'v-kestrel',
          name: 'Kestrel Labeling',
          neutrality: { status: 'blocked', conflicts: [conflict] },
        }),
      ],
      nextCursor: null,
    });
    await page.stable();
    return page;
  }

  it('lists every vendor with its neutrality in words', async () => {
    const { el } = await setup();
    expect(el.querySelector('h1')?.textContent).toBe('Vendors');
    const rows = Array.from(
      el.querySelectorAll('tr.mat-mdc-row:not(.detail-row)'),
    );
    expect(rows.map((r) => r.querySelector('td')?.textContent?.trim())).toEqual(
      ['Fernway Annotations', 'Kestrel Labeling'],
    );
    expect(
      rows.map((r) =>
        r.querySelector('q-neutrality-badge')?.textContent?.trim(),
      ),
    ).toEqual(['Clear', 'Blocked']);
    expect(rows[0].textContent).toContain('—');
    expect(rows[0].textContent).toContain('None');
  });

  it('expands a vendor to the conflicts behind its block, with the band', async () => {
    const { loader, el, stable } = await setup();
    const toggle = await loader.getHarness(
      MatButtonHarness.with({ text: /1 conflict/ }),
    );
    expect(await (await toggle.host()).getAttribute('aria-expanded')).toBe(
      'false',
    );
    await toggle.click();
    await stable();
    expect(await (await toggle.host()).getAttribute('aria-expanded')).toBe(
      'true',
    );
    const reasons = el.querySelector('#reasons-v-kestrel');
    expect(reasons?.textContent).toContain('Economic interest: Northwind AI');
    expect(reasons?.textContent).toContain('15–21%');
    expect(reasons?.textContent).toContain('Confirmed');
    // Read-only here: decisions are taken on the Conflicts page.
    expect(reasons?.querySelectorAll('q-conflict-card button')).toHaveLength(0);
  });
});
