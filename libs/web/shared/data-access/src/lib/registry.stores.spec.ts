import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { InterestView } from '@quorum/contracts';
import { firstValueFrom } from 'rxjs';
import { ENTITIES_PAGE_SIZE, EntitiesStore } from './entities.store';
import { EntityOwnershipStore } from './entity-ownership.store';
import { RegistryApi, bodsContentType } from './registry.api';
import { entityOf, ownerOf, setupHttp } from './testing.spec-helpers';

function interestOf(overrides: Partial<InterestView> = {}): InterestView {
  return {
    id: 'i-1',
    interestedPartyId: 'e-oh',
    subjectId: 'e-v',
    type: 'shareholding',
    share: { exact: 60 },
    directOrIndirect: 'direct',
    startDate: '2022-05-01',
    endDate: null,
    details: null,
    source: { description: 'Register of members', recordedBy: null },
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('EntitiesStore', () => {
  let http: HttpTestingController;
  let store: EntitiesStore;
  beforeEach(() => {
    http = setupHttp([EntitiesStore]);
    store = TestBed.inject(EntitiesStore);
  });
  afterEach(() => http.verify());

  it('searches by name and kind, then pages with the cursor', () => {
    store.search({ q: '  Orchard ', kind: 'company' });
    const first = http.expectOne((r) => r.url === '/api/v1/entities');
    expect(first.request.params.get('q')).toBe('Orchard');
    expect(first.request.params.get('kind')).toBe('company');
    expect(first.request.params.get('limit')).toBe(String(ENTITIES_PAGE_SIZE));
    first.flush({ items: [entityOf({ id: 'a' })], nextCursor: 'c2' });

    store.loadMore();
    const second = http.expectOne((r) => r.url === '/api/v1/entities');
    expect(second.request.params.get('cursor')).toBe('c2');
    expect(second.request.params.get('q')).toBe('Orchard');
    second.flush({ items: [entityOf({ id: 'b' })], nextCursor: null });
    expect(store.entities().map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('sends no empty filters', () => {
    store.search({ q: '   ' });
    const req = http.expectOne((r) => r.url === '/api/v1/entities');
    expect(req.request.params.has('q')).toBe(false);
    expect(req.request.params.has('kind')).toBe(false);
    req.flush({ items: [], nextCursor: null });
  });

  it('creates an entity and lists it when the last page is shown', async () => {
    store.search({});
    http
      .expectOne((r) => r.url === '/api/v1/entities')
      .flush({ items: [entityOf({ id: 'a' })], nextCursor: null });
    const created = firstValueFrom(
      store.create({ name: 'Meridian Fund', kind: 'fund' }),
    );
    const post = http.expectOne('/api/v1/entities');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ name: 'Meridian Fund', kind: 'fund' });
    post.flush(entityOf({ id: 'm', name: 'Meridian Fund', kind: 'fund' }));
    await created;
    expect(store.entities().map((e) => e.id)).toEqual(['a', 'm']);
  });
});

describe('RegistryApi', () => {
  let http: HttpTestingController;
  beforeEach(() => (http = setupHttp()));
  afterEach(() => http.verify());

  it.each([
    ['registry.json', 'application/json'],
    ['statements.jsonl', 'application/x-ndjson'],
    ['STATEMENTS.NDJSON', 'application/x-ndjson'],
    ['export', 'application/json'],
  ])('types %s as %s', (name, type) => {
    expect(bodsContentType(name)).toBe(type);
  });

  it('posts the file text unchanged with its content type', async () => {
    const api = TestBed.inject(RegistryApi);
    const text = '{"statementId":"a"}\n{"statementId":"b"}\n';
    const result = firstValueFrom(api.importBods(text, 'application/x-ndjson'));
    const req = http.expectOne('/api/v1/interests/import');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toBe(text);
    expect(req.request.headers.get('Content-Type')).toBe(
      'application/x-ndjson',
    );
    req.flush({
      imported: 1,
      skipped: 0,
      errors: [{ index: 1, message: 'bad' }],
      warnings: [],
    });
    await expect(result).resolves.toMatchObject({ imported: 1 });
  });

  it('records and ends interests', async () => {
    const api = TestBed.inject(RegistryApi);
    const recorded = firstValueFrom(
      api.recordInterest({
        interestedPartyId: 'a',
        subjectId: 'b',
        type: 'shareholding',
        share: { minimum: 15, maximum: 21 },
        source: { description: 'Filing' },
      }),
    );
    const post = http.expectOne('/api/v1/interests');
    expect(post.request.body.share).toEqual({ minimum: 15, maximum: 21 });
    post.flush(interestOf());
    await recorded;

    const ended = firstValueFrom(api.endInterest('i-1', '2026-06-30'));
    const end = http.expectOne('/api/v1/interests/i-1/end');
    expect(end.request.body).toEqual({ endDate: '2026-06-30' });
    end.flush(interestOf({ endDate: '2026-06-30' }));
    await ended;
  });
});

describe('EntityOwnershipStore', () => {
  let http: HttpTestingController;
  let store: EntityOwnershipStore;
  beforeEach(() => {
    http = setupHttp([EntityOwnershipStore]);
    store = TestBed.inject(EntityOwnershipStore);
  });
  afterEach(() => http.verify());

  function answer(asOf: string | null) {
    http
      .expectOne('/api/v1/entities/e-v')
      .flush(entityOf({ id: 'e-v', name: 'Orchard & Vale' }));
    const owners = http.expectOne(
      (r) => r.url === '/api/v1/entities/e-v/effective-owners',
    );
    expect(owners.request.params.get('asOf')).toBe(asOf);
    owners.flush({
      asOf: asOf ?? '2026-05-01',
      items: [
        ownerOf({
          entityId: 'e-cobalt',
          name: 'Cobalt Research',
          economic: { min: 38.64, max: 38.64 },
          paths: [
            [
              {
                from: 'e-cobalt',
                to: 'e-spv',
                type: 'shareholding',
                share: { min: 40, max: 40 },
                interestId: 'x',
              },
              {
                from: 'e-spv',
                to: 'e-v',
                type: 'shareholding',
                share: { min: 60, max: 60 },
                interestId: 'y',
              },
            ],
          ],
        }),
      ],
    });
    const interests = http.expectOne((r) => r.url === '/api/v1/interests');
    expect(interests.request.params.get('entityId')).toBe('e-v');
    expect(interests.request.params.get('includeEnded')).toBe('true');
    interests.flush({
      items: [
        interestOf({
          id: 'i-back',
          interestedPartyId: 'e-v',
          subjectId: 'e-spv',
          share: { exact: 20 },
        }),
        interestOf({
          id: 'i-old',
          interestedPartyId: 'e-gone',
          subjectId: 'e-v',
          endDate: '2020-01-01',
        }),
      ],
      nextCursor: null,
    });
  }

  it('loads the entity, its owners as of a date and its statements, naming nodes it does not know', () => {
    store.load('e-v', '2026-05-01');
    answer('2026-05-01');
    // e-spv is on a path and e-gone on a statement, but neither is an owner: one lookup each.
    http
      .expectOne('/api/v1/entities/e-spv')
      .flush(entityOf({ id: 'e-spv', name: 'Orchard Holdings' }));
    http
      .expectOne('/api/v1/entities/e-gone')
      .flush(entityOf({ id: 'e-gone', name: 'Former Holder' }));

    expect(store.entity()?.name).toBe('Orchard & Vale');
    expect(store.asOf()).toBe('2026-05-01');
    expect(store.nameOf()('e-spv')).toBe('Orchard Holdings');
    expect(store.nameOf()('e-gone')).toBe('Former Holder');
    const graph = store.graph();
    expect(graph?.nodes.map((n) => n.label)).toEqual([
      'Orchard & Vale',
      'Cobalt Research',
      'Orchard Holdings',
    ]);
    // The ended statement is not drawn; the back edge closes a cycle.
    expect(graph?.edges.map((e) => e.id).sort()).toEqual(
      [
        'e-cobalt|e-spv|shareholding',
        'e-spv|e-v|shareholding',
        'e-v|e-spv|shareholding',
      ].sort(),
    );
    expect(graph?.hasCycle).toBe(true);
  });

  it('still draws the graph when a node cannot be looked up', () => {
    store.load('e-v');
    answer(null);
    http
      .expectOne('/api/v1/entities/e-spv')
      .flush(
        { title: 'Not found', status: 404 },
        { status: 404, statusText: 'Not Found' },
      );
    http
      .expectOne('/api/v1/entities/e-gone')
      .flush(entityOf({ id: 'e-gone', name: 'Former Holder' }));
    expect(store.problem()).toBeNull();
    expect(store.graph()?.nodes.find((n) => n.id === 'e-spv')?.label).toBe(
      'Entity e-spv',
    );
  });

  it('reloads the figures after ending a statement', async () => {
    store.load('e-v', '2026-05-01');
    answer('2026-05-01');
    http
      .expectOne('/api/v1/entities/e-spv')
      .flush(entityOf({ id: 'e-spv', name: 'Orchard Holdings' }));
    http
      .expectOne('/api/v1/entities/e-gone')
      .flush(entityOf({ id: 'e-gone', name: 'Former Holder' }));

    const ended = firstValueFrom(store.endInterest('i-back', '2026-06-01'));
    http
      .expectOne('/api/v1/interests/i-back/end')
      .flush(interestOf({ id: 'i-back', endDate: '2026-06-01' }));
    await ended;
    answer('2026-05-01');
    http
      .expectOne('/api/v1/entities/e-spv')
      .flush(entityOf({ id: 'e-spv', name: 'Orchard Holdings' }));
    http
      .expectOne('/api/v1/entities/e-gone')
      .flush(entityOf({ id: 'e-gone', name: 'Former Holder' }));
    expect(store.loading()).toBe(false);
  });
});
