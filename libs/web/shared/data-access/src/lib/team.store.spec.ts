import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MemberView } from '@quorum/contracts';
import { firstValueFrom } from 'rxjs';
import { TOKEN_STORAGE, memoryStorage } from './api-config';
import { apiInterceptor } from './api.interceptor';
import { TEAM_PAGE_SIZE, TeamStore } from './team.store';

const member = (id: string, name: string): MemberView => ({
  id,
  email: `${id}@org.test`,
  displayName: name,
  orgId: 'o-1',
  roles: ['lab_member'],
  createdAt: '2025-01-01T00:00:00Z',
});

describe('TeamStore', () => {
  let store: TeamStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        TeamStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: TOKEN_STORAGE, useValue: memoryStorage() },
      ],
    });
    store = TestBed.inject(TeamStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads members page by page', () => {
    store.load('o-1');
    expect(store.loading()).toBe(true);
    const first = http.expectOne((r) => r.url === '/api/v1/orgs/o-1/members');
    expect(first.request.params.get('limit')).toBe(String(TEAM_PAGE_SIZE));
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [member('a', 'Ada')], nextCursor: 'c-2' });

    expect(store.members().map((m) => m.displayName)).toEqual(['Ada']);
    expect(store.hasMore()).toBe(true);
    expect(store.loaded()).toBe(true);

    store.loadMore();
    const second = http.expectOne((r) => r.url === '/api/v1/orgs/o-1/members');
    expect(second.request.params.get('cursor')).toBe('c-2');
    second.flush({ items: [member('b', 'Bo')], nextCursor: null });

    expect(store.members().map((m) => m.displayName)).toEqual(['Ada', 'Bo']);
    expect(store.hasMore()).toBe(false);
    expect(store.loading()).toBe(false);
  });

  it('keeps the problem when the list cannot be loaded', () => {
    store.load('o-1');
    http
      .expectOne((r) => r.url === '/api/v1/orgs/o-1/members')
      .flush(
        { title: 'Not found', status: 404 },
        {
          status: 404,
          statusText: 'Not Found',
          headers: { 'Content-Type': 'application/problem+json' },
        },
      );
    expect(store.problem()?.title).toBe('Not found');
    expect(store.loaded()).toBe(false);
  });

  it('adds a created member to the list', async () => {
    store.load('o-1');
    http
      .expectOne((r) => r.url === '/api/v1/orgs/o-1/members')
      .flush({ items: [member('a', 'Ada')], nextCursor: null });

    const created = firstValueFrom(
      store.add({
        email: 'c@org.test',
        password: 'long enough pw',
        displayName: 'Cy',
        role: 'lab_member',
      }),
    );
    const req = http.expectOne('/api/v1/orgs/o-1/members');
    expect(req.request.method).toBe('POST');
    req.flush(member('c', 'Cy'));
    await created;

    expect(store.members().map((m) => m.displayName)).toEqual(['Ada', 'Cy']);
  });
});
