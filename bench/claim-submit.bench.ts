/**
 * The annotators' hot path over HTTP: many concurrent simulated annotators claim and submit until
 * the job is done (overlap 3). Printed beside the same machine's limit, measured in the same run:
 * a raw SQL claim+submit loop with the same concurrency on the same tables.
 *   ANNOTATORS=120 ITEMS=20000 npm run bench:claim
 */
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { percentile, table } from './lib/report';
import { api, startStack } from './lib/stack';

const ANNOTATORS = Number(process.env['ANNOTATORS'] ?? 120);
const ITEMS = Number(process.env['ITEMS'] ?? 20_000);
const VENDORS = 6;
const SECONDS = Number(process.env['SECONDS'] ?? 30);

async function main(): Promise<void> {
  const stack = await startStack(3492);
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const base = stack.baseUrl;
    const reg = async (kind: 'lab' | 'vendor') => {
      const id = randomBytes(4).toString('hex');
      const res = await api<{ org: { id: string }; accessToken: string }>(base, 'POST', '/auth/register', { email: `${kind}-${id}@bench.test`, password: 'bench-password-1', displayName: 'Bench', orgName: `Bench ${kind} ${id}`, orgKind: kind });
      return { orgId: res.body.org.id, token: res.body.accessToken };
    };
    const lab = await reg('lab');
    const tokens: string[] = [];
    for (let v = 0; v < VENDORS; v++) {
      const vendor = await reg('vendor');
      await api(base, 'PUT', '/vendor/profile', { skills: ['classification'], languages: ['qu'], capacityPerHour: 1000, prices: { classification: 0.02 } }, vendor.token);
      for (let k = 0; k < Math.ceil(ANNOTATORS / VENDORS); k++) {
        const email = `ann-${randomBytes(5).toString('hex')}@bench.test`;
        await api(base, 'POST', `/orgs/${vendor.orgId}/members`, { email, password: 'bench-password-1', displayName: 'A', role: 'annotator' }, vendor.token);
        tokens.push((await api<{ accessToken: string }>(base, 'POST', '/auth/login', { email, password: 'bench-password-1' })).body.accessToken);
      }
    }
    const job = (await api<{ id: string }>(base, 'POST', '/jobs', { title: 'bench', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b', 'c'] }, overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.05, languages: ['qu'] }, lab.token)).body.id;
    await db.query(`INSERT INTO items (job_id, external_id, data) SELECT $1, 'i-' || g, jsonb_build_object('text', 'message ' || g) FROM generate_series(1, $2::int) g`, [job, ITEMS]);
    await api(base, 'POST', `/jobs/${job}/publish`, {}, lab.token);
    for (;;) {
      const [{ n }] = (await db.query(`SELECT count(*) FILTER (WHERE vendor_org_id IS NOT NULL)::int AS n FROM slots WHERE job_id = $1`, [job])).rows;
      if (n === ITEMS * 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    // HTTP: each simulated annotator claims and submits in a loop for SECONDS.
    const latencies: number[] = [];
    let pairs = 0;
    let empty = 0;
    const windows: number[] = [];
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    const loop = async (token: string) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const claim = await fetch(`${base}/api/v1/tasks/next`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
        if (claim.status === 204) {
          empty += 1;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const task = (await claim.json()) as { assignmentId: string };
        const submit = await fetch(`${base}/api/v1/tasks/${task.assignmentId}/submit`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': task.assignmentId },
          body: JSON.stringify({ answer: { label: 'a' }, timeSpentMs: 1000 }),
        });
        if (submit.status !== 201) throw new Error(`submit ${submit.status} ${await submit.text()}`);
        latencies.push(performance.now() - t0);
        pairs += 1;
        const w = Math.floor((performance.now() - started) / 5000);
        windows[w] = (windows[w] ?? 0) + 1;
      }
    };
    await Promise.all(tokens.map(loop));
    const httpSeconds = (performance.now() - started) / 1000;
    const rssAfter = stack.rss();
    const [{ over }] = (await db.query(`SELECT count(*)::int AS over FROM (SELECT item_id FROM answers WHERE job_id = $1 AND NOT is_gold GROUP BY item_id HAVING count(*) > 3) d`, [job])).rows;
    const [{ dupes }] = (await db.query(`SELECT count(*)::int AS dupes FROM (SELECT 1 FROM answers WHERE job_id = $1 GROUP BY annotator_id, item_id HAVING count(*) > 1) d`, [job])).rows;

    // Limit: the same claim and submit as raw SQL, same concurrency, on a second job with the same setup.
    const rawJob = (await api<{ id: string }>(base, 'POST', '/jobs', { title: 'raw', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b', 'c'] }, overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.05, languages: ['qu'] }, lab.token)).body.id;
    await db.query(`INSERT INTO items (job_id, external_id, data) SELECT $1, 'r-' || g, jsonb_build_object('text', 'message ' || g) FROM generate_series(1, $2::int) g`, [rawJob, ITEMS]);
    await api(base, 'POST', `/jobs/${rawJob}/publish`, {}, lab.token);
    for (;;) {
      const [{ n }] = (await db.query(`SELECT count(*) FILTER (WHERE vendor_org_id IS NOT NULL)::int AS n FROM slots WHERE job_id = $1`, [rawJob])).rows;
      if (n === ITEMS * 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const annotators: { id: string; vendor: string }[] = (await db.query(`SELECT u.id, u.org_id AS vendor FROM users u WHERE 'annotator' = ANY(u.roles) AND u.email LIKE 'ann-%'`)).rows;
    const pool = new Pool({ connectionString: stack.databaseUrl, max: 8 });
    let rawPairs = 0;
    const rawStart = performance.now();
    const rawDeadline = rawStart + SECONDS * 1000;
    const rawLoop = async (a: { id: string; vendor: string }) => {
      while (performance.now() < rawDeadline) {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`claim:${a.id}`]);
          const { rows } = await c.query(
            `SELECT s.item_id, s.slot_no FROM slots s WHERE s.vendor_org_id = $1 AND s.status = 'open' AND s.job_id = $3
               AND NOT EXISTS (SELECT 1 FROM assignments x WHERE x.annotator_id = $2 AND x.item_id = s.item_id OFFSET 0)
             ORDER BY s.item_seq, s.slot_no LIMIT 1 FOR UPDATE OF s SKIP LOCKED`,
            [a.vendor, a.id, rawJob],
          );
          if (!rows.length) {
            await c.query('ROLLBACK');
            continue;
          }
          await c.query(`UPDATE slots SET status = 'leased' WHERE item_id = $1 AND slot_no = $2`, [rows[0].item_id, rows[0].slot_no]);
          const asg = await c.query(`INSERT INTO assignments (job_id, item_id, slot_no, annotator_id, vendor_org_id, expires_at) VALUES ($1, $2, $3, $4, $5, now() + interval '10 minutes') RETURNING id`, [rawJob, rows[0].item_id, rows[0].slot_no, a.id, a.vendor]);
          await c.query('COMMIT');
          await c.query('BEGIN');
          await c.query(`UPDATE assignments SET status = 'submitted' WHERE id = $1`, [asg.rows[0].id]);
          await c.query(`INSERT INTO answers (assignment_id, job_id, item_id, annotator_id, vendor_org_id, answer, time_spent_ms, request_hash) VALUES ($1, $2, $3, $4, $5, '{"label":"a"}', 1000, repeat('0', 64))`, [asg.rows[0].id, rawJob, rows[0].item_id, a.id, a.vendor]);
          await c.query(`UPDATE slots SET status = 'answered' WHERE item_id = $1 AND slot_no = $2`, [rows[0].item_id, rows[0].slot_no]);
          await c.query('COMMIT');
          rawPairs += 1;
        } catch (error) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          c.release();
        }
      }
    };
    await Promise.all(annotators.map(rawLoop));
    const rawSeconds = (performance.now() - rawStart) / 1000;
    await pool.end();

    const httpRate = pairs / httpSeconds;
    const rawRate = rawPairs / rawSeconds;
    console.log('\n## Claim + submit (overlap 3, concurrent annotators)\n');
    console.log(
      table(
        ['path', 'annotators', 'pairs', 'pairs/s', 'p50 ms', 'p99 ms', 'ratio to limit'],
        [
          ['HTTP: POST /tasks/next + /submit (full stack)', tokens.length, pairs, httpRate, percentile(latencies, 50), percentile(latencies, 99), httpRate / rawRate],
          ['limit: raw SQL claim + submit, pool of 8', annotators.length, rawPairs, rawRate, '–', '–', 1],
        ],
      ),
    );
    console.log(`\nClaim rate per 5 s window (start → end): ${windows.map((w) => Math.round(w / 5)).join(', ')} pairs/s`);
    console.log(`Empty claims (204): ${empty}. Items over overlap: ${over}. Duplicate (annotator, item) answers: ${dupes}.`);
    console.log(`RSS after the HTTP run (MB): ${JSON.stringify(rssAfter)}`);
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
