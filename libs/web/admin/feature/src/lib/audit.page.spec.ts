import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { AuditEventView } from '@quorum/contracts';
import { AdminAuditPage, actorText } from './audit.page';
import { renderAs } from '@quorum/web/shared/testing';

const event: AuditEventView = {
  seq: 42,
  at: '2026-05-01T10:00:00Z',
  actor: {
    userId: '5f2b440b-e349-4cb5-b086-b8cbb04622f3',
    orgId: 'o',
    roles: ['platform_admin'],
  },
  type: 'interest.recorded',
  subject: 'interest:i-1',
  data: { share: { exact: 49 } },
  prevHash: '1'.repeat(64),
  hash: 'abcdef0123456789'.repeat(4),
};

async function setup() {
  const page = await renderAs(AdminAuditPage, ['auditor'], 'platform');
  page.http
    .expectOne((r) => r.url === '/api/v1/audit')
    .flush({ items: [event], nextCursor: null });
  await page.stable();
  return page;
}

describe('AdminAuditPage', () => {
  it('lists events with who did what to which subject', async () => {
    const { el } = await setup();
    expect(el.querySelector('h1')?.textContent).toBe('Audit log');
    const cells = Array.from(el.querySelectorAll('tr.mat-mdc-row td')).map(
      (td) => td.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(cells[0]).toBe('42');
    expect(cells[2]).toContain('interest.recorded');
    expect(cells[3]).toBe('interest:i-1');
    expect(cells[4]).toBe('User 5f2b440b (platform_admin)');
    expect(cells[5]).toBe('abcdef012345…');
  });

  it('filters by type and subject', async () => {
    const { loader, http } = await setup();
    const input = async (label: string) =>
      (await (
        await loader.getHarness(
          MatFormFieldHarness.with({ floatingLabelText: label }),
        )
      ).getControl(MatInputHarness)) as MatInputHarness;
    await (await input('Type')).setValue(' conflict.opened ');
    await (await input('Subject')).setValue('conflict:c-1');
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Filter' }))
    ).click();
    const req = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(req.request.params.get('type')).toBe('conflict.opened');
    expect(req.request.params.get('subject')).toBe('conflict:c-1');
    req.flush({ items: [], nextCursor: null });
  });

  it('narrows to one subject from a row', async () => {
    const { el, http } = await setup();
    const subject = el.querySelector('td button.link') as HTMLButtonElement;
    expect(subject.getAttribute('aria-label')).toBe(
      'Show only events about interest:i-1',
    );
    subject.click();
    const req = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(req.request.params.get('subject')).toBe('interest:i-1');
    expect(req.request.params.has('type')).toBe(false);
    req.flush({ items: [], nextCursor: null });
  });

  it('verifies the chain and says where it breaks', async () => {
    const { loader, http, stable, el } = await setup();
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Verify chain/ }))
    ).click();
    http.expectOne('/api/v1/audit/verify').flush({
      valid: false,
      length: 63,
      headHash: 'f96bde63'.repeat(8),
      firstInvalidSeq: 17,
      checkedAt: '2026-05-01T10:00:00Z',
    });
    await stable();
    const result =
      el.querySelector('.result')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(result).toContain('Invalid');
    expect(result).toContain('63 events');
    expect(result).toContain('#17');
    expect(result).toContain('f96bde63'.repeat(8));
  });

  it('names system actors', () => {
    expect(
      actorText({
        userId: null,
        orgId: null,
        roles: [],
        system: 'neutrality-evaluator',
      }),
    ).toBe('System: neutrality-evaluator');
  });
});
