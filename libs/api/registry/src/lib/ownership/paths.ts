import { OwnershipPathStep } from '@quorum/contracts';
import { EconomicSolution } from './economic';
import { OwnershipGraph } from './graph';
import { round } from './numbers';

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

  clear(): void {
    this.n = 0;
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
export function bestProductToSubject(
  graph: OwnershipGraph,
  sol: EconomicSolution,
): Float64Array {
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

/** Growable scratch for the partial-path tree, reused across searches to spare the GC. */
class PathTree {
  node = new Int32Array(1024);
  parent = new Int32Array(1024);
  via = new Int32Array(1024);
  prod = new Float64Array(1024);
  size = 0;

  add(node: number, parent: number, via: number, prod: number): number {
    if (this.size === this.node.length) {
      this.node = grow(this.node);
      this.parent = grow(this.parent);
      this.via = grow(this.via);
      const p = new Float64Array(this.prod.length * 2);
      p.set(this.prod);
      this.prod = p;
    }
    const i = this.size++;
    this.node[i] = node;
    this.parent[i] = parent;
    this.via[i] = via;
    this.prod[i] = prod;
    return i;
  }

  onPath(x: number, w: number): boolean {
    for (let y = x; y !== -1; y = this.parent[y])
      if (this.node[y] === w) return true;
    return false;
  }
}

const tree = new PathTree();
const heap = new MaxHeap();

/**
 * The top `k` simple economic paths from `party` to the subject by product of upper-bound
 * shares, best first. Best-first search over partial paths with priority
 * product-so-far × best-possible-rest (an upper bound, since `best` ignores simplicity), so
 * paths complete in descending order of product. Returns economic edge ids per path.
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
  tree.size = 0;
  heap.clear();
  heap.push(best[start], tree.add(party, -1, -1, 1));
  const found: number[][] = [];
  let pops = 0;
  const budget = MAX_POPS_PER_PATH * k;
  while (heap.size > 0 && found.length < k && pops++ < budget) {
    const x = heap.pop();
    const g = tree.node[x];
    if (g === subject && x !== 0) {
      const edges: number[] = [];
      for (let y = x; tree.parent[y] !== -1; y = tree.parent[y])
        edges.push(tree.via[y]);
      found.push(edges.reverse());
      continue;
    }
    const prod = tree.prod[x];
    for (let j = e.out.start[g]; j < e.out.start[g + 1]; j++) {
      const edge = e.out.items[j];
      const w = e.to[edge];
      const lw = sol.local[w];
      if (w !== subject && (lw < 0 || tree.onPath(x, w))) continue;
      const p = prod * e.max[edge];
      heap.push(w === subject ? p : p * best[lw], tree.add(w, x, edge, p));
    }
  }
  return found;
}

/**
 * The top `k` economic walks of every upstream node at once, by product of upper-bound shares:
 * Dijkstra from V over reversed edges where each node is settled up to k times (the j-th best
 * walk of x is x → w + one of w's k best). Walks end at their first arrival at V. A node whose
 * k best walks are all simple paths has exactly its top-k simple paths here (simple paths are
 * walks); the few others are marked inexact and take the per-party search.
 */
export interface PathTable {
  k: number;
  /** Walks found per local node (≤ k). */
  count: Uint8Array;
  /** Entry of the j-th walk of local node u at first[u·k + j]. */
  first: Int32Array;
  /** Walk entries: first economic edge, rest of the walk (entry 0 is V itself). */
  edge: Int32Array;
  next: Int32Array;
  /** 1 when every stored walk of the node is a simple path. */
  exact: Uint8Array;
}

export function pathTable(
  graph: OwnershipGraph,
  sol: EconomicSolution,
  k: number,
  /** Local nodes that matter: stop once each has its k walks (the others stay partial). */
  only?: readonly number[],
): PathTable {
  const e = graph.econ;
  const size = sol.nodes.length;
  const wanted = only ? new Uint8Array(size) : null;
  let left = 0;
  if (wanted && only)
    for (const u of only)
      if (wanted[u] === 0) {
        wanted[u] = 1;
        left++;
      }
  const subject = sol.subject;
  const count = new Uint8Array(size);
  const exact = new Uint8Array(size).fill(1);
  const first = new Int32Array(size * k).fill(-1);
  // Entries: at most k per node, plus V.
  const cap = size * k + 1;
  const node = new Int32Array(cap);
  const edge = new Int32Array(cap);
  const next = new Int32Array(cap);
  const prod = new Float64Array(cap);
  const simple = new Uint8Array(cap);
  node[0] = -1;
  edge[0] = -1;
  next[0] = -1;
  prod[0] = 1;
  simple[0] = 1;
  let entries = 1;
  // Candidates: (node, edge, rest of the walk); product = prod[rest] · max[edge].
  let cNode = new Int32Array(1024);
  let cEdge = new Int32Array(1024);
  let cNext = new Int32Array(1024);
  let candidates = 0;
  const queue = new MaxHeap();
  const relaxInto = (target: number, entry: number): void => {
    for (let j = e.in.start[target]; j < e.in.start[target + 1]; j++) {
      const id = e.in.items[j];
      const from = e.from[id];
      if (from === subject) continue; // paths end at their first arrival at V
      const u = sol.local[from];
      if (u < 0 || count[u] >= k) continue;
      if (candidates === cNode.length) {
        cNode = grow(cNode);
        cEdge = grow(cEdge);
        cNext = grow(cNext);
      }
      cNode[candidates] = u;
      cEdge[candidates] = id;
      cNext[candidates] = entry;
      queue.push(prod[entry] * e.max[id], candidates++);
    }
  };
  relaxInto(subject, 0);
  while (queue.size > 0) {
    const c = queue.pop();
    const u = cNode[c];
    if (count[u] >= k) continue;
    const rest = cNext[c];
    const x = entries++;
    node[x] = u;
    edge[x] = cEdge[c];
    next[x] = rest;
    prod[x] = prod[rest] * e.max[cEdge[c]];
    let isSimple = simple[rest];
    for (let y = rest; isSimple === 1 && y > 0; y = next[y])
      if (node[y] === u) isSimple = 0;
    simple[x] = isSimple;
    if (isSimple === 0) exact[u] = 0;
    first[u * k + count[u]++] = x;
    if (wanted !== null && wanted[u] === 1 && count[u] === k && --left === 0)
      break; // earlier entries never change: what the wanted nodes hold is final
    relaxInto(sol.nodes[u], x);
  }
  return { k, count, first, edge, next: next, exact };
}

/** The walks of a local node in the table as path steps, best first. */
export function stepsFromTable(
  graph: OwnershipGraph,
  table: PathTable,
  u: number,
): OwnershipPathStep[][] {
  const steps = stepCacheOf(graph);
  const out: OwnershipPathStep[][] = [];
  for (let j = 0; j < table.count[u]; j++) {
    const path: OwnershipPathStep[] = [];
    for (let y = table.first[u * table.k + j]; y > 0; y = table.next[y]) {
      const edge = table.edge[y];
      path.push(steps[edge] ?? makeStep(graph, steps, edge));
    }
    out.push(path);
  }
  return out;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const stepCache = new WeakMap<
  OwnershipGraph,
  Array<Readonly<OwnershipPathStep> | undefined>
>();

function stepCacheOf(
  graph: OwnershipGraph,
): Array<Readonly<OwnershipPathStep> | undefined> {
  let steps = stepCache.get(graph);
  if (!steps) {
    steps = new Array<Readonly<OwnershipPathStep> | undefined>(
      graph.econ.count,
    );
    stepCache.set(graph, steps);
  }
  return steps;
}

/**
 * Path step for one economic edge; share is null when no statement publishes a figure.
 * Steps are built once per edge and shared (frozen) between paths and views.
 */
export function economicStep(
  graph: OwnershipGraph,
  edge: number,
): OwnershipPathStep {
  const steps = stepCacheOf(graph);
  return steps[edge] ?? makeStep(graph, steps, edge);
}

function makeStep(
  graph: OwnershipGraph,
  steps: Array<Readonly<OwnershipPathStep> | undefined>,
  edge: number,
): OwnershipPathStep {
  const e = graph.econ;
  const s = graph.statements[e.stmt[edge]];
  const share =
    e.known[edge] === 1
      ? Object.freeze({
          min: round(e.min[edge] * 100),
          max: round(e.max[edge] * 100),
        })
      : null;
  const step = Object.freeze({
    from: graph.nodes[e.from[edge]].id,
    to: graph.nodes[e.to[edge]].id,
    type: s.type,
    share,
    interestId: s.id,
  });
  steps[edge] = step;
  return step;
}
