import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditCheckpointView, AuditEventView } from '@quorum/contracts';
import {
  AUDIT_CHECKPOINT_PAGE_SIZE,
  AUDIT_PAGE_SIZE,
  AuditStore,
} from './audit.store';
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

const checkpoint = (seq: number): AuditCheckpointView => ({
  seq,
  headHash: String(seq % 10).repeat(64),
  at: `2026-05-0${(seq % 9) + 1}T00:00:00.000Z`,
  keyId: 'k1',
  signature: `${seq}`.padStart(64, 'a'),
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

  it('pages the signed checkpoints with their cursor', () => {
    store.loadCheckpoints();
    const first = http.expectOne((r) => r.url === '/api/v1/audit/checkpoints');
    expect(first.request.params.get('limit')).toBe(
      String(AUDIT_CHECKPOINT_PAGE_SIZE),
    );
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [checkpoint(30), checkpoint(20)], nextCursor: '7' });
    expect(store.checkpointsHaveMore()).toBe(true);
    store.loadMoreCheckpoints();
    const second = http.expectOne((r) => r.url === '/api/v1/audit/checkpoints');
    expect(second.request.params.get('cursor')).toBe('7');
    second.flush({ items: [checkpoint(10)], nextCursor: null });
    expect(store.checkpoints().map((c) => c.seq)).toEqual([30, 20, 10]);
    expect(store.checkpointsHaveMore()).toBe(false);
  });

  it('signs a checkpoint now and reloads the list so it shows first', () => {
    store.loadCheckpoints();
    http
      .expectOne((r) => r.url === '/api/v1/audit/checkpoints')
      .flush({ items: [checkpoint(20)], nextCursor: null });
    store.signCheckpoint();
    store.signCheckpoint(); // a second click while signing sends nothing more
    const post = http.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/v1/audit/checkpoints',
    );
    post.flush(checkpoint(25), { status: 201, statusText: 'Created' });
    expect(store.signed()?.seq).toBe(25);
    expect(store.signing()).toBe(false);
    http
      .expectOne(
        (r) => r.method === 'GET' && r.url === '/api/v1/audit/checkpoints',
      )
      .flush({ items: [checkpoint(25), checkpoint(20)], nextCursor: null });
    expect(store.checkpoints().map((c) => c.seq)).toEqual([25, 20]);
  });

  it('keeps the conflict when the chain cannot be signed', () => {
    store.signCheckpoint();
    http.expectOne('/api/v1/audit/checkpoints').flush(
      {
        title: 'Conflict',
        status: 409,
        detail:
          'The audit chain is broken at event 17; no checkpoint was signed',
      },
      { status: 409, statusText: 'Conflict', ...problemHeaders },
    );
    expect(store.signProblem()?.status).toBe(409);
    expect(store.signProblem()?.detail).toContain('event 17');
    expect(store.signed()).toBeNull();
  });

  it('checks a kept checkpoint with only the signed fields', () => {
    const kept = checkpoint(12);
    store.checkKept(kept);
    const req = http.expectOne('/api/v1/audit/checkpoints/verify');
    expect(req.request.method).toBe('POST');
    // keyId is not part of the request: the server rejects unknown fields.
    expect(req.request.body).toEqual({
      seq: 12,
      headHash: kept.headHash,
      at: kept.at,
      signature: kept.signature,
    });
    req.flush({
      valid: false,
      signatureValid: true,
      truncated: true,
      headMatches: false,
      length: 9,
      firstInvalidSeq: 10,
      checkedAt: '2026-05-02T00:00:00Z',
    });
    expect(store.keptChecking()).toBe(false);
    expect(store.kept()?.checkpoint.seq).toBe(12);
    expect(store.kept()?.result).toMatchObject({ truncated: true, length: 9 });
    store.clearKept();
    expect(store.kept()).toBeNull();
  });

  it('keeps the problem when a kept checkpoint is malformed', () => {
    store.checkKept(checkpoint(1));
    http.expectOne('/api/v1/audit/checkpoints/verify').flush(
      {
        title: 'Validation failed',
        status: 400,
        errors: [{ path: 'at', message: 'at must be an ISO 8601 timestamp' }],
      },
      { status: 400, statusText: 'Bad Request', ...problemHeaders },
    );
    expect(store.keptProblem()?.messagesFor('at')).toEqual([
      'at must be an ISO 8601 timestamp',
    ]);
    expect(store.kept()).toBeNull();
  });
});
