import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { TestRequest } from '@angular/common/http/testing';
import type {
  AuditCheckpointVerifyResponse,
  AuditCheckpointView,
  AuditEventView,
  AuditVerifyResponse,
} from '@quorum/contracts';
import { problemHeaders, renderAs } from '@quorum/web/shared/testing';
import { readFileText } from '@quorum/web/shared/util';
import { AdminAuditPage, actorText } from './audit.page';

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

const checkpoint = (
  seq: number,
  overrides: Partial<AuditCheckpointView> = {},
): AuditCheckpointView => ({
  seq,
  headHash: `${seq}`.padStart(8, '0').repeat(8),
  at: '2026-05-01T10:05:00.000Z',
  keyId: 'k-2f9a61c0',
  signature: 'ab12'.repeat(16),
  ...overrides,
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(
  checkpoints: AuditCheckpointView[] = [checkpoint(40), checkpoint(20)],
) {
  const page = await renderAs(AdminAuditPage, ['auditor'], 'platform');
  page.http
    .expectOne((r) => r.url === '/api/v1/audit')
    .flush({ items: [event], nextCursor: null });
  page.http
    .expectOne(
      (r) => r.method === 'GET' && r.url === '/api/v1/audit/checkpoints',
    )
    .flush({ items: checkpoints, nextCursor: null });
  await page.stable();
  return page;
}

type Page = Awaited<ReturnType<typeof setup>>;

async function verifyChain(page: Page, answer: AuditVerifyResponse) {
  await (
    await page.loader.getHarness(
      MatButtonHarness.with({ text: /Verify chain/ }),
    )
  ).click();
  page.http.expectOne('/api/v1/audit/verify').flush(answer);
  await page.stable();
}

const verified = (
  overrides: Partial<AuditVerifyResponse> = {},
): AuditVerifyResponse => ({
  valid: true,
  length: 63,
  headHash: 'f96bde63'.repeat(8),
  firstInvalidSeq: null,
  checkedAt: '2026-05-01T10:00:00Z',
  checkpoint: { seq: 40, at: '2026-05-01T09:55:00.000Z', consistent: true },
  ...overrides,
});

const squash = (text: string | null | undefined) =>
  text?.replace(/\s+/g, ' ').trim() ?? '';

async function pasteKept(page: Page, text: string) {
  const field = await page.loader.getHarness(
    MatFormFieldHarness.with({ floatingLabelText: 'Checkpoint JSON' }),
  );
  await ((await field.getControl(MatInputHarness)) as MatInputHarness).setValue(
    text,
  );
  await (
    await page.loader.getHarness(
      MatButtonHarness.with({ text: /Check checkpoint/ }),
    )
  ).click();
  await page.stable();
}

const keptAnswer = (
  overrides: Partial<AuditCheckpointVerifyResponse> = {},
): AuditCheckpointVerifyResponse => ({
  valid: true,
  signatureValid: true,
  truncated: false,
  headMatches: true,
  length: 63,
  firstInvalidSeq: null,
  checkedAt: '2026-05-02T08:00:00Z',
  ...overrides,
});

const keptFacts = (el: HTMLElement) =>
  Array.from(el.querySelectorAll('.facts q-badge')).map((b) => ({
    text: squash(b.textContent),
    tone: Array.from(b.classList).find((c) => c.startsWith('tone-')),
  }));

describe('AdminAuditPage', () => {
  it('lists events with who did what to which subject', async () => {
    const { el } = await setup();
    expect(el.querySelector('h1')?.textContent).toBe('Audit log');
    const cells = Array.from(
      el.querySelectorAll('table[aria-label="Audit events"] tr.mat-mdc-row td'),
    ).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
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

  describe('hash chain and checkpoints', () => {
    it.each([
      [
        'agrees',
        { seq: 40, at: '2026-05-01T09:55:00.000Z', consistent: true },
        'tone-good',
        /^Agrees with checkpoint #40 signed .*2026/,
      ],
      [
        'disagrees',
        { seq: 40, at: '2026-05-01T09:55:00.000Z', consistent: false },
        'tone-bad',
        /^Disagrees with checkpoint #40 signed .*2026/,
      ],
      ['has none', null, 'tone-neutral', /^No checkpoint yet$/],
    ])(
      'says when the chain %s with the newest checkpoint',
      async (_, cp, tone, text) => {
        const page = await setup();
        await verifyChain(
          page,
          verified({
            checkpoint: cp,
            valid: cp?.consistent !== false,
            firstInvalidSeq: cp?.consistent === false ? 21 : null,
          }),
        );
        const item = Array.from(page.el.querySelectorAll('.result > div')).find(
          (d) => squash(d.querySelector('dt')?.textContent) === 'Checkpoint',
        );
        const badge = item?.querySelector('q-badge');
        expect(badge?.classList).toContain(tone);
        expect(squash(badge?.textContent)).toMatch(text);
      },
    );

    it('draws an intact chain with a tick per checkpoint and says so', async () => {
      const page = await setup();
      await verifyChain(page, verified());
      const svg = page.el.querySelector('q-audit-chain-strip svg');
      const summary =
        'Audit chain of 63 events, all intact. Checkpoints at events 20 and 40.';
      expect(svg?.getAttribute('role')).toBe('img');
      expect(svg?.getAttribute('aria-label')).toBe(summary);
      expect(
        squash(
          page.el.querySelector('q-audit-chain-strip .caption')?.textContent,
        ),
      ).toBe(summary);
      expect(
        Array.from(svg?.querySelectorAll('line.tick') ?? []).map((l) =>
          l.getAttribute('x1'),
        ),
      ).toEqual([`${(20 / 63) * 100}%`, `${(40 / 63) * 100}%`]);
      expect(svg?.querySelector('rect.invalid')).toBeNull();
      expect(svg?.querySelector('rect.intact')?.getAttribute('width')).toBe(
        '100%',
      );
    });

    it('draws the events that cannot be vouched for in red, from the first invalid one', async () => {
      const page = await setup();
      await verifyChain(
        page,
        verified({
          valid: false,
          firstInvalidSeq: 17,
          checkpoint: {
            seq: 40,
            at: '2026-05-01T09:55:00.000Z',
            consistent: false,
          },
        }),
      );
      const svg = page.el.querySelector('q-audit-chain-strip svg');
      expect(svg?.getAttribute('aria-label')).toBe(
        'Audit chain of 63 events; events 17 to 63 cannot be vouched for. Checkpoints at events 20 and 40.',
      );
      const red = svg?.querySelector('rect.invalid');
      expect(red?.getAttribute('x')).toBe(`${(16 / 63) * 100}%`);
      expect(svg?.querySelector('rect.missing')).toBeNull();
    });

    it('draws removed newest events as missing up to the checkpoint that had them', async () => {
      const page = await setup();
      await verifyChain(
        page,
        verified({
          valid: false,
          length: 35,
          firstInvalidSeq: 36,
          checkpoint: {
            seq: 40,
            at: '2026-05-01T09:55:00.000Z',
            consistent: false,
          },
        }),
      );
      const svg = page.el.querySelector('q-audit-chain-strip svg');
      expect(svg?.getAttribute('aria-label')).toBe(
        'Audit chain of 35 events. A checkpoint says it had 40 events: events 36 to 40 are missing. Checkpoints at events 20 and 40.',
      );
      expect(svg?.querySelector('rect.missing')?.getAttribute('x')).toBe(
        `${(35 / 40) * 100}%`,
      );
      expect(svg?.querySelector('text:last-of-type')?.textContent).toBe('40');
    });

    it('lists checkpoints with the short head hash and the full one in its title', async () => {
      const { el } = await setup();
      const rows = Array.from(
        el.querySelectorAll(
          'table[aria-label="Signed checkpoints"] tr.mat-mdc-row',
        ),
      );
      expect(rows).toHaveLength(2);
      const cells = Array.from(rows[0].querySelectorAll('td'));
      expect(squash(cells[0].textContent)).toBe('40');
      expect(squash(cells[2].textContent)).toBe('000000400000…');
      expect(cells[2].getAttribute('title')).toBe(checkpoint(40).headHash);
      expect(squash(cells[3].textContent)).toBe('k-2f9a61c0');
    });

    it('loads more checkpoints with the cursor', async () => {
      const page = await renderAs(AdminAuditPage, ['auditor'], 'platform');
      page.http
        .expectOne((r) => r.url === '/api/v1/audit')
        .flush({ items: [], nextCursor: null });
      page.http
        .expectOne((r) => r.url === '/api/v1/audit/checkpoints')
        .flush({ items: [checkpoint(40)], nextCursor: '9' });
      await page.stable();
      const more = await page.loader.getAllHarnesses(
        MatButtonHarness.with({ text: 'Load more' }),
      );
      expect(more).toHaveLength(1);
      await more[0].click();
      const req = page.http.expectOne(
        (r) => r.url === '/api/v1/audit/checkpoints',
      );
      expect(req.request.params.get('cursor')).toBe('9');
      req.flush({ items: [checkpoint(20)], nextCursor: null });
      await page.stable();
      expect(
        page.el.querySelectorAll(
          'table[aria-label="Signed checkpoints"] tr.mat-mdc-row',
        ),
      ).toHaveLength(2);
    });

    it('signs a checkpoint now and offers it for download', async () => {
      const page = await setup();
      await (
        await page.loader.getHarness(
          MatButtonHarness.with({ text: /Sign checkpoint now/ }),
        )
      ).click();
      page.http
        .expectOne(
          (r) => r.method === 'POST' && r.url === '/api/v1/audit/checkpoints',
        )
        .flush(checkpoint(63), { status: 201, statusText: 'Created' });
      page.http
        .expectOne(
          (r) => r.method === 'GET' && r.url === '/api/v1/audit/checkpoints',
        )
        .flush({
          items: [checkpoint(63), checkpoint(40), checkpoint(20)],
          nextCursor: null,
        });
      await page.stable();
      expect(squash(page.el.querySelector('.signed')?.textContent)).toBe(
        'Checkpoint #63 signed. Download it and keep the file outside Quorum. audit-checkpoint-63.json',
      );
      expect(
        page.el.querySelectorAll(
          'table[aria-label="Signed checkpoints"] tr.mat-mdc-row',
        ),
      ).toHaveLength(3);
      expect(
        page.el.querySelector('q-audit-checkpoints [role=alert]'),
      ).toBeNull();
    });

    it('shows why no checkpoint could be signed (409)', async () => {
      const page = await setup();
      await (
        await page.loader.getHarness(
          MatButtonHarness.with({ text: /Sign checkpoint now/ }),
        )
      ).click();
      page.http.expectOne('/api/v1/audit/checkpoints').flush(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail:
            'The audit chain is broken at event 17; no checkpoint was signed',
        },
        { status: 409, statusText: 'Conflict', ...problemHeaders },
      );
      await page.stable();
      const alert = page.el.querySelector('q-audit-checkpoints [role=alert]');
      expect(squash(alert?.textContent)).toContain(
        'The audit chain is broken at event 17; no checkpoint was signed',
      );
      expect(page.el.querySelector('.signed')).toBeNull();
      // The list is not reloaded after a refusal.
      page.http.expectNone((r) => r.url === '/api/v1/audit/checkpoints');
    });

    it('downloads a checkpoint as the JSON verify needs, plus its key id', async () => {
      const page = await setup();
      const blobs: Blob[] = [];
      Object.defineProperty(URL, 'createObjectURL', {
        configurable: true,
        value: jest.fn((b: Blob) => {
          blobs.push(b);
          return 'blob:kept';
        }),
      });
      Object.defineProperty(URL, 'revokeObjectURL', {
        configurable: true,
        value: jest.fn(),
      });
      const clicked: { href: string; download: string }[] = [];
      const click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function (this: HTMLAnchorElement) {
          clicked.push({ href: this.href, download: this.download });
        });
      try {
        await (
          await page.loader.getHarness(
            MatButtonHarness.with({
              selector: '[aria-label="Download checkpoint #20"]',
            }),
          )
        ).click();
        expect(clicked).toEqual([
          { href: 'blob:kept', download: 'audit-checkpoint-20.json' },
        ]);
        expect(blobs).toHaveLength(1);
        expect(blobs[0].type).toBe('application/json');
        const cp = checkpoint(20);
        expect(JSON.parse(await readFileText(blobs[0]))).toEqual({
          seq: 20,
          headHash: cp.headHash,
          at: cp.at,
          keyId: cp.keyId,
          signature: cp.signature,
        });
      } finally {
        click.mockRestore();
      }
    });
  });

  describe('checking a kept checkpoint', () => {
    const kept = checkpoint(40);
    const keptText = JSON.stringify(kept, null, 2);

    it('checks pasted JSON and shows every fact as good', async () => {
      const page = await setup();
      await pasteKept(page, keptText);
      const req = page.http.expectOne('/api/v1/audit/checkpoints/verify');
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual({
        seq: 40,
        headHash: kept.headHash,
        at: kept.at,
        signature: kept.signature,
      });
      req.flush(keptAnswer());
      await page.stable();
      expect(
        squash(page.el.querySelector('.verdict q-badge')?.textContent),
      ).toBe('Checkpoint #40 holds');
      expect(keptFacts(page.el)).toEqual([
        { text: 'Signature genuine', tone: 'tone-good' },
        { text: 'Chain intact up to it', tone: 'tone-good' },
        { text: 'Newest events present (not truncated)', tone: 'tone-good' },
        { text: 'Checkpointed event unchanged', tone: 'tone-good' },
      ]);
      expect(
        squash(page.el.querySelector('.kept-result .result')?.textContent),
      ).toContain('First invalid event None');
    });

    it('reads a picked checkpoint file and checks it', async () => {
      const page = await setup();
      const input = page.el.querySelector(
        'q-audit-kept-checkpoint input[type=file]',
      ) as HTMLInputElement;
      Object.defineProperty(input, 'files', {
        value: [
          new File([keptText], 'audit-checkpoint-40.json', {
            type: 'application/json',
          }),
        ],
        configurable: true,
      });
      input.dispatchEvent(new Event('change'));
      let req: TestRequest | undefined;
      for (let i = 0; i < 50 && !req; i++) {
        [req] = page.http.match('/api/v1/audit/checkpoints/verify');
        if (!req) await wait(5);
      }
      if (!req) throw new Error('the kept checkpoint was not checked');
      expect(req.request.body.seq).toBe(40);
      req.flush(keptAnswer());
      await page.stable();
      expect(
        squash(page.el.querySelector('.verdict q-badge')?.textContent),
      ).toBe('Checkpoint #40 holds');
    });

    it('says the newest events were removed when the chain is now shorter', async () => {
      const page = await setup();
      await pasteKept(page, keptText);
      page.http.expectOne('/api/v1/audit/checkpoints/verify').flush(
        keptAnswer({
          valid: false,
          truncated: true,
          headMatches: false,
          length: 35,
          firstInvalidSeq: 36,
        }),
      );
      await page.stable();
      expect(
        squash(page.el.querySelector('.verdict q-badge')?.textContent),
      ).toBe('Checkpoint #40 does not hold');
      expect(keptFacts(page.el)).toEqual([
        { text: 'Signature genuine', tone: 'tone-good' },
        { text: 'Chain intact up to it', tone: 'tone-good' },
        {
          text: 'Newest events removed (events 36 to 40 are missing)',
          tone: 'tone-bad',
        },
        { text: 'Checkpointed event 40 changed or missing', tone: 'tone-bad' },
      ]);
      const facts = squash(
        page.el.querySelector('.kept-result .result')?.textContent,
      );
      expect(facts).toMatch(/First invalid event ?#36/);
      expect(facts).toMatch(/Chain now ?35 events/);
    });

    it('flags a forged signature and a rewritten chain', async () => {
      const page = await setup();
      await pasteKept(page, keptText);
      page.http.expectOne('/api/v1/audit/checkpoints/verify').flush(
        keptAnswer({
          valid: false,
          signatureValid: false,
          headMatches: false,
          firstInvalidSeq: 12,
        }),
      );
      await page.stable();
      expect(keptFacts(page.el)).toEqual([
        {
          text: 'Signature not genuine (not signed by this Quorum’s key)',
          tone: 'tone-bad',
        },
        { text: 'Chain broken or rewritten (from event 12)', tone: 'tone-bad' },
        {
          text: 'Newest events not checked (the chain breaks before them)',
          tone: 'tone-neutral',
        },
        { text: 'Checkpointed event 40 changed or missing', tone: 'tone-bad' },
      ]);
    });

    it.each([
      ['not JSON', '{"seq": 40, "headHash": ', /not valid JSON/],
      ['a list', `[${keptText}]`, /Expected one checkpoint/],
      [
        'missing fields',
        JSON.stringify({ seq: 40, headHash: kept.headHash }),
        /at: is missing.*signature: is missing/,
      ],
      [
        'malformed fields',
        JSON.stringify({
          ...kept,
          seq: '40',
          headHash: 'ABC',
          at: 'yesterday',
        }),
        /seq: must be a whole number.*headHash: must be 64 lowercase hex.*at: must be an ISO 8601/,
      ],
      ['empty', '   ', /Pick the checkpoint file or paste its JSON/],
    ])(
      'rejects %s here, without asking the server',
      async (_, text, message) => {
        const page = await setup();
        await pasteKept(page, text);
        page.http.expectNone('/api/v1/audit/checkpoints/verify');
        const alert = page.el.querySelector(
          'q-audit-kept-checkpoint [role=alert]',
        );
        expect(squash(alert?.textContent)).toContain(
          'That is not a checkpoint',
        );
        expect(squash(alert?.textContent)).toMatch(message);
        expect(page.el.querySelector('.kept-result')).toBeNull();
      },
    );

    it('shows the server’s problem when it refuses the checkpoint', async () => {
      const page = await setup();
      await pasteKept(page, keptText);
      page.http.expectOne('/api/v1/audit/checkpoints/verify').flush(
        {
          title: 'Validation failed',
          status: 400,
          errors: [{ path: 'at', message: 'at must be an ISO 8601 timestamp' }],
        },
        { status: 400, statusText: 'Bad Request', ...problemHeaders },
      );
      await page.stable();
      const alert = page.el.querySelector(
        'q-audit-kept-checkpoint [role=alert]',
      );
      expect(squash(alert?.textContent)).toContain(
        'at: at must be an ISO 8601 timestamp',
      );
    });
  });
});
