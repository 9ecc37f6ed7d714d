/**
 * Routing a large job through the real stack: ITEMS items (inserted directly with SQL; the import
 * has its own bench) over VENDORS vendors, overlap 3. Times POST /jobs/{id}/publish → the worker
 * has placed every slot (the routing pass commits all slots at once) → GET /jobs/{id} shows them.
 *   npm run bench:routing            (default 1,000,000 items, 200 vendors)
 *   ITEMS=100000 VENDORS=20 npm run bench:routing
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { JobView } from '@quorum/contracts';
import { table } from './lib/report';
import { api, startStack } from './lib/stack';

const ITEMS = Number(process.env['ITEMS'] ?? 1_000_000);
const VENDORS = Number(process.env['VENDORS'] ?? 200);
const OVERLAP = 3;

async function main(): Promise<void> {
  const stack = await startStack(3493);
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const peak: Record<string, number> = { api: 0, worker: 0 };
  const sample = () => {
    for (const [name, mb] of Object.entries(stack.rss())) peak[name] = Math.max(peak[name] ?? 0, mb);
  };
  const sampler = setInterval(sample, 500);
  try {
    const base = stack.baseUrl;
    const register = async (kind: 'lab' | 'vendor') => {
      const id = randomBytes(4).toString('hex');
      const res = await api<{ org: { id: string }; accessToken: string }>(base, 'POST', '/auth/register', { email: `${kind}-${id}@bench.test`, password: 'bench-password-1', displayName: 'Bench', orgName: `Bench ${kind} ${id}`, orgKind: kind });
      if (res.status !== 201) throw new Error(`register ${kind}: ${res.status}`);
      return { orgId: res.body.org.id, token: res.body.accessToken };
    };
    const lab = await register('lab');
    // Vendors in small parallel batches: 200 sequential registrations would dominate the setup.
    for (let i = 0; i < VENDORS; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, VENDORS - i) }, async (_, k) => {
          const n = i + k;
          const vendor = await register('vendor');
          // Some vendors are out: too expensive, wrong language, no capacity; the rest differ in capacity and price.
          const profile = {
            skills: ['classification'],
            languages: n % 17 === 0 ? ['xx'] : ['qu'],
            capacityPerHour: n % 23 === 0 ? 0 : 100 + (n % 40) * 50,
            prices: { classification: n % 19 === 0 ? 0.5 : 0.02 + (n % 5) * 0.005 },
          };
          const res = await api(base, 'PUT', '/vendor/profile', profile, vendor.token);
          if (res.status !== 200) throw new Error(`vendor profile: ${res.status}`);
        }),
      );
    }
    const created = await api<{ id: string }>(
      base,
      'POST',
      '/jobs',
      { title: 'bench routing', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b', 'c'] }, overlap: OVERLAP, minDistinctVendors: OVERLAP, pricePerAnswer: 0.05, languages: ['qu'] },
      lab.token,
    );
    const jobId = created.body.id;
    const insertStart = performance.now();
    await db.query(`INSERT INTO items (job_id, external_id, data) SELECT $1, 'r-' || g, jsonb_build_object('text', 'message ' || g) FROM generate_series(1, $2::int) g`, [jobId, ITEMS]);
    await db.query('ANALYZE items');
    const insertSeconds = (performance.now() - insertStart) / 1000;

    sample();
    const routeStart = performance.now();
    const published = await api(base, 'POST', `/jobs/${jobId}/publish`, {}, lab.token);
    if (published.status !== 202) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
    // One routing pass writes every slot in one transaction: the first visible slot means all are.
    for (;;) {
      const { rowCount } = await db.query(`SELECT 1 FROM slots WHERE job_id = $1 LIMIT 1`, [jobId]);
      if (rowCount) break;
      if (performance.now() - routeStart > 600_000) throw new Error('routing did not finish in 10 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const routedSeconds = (performance.now() - routeStart) / 1000;
    const view = await api<JobView>(base, 'GET', `/jobs/${jobId}`, undefined, lab.token);
    const viewSeconds = (performance.now() - routeStart) / 1000;
    const shown = view.body.routing.reduce((s, r) => s + r.slots, 0);

    const [check] = (
      await db.query(
        `SELECT count(*)::int AS slots, count(*) FILTER (WHERE vendor_org_id IS NULL)::int AS unrouted,
                count(DISTINCT vendor_org_id)::int AS vendors,
                (SELECT count(*) FROM (SELECT 1 FROM slots WHERE job_id = $1 AND vendor_org_id IS NOT NULL GROUP BY item_id, vendor_org_id HAVING count(*) > 1) d)::int AS dupes
           FROM slots WHERE job_id = $1`,
        [jobId],
      )
    ).rows;
    const [{ jobs: queueJobs }] = (await db.query(`SELECT count(*)::int AS jobs FROM audit_events WHERE type = 'routing.planned' AND subject = $1`, [`job:${jobId}`])).rows;
    sample();

    console.log('\n## Routing a large job (built API + worker, real Postgres + Redis)\n');
    console.log(
      table(
        ['scenario', 'size', 'seconds', 'rate', 'notes'],
        [
          ['items inserted with SQL (setup, not routing)', `${ITEMS} items`, insertSeconds, `${Math.round(ITEMS / insertSeconds)} items/s`, 'INSERT … SELECT generate_series'],
          ['publish → every slot routed (worker)', `${ITEMS} items × overlap ${OVERLAP}, ${VENDORS} vendors`, routedSeconds, `${Math.round((ITEMS * OVERLAP) / routedSeconds)} slots/s`, `${check.slots} slots, ${check.unrouted} unrouted, ${check.vendors} vendors used, items with two slots at one vendor: ${check.dupes}, routing passes: ${queueJobs}`],
          ['… and GET /jobs/{id} shows the routing', '', viewSeconds, '', `${view.body.status}; ${shown} slots over ${view.body.routing.length} vendors in the view; note: ${view.body.routingNote ?? 'none'}`],
        ],
      ),
    );
    console.log(`\nPeak RSS (MB, sampled every 0.5 s): api ${peak['api']}, worker ${peak['worker']}`);
  } finally {
    clearInterval(sampler);
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
