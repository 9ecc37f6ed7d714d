/**
 * Effective ownership on generated registries with cycles, and conflict evaluation over them.
 *   npm run bench:ownership            (10k and 100k entities; ~3.3 economic stakes per company)
 *   npm run bench:ownership -- --quick (10k only)
 *
 * What is timed:
 * - graph build: OwnershipGraph.build from statement rows already in memory (what
 *   RegistryService.loadGraph hands over after its SQL), i.e. in-force filter, pair resolution,
 *   adjacencies. The SQL fetch itself is not part of it.
 * - effectiveOwners: one subject's full listing (every related party, both bounds, voting,
 *   control, board, agreements, 5 evidence paths each) on the built graph, first call per subject
 *   (nothing cached).
 * - conflict evaluation: LABS labs' policies against VENDORS vendors' effective owners, the
 *   computation of NeutralityService.evaluate without its SQL: ownersForConflictRules (screen +
 *   exact figures for the pairs that can matter) and evaluateConflictRules for every (lab, vendor).
 *   Beside it, the previous way (full effectiveOwners of every vendor) on a few vendors,
 *   extrapolated, with a check that both give the same findings there.
 */
import { ConflictPolicy, DEFAULT_CONFLICT_POLICY, EffectiveOwnerView } from '@quorum/contracts';
import { effectiveOwners, OwnershipGraph, OwnershipNode, OwnershipStatement } from '@quorum/api/registry';
import { ownersForConflictRules } from '../libs/api/neutrality/src/lib/conflict-owners';
import { evaluateConflictRules, Finding } from '../libs/api/neutrality/src/lib/conflict-rules';
import { percentile, rng, table } from './lib/report';

const AS_OF = '2026-11-28';
const LABS = 100;
const VENDORS = 500;

interface Registry {
  nodes: OwnershipNode[];
  statements: OwnershipStatement[];
  economic: number;
  labs: string[];
  vendors: string[];
}

/**
 * Companies get 3 or 4 economic holders (3.33 on average: 300k stakes on 100k entities, people
 * own but are not owned), mostly from "above" (lower index) and 15% from anywhere: that is what
 * makes cycles. Labs and vendors are companies; a few vendors get planted links with labs
 * (stakes, board interlocks, contracts, control) so the conflict rules have work to do.
 */
function generate(entities: number, seed: number): Registry {
  const random = rng(seed);
  const nodes: OwnershipNode[] = Array.from({ length: entities }, (_, i) => ({ id: `e${i}`, name: `Entity ${i}`, kind: i % 10 === 0 ? 'person' : 'company' }));
  const statements: OwnershipStatement[] = [];
  let id = 0;
  const add = (party: number, subject: number, type: OwnershipStatement['type'], share: OwnershipStatement['share']) =>
    statements.push({ id: `s${id++}`, interestedPartyId: `e${party}`, subjectId: `e${subject}`, type, share, startDate: null, endDate: null, details: null });
  for (let subject = 0; subject < entities; subject++) {
    if (subject % 10 === 0) continue; // people own, they are not owned
    let left = 100;
    const holders = subject % 3 === 0 ? 4 : 3;
    for (let k = 0; k < holders && left > 1; k++) {
      let party = random() < 0.85 ? Math.floor(random() * Math.max(1, subject)) : Math.floor(random() * entities);
      if (party === subject) party = (party + 1) % entities;
      const share = Math.min(left, Math.round(random() * 40 * 100) / 100 + 1);
      left -= share;
      const banded = random() < 0.1;
      add(party, subject, 'shareholding', banded ? { minimum: Math.max(0, share - 5), maximum: share } : { exact: share });
    }
  }
  const economic = statements.length;
  const company = () => {
    const i = 1 + Math.floor(random() * (entities - 1));
    return i % 10 === 0 ? i + 1 : i;
  };
  const picked = new Set<number>();
  const pick = (n: number) =>
    Array.from({ length: n }, () => {
      let i = company();
      while (picked.has(i)) i = company();
      picked.add(i);
      return i;
    });
  const labs = pick(Math.min(LABS, Math.floor(entities / 50)));
  const vendors = pick(Math.min(VENDORS, Math.floor(entities / 10)));
  const lab = () => labs[Math.floor(random() * labs.length)];
  vendors.forEach((v, i) => {
    if (i % 12 === 0) add(lab(), v, 'shareholding', { exact: 5 + Math.round(random() * 30) });
    if (i % 40 === 1) {
      const person = 10 * Math.floor(random() * (entities / 10));
      add(person, lab(), 'boardMember', null);
      add(person, v, 'boardMember', null);
    }
    if (i % 50 === 2) add(lab(), v, 'rightsGrantedByContract', null);
    if (i % 100 === 3) add(lab(), v, 'appointmentOfBoard', null);
  });
  return { nodes, statements, economic, labs: labs.map((i) => `e${i}`), vendors: vendors.map((i) => `e${i}`) };
}

function measureOwners(reg: Registry, subjects: number): (string | number)[] {
  const t0 = performance.now();
  const graph = OwnershipGraph.build(reg.nodes, reg.statements, AS_OF);
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  let owners = 0;
  const random = rng(7);
  for (let i = 0; i < subjects; i++) {
    let index = 1 + Math.floor(random() * (reg.nodes.length - 1));
    if (index % 10 === 0) index += 1;
    const start = performance.now();
    owners += effectiveOwners(graph, `e${index}`).length;
    times.push(performance.now() - start);
  }
  return [reg.nodes.length, reg.economic, reg.statements.length, buildMs, percentile(times, 50), percentile(times, 95), Math.round(owners / times.length)];
}

/** Lab i: the default policy, or (every fourth) five named competitors with 25% thresholds. */
function policies(labs: string[]): { policy: ConflictPolicy; competitors: Set<string> }[] {
  return labs.map((self, i) => {
    const policy: ConflictPolicy =
      i % 4 === 0 ? { ...DEFAULT_CONFLICT_POLICY, competitors: [1, 2, 3, 4, 5].map((k) => labs[(i + k) % labs.length]), economicThreshold: 25, votingThreshold: 25 } : DEFAULT_CONFLICT_POLICY;
    const competitors = new Set(policy.competitors === 'all-labs' ? labs : policy.competitors);
    competitors.delete(self);
    return { policy, competitors };
  });
}

function findingsFor(labs: { policy: ConflictPolicy; competitors: Set<string> }[], vendors: string[], ownersOf: (vendor: string) => EffectiveOwnerView[]): string[] {
  const out: string[] = [];
  labs.forEach(({ policy, competitors }, l) => {
    for (const vendor of vendors) {
      const findings: Finding[] = evaluateConflictRules({ policy, policyVersion: 1, competitorIds: competitors, owners: ownersOf(vendor), asOf: AS_OF });
      for (const f of findings) out.push(`${l}|${vendor}|${f.rule}|${f.competitorEntityId}|${f.severity}|${JSON.stringify(f.evidence)}`);
    }
  });
  return out.sort();
}

function measureConflicts(reg: Registry, sample: number): (string | number)[] {
  const graph = OwnershipGraph.build(reg.nodes, reg.statements, AS_OF);
  const labs = policies(reg.labs);
  const allCompetitors = new Set(labs.flatMap((l) => [...l.competitors]));
  const minEconomic = Math.min(...labs.map((l) => l.policy.economicThreshold));

  const t0 = performance.now();
  const owners = ownersForConflictRules(graph, reg.vendors, allCompetitors, minEconomic, 3);
  const ownersMs = performance.now() - t0;
  const findings = findingsFor(labs, reg.vendors, (v) => owners.get(v) ?? []);
  const totalMs = performance.now() - t0;

  // The previous way on the first `sample` vendors: every owner of each vendor, then the rules.
  const few = reg.vendors.slice(0, sample);
  const t1 = performance.now();
  const full = new Map(few.map((v) => [v, effectiveOwners(graph, v, { maxPaths: 3 })]));
  const fullFindings = findingsFor(labs, few, (v) => full.get(v) ?? []);
  const perVendorMs = (performance.now() - t1) / few.length;
  const sampleSet = new Set(few);
  const same = JSON.stringify(fullFindings) === JSON.stringify(findings.filter((f) => sampleSet.has(f.split('|')[1])));

  return [
    `${reg.labs.length} × ${reg.vendors.length}`,
    reg.nodes.length,
    totalMs,
    ownersMs,
    owners.size,
    findings.length,
    `${Math.round((perVendorMs * reg.vendors.length) / 1000)} s (${Math.round(perVendorMs)} ms/vendor over ${few.length})`,
    same ? 'yes' : 'NO',
  ];
}

const quick = process.argv.includes('--quick');
const sizes = quick ? [[10_000, 10]] : [[10_000, 20], [100_000, 10]];
const registries = sizes.map(([entities]) => generate(entities, 42));
const ownerRows = sizes.map(([, subjects], i) => measureOwners(registries[i], subjects));
console.log('\n## Effective ownership (generated registries with cycles)\n');
console.log(table(['entities', 'economic stakes', 'statements', 'graph build ms', 'effectiveOwners p50 ms', 'p95 ms', 'owners per subject'], ownerRows));
const conflictRows = registries.map((reg) => measureConflicts(reg, quick ? 3 : 5));
console.log('\n## Conflict evaluation (every lab policy × every vendor, in memory)\n');
console.log(table(['labs × vendors', 'entities', 'total ms', 'owners ms (screen + exact)', 'vendors with a candidate link', 'findings', 'previous way, extrapolated', 'same findings on the sample'], conflictRows));
console.log(`\nPeak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
