import { HttpEventType } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { ImportReport } from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';
import { firstValueFrom, toArray } from 'rxjs';
import {
  type DownloadEvent,
  JobsApi,
  type UploadEvent,
  uploadContentType,
} from './jobs.api';
import { jobOf, problemHeaders, setupHttp } from './testing.spec-helpers';

describe('JobsApi', () => {
  it('lists jobs with the cursor and limit, sending the bearer token', async () => {
    const http = setupHttp();
    const api = TestBed.inject(JobsApi);
    const page = firstValueFrom(api.list({ limit: 20 }, 'c-2'));
    const req = http.expectOne((r) => r.url === '/api/v1/jobs');
    expect(req.request.params.get('cursor')).toBe('c-2');
    expect(req.request.params.get('limit')).toBe('20');
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok');
    req.flush({ items: [jobOf()], nextCursor: null });
    expect((await page).items[0].title).toBe('Banking intents');
    http.verify();
  });

  it('creates, reads and moves a job through its lifecycle', async () => {
    const http = setupHttp();
    const api = TestBed.inject(JobsApi);
    const created = firstValueFrom(
      api.create({
        title: 'T',
        instructions: '',
        taskType: 'ner',
        schema: { labels: ['PER'] },
        overlap: 1,
        pricePerAnswer: 0.1,
      }),
    );
    const post = http.expectOne({ method: 'POST', url: '/api/v1/jobs' });
    expect(post.request.body.schema).toEqual({ labels: ['PER'] });
    post.flush(jobOf({ id: 'j-9' }));
    expect((await created).id).toBe('j-9');

    const read = firstValueFrom(api.get('j-9'));
    http.expectOne({ method: 'GET', url: '/api/v1/jobs/j-9' }).flush(jobOf());
    await read;

    for (const action of ['publish', 'pause', 'resume', 'cancel'] as const) {
      const done = firstValueFrom(api[action]('j-9'));
      http
        .expectOne({ method: 'POST', url: `/api/v1/jobs/j-9/${action}` })
        .flush(
          action === 'publish' ? { id: 'j-9', status: 'published' } : jobOf(),
        );
      await done;
    }
    http.verify();
  });

  it('gives the 422 budget problem of publish as an ApiProblem', async () => {
    const http = setupHttp();
    const api = TestBed.inject(JobsApi);
    const publish = firstValueFrom(api.publish('j-1'));
    http.expectOne('/api/v1/jobs/j-1/publish').flush(
      {
        type: 'about:blank',
        title: 'Over budget',
        status: 422,
        detail:
          '100 items × overlap 3 × 0.5 per answer = 150, which exceeds the budget of 100',
        errors: [{ path: 'budget', message: 'needs at least 150' }],
      },
      { status: 422, statusText: 'Unprocessable Entity', ...problemHeaders },
    );
    const err = await publish.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect((err as ApiProblem).detail).toContain('exceeds the budget of 100');
    expect((err as ApiProblem).messagesFor('budget')).toEqual([
      'needs at least 150',
    ]);
  });

  it('picks the content type from the file extension', () => {
    expect(uploadContentType('items.jsonl')).toBe('application/x-ndjson');
    expect(uploadContentType('ITEMS.NDJSON')).toBe('application/x-ndjson');
    expect(uploadContentType('gold.csv')).toBe('text/csv');
    expect(uploadContentType('items.json')).toBeNull();
  });

  it('uploads a file as the body with its content type, reporting progress then the report', async () => {
    const http = setupHttp();
    const api = TestBed.inject(JobsApi);
    const file = new File(['externalId,text\na1,hello\n'], 'items.csv', {
      type: 'text/csv',
    });
    const events = firstValueFrom(
      api.upload('j-1', 'gold', file).pipe(toArray()),
    );
    const req = http.expectOne({
      method: 'POST',
      url: '/api/v1/jobs/j-1/gold',
    });
    expect(req.request.headers.get('Content-Type')).toBe('text/csv');
    expect(req.request.body).toBe(file);
    expect(req.request.reportProgress).toBe(true);
    req.event({ type: HttpEventType.UploadProgress, loaded: 10, total: 40 });
    const report: ImportReport = {
      accepted: 1,
      rejected: 1,
      errors: [{ line: 3, message: 'data.text is required' }],
    };
    req.flush(report);
    const got: UploadEvent[] = await events;
    expect(got).toEqual([
      { kind: 'progress', loaded: 10, total: 40, percent: 25 },
      { kind: 'done', report },
    ]);
  });

  it('downloads results through HttpClient as a file named after the job and format', async () => {
    const http = setupHttp();
    const api = TestBed.inject(JobsApi);
    const events = firstValueFrom(
      api.downloadResults('j-1', 'preference-pairs').pipe(toArray()),
    );
    const req = http.expectOne(
      (r) =>
        r.url === '/api/v1/jobs/j-1/results' &&
        r.params.get('format') === 'preference-pairs',
    );
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok');
    req.flush('{"prompt":"p","chosen":"a","rejected":"b"}\n', {
      headers: { 'Content-Type': 'application/x-ndjson' },
    });
    const done = (await events).find((e) => e.kind === 'done') as Extract<
      DownloadEvent,
      { kind: 'done' }
    >;
    expect(done.fileName).toBe('job-j-1-preference-pairs.jsonl');
    expect(done.blob.size).toBeGreaterThan(10);
    expect(done.blob.type).toBe('application/x-ndjson');
  });
});
