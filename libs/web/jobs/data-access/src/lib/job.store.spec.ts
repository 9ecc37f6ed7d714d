import { TestBed } from '@angular/core/testing';
import { JOB_ACTIONS_BY_STATUS, JobStore } from './job.store';
import { jobOf, problemHeaders, setupHttp } from './testing.spec-helpers';

describe('JobStore', () => {
  afterEach(() => jest.useRealTimers());

  it('offers the actions each status allows', () => {
    expect(JOB_ACTIONS_BY_STATUS.draft).toEqual(['publish', 'cancel']);
    expect(JOB_ACTIONS_BY_STATUS.in_progress).toEqual(['pause', 'cancel']);
    expect(JOB_ACTIONS_BY_STATUS.paused).toEqual(['resume', 'cancel']);
    expect(JOB_ACTIONS_BY_STATUS.completed).toEqual([]);
    expect(JOB_ACTIONS_BY_STATUS.cancelled).toEqual([]);
  });

  it('refreshes every 5 s only while the job is published or in progress', () => {
    jest.useFakeTimers();
    const http = setupHttp([JobStore]);
    const store = TestBed.inject(JobStore);
    store.load('j-1');
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf({ status: 'published' }));
    store.startPolling();

    jest.advanceTimersByTime(5000);
    http
      .expectOne('/api/v1/jobs/j-1')
      .flush(
        jobOf({
          status: 'paused',
          progress: {
            items: 10,
            goldItems: 0,
            answers: 4,
            completedItems: 1,
            percent: 13.33,
          },
        }),
      );
    expect(store.job()?.progress.answers).toBe(4);

    jest.advanceTimersByTime(15000);
    http.expectNone('/api/v1/jobs/j-1');
    store.stop();
    http.verify();
  });

  it('keeps the job and shows the problem when publishing is refused', () => {
    const http = setupHttp([JobStore]);
    const store = TestBed.inject(JobStore);
    store.load('j-1');
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf());
    store.act('publish');
    expect(store.pending()).toBe('publish');
    http
      .expectOne('/api/v1/jobs/j-1/publish')
      .flush(
        {
          type: 'about:blank',
          title: 'Budget exceeded',
          status: 422,
          detail: '… exceeds the budget of 100',
        },
        { status: 422, statusText: 'Unprocessable Entity', ...problemHeaders },
      );
    expect(store.pending()).toBeNull();
    expect(store.actionProblem()?.detail).toContain('exceeds the budget');
    expect(store.job()?.status).toBe('draft');
  });

  it('refuses a file that is not JSON Lines or CSV without sending it', () => {
    const http = setupHttp([JobStore]);
    const store = TestBed.inject(JobStore);
    store.load('j-1');
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf());
    store.upload('items', new File(['x'], 'items.xlsx'));
    expect(store.uploads().items?.problem?.title).toBe('Unsupported file');
    http.verify();
  });
});
