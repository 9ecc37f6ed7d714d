import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { CONFLICTS_PAGE_SIZE, ConflictsStore } from './conflicts.store';
import { conflictOf, problemHeaders, setupHttp } from './testing.spec-helpers';

describe('ConflictsStore', () => {
  let store: ConflictsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    http = setupHttp([ConflictsStore]);
    store = TestBed.inject(ConflictsStore);
  });

  afterEach(() => http.verify());

  it('loads conflicts by status, page by page', () => {
    store.load({ status: 'open' });
    const first = http.expectOne((r) => r.url === '/api/v1/conflicts');
    expect(first.request.params.get('status')).toBe('open');
    expect(first.request.params.get('limit')).toBe(String(CONFLICTS_PAGE_SIZE));
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [conflictOf({ id: 'a' })], nextCursor: 'next' });
    expect(store.conflicts().map((c) => c.id)).toEqual(['a']);
    expect(store.hasMore()).toBe(true);

    store.loadMore();
    const second = http.expectOne((r) => r.url === '/api/v1/conflicts');
    expect(second.request.params.get('cursor')).toBe('next');
    expect(second.request.params.get('status')).toBe('open');
    second.flush({ items: [conflictOf({ id: 'b' })], nextCursor: null });
    expect(store.conflicts().map((c) => c.id)).toEqual(['a', 'b']);
    expect(store.hasMore()).toBe(false);
    expect(store.loaded()).toBe(true);
  });

  it('passes lab and vendor filters and ignores the answer to an older filter', () => {
    store.load({});
    const stale = http.expectOne((r) => r.url === '/api/v1/conflicts');
    store.load({ labOrgId: 'lab-1', vendorOrgId: 'v-1' });
    expect(stale.cancelled).toBe(true);
    const fresh = http.expectOne((r) => r.url === '/api/v1/conflicts');
    expect(fresh.request.params.get('labOrgId')).toBe('lab-1');
    expect(fresh.request.params.get('vendorOrgId')).toBe('v-1');
    fresh.flush({ items: [conflictOf({ id: 'x' })], nextCursor: null });
    expect(store.conflicts().map((c) => c.id)).toEqual(['x']);
  });

  it('acknowledges a conflict and shows its new status in place', async () => {
    store.load({});
    http
      .expectOne((r) => r.url === '/api/v1/conflicts')
      .flush({ items: [conflictOf()], nextCursor: null });

    const done = firstValueFrom(store.acknowledge('c-1'));
    expect(store.busy().has('c-1')).toBe(true);
    const req = http.expectOne('/api/v1/conflicts/c-1/acknowledge');
    expect(req.request.method).toBe('POST');
    req.flush(conflictOf({ status: 'acknowledged' }));
    await done;

    expect(store.conflicts()[0].status).toBe('acknowledged');
    expect(store.busy().size).toBe(0);
  });

  it('waives with the justification and expiry, keeping a block’s waiver pending', async () => {
    store.load({});
    http
      .expectOne((r) => r.url === '/api/v1/conflicts')
      .flush({ items: [conflictOf()], nextCursor: null });

    const done = firstValueFrom(
      store.waive('c-1', {
        justification: 'Contract ends soon',
        expiresAt: '2026-09-30T23:59:59.000Z',
      }),
    );
    const req = http.expectOne('/api/v1/conflicts/c-1/waive');
    expect(req.request.body).toEqual({
      justification: 'Contract ends soon',
      expiresAt: '2026-09-30T23:59:59.000Z',
    });
    req.flush(
      conflictOf({
        waiver: {
          id: 'w',
          justification: 'Contract ends soon',
          expiresAt: '2026-09-30T23:59:59.000Z',
          requestedBy: 'u-1',
          requestedAt: '2026-05-02T00:00:00Z',
          approvedBy: null,
          approvedAt: null,
          status: 'pending',
        },
      }),
    );
    const updated = await done;
    expect(updated.status).toBe('open');
    expect(store.conflicts()[0].waiver?.status).toBe('pending');
  });

  it('keeps the problem when an approval is refused', async () => {
    store.load({});
    http
      .expectOne((r) => r.url === '/api/v1/conflicts')
      .flush({ items: [conflictOf()], nextCursor: null });

    const done = firstValueFrom(store.approveWaiver('c-1'));
    http.expectOne('/api/v1/conflicts/c-1/waiver/approve').flush(
      {
        title:
          'A waiver must be approved by someone other than the person who requested it',
        status: 403,
      },
      { status: 403, statusText: 'Forbidden', ...problemHeaders },
    );
    await expect(done).rejects.toMatchObject({ status: 403 });
    expect(store.actionProblem()?.title).toContain('someone other');
    expect(store.busy().size).toBe(0);
    expect(store.conflicts()[0].status).toBe('open');
  });
});
