import type { ImportReport, JobView, ProblemDetails } from '@quorum/contracts';
import { registerTenant, TestTenant } from '@quorum/api/testing';
import { startTestApi, TestApi } from './support/test-app';

/** The COPY-based import: what reaches Postgres, clashes with the job's ids, and nothing half-written. */
describe('item import through COPY (real Postgres)', () => {
  let api: TestApi;
  let lab: TestTenant;

  const jsonl = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  const upload = (jobId: string, body: string, path = 'items') =>
    api.http.request<ImportReport & ProblemDetails>('POST', `/api/v1/jobs/${jobId}/${path}`, { rawBody: body, token: lab.adminToken, headers: { 'content-type': 'application/x-ndjson' } });
  const createJob = async () => {
    const res = await api.http.post<JobView>('/api/v1/jobs', { title: 'Import', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b'] }, overlap: 1, pricePerAnswer: 0.05, languages: ['qu'] }, lab.adminToken);
    if (res.status !== 201) throw new Error(`create failed ${res.status} ${res.text}`);
    return res.body.id;
  };
  const stored = (jobId: string): Promise<{ externalId: string | null; data: unknown; goldAnswer: unknown }[]> =>
    api.dataSource.query(`SELECT external_id AS "externalId", data, gold_answer AS "goldAnswer" FROM items WHERE job_id = $1 ORDER BY seq`, [jobId]);

  beforeAll(async () => {
    api = await startTestApi();
    lab = await registerTenant(api.http, { orgKind: 'lab' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('stores tabs, line breaks, backslashes and escapes exactly, in both columns and in gold answers', async () => {
    const jobId = await createJob();
    const lines = [
      { externalId: 'tab\there\\back\\\\slash', data: { text: 'line\nbreak\r\ttab \\ backslash \\n not a newline "quoted"' } },
      { externalId: '\\N', data: { text: '\\N is text here, not NULL' } },
      { externalId: 'emoji 😀', data: { text: 'literal \\u0000 and \\ud800 are text, 😀 is a pair' } },
      { data: { imageUrl: 'https://example.org/a.png?x=1&y=\\' } },
    ];
    const res = await upload(jobId, jsonl(lines));
    expect(res.body).toMatchObject({ accepted: 4, rejected: 0 });
    expect(await stored(jobId)).toEqual(lines.map((l) => ({ externalId: l.externalId ?? null, data: l.data, goldAnswer: null })));

    const gold = await upload(jobId, jsonl([{ externalId: 'g\t1', data: { text: 'refund\tplease' }, answer: { label: 'b' } }]), 'gold');
    expect(gold.body).toMatchObject({ accepted: 1, rejected: 0 });
    const [row] = await api.dataSource.query(`SELECT is_gold AS "isGold", gold_answer AS "goldAnswer" FROM items WHERE job_id = $1 AND external_id = 'g\t1'`, [jobId]);
    expect(row).toEqual({ isGold: true, goldAnswer: { label: 'b' } });
  });

  it('reports a line Postgres could not store (NUL, unpaired surrogate) instead of failing the upload', async () => {
    const jobId = await createJob();
    const res = await upload(
      jobId,
      jsonl([
        { externalId: 'ok', data: { text: 'fine' } },
        { externalId: 'nul', data: { text: 'a\u0000b' } },
        { externalId: 'lone', data: { text: 'x\ud800y' } },
        { externalId: 'a\u0000b', data: { text: 'NUL in the id' } },
        { externalId: 'pair', data: { text: 'paired 😀' } },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 3 });
    expect(res.body.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(res.body.errors[0].message).toMatch(/cannot be stored/);
    expect(res.body.errors[2].message).toMatch(/NUL/);
    expect((await stored(jobId)).map((r) => r.externalId)).toEqual(['ok', 'pair']);
  });

  it('against ids the job already has: clashes reported in line order with the other errors, the rest kept in file order', async () => {
    const jobId = await createJob();
    expect((await upload(jobId, jsonl([{ externalId: 'a', data: { text: 'a' } }, { externalId: 'b', data: { text: 'b' } }]))).body.accepted).toBe(2);
    const res = await upload(
      jobId,
      jsonl([
        { externalId: 'b', data: { text: 'b again' } },
        '{ broken',
        { externalId: 'c', data: { text: 'c' } },
        { data: { text: 'no id' } },
        { externalId: 'a', data: { text: 'a again' } },
        { externalId: 'c', data: { text: 'c twice in the file' } },
        { externalId: 'd', data: { text: 'd' } },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, rejected: 4 });
    expect(res.body.errors.map((e) => [e.line, e.message.match(/already has it|earlier in this file|not valid JSON/)?.[0]])).toEqual([
      [1, 'already has it'],
      [2, 'not valid JSON'],
      [5, 'already has it'],
      [6, 'earlier in this file'],
    ]);
    expect((await stored(jobId)).map((r) => r.externalId)).toEqual(['a', 'b', 'c', null, 'd']);
    // Every line clashing: 400 and nothing kept.
    const none = await upload(jobId, jsonl([{ externalId: 'a', data: { text: 'x' } }, { externalId: 'd', data: { text: 'y' } }]));
    expect(none.status).toBe(400);
    expect(none.body.errors?.map((e) => e.line)).toEqual([1, 2]);
    expect(await stored(jobId)).toHaveLength(5);
  });

  it('makes concurrent uploads to one job take turns, so each externalId is stored once', async () => {
    const jobId = await createJob();
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ externalId: `x-${from + i}`, data: { text: `item ${from + i}` } }));
    const [first, second] = await Promise.all([upload(jobId, jsonl(range(0, 2000))), upload(jobId, jsonl(range(1000, 3000)))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.accepted + second.body.accepted).toBe(3000);
    expect(first.body.rejected + second.body.rejected).toBe(1000);
    const [{ n, distinct }] = await api.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct FROM items WHERE job_id = $1`, [jobId]);
    expect({ n, distinct }).toEqual({ n: 3000, distinct: 3000 });
  });

  it('keeps nothing of an upload refused after thousands of good lines already went to COPY', async () => {
    const jobId = await createJob();
    const good = Array.from({ length: 20_000 }, (_, i) => ({ externalId: `g-${i}`, data: { text: `good line ${i} `.repeat(20) } }));
    const res = await upload(jobId, jsonl([...good, { externalId: 'big', data: { text: 'x'.repeat(1_100_000) } }]));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await stored(jobId)).toHaveLength(0);
    // The connection that ran the failed COPY is usable again (or replaced): the next upload works.
    expect((await upload(jobId, jsonl(good.slice(0, 10)))).body.accepted).toBe(10);
  });
});
