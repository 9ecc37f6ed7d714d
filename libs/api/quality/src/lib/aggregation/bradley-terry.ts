// Module-level aliases: cheaper than a global lookup per call inside Jest's VM context.
const { abs, exp, log, max, min, sqrt } = Math;

/** One pairwise outcome: `winner` was preferred to `loser` (weight 1 by default). */
export interface Comparison {
  winner: string;
  loser: string;
  /** Non-negative; a tie can be entered as two comparisons of weight 0.5, one each way. */
  weight?: number;
}

export interface BradleyTerryOptions {
  /** Evaluations of the MM map at most (default 1000). */
  maxIterations?: number;
  /** Stop when one MM round moves no log-strength by more than this (default 1e-9). */
  tolerance?: number;
  /**
   * Pseudo-comparisons against a fixed reference of strength 1: every id wins `prior` and loses
   * `prior` against it (default 0.1). Keeps every strength finite and positive — an id that never
   * loses (perfect separation) or a component not connected to the others — and pins the scale.
   */
  prior?: number;
}

export interface BradleyTerryFit {
  /** Strength per id, normalised to sum to 1: P(i beats j) = s_i / (s_i + s_j). */
  scores: Map<string, number>;
  /** ln of the strength relative to the reference (0 = as strong as the prior's reference). */
  logStrengths: Map<string, number>;
  /** Evaluations of the MM map. */
  iterations: number;
  converged: boolean;
}

/**
 * Bradley–Terry, maximum a posteriori, by Hunter's (2004) MM algorithm: s_i ← W_i / Σ_j n_ij / (s_i + s_j)
 * for all ids at once, with the reference prior in both sums, in log-strengths. Two accelerations
 * keep it to tens of rounds where plain MM needs thousands (perfect separation, a small prior, a
 * million comparisons): after each MM round every connected component is shifted to its optimal
 * level (the likelihood is blind to a component's level, only the weak prior pins it, which plain MM
 * finds very slowly), and SQUAREM extrapolation (Varadhan & Roland 2008, scheme S3, kept only when
 * the objective improves). Both are ascent steps, so the fit still climbs monotonically.
 *
 * Comparisons are first collapsed into per-pair totals, so a round costs O(distinct pairs + ids)
 * however many comparisons there are. Ids keep the order of their first appearance. Self-comparisons
 * and non-positive weights are ignored.
 */
export function bradleyTerryFit(
  comparisons: readonly Comparison[],
  opts: BradleyTerryOptions = {},
): BradleyTerryFit {
  const maxIterations = opts.maxIterations ?? 1000;
  const tolerance = opts.tolerance ?? 1e-9;
  const prior = opts.prior ?? 0.1;
  if (!(prior > 0))
    throw new RangeError('bradleyTerry: prior must be greater than 0');

  const model = encode(comparisons, prior);
  const { n, ids } = model;

  const theta = new Float64Array(n);
  const t1 = new Float64Array(n);
  const t2 = new Float64Array(n);
  const extra = new Float64Array(n);
  const t3 = new Float64Array(n);
  const step = (from: Float64Array, to: Float64Array) => {
    mmStep(model, from, to);
    recentre(model, to);
  };
  let iterations = 0;
  let converged = n === 0;
  while (!converged && iterations < maxIterations) {
    step(theta, t1);
    iterations++;
    let moved = 0;
    for (let i = 0; i < n; i++) moved = max(moved, abs(t1[i] - theta[i]));
    if (moved < tolerance || iterations >= maxIterations) {
      theta.set(t1);
      converged = moved < tolerance;
      break;
    }
    step(t1, t2);
    iterations++;
    let rr = 0;
    let vv = 0;
    for (let i = 0; i < n; i++) {
      const r = t1[i] - theta[i];
      const v = t2[i] - 2 * t1[i] + theta[i];
      rr += r * r;
      vv += v * v;
    }
    let next: Float64Array = t2;
    if (vv > 0 && iterations < maxIterations) {
      const alpha = min(-1, -sqrt(rr / vv));
      let usable = true;
      for (let i = 0; i < n; i++) {
        const r = t1[i] - theta[i];
        const v = t2[i] - 2 * t1[i] + theta[i];
        extra[i] = theta[i] - 2 * alpha * r + alpha * alpha * v;
        if (!(abs(extra[i]) <= MAX_LOG_STRENGTH)) usable = false; // also NaN
      }
      if (usable) {
        step(extra, t3);
        iterations++;
        if (objective(model, t3) >= objective(model, t2)) next = t3;
      }
    }
    theta.set(next);
  }

  let hi = -MAX_LOG_STRENGTH;
  for (let i = 0; i < n; i++) hi = max(hi, theta[i]);
  let total = 0;
  for (let i = 0; i < n; i++) total += exp(theta[i] - hi);
  const scores = new Map<string, number>();
  const logStrengths = new Map<string, number>();
  ids.forEach((id, i) => {
    scores.set(id, exp(theta[i] - hi) / total);
    logStrengths.set(id, theta[i]);
  });
  return { scores, logStrengths, iterations, converged };
}

/** Bradley–Terry strengths per id (sum 1); see {@link bradleyTerryFit}. */
export function bradleyTerry(
  comparisons: readonly Comparison[],
  opts: BradleyTerryOptions = {},
): Map<string, number> {
  return bradleyTerryFit(comparisons, opts).scores;
}

/** Extrapolated log-strengths beyond this are rejected (the prior keeps real solutions far inside). */
const MAX_LOG_STRENGTH = 200;

interface BtModel {
  n: number;
  ids: string[];
  /** Per distinct pair: the two ids and the total weight of their comparisons. */
  pa: Int32Array;
  pb: Int32Array;
  pn: Float64Array;
  /** Wins per id, including the prior's. */
  wins: Float64Array;
  prior: number;
  /** Connected component of each id, and the number of components. */
  comp: Int32Array;
  components: number;
  /** Scratch space. */
  denom: Float64Array;
  strength: Float64Array;
  shift: Float64Array;
  f: Float64Array;
  fp: Float64Array;
}

function encode(comparisons: readonly Comparison[], prior: number): BtModel {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const idOf = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  // Pairs keyed per lower id: one small Map per id keeps the keys small integers.
  const pairsOf: (Map<number, number> | undefined)[] = [];
  const pairA: number[] = [];
  const pairB: number[] = [];
  const pairN: number[] = [];
  const rawWins: number[] = [];
  for (const c of comparisons) {
    const w = c.weight ?? 1;
    const a = idOf(c.winner);
    const b = idOf(c.loser);
    while (rawWins.length < ids.length) rawWins.push(0);
    if (a === b || !(w > 0) || w === Infinity) continue;
    rawWins[a] += w;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    let m = pairsOf[lo];
    if (m === undefined) pairsOf[lo] = m = new Map();
    let p = m.get(hi);
    if (p === undefined) {
      p = pairN.length;
      m.set(hi, p);
      pairA.push(lo);
      pairB.push(hi);
      pairN.push(0);
    }
    pairN[p] += w;
  }
  const n = ids.length;
  const wins = new Float64Array(n);
  for (let i = 0; i < n; i++) wins[i] = rawWins[i] + prior;

  // Connected components (union–find with path halving).
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let p = 0; p < pairA.length; p++) {
    const ra = find(pairA[p]);
    const rb = find(pairB[p]);
    if (ra !== rb) parent[max(ra, rb)] = min(ra, rb);
  }
  const comp = new Int32Array(n);
  const label = new Int32Array(n).fill(-1);
  let components = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (label[r] < 0) label[r] = components++;
    comp[i] = label[r];
  }
  return {
    n,
    ids,
    pa: Int32Array.from(pairA),
    pb: Int32Array.from(pairB),
    pn: Float64Array.from(pairN),
    wins,
    prior,
    comp,
    components,
    denom: new Float64Array(n),
    strength: new Float64Array(n),
    shift: new Float64Array(components),
    f: new Float64Array(components),
    fp: new Float64Array(components),
  };
}

/** One MM round (Hunter 2004) on log-strengths: out_i = ln W_i − ln Σ_j n_ij / (s_i + s_j). */
function mmStep(m: BtModel, theta: Float64Array, out: Float64Array): void {
  const { n, pa, pb, pn, wins, prior, denom, strength } = m;
  // Strengths relative to the largest, s_i = e^{θ_i − H} ≤ 1, so nothing overflows (|θ| stays far
  // below 700); every term below is then e^{−H} times the true one, which ln(...) + H undoes. The
  // reference (θ = 0) becomes e^{−H}.
  let H = 0;
  for (let i = 0; i < n; i++) if (theta[i] > H) H = theta[i];
  const ref = exp(-H);
  for (let i = 0; i < n; i++) {
    strength[i] = exp(theta[i] - H);
    denom[i] = (2 * prior) / (strength[i] + ref);
  }
  for (let p = 0; p < pa.length; p++) {
    const a = pa[p];
    const b = pb[p];
    const t = pn[p] / (strength[a] + strength[b]);
    denom[a] += t;
    denom[b] += t;
  }
  for (let i = 0; i < n; i++) out[i] = log(wins[i]) - log(denom[i]) + H;
}

/**
 * Moves every connected component to its optimal level. Within a component the likelihood depends
 * only on differences, so only the prior terms Σ_i prior·θ_i − 2·prior·ln(1 + e^θ_i) see a common
 * shift c; they are concave in c and maximal where Σ_i σ(θ_i + c) = size / 2 (solved by Newton,
 * steps capped at 1).
 */
function recentre(m: BtModel, theta: Float64Array): void {
  const { n, comp, components, shift, f, fp } = m;
  shift.fill(0);
  for (let round = 0; round < 100; round++) {
    f.fill(0);
    fp.fill(0);
    for (let i = 0; i < n; i++) {
      const s = 1 / (1 + exp(-(theta[i] + shift[comp[i]])));
      f[comp[i]] += s - 0.5;
      fp[comp[i]] += s * (1 - s);
    }
    let largest = 0;
    for (let c = 0; c < components; c++) {
      const d = fp[c] > 0 ? max(-1, min(1, f[c] / fp[c])) : 0;
      shift[c] -= d;
      largest = max(largest, abs(d));
    }
    if (largest < 1e-12) break;
  }
  for (let i = 0; i < n; i++) theta[i] += shift[comp[i]];
}

/** Log-likelihood of the comparisons plus the prior's pseudo-comparisons (what the fit increases). */
function objective(m: BtModel, theta: Float64Array): number {
  const { n, pa, pb, pn, wins, prior, strength } = m;
  // ln(e^a + e^b) = H + ln(s_a + s_b) with the scaled strengths of mmStep.
  let H = 0;
  for (let i = 0; i < n; i++) if (theta[i] > H) H = theta[i];
  const ref = exp(-H);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    strength[i] = exp(theta[i] - H);
    ll += wins[i] * theta[i] - 2 * prior * (H + log(strength[i] + ref));
  }
  for (let p = 0; p < pa.length; p++)
    ll -= pn[p] * (H + log(strength[pa[p]] + strength[pb[p]]));
  return ll;
}
