import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { TaskView } from '@quorum/contracts';
import {
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { AnnotateStore } from './annotate.store';

const T0 = Date.parse('2026-05-01T10:00:00Z');

function taskOf(n: number, overrides: Partial<TaskView> = {}): TaskView {
  return {
    assignmentId: `a-${n}`,
    jobId: 'job-1',
    jobTitle: 'Support intents',
    taskType: 'classification',
    schema: { labels: ['refund', 'card_lost'] },
    instructions: 'Pick the intent.',
    item: { id: `item-${n}`, data: { text: `message ${n}` } },
    leaseExpiresAt: new Date(T0 + 600_000).toISOString(),
    ...overrides,
  };
}

function setup(): { store: AnnotateStore; http: HttpTestingController; clock: { now: number } } {
  TestBed.configureTestingModule({
    providers: [
      AnnotateStore,
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: TOKEN_STORAGE, useValue: memoryStorage() },
    ],
  });
  const store = TestBed.inject(AnnotateStore);
  const clock = { now: T0 };
  store.now = () => clock.now;
  return { store, http: TestBed.inject(HttpTestingController), clock };
}

const problem = { headers: { 'Content-Type': 'application/problem+json' } };

describe('AnnotateStore', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('claims a task, then claims exactly one more in the background', () => {
    const { store, http } = setup();
    store.start();
    const first = http.expectOne({ method: 'POST', url: '/api/v1/tasks/next' });
    expect(first.request.body).toEqual({});
    expect(store.phase()).toBe('claiming');
    first.flush(taskOf(1));
    expect(store.current()?.assignmentId).toBe('a-1');
    expect(store.phase()).toBe('working');

    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));
    expect(store.prefetched()?.assignmentId).toBe('a-2');
    expect(store.current()?.assignmentId).toBe('a-1');
    // One ahead only: nothing more is claimed while N+1 waits.
    http.expectNone('/api/v1/tasks/next');
  });

  it('shows the prefetched task as soon as the submit is acknowledged, and counts the answer', () => {
    const { store, http, clock } = setup();
    store.start('job-1');
    const claim = http.expectOne('/api/v1/tasks/next');
    expect(claim.request.body).toEqual({ jobId: 'job-1' });
    claim.flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));

    clock.now = T0 + 4_250;
    store.submit({ label: 'refund' });
    const submit = http.expectOne('/api/v1/tasks/a-1/submit');
    expect(submit.request.body).toEqual({ answer: { label: 'refund' }, timeSpentMs: 4250 });
    expect(submit.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    submit.flush({ answerId: 'ans-1' }, { status: 201, statusText: 'Created' });

    expect(store.current()?.assignmentId).toBe('a-2');
    expect(store.sessionCount()).toBe(1);
    http.expectOne('/api/v1/tasks/stats').flush({ annotatorId: 'u', answers: 1, answersToday: 1, goldAnswers: 0, goldAccuracy: null, abandoned: 0, earnings: 0.05 });
    expect(store.stats()?.answersToday).toBe(1);
    // The next one ahead is claimed again; 204 means nothing is waiting.
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.prefetched()).toBeNull();
  });

  it('retries a failed submit with the same Idempotency-Key and the same body', () => {
    const { store, http, clock } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });

    clock.now = T0 + 3_000;
    store.submit({ label: 'card_lost' });
    const first = http.expectOne('/api/v1/tasks/a-1/submit');
    first.error(new ProgressEvent('error'), { status: 0 });
    expect(store.problem()?.title).toBe('Cannot reach Quorum');
    expect(store.current()?.assignmentId).toBe('a-1');

    clock.now = T0 + 9_000;
    store.submit({ label: 'card_lost' });
    const retry = http.expectOne('/api/v1/tasks/a-1/submit');
    expect(retry.request.headers.get('Idempotency-Key')).toBe(
      first.request.headers.get('Idempotency-Key'),
    );
    expect(retry.request.body).toEqual(first.request.body);
    retry.flush({ answerId: 'ans-1' }, { status: 201, statusText: 'Created' });
    expect(store.sessionCount()).toBe(1);
    http.expectOne('/api/v1/tasks/stats').flush({});
    // Nothing was prefetched, so the next task is claimed now.
    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.current()?.assignmentId).toBe('a-2');
  });

  it('keeps the task and shows the field errors when the server refuses the answer', () => {
    const { store, http } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));
    store.submit({ label: 'nope' });
    http.expectOne('/api/v1/tasks/a-1/submit').flush(
      { type: 'about:blank', title: 'The answer does not fit the task', status: 400, errors: [{ path: 'answer.label', message: 'must be one of the labels' }] },
      { status: 400, statusText: 'Bad Request', ...problem },
    );
    expect(store.current()?.assignmentId).toBe('a-1');
    expect(store.problem()?.messagesFor('answer.label')).toEqual(['must be one of the labels']);
    expect(store.sessionCount()).toBe(0);
  });

  it('moves on with a message when the lease expired (409)', () => {
    const { store, http } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));
    store.submit({ label: 'refund' });
    http.expectOne('/api/v1/tasks/a-1/submit').flush(
      { type: 'about:blank', title: 'Conflict', status: 409, detail: 'The lease on this assignment expired; claim a new task' },
      { status: 409, statusText: 'Conflict', ...problem },
    );
    expect(store.notice()).toMatch(/lease expired/);
    expect(store.problem()).toBeNull();
    expect(store.current()?.assignmentId).toBe('a-2');
    expect(store.sessionCount()).toBe(0);
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
  });

  it('extends a prefetched lease that is near expiry as it is shown', () => {
    const { store, http, clock } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(
      taskOf(2, { leaseExpiresAt: new Date(T0 + 600_000).toISOString() }),
    );
    // Task 1 took nine minutes: task 2's lease has one left.
    clock.now = T0 + 540_000;
    store.skip();
    http.expectOne({ method: 'POST', url: '/api/v1/tasks/a-1/skip' }).flush({ skipped: true });
    expect(store.current()?.assignmentId).toBe('a-2');
    const beat = http.expectOne({ method: 'POST', url: '/api/v1/tasks/a-2/heartbeat' });
    beat.flush({ leaseExpiresAt: '2026-05-01T10:19:00.000Z' });
    expect(store.leaseExpiresAt()).toBe('2026-05-01T10:19:00.000Z');
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
  });

  it('does not extend a prefetched lease with plenty of time left', () => {
    const { store, http } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));
    store.skip();
    http.expectOne('/api/v1/tasks/a-1/skip').flush({ skipped: true });
    http.expectNone('/api/v1/tasks/a-2/heartbeat');
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
  });

  it('says so when there is no task (204)', () => {
    const { store, http } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.phase()).toBe('empty');
    expect(store.current()).toBeNull();
    http.expectNone('/api/v1/tasks/next');
  });

  it('waits for a prefetch still in flight instead of claiming twice', () => {
    const { store, http } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    const prefetch = http.expectOne('/api/v1/tasks/next');
    store.skip();
    http.expectOne('/api/v1/tasks/a-1/skip').flush({ skipped: true });
    http.expectNone('/api/v1/tasks/next');
    expect(store.phase()).toBe('claiming');
    prefetch.flush(taskOf(2));
    expect(store.current()?.assignmentId).toBe('a-2');
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
  });

  it('moves on when a heartbeat finds the lease gone', () => {
    const { store, http } = setup();
    store.start();
    http.expectOne('/api/v1/tasks/next').flush(taskOf(1));
    http.expectOne('/api/v1/tasks/next').flush(taskOf(2));
    store.heartbeat();
    http.expectOne('/api/v1/tasks/a-1/heartbeat').flush(
      { title: 'Conflict', status: 409 },
      { status: 409, statusText: 'Conflict', ...problem },
    );
    expect(store.current()?.assignmentId).toBe('a-2');
    expect(store.notice()).toMatch(/expired/);
    http.expectOne('/api/v1/tasks/next').flush(null, { status: 204, statusText: 'No Content' });
  });
});
