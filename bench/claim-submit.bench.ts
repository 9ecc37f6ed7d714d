/**
 * The annotators' hot path over HTTP: many concurrent simulated annotators claim and submit on a
 * 100k-item job (overlap 3) through the built API and worker. Measured in the same run, on the same
 * database, with the same concurrency and pool size:
 *   - the limit: the best claim+submit loop the database allows (perf.md's one-call claim with the
 *     per-annotator lock, then a one-statement submit), on the same tables and the same job;
 *   - the same annotators thinking between tasks, at half the saturated rate, for latency under load
 *     that is not all queueing (a closed loop of 100 at N pairs/s waits 100/N s per pair by design);
 *   - a peer: pg-boss fetch + complete of as many jobs as the HTTP run answered, in its own schema.
 *   ANNOTATORS=100 DURATION=35 ITEMS=100000 POOL=10 npm run bench:claim
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import PgBoss from 'pg-boss';
import { Client, Pool } from 'pg';
import { percentile, table } from './lib/report';
import { api, sampleRss, startStack, Stack } from './lib/stack';

const ANNOTATORS = Number(process.env['ANNOTATORS'] ?? 100);
const ITEMS = Number(process.env['ITEMS'] ?? 100_000);
const DURATION = Number(process.env['DURATION'] ?? 35);
const WARMUP = Number(process.env['WARMUP'] ?? 3);
/** A second HTTP run at this fraction of the saturated rate (annotators who read before answering). */
const PACE = Number(process.env['PACE'] ?? 0.5);
const PACED_DURATION = Number(process.env['PACED_DURATION'] ?? 10);
const RAW_DURATION = Number(process.env['RAW_DURATION'] ?? 15);
const PEER_MAX_SECONDS = Number(process.env['PEER_MAX_SECONDS'] ?? 30);
/** The API's pool (DATABASE_POOL_SIZE); the limit and the peer get the same number of connections. */
const POOL = Number(process.env['POOL'] ?? 10);
const VENDORS = 6;
const WINDOW = 5;

interface Annotator {
  id: string;
  vendor: string;
  token: string;
}

/** Keep-alive HTTP/1.1 client: one socket per simulated annotator, like browsers do. */
const agent = new Agent({ keepAlive: true, maxSockets: ANNOTATORS + 10 });
function post(base: URL, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds a process has used (user + system), from /proc; 0 once it is gone. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used during a phase by the API, the worker, this process (the load generator or the raw
 * loop) and the database's backends. On a shared 2-core machine rates swing with whatever else
 * runs; CPU per pair does not, so it says how much of the gap is our code.
 */
async function cpuMeter(db: Client, databaseName: string, pids: Record<string, number | undefined>) {
  const backends = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [databaseName])).rows.map((r: { pid: number }) => r.pid);
  const snapshot = async () => {
    const pg = new Map((await backends()).map((pid) => [pid, cpuSeconds(pid)]));
    return { api: cpuSeconds(pids['api']), worker: cpuSeconds(pids['worker']), self: cpuSeconds(process.pid), pg };
  };
  const start = await snapshot();
  return async () => {
    const end = await snapshot();
    let pg = 0;
    for (const [pid, seconds] of end.pg) pg += seconds - (start.pg.get(pid) ?? 0);
    return { api: end.api - start.api, worker: end.worker - start.worker, client: end.self - start.self, postgres: pg };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(stack: Stack, db: Client): Promise<{ job: string; annotators: Annotator[] }> {
  const base = stack.baseUrl;
  const register = async (kind: 'lab' | 'vendor') => {
    const id = randomBytes(4).toString('hex');
    const res = await api<{ org: { id: string }; accessToken: string }>(base, 'POST', '/auth/register', { email: `${kind}-${id}@bench.test`, password: 'bench-password-1', displayName: 'Bench', orgName: `Bench ${kind} ${id}`, orgKind: kind });
    if (res.status !== 201) throw new Error(`register ${res.status} ${JSON.stringify(res.body)}`);
    return { orgId: res.body.org.id, token: res.body.accessToken };
  };
  const lab = await register('lab');
  const annotators: Annotator[] = [];
  for (let v = 0; v < VENDORS; v++) {
    const vendor = await register('vendor');
    await api(base, 'PUT', '/vendor/profile', { skills: ['classification'], languages: ['qu'], capacityPerHour: 100_000, prices: { classification: 0.02 } }, vendor.token);
    const count = Math.floor(ANNOTATORS / VENDORS) + (v < ANNOTATORS % VENDORS ? 1 : 0);
    // A few at a time: each member and each login hashes a password (argon2id).
    for (let k = 0; k < count; k += 4) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(4, count - k) }, async () => {
          const email = `ann-${randomBytes(5).toString('hex')}@bench.test`;
          const member = await api<{ id: string }>(base, 'POST', `/orgs/${vendor.orgId}/members`, { email, password: 'bench-password-1', displayName: 'A', role: 'annotator' }, vendor.token);
          const login = await api<{ accessToken: string }>(base, 'POST', '/auth/login', { email, password: 'bench-password-1' });
          if (member.status !== 201 || login.status !== 200) throw new Error(`member ${member.status}, login ${login.status}`);
          return { id: member.body.id, vendor: vendor.orgId, token: login.body.accessToken };
        }),
      );
      annotators.push(...batch);
    }
  }
  const job = (await api<{ id: string }>(base, 'POST', '/jobs', { title: 'bench', instructions: 'Pick the intent.', taskType: 'classification', schema: { labels: ['a', 'b', 'c'] }, overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.05, languages: ['qu'] }, lab.token)).body.id;
  await db.query(`INSERT INTO items (job_id, external_id, data) SELECT $1, 'i-' || g, jsonb_build_object('text', 'customer message number ' || g) FROM generate_series(1, $2::int) g`, [job, ITEMS]);
  // Placed the way routing places them (each item's three slots at three distinct vendors), with
  // SQL: this measures serving, and routing 100k items through the worker is bench:routing's part.
  const vendorIds = [...new Set(annotators.map((a) => a.vendor))];
  await db.query(
    `INSERT INTO slots (item_id, slot_no, job_id, item_seq, vendor_org_id, routed_at)
     SELECT i.id, k, i.job_id, i.seq, ($2::uuid[])[((i.seq + k) % $3) + 1], now() FROM items i, generate_series(0, 2) k WHERE i.job_id = $1`,
    [job, vendorIds, vendorIds.length],
  );
  await db.query(`UPDATE jobs SET status = 'published', published_at = now() WHERE id = $1`, [job]);
  await db.query('VACUUM ANALYZE slots, items');
  return { job, annotators };
}

interface HttpRun {
  pairs: number;
  /** Pairs finished outside the measured window (warm-up, stragglers). */
  warmupPairs: number;
  seconds: number;
  claimMs: number[];
  pairMs: number[];
  claimsAt: number[];
  empty: number;
  errors: string[];
  generatorCores: number;
}

/**
 * Every annotator claims and submits in a loop, after `thinkMs` (mean, exponential) of "reading the
 * task" each time; 0 is a closed loop that saturates the stack. Pairs finished within `seconds`
 * after the warm-up are measured.
 */
async function httpRun(stack: Stack, annotators: Annotator[], seconds: number, warmup: number, thinkMs: number): Promise<HttpRun> {
  const base = new URL(stack.baseUrl);
  const run: HttpRun = { pairs: 0, warmupPairs: 0, seconds, claimMs: [], pairMs: [], claimsAt: [], empty: 0, errors: [], generatorCores: 0 };
  const started = performance.now();
  const from = started + warmup * 1000;
  const to = from + seconds * 1000;
  let cpu = 0;
  const cpuTimer = setTimeout(() => (cpu = cpuSeconds(process.pid)), warmup * 1000);
  const loop = async (a: Annotator) => {
    const auth = { authorization: `Bearer ${a.token}` };
    while (performance.now() < to) {
      if (thinkMs > 0) await sleep(-Math.log(1 - Math.random()) * thinkMs);
      const t0 = performance.now();
      const claim = await post(base, '/api/v1/tasks/next', '{}', auth);
      const t1 = performance.now();
      if (claim.status === 204) {
        run.empty += 1;
        await sleep(20);
        continue;
      }
      if (claim.status !== 200) {
        run.errors.push(`claim ${claim.status} ${claim.text.slice(0, 200)}`);
        continue;
      }
      const task = JSON.parse(claim.text) as { assignmentId: string };
      const submit = await post(base, `/api/v1/tasks/${task.assignmentId}/submit`, JSON.stringify({ answer: { label: 'a' }, timeSpentMs: 1000 }), { ...auth, 'idempotency-key': task.assignmentId });
      const t2 = performance.now();
      if (submit.status !== 201) {
        run.errors.push(`submit ${submit.status} ${submit.text.slice(0, 200)}`);
        continue;
      }
      if (t0 >= from && t2 <= to) {
        run.pairs += 1;
        run.claimMs.push(t1 - t0);
        run.pairMs.push(t2 - t0);
        run.claimsAt.push(t1 - from);
      } else {
        run.warmupPairs += 1;
      }
    }
  };
  await Promise.all(annotators.map(loop));
  clearTimeout(cpuTimer);
  run.generatorCores = (cpuSeconds(process.pid) - cpu) / seconds;
  return run;
}

/** The limit: perf.md's race-free one-call claim and a one-statement submit, on the same tables. */
async function rawRun(databaseUrl: string, annotators: Annotator[]): Promise<{ pairs: number; seconds: number; errors: number; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL });
  await pool.query(`CREATE SCHEMA bench_limit`);
  await pool.query(`CREATE FUNCTION bench_limit.claim(p_annotator uuid, p_vendor uuid) RETURNS uuid LANGUAGE plpgsql AS $fn$
    DECLARE r uuid;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('claim:' || p_annotator::text));
      WITH c AS (
        SELECT s.item_id, s.slot_no FROM slots s
         WHERE s.vendor_org_id = p_vendor AND s.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = p_annotator AND a.item_id = s.item_id OFFSET 0)
         ORDER BY s.item_seq, s.slot_no LIMIT 1 FOR UPDATE SKIP LOCKED
      ), u AS (
        UPDATE slots s SET status = 'leased' FROM c WHERE s.item_id = c.item_id AND s.slot_no = c.slot_no RETURNING s.job_id, s.item_id, s.slot_no
      )
      INSERT INTO assignments (job_id, item_id, slot_no, annotator_id, vendor_org_id, expires_at)
      SELECT u.job_id, u.item_id, u.slot_no, p_annotator, p_vendor, now() + interval '10 minutes' FROM u
      RETURNING id INTO r;
      RETURN r;
    END $fn$`);
  const submit = `WITH a AS (
      UPDATE assignments SET status = 'submitted', finished_at = now() WHERE id = $1 AND status = 'active'
      RETURNING id, job_id, item_id, slot_no, annotator_id, vendor_org_id
    ), ins AS (
      INSERT INTO answers (assignment_id, job_id, item_id, annotator_id, vendor_org_id, answer, time_spent_ms, price, request_hash)
      SELECT a.id, a.job_id, a.item_id, a.annotator_id, a.vendor_org_id, '{"label":"a"}', 1000, 0.05, $2 FROM a RETURNING item_id
    )
    UPDATE slots s SET status = 'answered', answered_at = now() FROM a WHERE s.item_id = a.item_id AND s.slot_no = a.slot_no`;
  let pairs = 0;
  let errors = 0;
  const started = performance.now();
  const to = started + RAW_DURATION * 1000;
  const loop = async (a: Annotator) => {
    while (performance.now() < to) {
      try {
        const { rows } = await pool.query<{ id: string | null }>('SELECT bench_limit.claim($1, $2) AS id', [a.id, a.vendor]);
        if (!rows[0].id) {
          await sleep(20);
          continue;
        }
        await pool.query(submit, [rows[0].id, randomBytes(32).toString('hex')]);
        pairs += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(annotators.map(loop));
  const seconds = (performance.now() - started) / 1000;
  // Closed by the caller, after it has read the backends' CPU.
  const close = async () => {
    await pool.query(`DROP SCHEMA bench_limit CASCADE`);
    await pool.end();
  };
  return { pairs, seconds, errors, close };
}

/** The peer: pg-boss fetching and completing `jobs` jobs one at a time, same concurrency and pool size. */
async function peerRun(databaseUrl: string, jobs: number): Promise<{ done: number; seconds: number }> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: POOL, supervise: false, schedule: false, migrate: true });
  boss.on('error', (error) => console.error('pg-boss:', error.message));
  await boss.start();
  const queue = 'bench-claims';
  await boss.createQueue(queue);
  for (let i = 0; i < jobs; i += 5000) {
    await boss.insert(Array.from({ length: Math.min(5000, jobs - i) }, (_, k) => ({ name: queue, data: { item: i + k } })));
  }
  let done = 0;
  const started = performance.now();
  const to = started + PEER_MAX_SECONDS * 1000;
  const loop = async () => {
    while (performance.now() < to) {
      const [job] = await boss.fetch(queue);
      if (!job) return;
      await boss.complete(queue, job.id);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: ANNOTATORS }, loop));
  const seconds = (performance.now() - started) / 1000;
  await boss.stop({ graceful: false, wait: true });
  return { done, seconds };
}

async function main(): Promise<void> {
  process.env['DATABASE_POOL_SIZE'] = String(POOL);
  const setupStart = performance.now();
  const stack = await startStack(3491);
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const databaseName = new URL(stack.databaseUrl).pathname.slice(1);
    const { job, annotators } = await setup(stack, db);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const rss = sampleRss(stack, 500);
    const httpCpu = await cpuMeter(db, databaseName, stack.pids());
    const http = await httpRun(stack, annotators, DURATION, WARMUP, 0);
    const httpCpuUsed = await httpCpu();
    // Same annotators, each thinking between tasks so that together they ask for PACE of the rate above.
    const pacedRate = (PACE * http.pairs) / http.seconds;
    const paced = await httpRun(stack, annotators, PACED_DURATION, 1, (annotators.length / pacedRate) * 1000);
    const peak = rss.stop();
    const assignmentsAfterHttp = (await db.query(`SELECT count(*)::int AS n FROM assignments`)).rows[0].n as number;
    const rawCpu = await cpuMeter(db, databaseName, {});
    const raw = await rawRun(stack.databaseUrl, annotators);
    const rawCpuUsed = await rawCpu();
    await raw.close();
    const peer = await peerRun(stack.databaseUrl, http.pairs);

    const check = (
      await db.query(
        `SELECT (SELECT count(*) FROM (SELECT item_id FROM assignments WHERE job_id = $1 AND NOT is_gold AND status IN ('active', 'submitted') GROUP BY item_id HAVING count(*) > 3) o)::int AS "overAssigned",
                (SELECT count(*) FROM (SELECT item_id FROM answers WHERE job_id = $1 AND NOT is_gold GROUP BY item_id HAVING count(*) > 3) o)::int AS "overAnswered",
                (SELECT count(*) FROM (SELECT 1 FROM answers WHERE job_id = $1 GROUP BY annotator_id, item_id HAVING count(*) > 1) d)::int AS "duplicateAnswers"`,
        [job],
      )
    ).rows[0] as Record<string, number>;

    // Warm-up pairs used CPU too: count every pair the HTTP run finished.
    const httpTotalPairs = http.pairs + http.warmupPairs;
    const sumCpu = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    const cpuPerPair = (c: Record<string, number>, pairs: number) =>
      `${((sumCpu(c) * 1000) / pairs).toFixed(2)} = ${Object.values(c)
        .map((v) => ((v * 1000) / pairs).toFixed(2))
        .join(' + ')}`;
    const httpRate = http.pairs / http.seconds;
    const rawRate = raw.pairs / raw.seconds;
    const peerRate = peer.done / peer.seconds;
    const inWindow = (fromS: number, toS: number) => http.claimsAt.filter((t) => t >= fromS * 1000 && t < toS * 1000).length / (toS - fromS);
    const first = inWindow(0, WINDOW);
    const last = inWindow(DURATION - WINDOW, DURATION);
    const p99Claim = percentile(http.claimMs, 99);

    console.log(`\n## Claim + submit: ${annotators.length} annotators, ${ITEMS} items × overlap 3, pool ${POOL}, ${DURATION} s measured after ${WARMUP} s of warm-up\n`);
    console.log(
      table(
        ['figure', 'measured', 'limit', 'ratio', 'target'],
        [
          ['HTTP claim+submit pairs/s (POST /tasks/next + /submit, full stack)', httpRate, `${rawRate.toFixed(0)} (raw SQL loop)`, httpRate / rawRate, '≥ 0.5'],
          ['… against pg-boss fetch+complete jobs/s', httpRate, `${peerRate.toFixed(0)} (pg-boss ${peer.done} jobs)`, httpRate / peerRate, '> 1'],
          [`claim rate, last ${WINDOW} s vs first ${WINDOW} s (claims/s)`, last, `${first.toFixed(0)} (first ${WINDOW} s)`, last / first, '≥ 0.9'],
          ['p99 claim latency (ms), saturated: no think time', p99Claim, '–', '–', '< 50'],
          [`p99 claim latency (ms), ${(paced.pairs / paced.seconds).toFixed(0)} pairs/s offered by think time (${Math.round(PACE * 100)} % of saturation)`, percentile(paced.claimMs, 99), '–', '–', '< 50'],
          ['p50 claim latency (ms), saturated / paced', `${percentile(http.claimMs, 50).toFixed(1)} / ${percentile(paced.claimMs, 50).toFixed(1)}`, '–', '–', '–'],
          ['p50 / p99 pair latency (ms), saturated', `${percentile(http.pairMs, 50).toFixed(1)} / ${percentile(http.pairMs, 99).toFixed(1)}`, '–', '–', '–'],
          ['p50 / p99 pair latency (ms), paced', `${percentile(paced.pairMs, 50).toFixed(1)} / ${percentile(paced.pairMs, 99).toFixed(1)}`, '–', '–', '–'],
          ['over-assigned items / over-answered items / duplicate answers', `${check['overAssigned']} / ${check['overAnswered']} / ${check['duplicateAnswers']}`, '0 / 0 / 0', '–', '0'],
          ['HTTP errors (non-2xx other than 204) / raw loop errors', `${http.errors.length + paced.errors.length} / ${raw.errors}`, '0 / 0', '–', '0'],
          // The bench process's own share (client) reads high against generatorCores below; shown, not compared.
          ['CPU ms per pair: api + worker + postgres + client', `${cpuPerPair(httpCpuUsed, httpTotalPairs)}`, `${cpuPerPair(rawCpuUsed, raw.pairs)} (raw loop)`, '–', '–'],
          ['peak RSS api / worker (MB)', `${peak['api']} / ${peak['worker']}`, '–', '–', '–'],
        ],
      ),
    );
    console.log(
      `\nHTTP: ${http.pairs} pairs measured; ${http.empty} empty claims (204); load generator used ${http.generatorCores.toFixed(2)} cores of 2 (it shares the machine with the API, the worker and Postgres).` +
        `\nLimit: ${raw.pairs} pairs in ${raw.seconds.toFixed(1)} s on the same job, continuing after the HTTP run (${assignmentsAfterHttp} assignments at its start). Peer: pg-boss 10.4.2 in its own schema, one job per fetch.` +
        `\nClaims per ${WINDOW} s window: ${Array.from({ length: Math.floor(DURATION / WINDOW) }, (_, w) => Math.round(inWindow(w * WINDOW, (w + 1) * WINDOW))).join(', ')} claims/s. Setup (stack, ${annotators.length} members, ${ITEMS} items, routing): ${setupSeconds.toFixed(1)} s.`,
    );
    const errors = [...http.errors, ...paced.errors];
    if (errors.length) console.log(`First errors: ${errors.slice(0, 3).join(' | ')}`);
  } finally {
    agent.destroy();
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
