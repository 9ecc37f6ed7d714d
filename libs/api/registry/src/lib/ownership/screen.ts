import { visitRelevant } from './analysis';
import { OwnershipGraph } from './graph';
import { stronglyConnected } from './scc';

/** Gauss–Seidel stop: no value moves more than this (relative to max(1, |z|)); as in economic.ts. */
const TOLERANCE = 1e-12;
const MAX_SWEEPS = 10_000;
const DIVERGED = 1e12;
/** Owners solved side by side: values are kept as n × width doubles. */
const WIDTH = 64;
/** Screening margin (percent): the exact figures come from a different summation order. */
const MARGIN = 1e-6;

/**
 * Which owners can have a conflict-relevant link with which subjects, for many owners and
 * subjects at once (conflict evaluation: every competitor against every vendor). A pair is kept
 * when the owner's integrated economic interest in the subject (upper bound, the walk sum
 * Σ_n (A^n)[owner, subject], solved downstream from the owners) reaches `minEconomicPercent`,
 * or when the owner's control group (with itself) contains a node of R(subject) — the only way
 * to a voting, control, board or agreement link (see analysis.ts). Conservative: an exact
 * figure can only be lower than what kept a pair; a pair left out has no link at all.
 * Returns subject id → owner ids.
 */
export function screenOwners(
  graph: OwnershipGraph,
  ownerIds: Iterable<string>,
  subjectIds: Iterable<string>,
  minEconomicPercent: number,
): Map<string, Set<string>> {
  const owners = [
    ...new Set(
      [...ownerIds].map((id) => graph.indexOf(id)).filter((i) => i >= 0),
    ),
  ];
  const subjects = [
    ...new Set(
      [...subjectIds].map((id) => graph.indexOf(id)).filter((i) => i >= 0),
    ),
  ];
  const out = new Map<string, Set<string>>();
  const keep = (subject: number, owner: number): void => {
    if (owner === subject) return;
    const id = graph.nodes[subject].id;
    let set = out.get(id);
    if (!set) out.set(id, (set = new Set()));
    set.add(graph.nodes[owner].id);
  };

  // Structural links: control groups of the owners meeting R(subject).
  const ctl = graph.control;
  const reachedBy = new Map<number, number[]>();
  const mark = new Int32Array(graph.size).fill(-1);
  for (const owner of owners) {
    const queue = [owner];
    mark[owner] = owner;
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      const list = reachedBy.get(v);
      if (list) list.push(owner);
      else reachedBy.set(v, [owner]);
      for (let j = ctl.out.start[v]; j < ctl.out.start[v + 1]; j++) {
        const w = ctl.to[ctl.out.items[j]];
        if (mark[w] === owner) continue;
        mark[w] = owner;
        queue.push(w);
      }
    }
  }
  for (const subject of subjects)
    visitRelevant(graph, subject, (v) => {
      for (const owner of reachedBy.get(v) ?? []) keep(subject, owner);
    });

  // Economic: integrated interest of each owner in every node downstream, WIDTH owners at a time.
  const threshold = Math.max(0, minEconomicPercent - MARGIN) / 100;
  for (let b0 = 0; b0 < owners.length; b0 += WIDTH) {
    const batch = owners.slice(b0, b0 + WIDTH);
    const z = downstreamInterest(graph, batch);
    for (const subject of subjects)
      for (let b = 0; b < batch.length; b++) {
        const v = z[subject * batch.length + b];
        if (v > 0 && v >= threshold) keep(subject, batch[b]);
      }
  }
  return out;
}

/**
 * z[v·B + b] = Σ over walks owner_b → v of the product of upper-bound shares, i.e. the row of
 * Σ_n A^n for each owner: z(v) = Σ_{w→v} a_wv · (z(w) + [w = owner]). Solved by strongly
 * connected component, sources first; one pass for acyclic parts, Gauss–Seidel inside cycles.
 * Infinity where the sum diverges or does not converge (screening treats it as "keep").
 */
function downstreamInterest(
  graph: OwnershipGraph,
  batch: number[],
): Float64Array {
  const e = graph.econ;
  const n = graph.size;
  const B = batch.length;
  const ownerSlot = new Int32Array(n).fill(-1);
  batch.forEach((owner, b) => (ownerSlot[owner] = b));

  // Nodes downstream of the batch, and the economic graph restricted to them.
  const local = new Int32Array(n).fill(-1);
  const nodes: number[] = [];
  for (const owner of batch) {
    if (local[owner] >= 0) continue;
    local[owner] = nodes.length;
    nodes.push(owner);
  }
  for (let head = 0; head < nodes.length; head++) {
    const v = nodes[head];
    for (let j = e.out.start[v]; j < e.out.start[v + 1]; j++) {
      const w = e.to[e.out.items[j]];
      if (local[w] >= 0) continue;
      local[w] = nodes.length;
      nodes.push(w);
    }
  }
  const size = nodes.length;
  const start = new Int32Array(size + 1);
  const items: number[] = [];
  for (let u = 0; u < size; u++) {
    const v = nodes[u];
    for (let j = e.out.start[v]; j < e.out.start[v + 1]; j++)
      items.push(local[e.to[e.out.items[j]]]);
    start[u + 1] = items.length;
  }
  const comps = stronglyConnected(size, {
    start,
    items: Int32Array.from(items),
  });

  const z = new Float64Array(n * B);
  const acc = new Float64Array(B);
  // Value of member v from its owners' current values.
  const evaluate = (v: number): void => {
    acc.fill(0);
    for (let j = e.in.start[v]; j < e.in.start[v + 1]; j++) {
      const edge = e.in.items[j];
      const w = e.from[edge];
      if (local[w] < 0) continue;
      const a = e.max[edge];
      if (a === 0) continue;
      const base = w * B;
      for (let b = 0; b < B; b++) {
        acc[b] += a * z[base + b];
      }
      const slot = ownerSlot[w];
      if (slot >= 0) acc[slot] += a;
    }
  };

  // Tarjan numbers components sinks first: walk them backwards so owners come before owned.
  for (let c = comps.count - 1; c >= 0; c--) {
    const from = comps.start[c];
    const to = comps.start[c + 1];
    const single = to - from === 1;
    if (single) {
      const u = comps.members[from];
      let selfLoop = false;
      for (let k = start[u]; k < start[u + 1]; k++)
        if (items[k] === u) selfLoop = true;
      if (!selfLoop) {
        const v = nodes[u];
        evaluate(v);
        z.set(acc, v * B);
        continue;
      }
    }
    let done = false;
    for (let sweep = 1; sweep <= MAX_SWEEPS && !done; sweep++) {
      let delta = 0;
      let largest = 0;
      for (let m = from; m < to; m++) {
        const v = nodes[comps.members[m]];
        evaluate(v);
        const base = v * B;
        for (let b = 0; b < B; b++) {
          const change = Math.abs(acc[b] - z[base + b]);
          if (change > delta) delta = change;
          if (acc[b] > largest) largest = acc[b];
          z[base + b] = acc[b];
        }
      }
      if (delta <= TOLERANCE * Math.max(1, largest)) done = true;
      else if (largest > DIVERGED || !Number.isFinite(largest)) break;
    }
    if (!done) {
      // Divergent or unconverged (an iterate from below is no upper bound): keep everything here.
      for (let m = from; m < to; m++)
        z.fill(
          Infinity,
          nodes[comps.members[m]] * B,
          nodes[comps.members[m]] * B + B,
        );
    }
  }
  return z;
}
