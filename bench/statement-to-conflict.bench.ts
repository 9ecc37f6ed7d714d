/**
 * Time from a registry statement (POST /interests answered) to the conflict it causes being
 * visible in GET /conflicts, through the real API, outbox, BullMQ and worker. Target: 1 s.
 *   npm run bench:neutrality
 */
import { randomBytes } from 'node:crypto';
import { percentile, table } from './lib/report';
import { api, startStack } from './lib/stack';

const ROUNDS = Number(process.env['ROUNDS'] ?? 20);
const TARGET_MS = 1000;

async function main(): Promise<void> {
  const stack = await startStack();
  try {
    const base = stack.baseUrl;
    const admin = (await api<{ accessToken: string }>(base, 'POST', '/auth/login', { email: 'admin@quorum.local', password: stack.adminPassword })).body.accessToken;
    const register = async (kind: 'lab' | 'vendor') => {
      const id = randomBytes(4).toString('hex');
      const res = await api<{ org: { id: string; entityId: string }; accessToken: string }>(base, 'POST', '/auth/register', { email: `${kind}-${id}@bench.test`, password: 'bench-password-1', displayName: 'Bench', orgName: `Bench ${kind} ${id}`, orgKind: kind });
      return { orgId: res.body.org.id, entityId: res.body.org.entityId, token: res.body.accessToken };
    };
    const buyer = await register('lab');
    const rival = await register('lab');
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const vendor = await register('vendor');
      const started = performance.now();
      const recorded = await api(base, 'POST', '/interests', { interestedPartyId: rival.entityId, subjectId: vendor.entityId, type: 'shareholding', share: { exact: 30 }, source: { description: 'bench' } }, admin);
      if (recorded.status !== 201) throw new Error(`record failed: ${recorded.status} ${JSON.stringify(recorded.body)}`);
      for (;;) {
        const res = await api<{ items: unknown[] }>(base, 'GET', `/conflicts?labOrgId=${buyer.orgId}&vendorOrgId=${vendor.orgId}&status=open`, undefined, buyer.token);
        if (res.body.items.length) break;
        if (performance.now() - started > 30_000) throw new Error('conflict never appeared');
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(performance.now() - started);
    }
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log('\n## Statement → conflict visible (API → outbox → BullMQ → worker → GET /conflicts)\n');
    console.log(table(['rounds', 'p50 ms', 'p95 ms', 'max ms', 'target ms', 'p95 / target'], [[ROUNDS, p50, p95, Math.max(...latencies), TARGET_MS, p95 / TARGET_MS]]));
    console.log(`\nRSS after the run (MB): ${JSON.stringify(stack.rss())}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
