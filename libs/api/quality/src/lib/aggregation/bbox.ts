import type { TaskAnswers } from '@quorum/contracts';
import type { GoldScorer, TypeAggregator } from './types';
import { f1, meanOverPairs, median, moreThanHalf, unit } from './util';

type LabelledBox = TaskAnswers['bbox']['boxes'][number];

/** An axis-aligned box: top-left corner (x, y), width w and height h. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Boxes of the same label match (or cluster) when their IoU is at least this. */
export const IOU_THRESHOLD = 0.5;

/** Intersection over union of two boxes, 0..1 (0 for degenerate boxes). */
export function iou(a: Rect, b: Rect): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (!(iw > 0 && ih > 0)) return 0;
  const inter = iw * ih;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

interface Candidate {
  i: number;
  j: number;
  iou: number;
}

/**
 * Pairs (i < j, by index into `boxes`) whose IoU is at least `threshold`, best first (ties by i, j).
 * `allowed(i, j)` filters pairs (same label, different annotators…). A sweep over boxes sorted by x
 * skips pairs that cannot overlap.
 */
function candidatePairs<B extends LabelledBox>(
  boxes: readonly B[],
  threshold: number,
  allowed: (i: number, j: number) => boolean,
): Candidate[] {
  const byX = boxes
    .map((_, i) => i)
    .sort((p, q) => boxes[p].x - boxes[q].x || p - q);
  const out: Candidate[] = [];
  for (let s = 0; s < byX.length; s++) {
    const p = byX[s];
    const right = boxes[p].x + boxes[p].w;
    for (let t = s + 1; t < byX.length && boxes[byX[t]].x < right; t++) {
      const q = byX[t];
      const [i, j] = p < q ? [p, q] : [q, p];
      if (!allowed(i, j)) continue;
      const v = iou(boxes[i], boxes[j]);
      if (v >= threshold) out.push({ i, j, iou: v });
    }
  }
  out.sort((x, y) => y.iou - x.iou || x.i - y.i || x.j - y.j);
  return out;
}

/**
 * Number of one-to-one matches between two box sets: same label and IoU ≥ `threshold`, matched
 * greedily by decreasing IoU (not the optimal Hungarian assignment; with a 0.5 threshold a box can
 * rarely have two candidates, so the difference is negligible in practice).
 */
export function matchBoxes(
  a: readonly LabelledBox[],
  b: readonly LabelledBox[],
  threshold = IOU_THRESHOLD,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  const all = [...a, ...b];
  const n = a.length;
  const pairs = candidatePairs(
    all,
    threshold,
    (i, j) => i < n && j >= n && all[i].label === all[j].label,
  );
  const used = new Uint8Array(all.length);
  let matched = 0;
  for (const { i, j } of pairs) {
    if (used[i] || used[j]) continue;
    used[i] = used[j] = 1;
    matched++;
  }
  return matched;
}

/** F1 of the greedy IoU matching of two box sets; two empty sets agree (1). */
export function boxF1(
  a: readonly LabelledBox[],
  b: readonly LabelledBox[],
  threshold = IOU_THRESHOLD,
): number {
  return f1(matchBoxes(a, b, threshold), a.length, b.length);
}

interface Member {
  box: LabelledBox;
  annotator: number;
}

/**
 * Clusters the boxes of all annotators: greedy complete-linkage agglomeration. Candidate pairs (same
 * label, different annotators, IoU ≥ 0.5) are taken by decreasing IoU and merge their two clusters
 * when the result still has at most one box per annotator and every pair of boxes in it has
 * IoU ≥ 0.5. Greedy and deterministic, not a global optimum (no Hungarian matching).
 */
export function clusterBoxes(
  perAnnotator: readonly (readonly LabelledBox[])[],
  threshold = IOU_THRESHOLD,
): Member[][] {
  const members: Member[] = [];
  perAnnotator.forEach((boxes, annotator) => {
    for (const box of boxes) members.push({ box, annotator });
  });
  const boxes = members.map((m) => m.box);
  const pairs = candidatePairs(
    boxes,
    threshold,
    (i, j) =>
      members[i].annotator !== members[j].annotator &&
      boxes[i].label === boxes[j].label,
  );
  const clusterOf = members.map((_, i) => i);
  const clusters = new Map<number, number[]>(members.map((_, i) => [i, [i]]));
  for (const { i, j } of pairs) {
    const ci = clusterOf[i];
    const cj = clusterOf[j];
    if (ci === cj) continue;
    const a = clusters.get(ci) as number[];
    const b = clusters.get(cj) as number[];
    const annotators = new Set(a.map((m) => members[m].annotator));
    if (b.some((m) => annotators.has(members[m].annotator))) continue;
    if (!a.every((p) => b.every((q) => iou(boxes[p], boxes[q]) >= threshold)))
      continue;
    const [keep, drop] = ci < cj ? [ci, cj] : [cj, ci];
    const merged = [...a, ...b].sort((p, q) => p - q);
    clusters.set(keep, merged);
    clusters.delete(drop);
    for (const m of merged) clusterOf[m] = keep;
  }
  return [...clusters.keys()]
    .sort((p, q) => p - q)
    .map((k) => (clusters.get(k) as number[]).map((m) => members[m]));
}

/**
 * The consensus box of a cluster: the median of each edge (left, top, right, bottom), turned back
 * into x, y, w, h. An annotator who misplaces one edge moves only that edge's median. The k-th
 * smallest left edge is always below the k-th smallest right edge, so w, h > 0, and every edge lies
 * within the members' extent, so the box stays inside the image when every member does.
 * (Median rather than mean: one sloppy box does not drag the consensus.)
 */
export function medianBox(boxes: readonly LabelledBox[]): LabelledBox {
  const x1 = median(boxes.map((b) => b.x));
  const y1 = median(boxes.map((b) => b.y));
  const x2 = median(boxes.map((b) => b.x + b.w));
  const y2 = median(boxes.map((b) => b.y + b.h));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1, label: boxes[0].label };
}

/**
 * Boxes are clustered with {@link clusterBoxes}; a cluster is kept when its annotators hold more than
 * half of the weight, and becomes its {@link medianBox} (unweighted median of the members).
 * agreement = mean pairwise F1 of the greedy IoU ≥ 0.5 matching (two empty answers agree, 1);
 * confidence = mean weight share of the kept clusters, or — when nothing is kept — the weight share of
 * the annotators who drew no box (1 when every answer is empty). Boxes are ordered by label (schema
 * order), then y, then x.
 */
export const aggregateBbox: TypeAggregator<'bbox'> = (
  schema,
  _item,
  answers,
  weights,
) => {
  const perAnnotator = answers.map((a) => a.answer.boxes);
  const clusters = clusterBoxes(perAnnotator);
  const total = weights.total;
  const kept: { box: LabelledBox; share: number }[] = [];
  for (const cluster of clusters) {
    let support = 0;
    for (const m of cluster) support += weights.w[m.annotator];
    if (moreThanHalf(support, total))
      kept.push({
        box: medianBox(cluster.map((m) => m.box)),
        share: support / total,
      });
  }
  const labelIndex = new Map(schema.labels.map((l, i) => [l, i]));
  const rank = (l: string) => labelIndex.get(l) ?? schema.labels.length;
  kept.sort(
    (p, q) =>
      rank(p.box.label) - rank(q.box.label) ||
      p.box.y - q.box.y ||
      p.box.x - q.box.x ||
      p.box.h - q.box.h ||
      p.box.w - q.box.w,
  );
  // Two clusters can (rarely) end up with the same median box; the validator refuses exact repeats.
  const unique = kept.filter((k, i) => {
    if (i === 0) return true;
    const prev = kept[i - 1].box;
    const b = k.box;
    return !(
      prev.label === b.label &&
      prev.x === b.x &&
      prev.y === b.y &&
      prev.w === b.w &&
      prev.h === b.h
    );
  });
  let confidence: number;
  if (unique.length > 0) {
    confidence = unique.reduce((s, k) => s + k.share, 0) / unique.length;
  } else {
    let empty = 0;
    perAnnotator.forEach((boxes, i) => {
      if (boxes.length === 0) empty += weights.w[i];
    });
    confidence = empty / total;
  }
  const agreement = meanOverPairs(perAnnotator.length, (i, j) =>
    boxF1(perAnnotator[i], perAnnotator[j]),
  );
  const details: Record<string, unknown> = {
    clusters: clusters.length,
    keptBoxes: unique.length,
    support: unique.map((k) => k.share),
  };
  if (weights.equalFallback) details['equalWeightsFallback'] = true;
  return {
    aggregate: { boxes: unique.map((k) => k.box) },
    confidence: unit(confidence),
    agreement: unit(agreement),
    details,
  };
};

/** F1 of the greedy IoU ≥ 0.5 matching against the gold boxes (both empty → 1). */
export const goldBbox: GoldScorer<'bbox'> = (_schema, _item, answer, gold) =>
  boxF1(answer.boxes, gold.boxes);
