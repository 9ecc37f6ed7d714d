import type { INestApplicationContext } from '@nestjs/common';
import { TASK_TYPES } from '@quorum/contracts';
import type { ImportReport, JobView, ProblemDetails, VendorWorkItem } from '@quorum/contracts';
import { answerShapeExample, itemExample, schemaExample } from '@quorum/api/jobs';
import { eventually, outboxSettled, registerTenant, startTestWorker, TestTenant } from '@quorum/api/testing';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

const jsonl = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('jobs, item import and routing (real Postgres + Redis + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: { token: string };
  let lab: TestTenant;
  let rival: TestTenant;
  let vendors: TestTenant[];

  const upload = (jobId: string, body: string, contentType = 'application/x-ndjson', path = 'items', token = lab.adminToken) =>
    api.http.request<ImportReport & ProblemDetails>('POST', `/api/v1/jobs/${jobId}/${path}`, { rawBody: body, token, headers: { 'content-type': contentType } });
  const createJob = async (over: Record<string, unknown> = {}) => {
    const res = await api.http.post<JobView>(
      '/api/v1/jobs',
      { title: 'Banking intents', instructions: 'Pick the intent.', taskType: 'classification', schema: { labels: ['card_lost', 'refund', 'other'] }, overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.05, languages: ['qu'], ...over },
      lab.adminToken,
    );
    if (res.status !== 201) throw new Error(`create failed ${res.status} ${res.text}`);
    return res.body;
  };
  const items = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, data: { text: `customer message ${prefix} ${i}` } }));
  const slotsByVendor = async (jobId: string) =>
    Object.fromEntries(
      (await api.dataSource.query(`SELECT vendor_org_id AS v, count(*)::int AS n FROM slots WHERE job_id = $1 AND status = 'open' GROUP BY vendor_org_id`, [jobId])).map((r: { v: string | null; n: number }) => [r.v ?? 'unrouted', r.n]),
    );

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    admin = await createPlatformUser(api, 'platform_admin');
    lab = await registerTenant(api.http, { orgKind: 'lab' });
    rival = await registerTenant(api.http, { orgKind: 'lab' });
    vendors = [];
    for (let i = 0; i < 4; i++) {
      const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
      const profile = await api.http.put(
        '/api/v1/vendor/profile',
        // Quechua: only this suite's vendors speak it, so other suites' vendors never take this suite's work.
        { skills: ['classification', 'ner'], languages: ['en', 'qu'], capacityPerHour: 100 * (i + 1), prices: { classification: 0.04, ner: 0.1 } },
        vendor.adminToken,
      );
      expect(profile.status).toBe(200);
      vendors.push(vendor);
    }
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  describe('job creation', () => {
    it.each(TASK_TYPES)('accepts a %s job with its schema', async (taskType) => {
      const job = await createJob({ taskType, schema: schemaExample(taskType), title: `A ${taskType} job` });
      expect(job).toMatchObject({ status: 'draft', taskType, progress: { items: 0, answers: 0 }, routing: [] });
      const item = await upload(job.id, jsonl([{ externalId: 'x', data: itemExample(taskType) }]));
      expect(item.body).toMatchObject({ accepted: 1, rejected: 0 });
      const gold = await upload(job.id, jsonl([{ externalId: 'g', data: itemExample(taskType), answer: answerShapeExample(taskType) }]), 'application/x-ndjson', 'gold');
      expect(gold.body).toMatchObject({ accepted: 1, rejected: 0 });
    });

    it('names every bad field, including inside the task schema', async () => {
      const res = await api.http.post<ProblemDetails>('/api/v1/jobs', { title: '', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'a', ''] }, overlap: 0, pricePerAnswer: -1 }, lab.adminToken);
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['title', 'overlap', 'pricePerAnswer']));
      const schema = await api.http.post<ProblemDetails>('/api/v1/jobs', { title: 't', instructions: 'x', taskType: 'rating', schema: { criteria: [], scale: { min: 5, max: 1 } }, overlap: 1, pricePerAnswer: 0.1 }, lab.adminToken);
      expect(schema.status).toBe(400);
      expect(schema.body.errors?.every((e) => e.path.startsWith('schema'))).toBe(true);
      expect(schema.body.errors?.length).toBeGreaterThanOrEqual(2);
      expect((await api.http.post('/api/v1/jobs', { title: 't', instructions: 'x', taskType: 'classification', schema: { labels: ['a'] }, overlap: 1, pricePerAnswer: 0.1 }, vendors[0].adminToken)).status).toBe(403);
    });
  });

  describe('item import', () => {
    it('keeps the good lines and reports each bad one by number', async () => {
      const job = await createJob();
      const body = jsonl([
        { externalId: 'a', data: { text: 'lost my card' } },
        '{ this is not json',
        { externalId: 'b', data: { txt: 'typo in the field name' } },
        { externalId: 'a', data: { text: 'same id again' } },
        { externalId: 'c', data: { text: 'fine' }, extra: true },
        { data: { text: 'no external id is fine' } },
        { externalId: 'd', data: { text: 'fine too' }, answer: { label: 'refund' } },
      ]);
      const res = await upload(job.id, body);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(2);
      expect(res.body.rejected).toBe(5);
      expect(res.body.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 7]);
      expect(res.body.errors[2].message).toMatch(/duplicate externalId "a"/);
      // A second upload with an id the job already has: reported, not inserted twice.
      const again = await upload(job.id, jsonl([{ externalId: 'a', data: { text: 'again' } }, { externalId: 'e', data: { text: 'new' } }]));
      expect(again.body).toMatchObject({ accepted: 1, rejected: 1, errors: [{ line: 1, message: expect.stringMatching(/already has it/) }] });
      const [{ n }] = await api.dataSource.query('SELECT count(*)::int AS n FROM items WHERE job_id = $1', [job.id]);
      expect(n).toBe(3);
    });

    it('answers 400 when no line is good, 413 for an over-long line (keeping nothing), 415 for other formats', async () => {
      const job = await createJob();
      const bad = await upload(job.id, jsonl(['nope', { data: {} }]));
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.line)).toEqual([1, 2]);
      const huge = jsonl([{ externalId: 'ok', data: { text: 'fine' } }, { externalId: 'big', data: { text: 'x'.repeat(1_100_000) } }]);
      expect((await upload(job.id, huge)).status).toBe(413);
      const [{ n }] = await api.dataSource.query('SELECT count(*)::int AS n FROM items WHERE job_id = $1', [job.id]);
      expect(n).toBe(0);
      expect((await upload(job.id, '{"data":{"text":"a"}}', 'application/json')).status).toBe(415);
    });

    it('reads CSV with quoted commas and reports broken records', async () => {
      const job = await createJob();
      const csv = 'externalId,text\nq1,"I lost my card, please help"\nq2,plain text\nq3,"unterminated, quote\n';
      const res = await upload(job.id, csv, 'text/csv');
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(2);
      const [row] = await api.dataSource.query(`SELECT data FROM items WHERE job_id = $1 AND external_id = 'q1'`, [job.id]);
      expect(row.data).toEqual({ text: 'I lost my card, please help' });
    });

    it('requires an answer on gold lines and keeps gold answers out of job views', async () => {
      const job = await createJob();
      const res = await upload(job.id, jsonl([{ externalId: 'g1', data: { text: 'refund please' }, answer: { label: 'refund' } }, { externalId: 'g2', data: { text: 'no answer' } }, { externalId: 'g3', data: { text: 'bad label' }, answer: { label: 'nope' } }]), 'application/x-ndjson', 'gold');
      expect(res.body).toMatchObject({ accepted: 1, rejected: 2 });
      const view = await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken);
      expect(view.body.progress.goldItems).toBe(1);
      expect(view.text).not.toContain('refund please');
    });
  });

  describe('publish and routing', () => {
    it('refuses a job over budget with 422 naming the numbers', async () => {
      const job = await createJob({ budget: 1 });
      await upload(job.id, jsonl(items(10, 'b')));
      const res = await api.http.post<ProblemDetails>(`/api/v1/jobs/${job.id}/publish`, {}, lab.adminToken);
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/10 items × overlap 3 × 0.05 per answer = 1.5, which exceeds the budget of 1/);
      expect((await api.http.post(`/api/v1/jobs/${job.id}/publish`, {}, rival.adminToken)).status).toBe(404);
    });

    let job: JobView;

    it('routes every slot through the worker, each item over distinct vendors', async () => {
      job = await createJob({ budget: 1000 });
      await upload(job.id, jsonl(items(200, 'r')));
      const published = await api.http.post(`/api/v1/jobs/${job.id}/publish`, {}, lab.adminToken);
      expect(published.status).toBe(202);
      const routed = await eventually(async () => {
        const view = (await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken)).body;
        return view.routing.reduce((s, r) => s + r.slots, 0) === 600 ? view : null;
      });
      expect(routed.status).toBe('published');
      expect(routed.routing.length).toBe(4);
      expect(routed.routingNote).toBeNull();
      const [{ dupes }] = await api.dataSource.query(
        `SELECT count(*)::int AS dupes FROM (SELECT item_id, vendor_org_id FROM slots WHERE job_id = $1 GROUP BY item_id, vendor_org_id HAVING count(*) > 1) d`,
        [job.id],
      );
      expect(dupes).toBe(0);
      // More capacity, more work.
      const share = new Map(routed.routing.map((r) => [r.vendorOrgId, r.slots]));
      expect(share.get(vendors[3].orgId)!).toBeGreaterThan(share.get(vendors[0].orgId)!);
      const work = await api.http.get<{ items: VendorWorkItem[] }>('/api/v1/vendor/work', vendors[0].adminToken);
      expect(work.body.items.find((w) => w.jobId === job.id)).toMatchObject({ status: 'offered', openSlots: share.get(vendors[0].orgId) });
    });

    it('re-routes a declining vendor’s open slots to the others', async () => {
      expect((await api.http.post(`/api/v1/vendor/work/${job.id}/accept`, {}, vendors[1].adminToken)).status).toBe(200);
      const declined = await api.http.post<VendorWorkItem>(`/api/v1/vendor/work/${job.id}/decline`, {}, vendors[0].adminToken);
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', openSlots: 0 });
      await outboxSettled(api.dataSource);
      const slots = await slotsByVendor(job.id);
      expect(slots[vendors[0].orgId]).toBeUndefined();
      expect(Object.values(slots).reduce((a, b) => a + b, 0)).toBe(600);
      const view = (await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken)).body;
      expect(view.routing.find((r) => r.vendorOrgId === vendors[1].orgId)?.status).toBe('accepted');
      expect((await api.http.post(`/api/v1/vendor/work/${job.id}/accept`, {}, vendors[0].adminToken)).status).toBe(409);
    });

    it('moves open slots off a vendor the moment a competitor takes a stake in it', async () => {
      const before = await slotsByVendor(job.id);
      expect(before[vendors[2].orgId]).toBeGreaterThan(0);
      const stake = await api.http.post('/api/v1/interests', { interestedPartyId: rival.entityId, subjectId: vendors[2].entityId, type: 'shareholding', share: { exact: 40 }, source: { description: 'test stake' } }, admin.token);
      expect(stake.status).toBe(201);
      await eventually(async () => ((await slotsByVendor(job.id))[vendors[2].orgId] === undefined ? true : null));
      await outboxSettled(api.dataSource);
      const after = await slotsByVendor(job.id);
      // Three vendors for overlap 3 remain: every slot is placed, none at the blocked vendor.
      expect(after['unrouted']).toBeUndefined();
      expect(Object.keys(after).sort()).toEqual([vendors[1].orgId, vendors[3].orgId].sort());
      const work = await api.http.get<{ items: VendorWorkItem[] }>('/api/v1/vendor/work', vendors[2].adminToken);
      expect(work.body.items.find((w) => w.jobId === job.id)).toMatchObject({ status: 'withdrawn', openSlots: 0 });
      // The job shows the conflict that moved its work.
      const view = await api.http.get<JobView>(`/api/v1/jobs/${job.id}`, lab.adminToken);
      // 40% of the shares: an economic and (votes follow shares) a voting conflict, both blocking.
      expect(view.body.conflicts.map((c) => [c.vendorOrgId, c.rule, c.severity]).sort()).toEqual([
        [vendors[2].orgId, 'economic', 'block'],
        [vendors[2].orgId, 'voting', 'block'],
      ]);
      const [event] = await api.dataSource.query(`SELECT data FROM audit_events WHERE type = 'routing.planned' AND subject = $1 ORDER BY seq DESC LIMIT 1`, [`job:${job.id}`]);
      expect(event.data.withdrawn[vendors[2].orgId]).toBe(before[vendors[2].orgId]);
    });

    it('publishes a job no vendor can take as waiting, with the reason', async () => {
      const ner = await createJob({ taskType: 'bbox', schema: { labels: ['car'] }, overlap: 1, minDistinctVendors: 1 });
      await upload(ner.id, jsonl([{ data: { imageUrl: 'https://example.test/a.jpg' } }]));
      await api.http.post(`/api/v1/jobs/${ner.id}/publish`, {}, lab.adminToken);
      const waiting = await eventually(async () => (await api.http.get<JobView>(`/api/v1/jobs/${ner.id}`, lab.adminToken)).body.routingNote);
      expect(waiting).toMatch(/^Waiting: no eligible vendor among \d+ \(.*no bbox skill/);
    });

    it('pauses, resumes and cancels, refusing transitions that make no sense', async () => {
      expect((await api.http.post<JobView>(`/api/v1/jobs/${job.id}/pause`, {}, lab.adminToken)).body.status).toBe('paused');
      expect((await api.http.post(`/api/v1/jobs/${job.id}/pause`, {}, lab.adminToken)).status).toBe(409);
      expect((await api.http.post<JobView>(`/api/v1/jobs/${job.id}/resume`, {}, lab.adminToken)).body.status).toBe('published');
      expect((await api.http.post<JobView>(`/api/v1/jobs/${job.id}/cancel`, {}, lab.adminToken)).body.status).toBe('cancelled');
      expect((await api.http.post(`/api/v1/jobs/${job.id}/resume`, {}, lab.adminToken)).status).toBe(409);
      expect((await api.http.get(`/api/v1/jobs/${job.id}`, rival.adminToken)).status).toBe(404);
      expect((await api.http.post(`/api/v1/vendor/work/${job.id}/accept`, {}, (await registerTenant(api.http, { orgKind: 'vendor' })).adminToken)).status).toBe(404);
    });
  });
});
