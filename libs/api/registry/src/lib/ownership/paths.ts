import { OwnershipPathStep } from '@quorum/contracts';
import { EconomicSolution } from './economic';
import { OwnershipGraph } from './graph';

/** Search budget per party: heap pops before the best-first search gives up on more paths. */
const MAX_POPS_PER_PATH = 200;

/** Binary max-heap of (priority, value) on growable typed arrays. */
export class MaxHeap {
  private prio = new Float64Array(64);
  private val = new Int32Array(64);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(priority: number, value: number): void {
    if (this.n === this.prio.length) {
      const p = new Float64Array(this.n * 2);
      p.set(this.prio);
      this.prio = p;
      const v = new Int32Array(this.n * 2);
      v.set(this.val);
      this.val = v;
    }
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.prio[parent] >= priority) break;
      this.prio[i] = this.prio[parent];
      this.val[i] = this.val[parent];
      i = parent;
    }
    this.prio[i] = priority;
    this.val[i] = value;
  }

  /** Priority of the top entry (call only when size > 0). */
  topPriority(): number {
    return this.prio[0];
  }

  pop(): number {
    const top = this.val[0];
    const last = --this.n;
    const p = this.prio[last];
    const v = this.val[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.prio[r] > this.prio[l] ? r : l;
      if (this.prio[c] <= p) break;
      this.prio[i] = this.prio[c];
      this.val[i] = this.val[c];
      i = c;
    }
    this.prio[i] = p;
    this.val[i] = v;
    return top;
  }
}

/**
 * Best product of upper-bound shares from each upstream node to the subject (local index).
 * Shares are ≤ 1, so the best walk is a simple path and Dijkstra on products is exact.
 * This is the admissible heuristic that makes the per-party path search cheap.
 */
export function bestProductToSubject(graph: OwnershipGraph, sol: EconomicSolution): Float64Array {
  const e = graph.econ;
  const best = new Float64Array(sol.nodes.length).fill(-1);
  const done = new Uint8Array(sol.nodes.length);
  const heap = new MaxHeap();
  const relaxInto = (target: number, value: number): void => {
    for (let j = e.in.start[target]; j < e.in.start[target + 1]; j++) {
      const edge = e.in.items[j];
      const u = sol.local[e.from[edge]];
      const p = value * e.max[edge];
      if (u >= 0 && p > best[u]) {
        best[u] = p;
        heap.push(p, u);
      }
    }
  };
  relaxInto(sol.subject, 1);
  while (heap.size > 0) {
    const u = heap.pop();
    if (done[u] === 1) continue;
    done[u] = 1;
    if (sol.nodes[u] === sol.subject) continue; // paths end at their first arrival at V
    relaxInto(sol.nodes[u], best[u]);
  }
  for (let u = 0; u < best.length; u++) if (best[u] < 0) best[u] = 0;
  return best;
}

/**
 * The top `k` simple economic paths from `party` to the subject by product of upper-bound
 * shares, best first. Best-first search over partial paths with priority
 * product-so-far × best-possible-rest, so paths complete in descending order of product.
 * Returns economic edge ids per path.
 */
export function topEconomicPaths(
  graph: OwnershipGraph,
  sol: EconomicSolution,
  best: Float64Array,
  party: number,
  k: number,
): number[][] {
  const start = sol.local[party];
  if (k <= 0 || start < 0) return [];
  const e = graph.econ;
  const subject = sol.subject;
  // Partial paths as a parent-linked tree of entries.
  const node: number[] = [party];
  const prod: number[] = [1];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  const heap = new MaxHeap();
  heap.push(best[start], 0);
  const found: number[][] = [];
  let pops = 0;
  const budget = MAX_POPS_PER_PATH * k;
  while (heap.size > 0 && found.length < k && pops++ < budget) {
    const x = heap.pop();
    const g = node[x];
    if (g === subject && x !== 0) {
      const edges: number[] = [];
      for (let y = x; parent[y] !== -1; y = parent[y]) edges.push(via[y]);
      found.push(edges.reverse());
      continue;
    }
    for (let j = e.out.start[g]; j < e.out.start[g + 1]; j++) {
      const edge = e.out.items[j];
      const w = e.to[edge];
      const lw = sol.local[w];
      if (w !== subject && lw < 0) continue;
      if (w !== subject && onPath(node, parent, x, w)) continue;
      const p = prod[x] * e.max[edge];
      node.push(w);
      prod.push(p);
      parent.push(x);
      via.push(edge);
      heap.push(w === subject ? p : p * best[lw], node.length - 1);
    }
  }
  return found;
}

function onPath(node: number[], parent: number[], x: number, w: number): boolean {
  for (let y = x; y !== -1; y = parent[y]) if (node[y] === w) return true;
  return false;
}

/** Path step for one economic edge; share is null when no statement publishes a figure. */
export function economicStep(graph: OwnershipGraph, edge: number, round: (v: number) => number): OwnershipPathStep {
  const e = graph.econ;
  const s = graph.statements[e.stmt[edge]];
  return {
    from: graph.nodes[e.from[edge]].id,
    to: graph.nodes[e.to[edge]].id,
    type: s.type,
    share: e.known[edge] === 1 ? { min: round(e.min[edge] * 100), max: round(e.max[edge] * 100) } : null,
    interestId: s.id,
  };
}
