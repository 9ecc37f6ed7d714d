/**
 * Bulk import and results export through the built API, each against its Postgres limit in the same run:
 *   - POST /jobs/{id}/items with ITEMS JSON Lines (default 1,000,000) vs COPY of the same rows
 *     (pg-copy-streams FROM STDIN) into a scratch table shaped like items (same indexes, checks, FK);
 *   - GET /jobs/{id}/results (jsonl, csv) for those items, each with 3 answers and a result, vs
 *     COPY of the endpoint's own SELECT TO STDOUT, read and thrown away.
 *   ITEMS=200000 npm run bench:import
 * Goals (performance.md #8, #9): each ≥ 0.5 of its limit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { resultLinesCopySql } from '../libs/api/quality/src/lib/results-copy';
import { table } from './lib/report';
import { api, Stack, startStack } from './lib/stack';

const ITEMS = Number(process.env['ITEMS'] ?? 1_000_000);
const CHUNK_LINES = 5000;
const GOAL = 0.5;

const seconds = (start: number) => (performance.now() - start) / 1000;
const text = (i: number) => `customer message number ${i} about a card payment that did not go through`;

/** The same rows twice, built before any clock starts: the upload body and the COPY input. */
function buildRows(jobId: string): { jsonl: Buffer[]; copy: Buffer[]; bytes: number } {
  const jsonl: Buffer[] = [];
  const copy: Buffer[] = [];
  let bytes = 0;
  for (let start = 0; start < ITEMS; start += CHUNK_LINES) {
    let j = '';
    let c = '';
    for (let i = start; i < Math.min(ITEMS, start + CHUNK_LINES); i++) {
      j += `{"externalId":"item-${i}","data":{"text":"${text(i)}"}}\n`;
      c += `${jobId}\titem-${i}\t{"text":"${text(i)}"}\tf\t\\N\n`;
    }
    jsonl.push(Buffer.from(j));
    copy.push(Buffer.from(c));
    bytes += jsonl[jsonl.length - 1].length;
  }
  return { jsonl, copy, bytes };
}

/** Peak RSS of the API and worker while `run` runs, and the slowest /health answer meanwhile (event-loop stalls). */
async function watched<T>(stack: Stack, run: () => Promise<T>): Promise<{ result: T; rss: Record<string, number>; slowestHealthMs: number }> {
  const rss: Record<string, number> = { api: 0, worker: 0 };
  let slowestHealthMs = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      for (const [name, mb] of Object.entries(stack.rss())) rss[name] = Math.max(rss[name] ?? 0, mb);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const prober = (async () => {
    while (running) {
      const start = performance.now();
      await fetch(`${stack.baseUrl}/health`).then((r) => r.arrayBuffer());
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - start);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    return { result: await run(), rss, slowestHealthMs };
  } finally {
    running = false;
    await Promise.all([sampler, prober]);
  }
}

/** Reads a response body to the end, counting bytes and LF-terminated lines. */
async function drain(res: Response): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    for (let at = buf.indexOf(10); at >= 0; at = buf.indexOf(10, at + 1)) lines += 1;
  }
  return { bytes, lines };
}

async function copyIn(db: Client, chunks: Buffer[]): Promise<number> {
  await db.query('TRUNCATE bench_items_copy');
  const start = performance.now();
  await pipeline(Readable.from(chunks), db.query(copyFrom('COPY bench_items_copy (job_id, external_id, data, is_gold, gold_answer) FROM STDIN')));
  return seconds(start);
}

async function copyOut(db: Client, sql: string): Promise<{ seconds: number; bytes: number }> {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const start = performance.now();
  await pipeline(db.query(copyTo(sql)), sink);
  return { seconds: seconds(start), bytes };
}

async function main(): Promise<void> {
  const stack = await startStack(3492);
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const base = stack.baseUrl;
    const register = async (kind: 'lab' | 'vendor') => {
      const id = randomBytes(4).toString('hex');
      const res = await api<{ org: { id: string }; accessToken: string }>(base, 'POST', '/auth/register', { email: `${kind}-${id}@bench.test`, password: 'bench-password-1', displayName: 'Bench', orgName: `Bench ${kind} ${id}`, orgKind: kind });
      return { orgId: res.body.org.id, token: res.body.accessToken };
    };
    const lab = await register('lab');
    const vendorIds = [(await register('vendor')).orgId, (await register('vendor')).orgId, (await register('vendor')).orgId];
    const job = await api<{ id: string }>(base, 'POST', '/jobs', { title: 'bench import', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b', 'c'] }, overlap: 3, pricePerAnswer: 0.05, languages: ['qu'] }, lab.token);
    const jobId = job.body.id;
    const rows = buildRows(jobId);
    console.error(`built ${ITEMS} rows (${(rows.bytes / 1024 / 1024).toFixed(0)} MB of JSON Lines)`);

    // Import. The limit: COPY of the same rows into a table with items' indexes, checks and foreign key.
    await db.query(`CREATE TABLE bench_items_copy (LIKE items INCLUDING ALL)`);
    await db.query(`ALTER TABLE bench_items_copy ADD FOREIGN KEY (job_id) REFERENCES jobs (id)`);
    const copyBefore = await copyIn(db, rows.copy);
    const imported = await watched(stack, async () => {
      const start = performance.now();
      const res = await fetch(`${base}/api/v1/jobs/${jobId}/items`, {
        method: 'POST',
        headers: { authorization: `Bearer ${lab.token}`, 'content-type': 'application/x-ndjson' },
        body: Readable.toWeb(Readable.from(rows.jsonl)),
        duplex: 'half',
      } as RequestInit);
      const report = (await res.json()) as { accepted: number; rejected: number };
      return { seconds: seconds(start), status: res.status, report };
    });
    const copyAfter = await copyIn(db, rows.copy);
    await db.query('DROP TABLE bench_items_copy');
    const [{ stored }] = (await db.query(`SELECT count(*)::int AS stored FROM items WHERE job_id = $1`, [jobId])).rows;
    if (imported.result.status !== 200 || imported.result.report.accepted !== ITEMS || stored !== ITEMS) throw new Error(`import: ${imported.result.status} ${JSON.stringify(imported.result.report)}, ${stored} stored`);
    console.error(`import ${imported.result.seconds.toFixed(2)} s; COPY ${copyBefore.toFixed(2)} s / ${copyAfter.toFixed(2)} s`);

    // Results: three answers from three vendors per item (the third disagreeing on one item in four,
    // a vendor conflicted on one in twenty) and the aggregate, as the worker would have written them.
    const annotators = Array.from({ length: 300 }, () => randomUUID());
    let start = performance.now();
    await db.query(
      `INSERT INTO answers (assignment_id, job_id, item_id, annotator_id, vendor_org_id, answer, time_spent_ms, vendor_neutrality, price, request_hash)
       SELECT gen_random_uuid(), i.job_id, i.id, ($2::uuid[])[1 + x.a], ($3::uuid[])[1 + x.a % 3],
              jsonb_build_object('label', (ARRAY['a', 'b', 'c'])[1 + (i.seq + CASE WHEN k = 3 AND i.seq % 4 = 0 THEN 1 ELSE 0 END) % 3]),
              2000 + (i.seq * 7 + k) % 5000, CASE WHEN x.a % 3 = 2 AND i.seq % 20 = 0 THEN 'conflicted' ELSE 'clear' END, 0.05,
              md5(i.id::text || k) || md5(k || i.id::text)
         FROM items i CROSS JOIN generate_series(1, 3) k CROSS JOIN LATERAL (SELECT ((i.seq * 3 + 101 * k) % 300)::int AS a) x
        WHERE i.job_id = $1`,
      [jobId, annotators, vendorIds],
    );
    await db.query(
      `INSERT INTO item_results (item_id, job_id, aggregate, confidence, agreement, answer_count, status)
       SELECT i.id, i.job_id, jsonb_build_object('label', (ARRAY['a', 'b', 'c'])[1 + i.seq % 3]),
              CASE WHEN i.seq % 4 = 0 THEN 0.66667 ELSE 1 END, CASE WHEN i.seq % 4 = 0 THEN 0.33333 ELSE 1 END, 3, 'aggregated'
         FROM items i WHERE i.job_id = $1`,
      [jobId],
    );
    await db.query('VACUUM ANALYZE answers');
    await db.query('VACUUM ANALYZE item_results');
    await db.query('VACUUM ANALYZE items');
    console.error(`results written in ${seconds(start).toFixed(1)} s`);

    // Export. The limit: COPY of the endpoint's own SELECT, read and thrown away, before and after,
    // with the endpoint's setting (JIT off).
    const sql = resultLinesCopySql(jobId);
    await db.query('SET jit = off');
    const limitBefore = await copyOut(db, sql);
    const download = async (format: 'jsonl' | 'csv') =>
      watched(stack, async () => {
        start = performance.now();
        const res = await fetch(`${base}/api/v1/jobs/${jobId}/results?format=${format}`, { headers: { authorization: `Bearer ${lab.token}` } });
        const got = await drain(res);
        return { seconds: seconds(start), status: res.status, ...got };
      });
    const jsonl = await download('jsonl');
    const csv = await download('csv');
    const limitAfter = await copyOut(db, sql);
    if (jsonl.result.status !== 200 || jsonl.result.lines !== ITEMS) throw new Error(`jsonl export: ${jsonl.result.status}, ${jsonl.result.lines} lines`);
    if (csv.result.status !== 200 || csv.result.lines !== ITEMS + 1) throw new Error(`csv export: ${csv.result.status}, ${csv.result.lines} lines`);

    // The limit is the faster of its two runs, so noise can only lower the ratio.
    const copyInSeconds = Math.min(copyBefore, copyAfter);
    const copyOutSeconds = Math.min(limitBefore.seconds, limitAfter.seconds);
    const rate = (n: number, s: number) => Math.round(n / s);
    const row = (path: string, s: number, limitSeconds: number, w: { rss: Record<string, number>; slowestHealthMs: number }, notes: string) => [
      path,
      ITEMS,
      s,
      rate(ITEMS, s),
      `${rate(ITEMS, limitSeconds)} (${limitSeconds.toFixed(2)} s)`,
      limitSeconds / s,
      `≥ ${GOAL}`,
      `${w.rss['api']} / ${w.rss['worker']}`,
      Math.round(w.slowestHealthMs),
      notes,
    ];
    console.log('\n## Bulk import and results export vs COPY (built API + worker, real Postgres)\n');
    console.log(
      table(
        ['path', 'rows', 'seconds', 'rows/s', 'limit rows/s (COPY)', 'ratio', 'target', 'peak RSS api / worker (MB)', 'slowest /health meanwhile (ms)', 'notes'],
        [
          row('POST /jobs/{id}/items, JSON Lines', imported.result.seconds, copyInSeconds, imported, `${(rows.bytes / 1024 / 1024).toFixed(0)} MB; accepted ${imported.result.report.accepted}; limit: COPY FROM STDIN into items' shape, ${copyBefore.toFixed(2)} s before / ${copyAfter.toFixed(2)} s after`),
          row('GET /jobs/{id}/results?format=jsonl', jsonl.result.seconds, copyOutSeconds, jsonl, `${(jsonl.result.bytes / 1024 / 1024).toFixed(0)} MB; limit: COPY (same SELECT) TO STDOUT, ${limitBefore.seconds.toFixed(2)} s before / ${limitAfter.seconds.toFixed(2)} s after`),
          row('GET /jobs/{id}/results?format=csv', csv.result.seconds, copyOutSeconds, csv, `${(csv.result.bytes / 1024 / 1024).toFixed(0)} MB; same limit`),
        ],
      ),
    );
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
