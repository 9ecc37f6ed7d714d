import type { INestApplicationContext } from '@nestjs/common';
import type { JobView, TaskType, TaskView } from '@quorum/contracts';
import { addMember, eventually, outboxSettled, registerTenant, startTestWorker, TestTenant } from '@quorum/api/testing';
import { startTestApi, TestApi } from './support/test-app';

interface Case {
  taskType: TaskType;
  schema: unknown;
  data: unknown;
  answers: [unknown, unknown, unknown];
  expected: { status: 'aggregated' | 'review'; aggregate: unknown };
}

/** Three known answers per task type and the result a lab should get. */
const CASES: Case[] = [
  { taskType: 'classification', schema: { labels: ['card_lost', 'refund'] }, data: { text: 'I lost my card' }, answers: [{ label: 'card_lost' }, { label: 'card_lost' }, { label: 'refund' }], expected: { status: 'aggregated', aggregate: { label: 'card_lost' } } },
  {
    taskType: 'ner',
    schema: { labels: ['person', 'location'] },
    data: { text: 'Alice flew to Lisbon' },
    answers: [{ spans: [{ start: 0, end: 5, label: 'person' }, { start: 14, end: 20, label: 'location' }] }, { spans: [{ start: 0, end: 5, label: 'person' }, { start: 14, end: 20, label: 'location' }] }, { spans: [{ start: 0, end: 5, label: 'person' }] }],
    expected: { status: 'aggregated', aggregate: { spans: [{ start: 0, end: 5, label: 'person' }, { start: 14, end: 20, label: 'location' }] } },
  },
  {
    taskType: 'bbox',
    schema: { labels: ['car'] },
    data: { imageUrl: 'https://images.example/street.jpg', width: 640, height: 480 },
    answers: [{ boxes: [{ x: 10, y: 10, w: 100, h: 50, label: 'car' }] }, { boxes: [{ x: 12, y: 11, w: 98, h: 50, label: 'car' }] }, { boxes: [{ x: 11, y: 10, w: 102, h: 52, label: 'car' }] }],
    expected: { status: 'aggregated', aggregate: { boxes: [{ x: 11, y: 10, w: expect.any(Number), h: expect.any(Number), label: 'car' }] } },
  },
  { taskType: 'pairwise_preference', schema: { allowTie: true }, data: { prompt: 'Say hi', responses: ['Hello!', 'Go away.'] }, answers: [{ choice: 'a' }, { choice: 'a' }, { choice: 'b' }], expected: { status: 'aggregated', aggregate: expect.objectContaining({ choice: 'a' }) } },
  { taskType: 'ranking', schema: {}, data: { prompt: 'Best?', responses: ['one', 'two', 'three'] }, answers: [{ order: [0, 1, 2] }, { order: [0, 1, 2] }, { order: [1, 0, 2] }], expected: { status: 'aggregated', aggregate: { order: [0, 1, 2] } } },
  { taskType: 'rating', schema: { criteria: ['helpfulness'], scale: { min: 1, max: 7 } }, data: { prompt: 'Q', response: 'A' }, answers: [{ scores: { helpfulness: 5 } }, { scores: { helpfulness: 6 } }, { scores: { helpfulness: 7 } }], expected: { status: 'aggregated', aggregate: { scores: { helpfulness: 6 } } } },
  // Free text has no automatic consensus: it goes to a reviewer.
  { taskType: 'response_writing', schema: { minLength: 1 }, data: { prompt: 'Write a haiku' }, answers: [{ text: 'one' }, { text: 'two' }, { text: 'three' }], expected: { status: 'review', aggregate: null } },
];

describe('aggregation per task type through the real pipeline (claim → submit → worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let lab: TestTenant;
  let annotators: { token: string }[];

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    lab = await registerTenant(api.http, { orgKind: 'lab' });
    const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
    const prices = Object.fromEntries(CASES.map((c) => [c.taskType, 0.01]));
    // Guarani: only this suite's vendor speaks it.
    await api.http.put('/api/v1/vendor/profile', { skills: CASES.map((c) => c.taskType), languages: ['gn'], capacityPerHour: 1000, prices }, vendor.adminToken);
    annotators = [];
    for (let i = 0; i < 3; i++) annotators.push(await addMember(api.http, vendor, 'annotator'));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it.each(CASES.map((c) => [c.taskType, c] as const))('%s', async (_name, c) => {
    const job = (
      await api.http.post<JobView>('/api/v1/jobs', { title: `agg ${c.taskType}`, instructions: 'x', taskType: c.taskType, schema: c.schema, overlap: 3, minDistinctVendors: 1, pricePerAnswer: 0.05, languages: ['gn'], agreementThreshold: 0.3 }, lab.adminToken)
    ).body;
    await api.http.request('POST', `/api/v1/jobs/${job.id}/items`, { rawBody: JSON.stringify({ externalId: 'only', data: c.data }), token: lab.adminToken, headers: { 'content-type': 'application/x-ndjson' } });
    await api.http.post(`/api/v1/jobs/${job.id}/publish`, {}, lab.adminToken);
    await eventually(async () => ((await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken)).body.routing.reduce((s, r) => s + r.slots, 0) === 3 ? true : null));
    for (let i = 0; i < 3; i++) {
      const task = await api.http.post<TaskView>('/api/v1/tasks/next', { jobId: job.id }, annotators[i].token);
      expect(task.status).toBe(200);
      const sent = await api.http.post(`/api/v1/tasks/${task.body.assignmentId}/submit`, { answer: c.answers[i], timeSpentMs: 500 }, annotators[i].token);
      expect(sent.status).toBe(201);
    }
    await outboxSettled(api.dataSource, 20_000);
    const [result] = await api.dataSource.query(`SELECT r.status, r.aggregate, r.agreement::float AS agreement FROM item_results r JOIN items i ON i.id = r.item_id WHERE i.job_id = $1`, [job.id]);
    expect(result.status).toBe(c.expected.status);
    expect(result.aggregate).toEqual(c.expected.aggregate);
    expect(result.agreement).toBeGreaterThanOrEqual(0);
    expect(result.agreement).toBeLessThanOrEqual(1);
  });
});
