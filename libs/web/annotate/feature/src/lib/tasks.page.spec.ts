import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AnnotateTasksPage } from './tasks.page';
import { NO_CONTENT, setupPage, taskOf } from './testing.spec-helpers';

const STATS = { annotatorId: 'u-1', answers: 12, answersToday: 3, goldAnswers: 4, goldAccuracy: 0.75, abandoned: 0, earnings: 1.5 };

async function open(query: Record<string, string> = {}) {
  const http = setupPage(query);
  const fixture = TestBed.createComponent(AnnotateTasksPage);
  await fixture.whenStable();
  http.expectOne('/api/v1/tasks/stats').flush(STATS);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const press = async (key: string, init: KeyboardEventInit & { target?: EventTarget } = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    (init.target ?? document.body).dispatchEvent(event);
    await fixture.whenStable();
  };
  return { http, fixture, el, press };
}

async function claim(http: HttpTestingController, fixture: { whenStable(): Promise<unknown> }, task = taskOf(), ahead: ReturnType<typeof taskOf> | null = null) {
  http.expectOne('/api/v1/tasks/next').flush(task);
  const prefetch = http.expectOne('/api/v1/tasks/next');
  if (ahead) prefetch.flush(ahead);
  else prefetch.flush(null, NO_CONTENT);
  await fixture.whenStable();
}

describe('AnnotateTasksPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('is headed Annotate, shows the stats and starts with Enter', async () => {
    const { el, press, http } = await open();
    expect(el.querySelector('h1')?.textContent).toBe('Annotate');
    expect(el.querySelector('.panel')?.textContent).toContain('75%');
    expect(el.querySelector('.panel')?.textContent).toContain('1.50');
    await press('Enter');
    expect(http.expectOne('/api/v1/tasks/next').request.body).toEqual({});
  });

  it('says honestly that there is nothing to do when the server answers 204', async () => {
    const { el, fixture, http } = await open();
    el.querySelector<HTMLButtonElement>('q-empty-state button')?.click();
    http.expectOne('/api/v1/tasks/next').flush(null, NO_CONTENT);
    await fixture.whenStable();
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe('No tasks for you right now');
    expect(el.querySelector('q-task-renderer')).toBeNull();
  });

  it('claims from one job when ?jobId= is given', async () => {
    const { el, press, http } = await open({ jobId: 'job-9' });
    expect(el.textContent).toContain('Only tasks from one job');
    await press('Enter');
    expect(http.expectOne('/api/v1/tasks/next').request.body).toEqual({ jobId: 'job-9' });
  });

  it('answers from the keyboard: number key, Enter submits with a key, next task shows at once', async () => {
    const { el, fixture, press, http } = await open();
    await press('Enter');
    await claim(http, fixture, taskOf(), taskOf({ assignmentId: 'a-2', item: { id: 'item-2', data: { text: 'Refund please' } } }));
    expect(el.querySelector('.q-task-text')?.textContent).toBe('I lost my card');
    expect(el.querySelector('q-instructions-panel')?.textContent).toContain('If unsure, skip.');
    expect(el.querySelector('.lease')?.textContent).toMatch(/Lease (10:00|9:5\d)/);

    // Enter on an unanswered task only says so.
    await press('Enter');
    http.expectNone('/api/v1/tasks/a-1/submit');
    expect(el.textContent).toContain('Finish the answer first.');

    await press('2');
    await press('Enter');
    const submit = http.expectOne('/api/v1/tasks/a-1/submit');
    expect(submit.request.body.answer).toEqual({ label: 'card_lost' });
    expect(typeof submit.request.body.timeSpentMs).toBe('number');
    expect(submit.request.headers.has('Idempotency-Key')).toBe(true);
    submit.flush({ answerId: 'x' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.querySelector('.q-task-text')?.textContent).toBe('Refund please');
    expect(el.querySelector('[data-testid=session-count]')?.textContent).toBe('1');
    http.expectOne('/api/v1/tasks/stats').flush(STATS);
    http.expectOne('/api/v1/tasks/next').flush(null, NO_CONTENT);
  });

  it('skips with S, but not while typing', async () => {
    const { fixture, press, http, el } = await open();
    await press('Enter');
    await claim(http, fixture, taskOf({ taskType: 'pairwise_preference', schema: {}, item: { id: 'i', data: { prompt: 'p', responses: ['a', 'b'] } } }));
    const rationale = el.querySelector('textarea')!;
    await press('s', { target: rationale });
    http.expectNone('/api/v1/tasks/a-1/skip');
    await press('s');
    http.expectOne({ method: 'POST', url: '/api/v1/tasks/a-1/skip' }).flush({ skipped: true });
    http.expectOne('/api/v1/tasks/next').flush(null, NO_CONTENT);
  });

  it('keeps Enter for new lines in a text area and submits with Ctrl+Enter', async () => {
    const { fixture, press, http, el } = await open();
    await press('Enter');
    await claim(http, fixture, taskOf({ taskType: 'response_writing', schema: { minLength: 3 }, item: { id: 'i', data: { prompt: 'Say hi' } } }));
    const textarea = el.querySelector('textarea')!;
    textarea.value = 'Hello there';
    textarea.dispatchEvent(new Event('input'));
    await press('Enter', { target: textarea });
    http.expectNone('/api/v1/tasks/a-1/submit');
    await press('Enter', { target: textarea, ctrlKey: true });
    expect(http.expectOne('/api/v1/tasks/a-1/submit').request.body.answer).toEqual({ text: 'Hello there' });
  });

  it('shows the field errors of a refused answer and keeps the task', async () => {
    const { fixture, press, http, el } = await open();
    await press('Enter');
    await claim(http, fixture);
    await press('1');
    await press('Enter');
    http.expectOne('/api/v1/tasks/a-1/submit').flush(
      { title: 'The answer does not fit the task', status: 400, errors: [{ path: 'answer.label', message: 'must be one of the labels' }] },
      { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await fixture.whenStable();
    expect(el.querySelector('q-problem-alert')?.textContent).toContain('answer.label: must be one of the labels');
    expect(el.querySelector('.q-task-text')?.textContent).toBe('I lost my card');
  });

  it('renders markup in item data and instructions as inert text', async () => {
    const { fixture, press, http, el } = await open();
    const xss = '<img src=x onerror="globalThis.pwned = true">';
    await press('Enter');
    await claim(http, fixture, taskOf({ instructions: xss, jobTitle: xss, item: { id: 'i', data: { text: xss } } }));
    expect(el.querySelector('.q-task-text')?.textContent).toBe(xss);
    expect(el.querySelector('.job')?.textContent).toBe(xss);
    expect(el.querySelector('q-instructions-panel .text')?.textContent?.trim()).toBe(xss);
    expect(el.querySelectorAll('.work img')).toHaveLength(0);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });
});
