import { INTEREST_CATEGORY, InterestCategory } from '@quorum/contracts';
import { EconomicSolution, solveEconomic } from './economic';
import { isBoardRole, OwnershipGraph } from './graph';
import { bestProductToSubject, PathTable, pathTable } from './paths';
import { stronglyConnected } from './scc';

/** Statement categories that make a party "related" to a subject. */
const LINK_CATEGORIES: ReadonlySet<InterestCategory> =
  new Set<InterestCategory>(['economic', 'voting', 'board', 'contract']);

/**
 * Everything about one subject V that is shared by all parties: the economic solve, and the
 * control closure towards the nodes that matter for V's voting, board and agreements.
 *
 * Control attribution only needs G*(p) ∩ R, where R ("relevant") holds V itself, every node
 * with a direct link to V, the entities where V's board persons also sit (interlocks), and the
 * controllers of corporate board members. G*(p) ∩ R is computed for all p at once as a bitset
 * over R, propagated over the control graph's components sinks first.
 */
export interface SubjectAnalysis {
  subject: number;
  economic: EconomicSolution;
  /** Best upper-bound product from each upstream node to V (path-search heuristic). */
  bestProduct: Float64Array;
  /** Top-k economic walks of every upstream node, built on first use per k. */
  paths(k: number): PathTable;
  /** Bit of each graph node in R, -1 outside R. */
  relevantBit: Int32Array;
  relevantNodes: Int32Array;
  /** Words per bitset. */
  words: number;
  /** Bitset of G*(p) ∪ {p} restricted to R, for nodes in the control closure of R; else null. */
  membersOf(node: number): Uint32Array | null;
  /** 1 when the node controls (transitively) an economic owner of V but has no economic walk itself. */
  controlsEconomicOwner: Uint8Array;
  /** Shortest control chain towards a target: next control edge, -1 at a target, -2 unreachable. */
  chainNext: Int32Array;
  /** Board-role statements with subject V. */
  boardStatements: number[];
  /** Contract statements between V and anyone, either direction. */
  contractStatements: number[];
}

/** Analyses kept per graph: up to 32, fewer on big graphs (each holds a few arrays of graph size). */
const cacheSizeFor = (nodes: number): number =>
  Math.max(1, Math.min(32, Math.floor(2_000_000 / Math.max(1, nodes))));
const cache = new WeakMap<OwnershipGraph, Map<number, SubjectAnalysis>>();

/** Per-graph memo: the graph is immutable, so an analysis never goes stale. */
export function analyseSubject(
  graph: OwnershipGraph,
  subject: number,
): SubjectAnalysis {
  let perGraph = cache.get(graph);
  if (!perGraph) {
    perGraph = new Map();
    cache.set(graph, perGraph);
  }
  const hit = perGraph.get(subject);
  if (hit) return hit;
  const analysis = computeAnalysis(graph, subject);
  if (perGraph.size >= cacheSizeFor(graph.size)) {
    const oldest = perGraph.keys().next();
    if (!oldest.done) perGraph.delete(oldest.value);
  }
  perGraph.set(subject, analysis);
  return analysis;
}

export function hasBit(bits: Uint32Array, bit: number): boolean {
  return bit >= 0 && (bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
}

function computeAnalysis(
  graph: OwnershipGraph,
  subject: number,
): SubjectAnalysis {
  const economic = solveEconomic(graph, subject);
  const bestProduct = bestProductToSubject(graph, economic);
  const n = graph.size;
  const ctl = graph.control;

  // --- R: the nodes whose membership in a party's control group matters for V.
  const relevantBit = new Int32Array(n).fill(-1);
  const relevant: number[] = [];
  const addRelevant = (v: number): void => {
    if (relevantBit[v] >= 0) return;
    relevantBit[v] = relevant.length;
    relevant.push(v);
  };
  // Nodes from which a chain ends: V, direct links, interlock entities, economic owners.
  const isTarget = new Uint8Array(n);
  const { boardStatements, contractStatements } = visitRelevant(
    graph,
    subject,
    (v, target) => {
      addRelevant(v);
      if (target) isTarget[v] = 1;
    },
  );
  const words = Math.max(1, Math.ceil(relevant.length / 32));

  // --- Control closure of R (every node with a control chain into R), sinks-first bitsets.
  const closureLocal = new Int32Array(n).fill(-1);
  const closure = reverseControlBfs(graph, relevant, closureLocal);
  const cStart = new Int32Array(closure.length + 1);
  const cItems: number[] = [];
  for (let u = 0; u < closure.length; u++) {
    const g = closure[u];
    for (let j = ctl.out.start[g]; j < ctl.out.start[g + 1]; j++) {
      const w = closureLocal[ctl.to[ctl.out.items[j]]];
      if (w >= 0) cItems.push(w);
    }
    cStart[u + 1] = cItems.length;
  }
  const comps = stronglyConnected(closure.length, {
    start: cStart,
    items: Int32Array.from(cItems),
  });
  const bits = new Uint32Array(comps.count * words);
  for (let c = 0; c < comps.count; c++) {
    const base = c * words;
    for (let m = comps.start[c]; m < comps.start[c + 1]; m++) {
      const u = comps.members[m];
      const bit = relevantBit[closure[u]];
      if (bit >= 0) bits[base + (bit >>> 5)] |= 1 << (bit & 31);
      for (let k = cStart[u]; k < cStart[u + 1]; k++) {
        const d = comps.of[cItems[k]];
        if (d === c) continue;
        const other = d * words;
        for (let w = 0; w < words; w++) bits[base + w] |= bits[other + w];
      }
    }
  }
  const membersOf = (node: number): Uint32Array | null => {
    const u = closureLocal[node];
    if (u < 0) return null;
    const c = comps.of[u];
    return bits.subarray(c * words, (c + 1) * words);
  };

  // --- Parties that control an economic owner of V without an economic walk of their own.
  const economicOwners: number[] = [];
  economic.nodes.forEach((g, u) => {
    if (g !== subject && economic.max[u] > 0) economicOwners.push(g);
  });
  const ownerReach = new Int32Array(n).fill(-1);
  reverseControlBfs(graph, economicOwners, ownerReach);
  const controlsEconomicOwner = new Uint8Array(n);
  for (let g = 0; g < n; g++)
    if (ownerReach[g] >= 0 && economic.local[g] < 0)
      controlsEconomicOwner[g] = 1;

  // --- Shortest control chains to a target (multi-source BFS on reversed control edges).
  for (const g of economicOwners) isTarget[g] = 1;
  const chainNext = new Int32Array(n).fill(-2);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let g = 0; g < n; g++) {
    if (isTarget[g] === 1) {
      chainNext[g] = -1;
      queue[tail++] = g;
    }
  }
  while (head < tail) {
    const v = queue[head++];
    for (let j = ctl.in.start[v]; j < ctl.in.start[v + 1]; j++) {
      const edge = ctl.in.items[j];
      const u = ctl.from[edge];
      if (chainNext[u] !== -2) continue;
      chainNext[u] = edge;
      queue[tail++] = u;
    }
  }

  const tables = new Map<number, PathTable>();
  const paths = (k: number): PathTable => {
    let table = tables.get(k);
    if (!table) {
      table = pathTable(graph, economic, k);
      tables.set(k, table);
    }
    return table;
  };

  return {
    subject,
    economic,
    bestProduct,
    paths,
    relevantBit,
    relevantNodes: Int32Array.from(relevant),
    words,
    membersOf,
    controlsEconomicOwner,
    chainNext,
    boardStatements,
    contractStatements,
  };
}

/**
 * Visits R for subject V: V itself, every party with a direct link to V, the entities where V's
 * board persons also sit (interlocks), and the controllers of corporate board members. `target`
 * is true for nodes where a control chain ends (all but the controllers). A party whose control
 * group (with itself) misses R has no voting, board, control or agreement link to V.
 */
export function visitRelevant(
  graph: OwnershipGraph,
  subject: number,
  visit: (v: number, target: boolean) => void,
): { boardStatements: number[]; contractStatements: number[] } {
  const ctl = graph.control;
  const boardStatements: number[] = [];
  const contractStatements: number[] = [];
  visit(subject, true);
  for (
    let j = graph.bySubject.start[subject];
    j < graph.bySubject.start[subject + 1];
    j++
  ) {
    const i = graph.bySubject.items[j];
    const type = graph.statements[i].type;
    const party = graph.stmtParty[i];
    if (!LINK_CATEGORIES.has(INTEREST_CATEGORY[type]) || party === subject)
      continue;
    visit(party, true);
    if (isBoardRole(type)) boardStatements.push(i);
    if (INTEREST_CATEGORY[type] === 'contract') contractStatements.push(i);
  }
  for (
    let j = graph.byParty.start[subject];
    j < graph.byParty.start[subject + 1];
    j++
  ) {
    const i = graph.byParty.items[j];
    const counterparty = graph.stmtSubject[i];
    if (
      INTEREST_CATEGORY[graph.statements[i].type] !== 'contract' ||
      counterparty === subject
    )
      continue;
    visit(counterparty, true);
    contractStatements.push(i);
  }
  for (const i of boardStatements) {
    const holder = graph.stmtParty[i];
    if (graph.nodes[holder].kind === 'person') {
      // Interlock: entities where this person is also an officer or director.
      for (
        let j = graph.byParty.start[holder];
        j < graph.byParty.start[holder + 1];
        j++
      ) {
        const r = graph.byParty.items[j];
        if (!isBoardRole(graph.statements[r].type)) continue;
        visit(graph.stmtSubject[r], true);
      }
    } else {
      // Corporate director: its controllers are needed to say how it joins a group.
      for (let j = ctl.in.start[holder]; j < ctl.in.start[holder + 1]; j++)
        visit(ctl.from[ctl.in.items[j]], false);
    }
  }
  return { boardStatements, contractStatements };
}

/** Nodes with a control chain (≥ 0 steps) into `seeds`; fills `local` and returns the nodes. */
function reverseControlBfs(
  graph: OwnershipGraph,
  seeds: readonly number[],
  local: Int32Array,
): number[] {
  const ctl = graph.control;
  const nodes: number[] = [];
  const visit = (v: number): void => {
    if (local[v] >= 0) return;
    local[v] = nodes.length;
    nodes.push(v);
  };
  for (const s of seeds) visit(s);
  for (let head = 0; head < nodes.length; head++) {
    const v = nodes[head];
    for (let j = ctl.in.start[v]; j < ctl.in.start[v + 1]; j++)
      visit(ctl.from[ctl.in.items[j]]);
  }
  return nodes;
}
