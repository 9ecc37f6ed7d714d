import type { INestApplicationContext } from '@nestjs/common';
import type { AnnotatorStats, ImportReport, JobView, ProblemDetails, ResultLine, ReviewView, SubmitAnswerResponse, TaskView, WebhookDeliveryView, WebhookView } from '@quorum/contracts';
import { TasksService } from '@quorum/api/tasks';
import { verifyWebhookSignature } from '@quorum/api/delivery';
import { addMember, eventually, outboxSettled, registerTenant, startTestWorker, TestTenant } from '@quorum/api/testing';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startTestApi, TestApi } from './support/test-app';

const LABELS = ['card_lost', 'refund', 'other'];
const ITEMS = 30;
const GOLD = 6;
const truth = (i: number) => LABELS[i % 3];
const jsonl = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n');

interface Annotator {
  id: string;
  token: string;
  vendor: TestTenant;
}

describe('task serving, answers, quality, results and webhooks (real Postgres + Redis + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let lab: TestTenant;
  let vendors: TestTenant[];
  let annotators: Annotator[];
  let reviewers: Annotator[];
  let job: JobView;
  const served: TaskView[] = [];
  let receiver: Server;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let webhook: WebhookView;

  const claim = (a: Annotator, jobId = job.id) => api.http.post<TaskView>('/api/v1/tasks/next', { jobId }, a.token);
  const submit = (a: Annotator, assignmentId: string, answer: unknown, key?: string) =>
    api.http.post<SubmitAnswerResponse & ProblemDetails>(`/api/v1/tasks/${assignmentId}/submit`, { answer, timeSpentMs: 1200 }, a.token, key ? { 'idempotency-key': key } : undefined);
  const indexOf = (task: TaskView) => Number(String((task.item.data as { text: string }).text).split(' ').pop());

  beforeAll(async () => {
    process.env['WEBHOOK_ALLOW_PRIVATE_TARGETS'] = 'true';
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(received.length === 1 ? 500 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    api = await startTestApi();
    worker = await startTestWorker();
    lab = await registerTenant(api.http, { orgKind: 'lab' });
    vendors = [];
    annotators = [];
    reviewers = [];
    for (let v = 0; v < 5; v++) {
      const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
      // Aymara: only this suite's vendors speak it, so other suites' vendors take none of this work.
      await api.http.put('/api/v1/vendor/profile', { skills: ['classification'], languages: ['ay'], capacityPerHour: 1000, prices: { classification: 0.02 } }, vendor.adminToken);
      vendors.push(vendor);
      for (let k = 0; k < 10; k++) {
        const m = await addMember(api.http, vendor, 'annotator');
        annotators.push({ id: m.id, token: m.token, vendor });
      }
      const r = await addMember(api.http, vendor, 'reviewer');
      reviewers.push({ id: r.id, token: r.token, vendor });
    }
    webhook = (await api.http.post<WebhookView>('/api/v1/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ['item.completed', 'job.completed'] }, lab.adminToken)).body;
    job = (
      await api.http.post<JobView>(
        '/api/v1/jobs',
        { title: 'Intents', instructions: 'Pick one.', taskType: 'classification', schema: { labels: LABELS }, overlap: 3, minDistinctVendors: 3, goldRatio: 0.2, pricePerAnswer: 0.05, languages: ['ay'], agreementThreshold: 0.6, leaseSeconds: 600 },
        lab.adminToken,
      )
    ).body;
    const items = Array.from({ length: ITEMS }, (_, i) => ({ externalId: i === 0 ? '=HYPERLINK("http://evil.example")' : `item-${i}`, data: { text: `customer message ${i}` } }));
    expect((await api.http.request<ImportReport>('POST', `/api/v1/jobs/${job.id}/items`, { rawBody: jsonl(items), token: lab.adminToken, headers: { 'content-type': 'application/x-ndjson' } })).body.accepted).toBe(ITEMS);
    const gold = Array.from({ length: GOLD }, (_, i) => ({ externalId: `gold-${i}`, data: { text: `customer message ${1000 + i}` }, answer: { label: truth(1000 + i) } }));
    expect((await api.http.request<ImportReport>('POST', `/api/v1/jobs/${job.id}/gold`, { rawBody: jsonl(gold), token: lab.adminToken, headers: { 'content-type': 'application/x-ndjson' } })).body.accepted).toBe(GOLD);
    expect((await api.http.post(`/api/v1/jobs/${job.id}/publish`, {}, lab.adminToken)).status).toBe(202);
    await eventually(async () => ((await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken)).body.routing.reduce((s, r) => s + r.slots, 0) === ITEMS * 3 ? true : null));
  });

  afterAll(async () => {
    delete process.env['WEBHOOK_ALLOW_PRIVATE_TARGETS'];
    await worker.close();
    await api.close();
    await new Promise((r) => receiver.close(r));
  });

  it('serves a task with the item and nothing that could give a gold item away', async () => {
    const res = await claim(annotators[0]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['assignmentId', 'instructions', 'item', 'jobId', 'jobTitle', 'leaseExpiresAt', 'schema', 'taskType']);
    expect(Object.keys(res.body.item).sort()).toEqual(['data', 'id']);
    served.push(res.body);
    // Refused to whoever is not an annotator; another annotator's assignment is a 404.
    expect((await api.http.post('/api/v1/tasks/next', {}, lab.adminToken)).status).toBe(403);
    expect((await submit(annotators[1], res.body.assignmentId, { label: 'refund' })).status).toBe(404);
  });

  it('validates the answer against the job schema', async () => {
    const task = served[0];
    const bad = await submit(annotators[0], task.assignmentId, { label: 'not-a-label' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].path).toMatch(/^answer\.label/);
    expect((await api.http.post(`/api/v1/tasks/${task.assignmentId}/submit`, { timeSpentMs: 5 }, annotators[0].token)).status).toBe(400);
  });

  it('records an answer exactly once under racing retries with the same key', async () => {
    const task = served[0];
    const answer = { label: truth(indexOf(task)) };
    const results = await Promise.all(Array.from({ length: 6 }, () => submit(annotators[0], task.assignmentId, answer, 'retry-key-1')));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.answerId)).size).toBe(1);
    const [{ n }] = await api.dataSource.query('SELECT count(*)::int AS n FROM answers WHERE assignment_id = $1', [task.assignmentId]);
    expect(n).toBe(1);
    // A different body: any label but the one sent.
    const different = { label: LABELS.find((l) => l !== answer.label) };
    expect((await submit(annotators[0], task.assignmentId, different, 'retry-key-1')).status).toBe(422);
    expect((await submit(annotators[0], task.assignmentId, different, 'another-key')).status).toBe(409);
  });

  it('never serves a skipped item to the same annotator again', async () => {
    const a = annotators[1];
    const first = (await claim(a)).body;
    expect((await api.http.post(`/api/v1/tasks/${first.assignmentId}/skip`, {}, a.token)).status).toBe(200);
    const seen = new Set<string>([first.item.id]);
    for (let i = 0; i < 5; i++) {
      const next = (await claim(a)).body;
      expect(seen.has(next.item.id)).toBe(false);
      seen.add(next.item.id);
      await api.http.post(`/api/v1/tasks/${next.assignmentId}/skip`, {}, a.token);
    }
  });

  it('returns an expired lease’s slot to the pool, counts it as abandoned, and refuses a late answer', async () => {
    const a = annotators[2];
    const task = (await claim(a)).body;
    await api.dataSource.query(`UPDATE assignments SET expires_at = now() - interval '1 second' WHERE id = $1`, [task.assignmentId]);
    expect((await submit(a, task.assignmentId, { label: 'refund' })).status).toBe(409);
    const { expired } = await worker.get(TasksService).expireLeases();
    expect(expired).toBeGreaterThanOrEqual(1);
    const [slot] = await api.dataSource.query(`SELECT s.status FROM slots s JOIN assignments a ON a.item_id = s.item_id AND a.slot_no = s.slot_no WHERE a.id = $1`, [task.assignmentId]);
    if (slot) expect(slot.status).toBe('open');
    const stats = await api.http.get<AnnotatorStats>('/api/v1/tasks/stats', a.token);
    expect(stats.body.abandoned).toBe(1);
  });

  it('50 concurrent annotators: every item gets exactly 3 answers, nobody sees an item twice', async () => {
    // Annotators answer the truth, except two in every ten, who always say "other".
    const work = async (a: Annotator, index: number) => {
      for (;;) {
        const res = await claim(a);
        if (res.status === 204) return;
        expect(res.status).toBe(200);
        served.push(res.body);
        const i = indexOf(res.body);
        const label = index % 10 < 2 ? 'other' : truth(i);
        const sent = await submit(a, res.body.assignmentId, { label }, `k-${res.body.assignmentId}`);
        expect(sent.status).toBe(201);
      }
    };
    await Promise.all(annotators.map((a, i) => work(a, i)));
    const perItem = await api.dataSource.query(`SELECT item_id, count(*)::int AS n FROM answers WHERE job_id = $1 AND NOT is_gold GROUP BY item_id`, [job.id]);
    expect(perItem).toHaveLength(ITEMS);
    expect(perItem.every((r: { n: number }) => r.n === 3)).toBe(true);
    const [{ twice }] = await api.dataSource.query(`SELECT count(*)::int AS twice FROM (SELECT 1 FROM assignments WHERE job_id = $1 GROUP BY annotator_id, item_id HAVING count(*) > 1) d`, [job.id]);
    expect(twice).toBe(0);
    // Every item's three answers came from three different vendors.
    const [{ sameVendor }] = await api.dataSource.query(`SELECT count(*)::int AS "sameVendor" FROM (SELECT 1 FROM answers WHERE job_id = $1 AND NOT is_gold GROUP BY item_id, vendor_org_id HAVING count(*) > 1) d`, [job.id]);
    expect(sameVendor).toBe(0);
    // Gold items were served (indistinguishable) and scored.
    const [{ gold }] = await api.dataSource.query(`SELECT count(*)::int AS gold FROM answers WHERE job_id = $1 AND is_gold AND gold_score IS NOT NULL`, [job.id]);
    expect(gold).toBeGreaterThan(0);
    expect(served.every((t) => Object.keys(t.item).join() === 'id,data' || Object.keys(t.item).join() === 'data,id')).toBe(true);
  });

  it('aggregates each item by majority and escalates disagreement to review', async () => {
    await outboxSettled(api.dataSource, 30_000);
    const results = await api.dataSource.query(`SELECT r.status, r.aggregate, i.data FROM item_results r JOIN items i ON i.id = r.item_id WHERE r.job_id = $1`, [job.id]);
    expect(results).toHaveLength(ITEMS);
    for (const r of results.filter((x: { status: string }) => x.status === 'aggregated')) {
      const i = Number(String(r.data.text).split(' ').pop());
      expect(r.aggregate).toEqual({ label: truth(i) === 'other' ? 'other' : r.aggregate.label });
    }
    const reviews = results.filter((x: { status: string }) => x.status === 'review').length;
    const [{ open }] = await api.dataSource.query(`SELECT count(*)::int AS open FROM reviews WHERE job_id = $1 AND status = 'open'`, [job.id]);
    expect(open).toBe(reviews);
  });

  it('lets reviewers decide escalated items, then completes the job', async () => {
    for (;;) {
      const reviewer = reviewers[0];
      const res = await api.http.post<ReviewView>('/api/v1/reviews/next', {}, reviewer.token);
      if (res.status === 204) break;
      expect(res.body.answers).toHaveLength(3);
      const i = Number(String((res.body.item.data as { text: string }).text).split(' ').pop());
      expect((await api.http.post(`/api/v1/reviews/${res.body.reviewId}/decision`, { aggregate: { label: 'nope' } }, reviewer.token)).status).toBe(400);
      expect((await api.http.post(`/api/v1/reviews/${res.body.reviewId}/decision`, { aggregate: { label: truth(i) } }, reviewer.token)).status).toBe(200);
    }
    await outboxSettled(api.dataSource, 30_000);
    const view = await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken);
    expect(view.body.status).toBe('completed');
    expect(view.body.progress).toMatchObject({ items: ITEMS, completedItems: ITEMS, percent: 100 });
    // Every real answer accrues at the job's price; gold answers cost the lab nothing.
    expect(view.body.spend).toBeCloseTo(ITEMS * 3 * 0.05, 2);
    const earnings = await api.http.get<{ total: number; answers: number; byAnnotator: { answers: number }[] }>('/api/v1/vendor/earnings', vendors[0].adminToken);
    expect(earnings.body.total).toBeCloseTo(earnings.body.answers * 0.05, 2);
    expect(earnings.body.byAnnotator.reduce((s, a) => s + a.answers, 0)).toBe(earnings.body.answers);
    expect((await api.http.get('/api/v1/vendor/earnings', annotators[0].token)).status).toBe(403);
  });

  it('charts the job: throughput, agreement distribution, answers per vendor', async () => {
    const stats = await api.http.get<{ throughput: { answers: number }[]; agreement: { items: number }[]; byVendor: { answers: number }[]; meanAgreement: number }>(`/api/v1/jobs/${job.id}/stats`, lab.adminToken);
    expect(stats.status).toBe(200);
    expect(stats.body.throughput.reduce((s, t) => s + t.answers, 0)).toBe(ITEMS * 3);
    expect(stats.body.agreement.reduce((s, a) => s + a.items, 0)).toBe(ITEMS);
    expect(stats.body.byVendor.reduce((s, v) => s + v.answers, 0)).toBe(ITEMS * 3);
    expect(stats.body.meanAgreement).toBeGreaterThan(0);
  });

  it('streams results as JSON Lines and CSV with formulas neutralised', async () => {
    const jsonlRes = await api.http.get<string>(`/api/v1/jobs/${job.id}/results?format=jsonl`, lab.adminToken);
    expect(jsonlRes.status).toBe(200);
    const lines: ResultLine[] = jsonlRes.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(ITEMS);
    expect(lines[1]).toMatchObject({ externalId: 'item-1', answerCount: 3, aggregate: { label: expect.any(String) }, vendors: expect.arrayContaining([expect.objectContaining({ neutrality: 'clear' })]) });
    const csv = await api.http.get<string>(`/api/v1/jobs/${job.id}/results?format=csv`, lab.adminToken);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv.text).toContain(`'=HYPERLINK`);
    expect((await api.http.get(`/api/v1/jobs/${job.id}/results`, (await registerTenant(api.http)).adminToken)).status).toBe(404);
  });

  it('signs webhooks, retries a failed delivery and keeps the log', async () => {
    await eventually(async () => (received.filter((r) => r.headers['quorum-event'] === 'job.completed').length ? true : null), 30_000);
    const secret = webhook.secret!;
    for (const r of received.slice(0, 5)) {
      expect(verifyWebhookSignature(secret, String(r.headers['quorum-signature']), Number(r.headers['quorum-timestamp']), r.body)).toBe(true);
    }
    const log = await api.http.get<{ items: WebhookDeliveryView[] }>(`/api/v1/webhooks/${webhook.id}/deliveries`, lab.adminToken);
    expect(log.body.items.some((d) => d.status === 'delivered' && d.attempts >= 2)).toBe(true);
  });

  it('feeds measured vendor quality (gold accuracy, abandonment) into the marketplace and routing', async () => {
    const res = await api.http.get<{ items: { orgId: string; quality: number | null }[] }>('/api/v1/vendors', lab.adminToken);
    const measured = res.body.items.filter((v) => vendors.some((t) => t.orgId === v.orgId));
    expect(measured.some((v) => v.quality !== null)).toBe(true);
    for (const v of measured) if (v.quality !== null) expect(v.quality).toBeGreaterThan(0);
    for (const v of measured) if (v.quality !== null) expect(v.quality).toBeLessThanOrEqual(1);
  });

  it('refuses webhook URLs that reach private addresses under the default policy', async () => {
    delete process.env['WEBHOOK_ALLOW_PRIVATE_TARGETS'];
    const strict = await startTestApi();
    try {
      const res = await strict.http.post<ProblemDetails>('/api/v1/webhooks', { url: 'https://127.0.0.1/hook', events: ['job.completed'] }, lab.adminToken);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].path).toBe('url');
      const metadata = await strict.http.post<ProblemDetails>('/api/v1/webhooks', { url: 'https://169.254.169.254/latest/meta-data', events: ['job.completed'] }, lab.adminToken);
      expect(metadata.status).toBe(400);
    } finally {
      await strict.close();
    }
  });
});
