import type { ImportReport, JobView, ResultLine } from '@quorum/contracts';
import { csvRow, jsonlLine } from '@quorum/api/delivery';
import { eventually, registerTenant, TestTenant } from '@quorum/api/testing';
import { startTestApi, TestApi } from './support/test-app';

/**
 * The export streams one COPY and builds lines from it. These tests pin its bytes to what the
 * paged export wrote: the driver's parse of each row, re-serialised with jsonlLine / csvRow.
 */
const PAGED_QUERY = `SELECT i.id AS "itemId", i.external_id AS "externalId", i.data, r.aggregate, r.confidence::float AS confidence, r.agreement::float AS agreement,
        coalesce(r.status, 'pending') AS status,
        (SELECT count(*)::int FROM answers a WHERE a.item_id = i.id AND NOT a.is_gold) AS "answerCount",
        (SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('vendorOrgId', a.vendor_org_id, 'neutrality', a.vendor_neutrality)), '[]'::jsonb)
           FROM answers a WHERE a.item_id = i.id AND NOT a.is_gold) AS vendors
   FROM items i LEFT JOIN item_results r ON r.item_id = i.id
  WHERE i.job_id = $1 AND NOT i.is_gold ORDER BY i.seq`;

describe('results export (real Postgres)', () => {
  let api: TestApi;
  let lab: TestTenant;

  const createJob = async (taskType: string, schema: unknown) => {
    const res = await api.http.post<JobView>('/api/v1/jobs', { title: 'Export', instructions: 'x', taskType, schema, overlap: 3, pricePerAnswer: 0.05, languages: ['qu'] }, lab.adminToken);
    if (res.status !== 201) throw new Error(`create failed ${res.status} ${res.text}`);
    return res.body.id;
  };
  const upload = async (jobId: string, lines: unknown[]) => {
    const res = await api.http.request<ImportReport>('POST', `/api/v1/jobs/${jobId}/items`, { rawBody: lines.map((l) => JSON.stringify(l)).join('\n'), token: lab.adminToken, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Three answers from two vendors (one flagged) on every item but the last; results as given. */
  const answerAll = async (jobId: string, aggregates: (unknown | null)[]) => {
    const items: { id: string }[] = await api.dataSource.query(`SELECT id FROM items WHERE job_id = $1 ORDER BY seq`, [jobId]);
    const vendors = ['00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000a'];
    for (const [n, item] of items.slice(0, -1).entries()) {
      for (let k = 0; k < 3; k++) {
        await api.dataSource.query(
          `INSERT INTO answers (assignment_id, job_id, item_id, annotator_id, vendor_org_id, answer, time_spent_ms, vendor_neutrality, request_hash)
           VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), $3, '{}', 1000, $4, repeat('0', 64))`,
          [jobId, item.id, vendors[k % 2], k === 2 && n % 2 ? 'conflicted' : 'clear'],
        );
      }
      const aggregate = aggregates[n % aggregates.length];
      await api.dataSource.query(
        `INSERT INTO item_results (item_id, job_id, aggregate, confidence, agreement, answer_count, status) VALUES ($1, $2, $3, $4, $5, 3, $6)`,
        [item.id, jobId, aggregate === null ? null : JSON.stringify(aggregate), [0.66667, 0.00001, 1, 0][n % 4], [1, 0.5, 0.33333, 0.000001][n % 4], aggregate === null ? 'review' : 'aggregated'],
      );
    }
  };
  const paged = async (jobId: string): Promise<ResultLine[]> =>
    (await api.dataSource.query(PAGED_QUERY, [jobId])).map((line: ResultLine) => ({ ...line, confidence: line.confidence ?? null, agreement: line.agreement ?? null }));

  beforeAll(async () => {
    api = await startTestApi();
    lab = await registerTenant(api.http, { orgKind: 'lab' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('writes JSON Lines and CSV byte for byte as the driver-parsed rows re-serialised', async () => {
    const jobId = await createJob('rating', { criteria: ['helpful', '10', 'a', '2'], scale: { min: 1, max: 5 } });
    const report = await upload(jobId, [
      { externalId: 'plain', data: { prompt: 'Is this helpful?', response: 'Yes.' } },
      { data: { prompt: 'no externalId', response: 'quote " backslash \\ tab \t newline \n end' } },
      { externalId: '=HYPERLINK("https://evil.example")', data: { prompt: 'line\u2028separator\u2029and\u0085next', response: '😀 ünïcødé ☕' } },
      { externalId: '-2', data: { prompt: 'control \u0001\u001f chars', response: '{"looks":"like json"}' } },
      { externalId: 'tab\there', data: { prompt: 'p', response: 'r' } },
      { externalId: 'unanswered', data: { prompt: 'last', response: 'never answered' } },
    ]);
    expect(report).toMatchObject({ accepted: 6, rejected: 0 });
    // Integer-like keys (which JavaScript objects put first), non-canonical and tiny numbers, nested arrays.
    await answerAll(jobId, [
      { scores: { helpful: 4, '10': 2.5, a: 1e-7, '2': 3 } },
      null,
      { scores: { helpful: 1.0, '10': 1e21, a: -0, '2': 123456789.123 } },
      { nested: [[1, 2.50], { '0': 'zero', z: [true, false, null] }] },
    ]);
    const expected = await paged(jobId);
    expect(expected).toHaveLength(6);

    const jsonl = await api.http.get<string>(`/api/v1/jobs/${jobId}/results?format=jsonl`, lab.adminToken);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(jsonl.text).toBe(expected.map((line) => jsonlLine(line)).join(''));
    expect(jsonl.text).toContain('\\u2028');

    const csv = await api.http.get<string>(`/api/v1/jobs/${jobId}/results?format=csv`, lab.adminToken);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="job-${jobId}-csv.csv"`);
    const header = csvRow(['itemId', 'externalId', 'data', 'aggregate', 'confidence', 'agreement', 'answerCount', 'status', 'vendors']);
    const rows = expected.map((line) =>
      csvRow([line.itemId, line.externalId ?? '', JSON.stringify(line.data), line.aggregate === null ? '' : JSON.stringify(line.aggregate), line.confidence ?? '', line.agreement ?? '', line.answerCount, line.status, JSON.stringify(line.vendors)]),
    );
    expect(csv.text).toBe(header + rows.join(''));
    expect(csv.text).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv.text).toContain(`"'-2"`);
  });

  it('writes chosen/rejected pairs for a pairwise job, and only the header for a job with no items', async () => {
    const jobId = await createJob('pairwise_preference', {});
    await upload(jobId, [
      { externalId: 'p1', data: { prompt: 'Which is kinder?', responses: ['Thank you!', 'Whatever.'] } },
      { externalId: 'p2', data: { prompt: 'Which is shorter?', responses: ['a long answer', 'short'] } },
      { externalId: 'p3', data: { prompt: 'tie', responses: ['x', 'y'] } },
    ]);
    await answerAll(jobId, [{ choice: 'a' }, { choice: 'b', strength: 2 }]);
    const pairs = await api.http.get<string>(`/api/v1/jobs/${jobId}/results?format=preference-pairs`, lab.adminToken);
    expect(pairs.status).toBe(200);
    const ids: { id: string }[] = await api.dataSource.query(`SELECT id FROM items WHERE job_id = $1 ORDER BY seq`, [jobId]);
    expect(pairs.text).toBe(
      jsonlLine({ itemId: ids[0].id, prompt: 'Which is kinder?', chosen: 'Thank you!', rejected: 'Whatever.' }) + jsonlLine({ itemId: ids[1].id, prompt: 'Which is shorter?', chosen: 'short', rejected: 'a long answer' }),
    );

    const empty = await createJob('classification', { labels: ['a', 'b'] });
    const csv = await api.http.get<string>(`/api/v1/jobs/${empty}/results?format=csv`, lab.adminToken);
    expect(csv.status).toBe(200);
    expect(csv.text).toBe(csvRow(['itemId', 'externalId', 'data', 'aggregate', 'confidence', 'agreement', 'answerCount', 'status', 'vendors']));
    expect((await api.http.get<string>(`/api/v1/jobs/${empty}/results`, lab.adminToken)).text).toBe('');
  });

  it('hands the connection back to the pool after every export', async () => {
    const jobId = await createJob('classification', { labels: ['a', 'b'] });
    await upload(jobId, [{ externalId: 'x', data: { text: 'hello' } }]);
    const pool = (api.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    for (let i = 0; i < 30; i++) expect((await api.http.get(`/api/v1/jobs/${jobId}/results?format=${['jsonl', 'csv', 'preference-pairs'][i % 3]}`, lab.adminToken)).status).toBe(200);
    // The last COMMIT runs as the reply ends, so give it a moment.
    await eventually(async () => (pool.totalCount - pool.idleCount === 0 ? true : null), 5000);
  });
});
