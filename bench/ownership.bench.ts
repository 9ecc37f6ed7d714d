/**
 * Effective ownership on generated registries with cycles: graph build time and effectiveOwners
 * per subject (every upstream party, both bounds, 5 evidence paths each).
 *   npm run bench:ownership
 */
import { effectiveOwners, OwnershipGraph, OwnershipNode, OwnershipStatement } from '@quorum/api/registry';
import { percentile, rng, table } from './lib/report';

function generate(entities: number, edgesPerEntity: number, seed: number): { nodes: OwnershipNode[]; statements: OwnershipStatement[] } {
  const random = rng(seed);
  const nodes: OwnershipNode[] = Array.from({ length: entities }, (_, i) => ({ id: `e${i}`, name: `Entity ${i}`, kind: i % 10 === 0 ? 'person' : 'company' }));
  const statements: OwnershipStatement[] = [];
  let id = 0;
  for (let subject = 0; subject < entities; subject++) {
    if (subject % 10 === 0) continue; // people own, they are not owned
    let left = 100;
    for (let k = 0; k < edgesPerEntity && left > 1; k++) {
      // Mostly owners "above" (lower index), sometimes below: that is what makes cycles.
      const party = random() < 0.85 ? Math.floor(random() * Math.max(1, subject)) : Math.floor(random() * entities);
      if (party === subject) continue;
      const share = Math.min(left, Math.round(random() * 45 * 100) / 100 + 1);
      left -= share;
      const banded = random() < 0.1;
      statements.push({
        id: `s${id++}`,
        interestedPartyId: `e${party}`,
        subjectId: `e${subject}`,
        type: 'shareholding',
        share: banded ? { minimum: Math.max(0, share - 5), maximum: share } : { exact: share },
        startDate: null,
        endDate: null,
        details: null,
      });
    }
  }
  return { nodes, statements };
}

function measure(entities: number, edgesPerEntity: number, subjects: number): (string | number)[] {
  const { nodes, statements } = generate(entities, edgesPerEntity, 42);
  const t0 = performance.now();
  const graph = OwnershipGraph.build(nodes, statements, '2026-11-28');
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  let owners = 0;
  const random = rng(7);
  for (let i = 0; i < subjects; i++) {
    let index = 1 + Math.floor(random() * (entities - 1));
    if (index % 10 === 0) index += 1;
    const start = performance.now();
    owners += effectiveOwners(graph, `e${index}`).length;
    times.push(performance.now() - start);
  }
  return [entities, statements.length, buildMs, percentile(times, 50), percentile(times, 95), Math.round(owners / times.length)];
}

const sizes = process.argv.includes('--quick') ? [[10_000, 3, 10]] : [[10_000, 3, 20], [100_000, 3, 10]];
const rows = sizes.map(([entities, edges, subjects]) => measure(entities, edges, subjects));
console.log('\n## Effective ownership (generated registries with cycles)\n');
console.log(table(['entities', 'statements', 'graph build ms', 'effectiveOwners p50 ms', 'p95 ms', 'owners per subject'], rows));
console.log(`\nPeak RSS: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
