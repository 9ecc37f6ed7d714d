// Module-level aliases: inside Jest's VM context every access to a global (Math, Infinity) is a slow
// property lookup on the sandbox's global object (≈ 10× slower per call in the hot loops below).
const { abs, exp, log } = Math;
const NEGATIVE_INFINITY = -Infinity;
/** 2^27 cells: 1 GiB per Float64Array, and offsets stay well inside Int32. */
const MAX_CELLS = 2 ** 27;

/** One label given by one annotator to one item. */
export interface LabelObservation {
  itemId: string;
  annotatorId: string;
  label: string;
}

export interface DawidSkeneOptions {
  /** EM rounds at most (default 50). */
  maxIterations?: number;
  /** Stop when no posterior probability moves by more than this in a round (default 1e-6). */
  tolerance?: number;
  /**
   * Dirichlet pseudo-count added to every confusion-matrix cell and every class prior (default 0.01),
   * so a cell never seen stays a small probability instead of 0 (one log(0) would veto a class).
   */
  smoothing?: number;
}

export interface DawidSkeneResult {
  /** Per item, the posterior probability of each label (sums to 1). */
  posteriors: Map<string, Record<string, number>>;
  /** Per item, the most probable label (ties to the first label in `labels`). */
  predictions: Map<string, string>;
  /**
   * Per annotator, the confusion matrix [true label][given label] in `labels` order; each row sums
   * to 1 (P(annotator says column | truth is row)).
   */
  confusion: Map<string, number[][]>;
  classPriors: Record<string, number>;
  /** EM rounds run (one M step then one E step each). */
  iterations: number;
  converged: boolean;
  /** Log-likelihood of the observations under the final parameters (marginal over the true labels). */
  logLikelihood: number;
  /** Observations whose label is not in `labels` (ignored). */
  skipped: number;
}

/**
 * Dawid–Skene (1979) EM for one job: a latent true label per item, a prior per class and a full
 * confusion matrix per annotator. Initialised from the (soft) majority vote: each item starts with
 * the share of its votes per label. Each round is an M step (priors and confusion matrices from the
 * current posteriors, with `smoothing` pseudo-counts) and an E step (posteriors from the parameters,
 * in log space). Repeated labels by the same annotator on the same item count as separate
 * observations.
 *
 * Cost per round is O(observations × K + items × K + annotators × K²) over typed arrays, with no
 * loop over pairs of items or annotators. Memory is O(observations + items × K + annotators × K²);
 * sizes beyond 2^27 cells throw a RangeError.
 */
export function dawidSkene(
  labels: readonly string[],
  observations: readonly LabelObservation[],
  opts: DawidSkeneOptions = {},
): DawidSkeneResult {
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-6;
  const smoothing = opts.smoothing ?? 0.01;
  if (!(smoothing > 0))
    throw new RangeError('dawidSkene: smoothing must be greater than 0');
  const K = labels.length;
  const labelIndex = new Map<string, number>();
  labels.forEach((l, i) => labelIndex.set(l, i));
  if (K === 0 || labelIndex.size !== K)
    throw new RangeError(
      'dawidSkene: labels must be a non-empty list of distinct labels',
    );

  // Encode: ids → dense indexes, observations → two typed arrays of offsets.
  const itemIndex = new Map<string, number>();
  const annotatorIndex = new Map<string, number>();
  const itemIds: string[] = [];
  const annotatorIds: string[] = [];
  const obsBase = new Int32Array(observations.length);
  const obsCell = new Int32Array(observations.length);
  let M = 0;
  let skipped = 0;
  for (const o of observations) {
    const l = labelIndex.get(o.label);
    if (l === undefined) {
      skipped++;
      continue;
    }
    let i = itemIndex.get(o.itemId);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(o.itemId, i);
      itemIds.push(o.itemId);
    }
    let j = annotatorIndex.get(o.annotatorId);
    if (j === undefined) {
      j = annotatorIds.length;
      annotatorIndex.set(o.annotatorId, j);
      annotatorIds.push(o.annotatorId);
    }
    obsBase[M] = i * K;
    obsCell[M] = j * K * K + l;
    M++;
  }
  const N = itemIds.length;
  const J = annotatorIds.length;
  // Full confusion matrices cost J·K² cells; refuse sizes that would exhaust memory (or Int32 offsets).
  if (J * K * K > MAX_CELLS || N * K > MAX_CELLS)
    throw new RangeError(
      `dawidSkene: ${J} annotators × ${K}² labels or ${N} items × ${K} labels exceeds ${MAX_CELLS} cells`,
    );

  // T: posteriors N×K, initialised with the majority-vote shares.
  let T = new Float64Array(N * K);
  const votes = new Float64Array(N);
  for (let m = 0; m < M; m++) {
    T[obsBase[m] + (obsCell[m] % K)] += 1;
    votes[obsBase[m] / K] += 1;
  }
  for (let i = 0; i < N; i++)
    for (let k = 0; k < K; k++) T[i * K + k] /= votes[i];

  let next = new Float64Array(N * K);
  const data: EmData = {
    K,
    N,
    J,
    M,
    obsBase,
    obsCell,
    smoothing,
    prior: new Float64Array(K),
    logPrior: new Float64Array(K),
    conf: new Float64Array(J * K * K),
    logConf: new Float64Array(J * K * K),
  };

  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations) {
    mStep(data, T);
    const [delta, ll] = eStep(data, T, next);
    [T, next] = [next, T];
    iterations++;
    logLikelihood = ll;
    if (delta < tolerance) {
      converged = true;
      break;
    }
  }
  if (iterations === 0) {
    // maxIterations 0: report the majority-vote posteriors and the parameters they imply.
    mStep(data, T);
    logLikelihood = eStep(data, T, next)[1];
  }
  const { prior, conf } = data;

  const posteriors = new Map<string, Record<string, number>>();
  const predictions = new Map<string, string>();
  for (let i = 0; i < N; i++) {
    const rec: Record<string, number> = {};
    let best = 0;
    for (let k = 0; k < K; k++) {
      const p = T[i * K + k];
      rec[labels[k]] = p;
      if (p > T[i * K + best]) best = k;
    }
    posteriors.set(itemIds[i], rec);
    predictions.set(itemIds[i], labels[best]);
  }
  const confusion = new Map<string, number[][]>();
  for (let j = 0; j < J; j++) {
    const matrix: number[][] = [];
    for (let k = 0; k < K; k++)
      matrix.push(
        Array.from(conf.subarray((j * K + k) * K, (j * K + k + 1) * K)),
      );
    confusion.set(annotatorIds[j], matrix);
  }
  const classPriors: Record<string, number> = {};
  labels.forEach((l, k) => (classPriors[l] = prior[k]));
  return {
    posteriors,
    predictions,
    confusion,
    classPriors,
    iterations,
    converged,
    logLikelihood,
    skipped,
  };
}

/** Encoded observations and the model parameters, shared by the M and E steps. */
interface EmData {
  K: number;
  N: number;
  J: number;
  M: number;
  /** Per observation: item index × K, the offset of the item's row in the posteriors. */
  obsBase: Int32Array;
  /** Per observation: the offset of (annotator, true class 0, given label) in `conf`; + k·K for class k. */
  obsCell: Int32Array;
  smoothing: number;
  prior: Float64Array;
  logPrior: Float64Array;
  /** J×K×K: [annotator][true][given]. */
  conf: Float64Array;
  logConf: Float64Array;
}

/** Class priors and confusion matrices from the posteriors T (N×K), with pseudo-counts. */
function mStep(d: EmData, T: Float64Array): void {
  const {
    K,
    N,
    J,
    M,
    obsBase,
    obsCell,
    smoothing,
    prior,
    logPrior,
    conf,
    logConf,
  } = d;
  prior.fill(smoothing);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < K; k++) prior[k] += T[i * K + k];
  const priorTotal = N + K * smoothing;
  for (let k = 0; k < K; k++) {
    prior[k] /= priorTotal;
    logPrior[k] = log(prior[k]);
  }
  conf.fill(smoothing);
  for (let m = 0; m < M; m++) {
    const t = obsBase[m];
    const c = obsCell[m];
    for (let k = 0; k < K; k++) conf[c + k * K] += T[t + k];
  }
  for (let r = 0; r < J * K; r++) {
    let total = 0;
    for (let l = 0; l < K; l++) total += conf[r * K + l];
    for (let l = 0; l < K; l++) {
      const c = r * K + l;
      conf[c] /= total;
      logConf[c] = log(conf[c]);
    }
  }
}

/** Posteriors from the parameters into `next`; returns [max change against T, log-likelihood]. */
function eStep(
  d: EmData,
  T: Float64Array,
  next: Float64Array,
): [number, number] {
  const { K, N, M, obsBase, obsCell, logPrior, logConf } = d;
  for (let i = 0; i < N; i++)
    for (let k = 0; k < K; k++) next[i * K + k] = logPrior[k];
  for (let m = 0; m < M; m++) {
    const t = obsBase[m];
    const c = obsCell[m];
    for (let k = 0; k < K; k++) next[t + k] += logConf[c + k * K];
  }
  let maxDelta = 0;
  let ll = 0;
  for (let i = 0; i < N; i++) {
    const base = i * K;
    let hi = NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) if (next[base + k] > hi) hi = next[base + k];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = exp(next[base + k] - hi);
      next[base + k] = e;
      sum += e;
    }
    ll += hi + log(sum);
    for (let k = 0; k < K; k++) {
      const p = next[base + k] / sum;
      next[base + k] = p;
      const delta = abs(p - T[base + k]);
      if (delta > maxDelta) maxDelta = delta;
    }
  }
  return [maxDelta, ll];
}
