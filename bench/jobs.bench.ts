/**
 * Item import and routing through the real stack: stream N JSON Lines items into a job over HTTP,
 * then publish and time the worker's routing until every slot is placed.
 *   ITEMS=1000000 npm run bench:jobs      (default 200,000 items; overlap 3; 20 vendors)
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { table } from './lib/report';
import { api, startStack } from './lib/stack';

const ITEMS = Number(process.env['ITEMS'] ?? 200_000);
const ROUTE_ITEMS = Number(process.env['ROUTE_ITEMS'] ?? 100_000);
const VENDORS = Number(process.env['VENDORS'] ?? 20);

async function main(): Promise<void> {
  const stack = await startStack(3491);
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
    for (let i = 0; i < VENDORS; i++) {
      const vendor = await register('vendor');
      await api(base, 'PUT', '/vendor/profile', { skills: ['classification'], languages: ['qu'], capacityPerHour: 100 + i * 50, prices: { classification: 0.02 + (i % 5) * 0.005 } }, vendor.token);
    }
    const createJob = async () =>
      (await api<{ id: string }>(base, 'POST', '/jobs', { title: 'bench', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b', 'c'] }, overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.05, languages: ['qu'] }, lab.token)).body.id;

    // Import: the body is generated on the fly and streamed (never built in memory).
    const importJob = await createJob();
    const line = (i: number) => `{"externalId":"item-${i}","data":{"text":"customer message number ${i} about a card payment that did not go through"}}\n`;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= ITEMS) return controller.close();
        let chunk = '';
        for (let k = 0; k < 2000 && sent < ITEMS; k++) chunk += line(sent++);
        controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const importStart = performance.now();
    const res = await fetch(`${base}/api/v1/jobs/${importJob}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lab.token}`, 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    } as RequestInit);
    const report = (await res.json()) as { accepted: number; rejected: number };
    const importSeconds = (performance.now() - importStart) / 1000;
    const rssAfterImport = stack.rss();

    // Routing: a separate job of ROUTE_ITEMS items (inserted directly; the import is measured above).
    const routeJob = await createJob();
    await db.query(`INSERT INTO items (job_id, external_id, data) SELECT $1, 'r-' || g, jsonb_build_object('text', 'message ' || g) FROM generate_series(1, $2::int) g`, [routeJob, ROUTE_ITEMS]);
    const routeStart = performance.now();
    await api(base, 'POST', `/jobs/${routeJob}/publish`, {}, lab.token);
    for (;;) {
      const [{ placed }] = (await db.query(`SELECT count(*) FILTER (WHERE vendor_org_id IS NOT NULL)::int AS placed FROM slots WHERE job_id = $1`, [routeJob])).rows;
      if (placed === ROUTE_ITEMS * 3) break;
      if (performance.now() - routeStart > 600_000) throw new Error('routing did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
    const routeSeconds = (performance.now() - routeStart) / 1000;
    const [{ dupes }] = (await db.query(`SELECT count(*)::int AS dupes FROM (SELECT 1 FROM slots WHERE job_id = $1 GROUP BY item_id, vendor_org_id HAVING count(*) > 1) d`, [routeJob])).rows;

    console.log('\n## Item import and routing (built API + worker, real Postgres + Redis)\n');
    console.log(
      table(
        ['scenario', 'size', 'seconds', 'rate', 'notes'],
        [
          ['POST /jobs/{id}/items (JSON Lines, streamed)', `${ITEMS} lines`, importSeconds, `${Math.round(report.accepted / importSeconds)} items/s`, `accepted ${report.accepted}, rejected ${report.rejected}`],
          ['publish → every slot routed (worker)', `${ROUTE_ITEMS} items × overlap 3, ${VENDORS} vendors`, routeSeconds, `${Math.round((ROUTE_ITEMS * 3) / routeSeconds)} slots/s`, `items with two slots at one vendor: ${dupes}`],
        ],
      ),
    );
    console.log(`\nRSS after import (MB): ${JSON.stringify(rssAfterImport)}; after routing: ${JSON.stringify(stack.rss())}`);
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
