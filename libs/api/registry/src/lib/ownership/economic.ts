import { OwnershipGraph } from './graph';
import { stronglyConnected } from './scc';

/** Components up to this size are solved exactly (dense elimination); larger ones iterate. */
const DENSE_LIMIT = 96;
/** Gauss–Seidel stops when no value moves more than this (fractions, relative to max(1, |y|)). */
const TOLERANCE = 1e-12;
const MAX_SWEEPS = 10_000;
/** A walk sum this large only comes from a cycle whose weight is ≥ 1 (inconsistent data). */
const DIVERGED = 1e12;
/** Successive Gauss–Seidel steps shrinking by less than this factor count as stalled. */
const STALL_RATIO = 1 - 1e-6;

/**
 * Integrated economic interest of every node upstream of one subject V: the fixed point
 * y_i = a_iV + Σ_k a_ik·y_k (a = direct holding as a fraction), i.e. the sum over all walks
 * i → V of the product of shares. Solved twice: with every holding's lower bound and with its
 * upper bound. Values are fractions; Infinity where the walk sum diverges.
 */
export interface EconomicSolution {
  subject: number;
  /** Local index of each graph node in the upstream subgraph, -1 when it has no walk to V. */
  local: Int32Array;
  /** Graph node of each local index. */
  nodes: Int32Array;
  min: Float64Array;
  max: Float64Array;
  /** 1 when a cycle of the upstream subgraph is reachable from the node. */
  cyclic: Uint8Array;
  /** False when an iteration hit the sweep cap (upper bounds of that component are then Infinity). */
  converged: boolean;
  /** Largest number of Gauss–Seidel sweeps any component needed (0 when all were solved directly). */
  sweeps: number;
}

export function solveEconomic(
  graph: OwnershipGraph,
  subject: number,
): EconomicSolution {
  const e = graph.econ;
  const { local, nodes } = upstreamOf(graph, subject);
  const size = nodes.length;

  // Local adjacency restricted to the upstream subgraph (edges into V count when V is upstream
  // of itself, i.e. lies on a cycle).
  const start = new Int32Array(size + 1);
  for (let u = 0; u < size; u++) {
    const g = nodes[u];
    let deg = 0;
    for (let j = e.out.start[g]; j < e.out.start[g + 1]; j++)
      if (local[e.to[e.out.items[j]]] >= 0) deg++;
    start[u + 1] = start[u] + deg;
  }
  const items = new Int32Array(start[size]);
  const edgeOf = new Int32Array(start[size]);
  for (let u = 0, k = 0; u < size; u++) {
    const g = nodes[u];
    for (let j = e.out.start[g]; j < e.out.start[g + 1]; j++) {
      const edge = e.out.items[j];
      const w = local[e.to[edge]];
      if (w < 0) continue;
      items[k] = w;
      edgeOf[k++] = edge;
    }
  }
  const comps = stronglyConnected(size, { start, items });

  const min = new Float64Array(size);
  const max = new Float64Array(size);
  const cyclic = new Uint8Array(size);
  const compCyclic = new Uint8Array(comps.count);
  const pos = new Int32Array(size).fill(-1);
  let converged = true;
  let sweeps = 0;

  // Most components are one node without a loop: its value is its right-hand side (same sums,
  // same order as below), without the per-component arrays. False when the node holds itself.
  const solveSingle = (u: number): boolean => {
    const g = nodes[u];
    let lo = 0;
    let hi = 0;
    let isCyclic = false;
    for (let j = e.out.start[g]; j < e.out.start[g + 1]; j++) {
      const edge = e.out.items[j];
      if (e.to[edge] !== subject) continue;
      lo += e.min[edge];
      hi += e.max[edge];
    }
    for (let k = start[u]; k < start[u + 1]; k++) {
      const w = items[k];
      if (w === u) return false;
      const edge = edgeOf[k];
      lo += product(e.min[edge], min[w]);
      hi += product(e.max[edge], max[w]);
      if (cyclic[w] === 1) isCyclic = true;
    }
    compCyclic[comps.of[u]] = isCyclic ? 1 : 0;
    min[u] = Number.isFinite(lo) ? lo : Infinity;
    max[u] = Number.isFinite(hi) ? hi : Infinity;
    cyclic[u] = isCyclic ? 1 : 0;
    return true;
  };

  for (let c = 0; c < comps.count; c++) {
    const from = comps.start[c];
    const to = comps.start[c + 1];
    const s = to - from;
    if (s === 1 && solveSingle(comps.members[from])) continue;
    const bLo = new Float64Array(s);
    const bHi = new Float64Array(s);
    // Internal edges of the component as (row, col, edge) triples.
    const rows: number[] = [];
    const cols: number[] = [];
    const ids: number[] = [];
    let isCyclic = s > 1;
    for (let r = 0; r < s; r++) pos[comps.members[from + r]] = r;
    for (let r = 0; r < s; r++) {
      const u = comps.members[from + r];
      const g = nodes[u];
      // Walks that end at their first arrival at V.
      for (let j = e.out.start[g]; j < e.out.start[g + 1]; j++) {
        const edge = e.out.items[j];
        if (e.to[edge] !== subject) continue;
        bLo[r] += e.min[edge];
        bHi[r] += e.max[edge];
      }
      for (let k = start[u]; k < start[u + 1]; k++) {
        const w = items[k];
        const edge = edgeOf[k];
        if (comps.of[w] === c) {
          rows.push(r);
          cols.push(pos[w]);
          ids.push(edge);
          if (w === u) isCyclic = true;
        } else {
          bLo[r] += product(e.min[edge], min[w]);
          bHi[r] += product(e.max[edge], max[w]);
          if (cyclic[w] === 1) isCyclic = true;
        }
      }
    }
    compCyclic[c] = isCyclic ? 1 : 0;
    const lo = solveComponent(s, bLo, rows, cols, ids, e.min);
    const hi = solveComponent(s, bHi, rows, cols, ids, e.max);
    sweeps = Math.max(sweeps, lo.sweeps, hi.sweeps);
    if (!hi.converged) converged = false;
    for (let r = 0; r < s; r++) {
      const u = comps.members[from + r];
      min[u] = lo.y[r];
      // An unconverged iterate undershoots, so it is no upper bound: give up on that bound.
      max[u] = hi.converged ? hi.y[r] : Infinity;
      cyclic[u] = isCyclic ? 1 : 0;
    }
  }
  return { subject, local, nodes, min, max, cyclic, converged, sweeps };
}

/** Integrated economic interests of every party upstream of `subjectId`, unclamped percent. */
export interface IntegratedInterest {
  lower: ReadonlyMap<string, number>;
  upper: ReadonlyMap<string, number>;
  converged: boolean;
  sweeps: number;
}

export function integratedEconomicInterest(
  graph: OwnershipGraph,
  subjectId: string,
): IntegratedInterest {
  const subject = graph.indexOf(subjectId);
  if (subject < 0) throw new RangeError(`unknown entity ${subjectId}`);
  const sol = solveEconomic(graph, subject);
  const lower = new Map<string, number>();
  const upper = new Map<string, number>();
  sol.nodes.forEach((g, u) => {
    lower.set(graph.nodes[g].id, sol.min[u] * 100);
    upper.set(graph.nodes[g].id, sol.max[u] * 100);
  });
  return { lower, upper, converged: sol.converged, sweeps: sol.sweeps };
}

/** Nodes with an economic walk to the subject (reverse BFS over holders). */
function upstreamOf(
  graph: OwnershipGraph,
  subject: number,
): { local: Int32Array; nodes: Int32Array } {
  const e = graph.econ;
  const local = new Int32Array(graph.size).fill(-1);
  const queue = new Int32Array(graph.size);
  let head = 0;
  let tail = 0;
  const visit = (v: number): void => {
    if (local[v] >= 0) return;
    local[v] = tail;
    queue[tail++] = v;
  };
  for (let j = e.in.start[subject]; j < e.in.start[subject + 1]; j++)
    visit(e.from[e.in.items[j]]);
  while (head < tail) {
    const v = queue[head++];
    for (let j = e.in.start[v]; j < e.in.start[v + 1]; j++)
      visit(e.from[e.in.items[j]]);
  }
  return { local, nodes: queue.slice(0, tail) };
}

interface ComponentResult {
  y: Float64Array;
  converged: boolean;
  sweeps: number;
}

/** Solves y = b + A·y on one strongly connected component (A given as triples). */
function solveComponent(
  s: number,
  b: Float64Array,
  rows: number[],
  cols: number[],
  ids: number[],
  weight: Float64Array,
): ComponentResult {
  const y = new Float64Array(s);
  // A component fed by a divergent one diverges too (every member reaches every other).
  if (b.some((v) => !Number.isFinite(v)))
    return { y: y.fill(Infinity), converged: true, sweeps: 0 };
  if (rows.length === 0) return { y: b.slice(), converged: true, sweeps: 0 };
  if (s <= DENSE_LIMIT) {
    const exact = solveDense(s, b, rows, cols, ids, weight);
    return { y: exact ?? y.fill(Infinity), converged: true, sweeps: 0 };
  }
  return gaussSeidel(s, b, rows, cols, ids, weight);
}

/**
 * Exact solve of (I − A)·y = b by elimination with partial pivoting. For a non-negative
 * irreducible A and b ≥ 0, b ≠ 0, a non-negative solution exists iff the walk sum converges
 * (spectral radius < 1, Perron–Frobenius), so a negative or singular result means divergence:
 * returns null.
 */
function solveDense(
  s: number,
  b: Float64Array,
  rows: number[],
  cols: number[],
  ids: number[],
  weight: Float64Array,
): Float64Array | null {
  const m = new Float64Array(s * s);
  for (let i = 0; i < s; i++) m[i * s + i] = 1;
  for (let k = 0; k < rows.length; k++)
    m[rows[k] * s + cols[k]] -= weight[ids[k]];
  const x = b.slice();
  for (let col = 0; col < s; col++) {
    let pivot = col;
    for (let r = col + 1; r < s; r++)
      if (Math.abs(m[r * s + col]) > Math.abs(m[pivot * s + col])) pivot = r;
    if (Math.abs(m[pivot * s + col]) < 1e-14) return null;
    if (pivot !== col) {
      for (let k = 0; k < s; k++) {
        const t = m[col * s + k];
        m[col * s + k] = m[pivot * s + k];
        m[pivot * s + k] = t;
      }
      const t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
    }
    const d = m[col * s + col];
    for (let r = col + 1; r < s; r++) {
      const f = m[r * s + col] / d;
      if (f === 0) continue;
      for (let k = col; k < s; k++) m[r * s + k] -= f * m[col * s + k];
      x[r] -= f * x[col];
    }
  }
  for (let r = s - 1; r >= 0; r--) {
    let acc = x[r];
    for (let k = r + 1; k < s; k++) acc -= m[r * s + k] * x[k];
    x[r] = acc / m[r * s + r];
  }
  for (let r = 0; r < s; r++) {
    if (!Number.isFinite(x[r]) || x[r] < -1e-9) return null;
    if (x[r] < 0) x[r] = 0; // rounding noise around an exact zero
  }
  return x;
}

/**
 * Gauss–Seidel from 0. With non-negative coefficients the iterates rise monotonically to the
 * least fixed point, so even an unconverged iterate is a valid lower bound.
 */
function gaussSeidel(
  s: number,
  b: Float64Array,
  rows: number[],
  cols: number[],
  ids: number[],
  weight: Float64Array,
): ComponentResult {
  // Row-wise adjacency of the internal edges.
  const start = new Int32Array(s + 1);
  for (const r of rows) start[r + 1]++;
  for (let r = 0; r < s; r++) start[r + 1] += start[r];
  const fill = start.slice(0, s);
  const col = new Int32Array(rows.length);
  const coef = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const at = fill[rows[k]]++;
    col[at] = cols[k];
    coef[at] = weight[ids[k]];
  }
  const y = new Float64Array(s);
  let previous = Infinity;
  let stalled = 0;
  for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
    let delta = 0;
    let largest = 0;
    for (let r = 0; r < s; r++) {
      let acc = b[r];
      for (let k = start[r]; k < start[r + 1]; k++) acc += coef[k] * y[col[k]];
      const change = Math.abs(acc - y[r]);
      if (change > delta) delta = change;
      if (acc > largest) largest = acc;
      y[r] = acc;
    }
    if (delta <= TOLERANCE * Math.max(1, largest)) {
      return { y, converged: true, sweeps: sweep };
    }
    // Steps that stop shrinking mean a spectral radius of (about) 1 or more: the walk sum
    // diverges, or would need millions of sweeps and amplify by a million.
    stalled = delta >= previous * STALL_RATIO ? stalled + 1 : 0;
    previous = delta;
    if (largest > DIVERGED || (sweep > 100 && stalled >= 50)) {
      return { y: y.fill(Infinity), converged: true, sweeps: sweep };
    }
  }
  return { y, converged: false, sweeps: MAX_SWEEPS };
}

/** a·y where a zero share stops a divergent (Infinity) value instead of giving NaN. */
function product(a: number, y: number): number {
  return a === 0 ? 0 : a * y;
}
