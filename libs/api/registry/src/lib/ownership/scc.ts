import { Adjacency } from './graph';

/** Strongly connected components, numbered sinks first (reverse topological order). */
export interface Components {
  count: number;
  /** Component of each node. */
  of: Int32Array;
  /** Members of component c are members[start[c] .. start[c+1]). */
  start: Int32Array;
  members: Int32Array;
}

/**
 * Tarjan's algorithm, iterative so that long chains cannot overflow the call stack.
 * `adj` is over local node ids 0..n-1. Tarjan closes components sinks first, which is the
 * order in which "value of a node = f(values of its successors)" can be solved.
 */
export function stronglyConnected(n: number, adj: Adjacency): Components {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const of = new Int32Array(n).fill(-1);
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let cp = 0;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[cp] = root;
    callEdge[cp++] = adj.start[root];
    while (cp > 0) {
      const v = callNode[cp - 1];
      const e = callEdge[cp - 1];
      if (e < adj.start[v + 1]) {
        callEdge[cp - 1] = e + 1;
        const w = adj.items[e];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp++] = adj.start[w];
        } else if (onStack[w] === 1 && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
      if (cp > 0) {
        const u = callNode[cp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  const start = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) start[of[v] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[fill[of[v]]++] = v;
  return { count, of, start, members };
}
