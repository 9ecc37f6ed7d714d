/**
 * Job-level aggregation with the product's own code (libs/api/quality aggregation): Dawid–Skene over
 * 1M classification answers and Bradley–Terry over 100k pairwise comparisons, on generated data with
 * a known truth, so a faster but wrong change shows up as lost accuracy.
 *   npm run bench:aggregation          (DS_ANSWERS, BT_COMPARISONS to resize; --quick for a dry run)
 * Pure compute: no database. Peak RSS is this process's (the data, the encoding and the model).
 */
// The pure functions only: the package index would also load Nest, TypeORM and BullMQ and inflate the RSS.
import { bradleyTerryFit, dawidSkene, type Comparison, type LabelObservation } from '../libs/api/quality/src/lib/aggregation';
import { rng, table } from './lib/report';

const quick = process.argv.includes('--quick');
const DS_ANSWERS = Number(process.env['DS_ANSWERS'] ?? (quick ? 100_000 : 1_000_000));
const BT_COMPARISONS = Number(process.env['BT_COMPARISONS'] ?? (quick ? 10_000 : 100_000));
/** What the quality worker can spend on compute in the 15 s full recompute of a 10^6-answer job (performance.md §3 #12). */
const DS_TARGET_MS = 5000;
const BT_TARGET_MS = 2000;

/** CPU time of this process since `since`, in ms: what the work costs, whatever else runs on the box. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** Peak RSS of the process so far (the kernel's high-water mark), in MB. */
const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * 5 answers per item from 1,000 annotators of mixed quality: most are decent (accuracy 0.55–0.95,
 * errors biased towards the next label), 10% are spammers who answer at random, 5% always say "billing".
 * Classes are imbalanced, which is where Dawid–Skene should beat the majority vote.
 */
function classificationData(answers: number) {
  const random = rng(11);
  const labels = ['billing', 'technical', 'account', 'fraud', 'other'];
  const K = labels.length;
  const classPrior = [0.4, 0.25, 0.15, 0.05, 0.15];
  const perItem = 5;
  const items = Math.floor(answers / perItem);
  const annotators = 1000;
  const kind = new Uint8Array(annotators); // 0 decent, 1 spammer, 2 always-billing
  const accuracy = new Float64Array(annotators);
  for (let j = 0; j < annotators; j++) {
    const r = random();
    kind[j] = r < 0.1 ? 1 : r < 0.15 ? 2 : 0;
    accuracy[j] = 0.55 + 0.4 * random();
  }
  const truth = new Uint8Array(items);
  const observations: LabelObservation[] = new Array(items * perItem);
  let m = 0;
  for (let i = 0; i < items; i++) {
    let r = random();
    let t = 0;
    while (t < K - 1 && r >= classPrior[t]) r -= classPrior[t++];
    truth[i] = t;
    const itemId = `item-${i}`;
    const first = Math.floor(random() * annotators);
    for (let a = 0; a < perItem; a++) {
      const j = (first + a * 197) % annotators; // distinct annotators per item
      let given: number;
      if (kind[j] === 1) given = Math.floor(random() * K);
      else if (kind[j] === 2) given = 0;
      else if (random() < accuracy[j]) given = t;
      else given = random() < 0.6 ? (t + 1) % K : Math.floor(random() * K);
      observations[m++] = { itemId, annotatorId: `annotator-${j}`, label: labels[given] };
    }
  }
  return { labels, observations, truth, items, annotators };
}

/** Majority vote (ties to the first label), the baseline Dawid–Skene has to beat. */
function majorityAccuracy(labels: string[], observations: LabelObservation[], truth: Uint8Array, perItem: number): number {
  const K = labels.length;
  const index = new Map(labels.map((l, k) => [l, k]));
  const counts = new Int32Array(K);
  let right = 0;
  for (let i = 0; i < truth.length; i++) {
    counts.fill(0);
    for (let a = 0; a < perItem; a++) counts[index.get(observations[i * perItem + a].label) ?? 0]++;
    let best = 0;
    for (let k = 1; k < K; k++) if (counts[k] > counts[best]) best = k;
    if (best === truth[i]) right++;
  }
  return right / truth.length;
}

function runDawidSkene(): (string | number)[][] {
  const data = classificationData(DS_ANSWERS);
  const { labels, observations, truth } = data;
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = dawidSkene(labels, observations);
  const ms = performance.now() - started;
  const cpu = cpuMs(cpuBefore);
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (result.predictions.get(`item-${i}`) === labels[truth[i]]) right++;
  const accuracy = right / truth.length;
  const mv = majorityAccuracy(labels, observations, truth, 5);
  console.error(`dawid-skene: ${observations.length} answers, ${result.iterations} rounds, converged ${result.converged}, heap +${mb(process.memoryUsage().heapUsed - heapBefore)} MB`);
  return [
    [
      'Dawid–Skene',
      `${observations.length.toLocaleString('en')} answers, ${data.items.toLocaleString('en')} items × 5, ${data.annotators} annotators, 5 labels`,
      Math.round(ms),
      Math.round(cpu),
      Math.round(observations.length / (cpu / 1000)),
      `${result.iterations}${result.converged ? '' : ' (cap)'}`,
      `${(accuracy * 100).toFixed(2)} % (majority vote ${(mv * 100).toFixed(2)} %)`,
      peakRss(),
      `≤ ${DS_TARGET_MS} ms`,
      cpu <= DS_TARGET_MS ? 'yes' : 'NO',
    ],
  ];
}

/** Spearman rank correlation (no ties in continuous data). */
function spearman(a: Float64Array, b: Float64Array): number {
  const ranks = (x: Float64Array) => {
    const order = Array.from(x.keys()).sort((i, j) => x[i] - x[j]);
    const r = new Float64Array(x.length);
    order.forEach((i, rank) => (r[i] = rank));
    return r;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (ra[i] - rb[i]) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/**
 * Comparisons between `ids` responses with known log-strengths (normal, sd 1); each comparison picks
 * two at random and the winner by the Bradley–Terry law itself, so the fit should recover the order.
 */
function runBradleyTerry(ids: number, comparisons: number): (string | number)[] {
  const random = rng(23);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const theta = new Float64Array(ids);
  for (let i = 0; i < ids; i++) theta[i] = normal();
  const name = Array.from({ length: ids }, (_, i) => `response-${i}`);
  const data: Comparison[] = new Array(comparisons);
  const wins = new Float64Array(ids);
  const games = new Float64Array(ids);
  for (let c = 0; c < comparisons; c++) {
    const a = Math.floor(random() * ids);
    let b = Math.floor(random() * (ids - 1));
    if (b >= a) b++;
    const aWins = random() < 1 / (1 + Math.exp(theta[b] - theta[a]));
    const [w, l] = aWins ? [a, b] : [b, a];
    data[c] = { winner: name[w], loser: name[l] };
    wins[w]++;
    games[w]++;
    games[l]++;
  }
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const fit = bradleyTerryFit(data);
  const ms = performance.now() - started;
  const cpu = cpuMs(cpuBefore);
  const fitted = new Float64Array(ids);
  for (let i = 0; i < ids; i++) fitted[i] = fit.logStrengths.get(name[i]) ?? 0;
  // Baseline: rank by (smoothed) win rate.
  const winRate = new Float64Array(ids);
  for (let i = 0; i < ids; i++) winRate[i] = (wins[i] + 0.5) / (games[i] + 1);
  const rho = spearman(theta, fitted);
  const rhoWinRate = spearman(theta, winRate);
  return [
    'Bradley–Terry',
    `${comparisons.toLocaleString('en')} comparisons among ${ids.toLocaleString('en')} responses`,
    Math.round(ms),
    Math.round(cpu),
    Math.round(comparisons / (cpu / 1000)),
    `${fit.iterations}${fit.converged ? '' : ' (cap)'}`,
    `Spearman ρ ${rho.toFixed(3)} vs truth (win rate ${rhoWinRate.toFixed(3)})`,
    peakRss(),
    `≤ ${BT_TARGET_MS} ms`,
    cpu <= BT_TARGET_MS ? 'yes' : 'NO',
  ];
}

function main(): void {
  const rows = [...runDawidSkene(), runBradleyTerry(1_000, BT_COMPARISONS), runBradleyTerry(Math.max(10, Math.floor(BT_COMPARISONS / 5)), BT_COMPARISONS)];
  console.log('\n## Aggregation (Dawid–Skene, Bradley–Terry; pure compute, generated data with known truth)\n');
  console.log(
    table(['model', 'data', 'wall ms', 'CPU ms', 'items/s (CPU)', 'rounds', 'accuracy vs truth (baseline)', 'peak RSS MB (process, cumulative)', 'target', 'meets'], rows),
  );
  console.log(
    '\nNo database limit applies: the targets are what the quality worker needs to stay inside the 15 s full recompute of a 10^6-answer job (performance.md §3 #12; reading 3M answers takes ~6 s of it). ' +
      'Time is one call of `dawidSkene` / `bradleyTerryFit` (encoding included, data generation excluded), single-threaded. The box has 2 cores shared with other jobs, so wall time swings with their load; ' +
        '"meets" and items/s use the process CPU time (it includes the GC threads\' share), which is what the call costs.',
  );
}

main();
