import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditEventView } from '@quorum/contracts';
import { AUDIT_PAGE_SIZE, AuditStore } from './audit.store';
import { problemHeaders, setupHttp } from './testing.spec-helpers';

const event = (seq: number): AuditEventView => ({
  seq,
  at: '2026-05-01T00:00:00Z',
  actor: { userId: null, orgId: null, roles: [], system: 'seed' },
  type: 'interest.recorded',
  subject: `interest:${seq}`,
  data: {},
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
});

describe('AuditStore', () => {
  let http: HttpTestingController;
  let store: AuditStore;
  beforeEach(() => {
    http = setupHttp([AuditStore]);
    store = TestBed.inject(AuditStore);
  });
  afterEach(() => http.verify());

  it('filters by type and subject and pages with the cursor', () => {
    store.load({ type: 'conflict.opened', subject: 'conflict:c-1' });
    const first = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(first.request.params.get('type')).toBe('conflict.opened');
    expect(first.request.params.get('subject')).toBe('conflict:c-1');
    expect(first.request.params.get('limit')).toBe(String(AUDIT_PAGE_SIZE));
    first.flush({ items: [event(9), event(8)], nextCursor: '8' });
    store.loadMore();
    const second = http.expectOne((r) => r.url === '/api/v1/audit');
    expect(second.request.params.get('cursor')).toBe('8');
    expect(second.request.params.get('type')).toBe('conflict.opened');
    second.flush({ items: [event(7)], nextCursor: null });
    expect(store.events().map((e) => e.seq)).toEqual([9, 8, 7]);
    expect(store.hasMore()).toBe(false);
  });

  it('verifies the chain and keeps the answer', () => {
    store.verify();
    expect(store.verifying()).toBe(true);
    store.verify(); // a second click while verifying sends nothing more
    http.expectOne('/api/v1/audit/verify').flush({
      valid: false,
      length: 120,
      headHash: 'a'.repeat(64),
      firstInvalidSeq: 57,
      checkedAt: '2026-05-01T00:00:00Z',
    });
    expect(store.verifying()).toBe(false);
    expect(store.verification()).toMatchObject({
      valid: false,
      firstInvalidSeq: 57,
    });
  });

  it('keeps the problem when verification fails', () => {
    store.verify();
    http
      .expectOne('/api/v1/audit/verify')
      .flush(
        { title: 'Forbidden', status: 403 },
        { status: 403, statusText: 'Forbidden', ...problemHeaders },
      );
    expect(store.verifyProblem()?.status).toBe(403);
    expect(store.verification()).toBeNull();
  });
});
