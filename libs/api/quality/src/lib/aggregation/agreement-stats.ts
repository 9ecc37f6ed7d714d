/**
 * Fleiss' kappa from a count matrix: counts[i][j] = how many raters put item i in category j.
 * Items may have different numbers of raters (the usual generalisation: P_i uses the item's own n_i,
 * the category proportions use all ratings); items with fewer than two ratings are skipped.
 * Returns NaN when kappa is undefined: no item with two ratings, or chance agreement P_e = 1 (every
 * rating in one category).
 */
export function fleissKappaFromCounts(
  counts: readonly ArrayLike<number>[],
): number {
  let k = 0;
  for (const row of counts) k = Math.max(k, row.length);
  const categoryTotals = new Float64Array(k);
  let ratings = 0;
  let pSum = 0;
  let items = 0;
  for (const row of counts) {
    let n = 0;
    let sq = 0;
    for (let j = 0; j < row.length; j++) {
      n += row[j];
      sq += row[j] * row[j];
    }
    if (n < 2) continue;
    for (let j = 0; j < row.length; j++) categoryTotals[j] += row[j];
    ratings += n;
    pSum += (sq - n) / (n * (n - 1));
    items++;
  }
  if (items === 0) return Number.NaN;
  const pBar = pSum / items;
  let pe = 0;
  for (let j = 0; j < k; j++) pe += (categoryTotals[j] / ratings) ** 2;
  if (1 - pe <= 1e-12) return Number.NaN;
  return (pBar - pe) / (1 - pe);
}

/**
 * Fleiss' kappa over items × raters: `itemsRatings[i]` holds the labels item i received (one per
 * rating; the raters need not be the same people across items). Labels not in `labels` throw a
 * RangeError. See {@link fleissKappaFromCounts} for the conventions.
 */
export function fleissKappa(
  labels: readonly string[],
  itemsRatings: readonly (readonly string[])[],
): number {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = itemsRatings.map((ratings) => {
    const row = new Float64Array(labels.length);
    for (const r of ratings) {
      const j = index.get(r);
      if (j === undefined)
        throw new RangeError(`fleissKappa: unknown label ${JSON.stringify(r)}`);
      row[j]++;
    }
    return row;
  });
  return fleissKappaFromCounts(counts);
}

export type AlphaValue = string | number | boolean;

export interface KrippendorffOptions {
  /**
   * Difference metric: 'nominal' (default; any two different values disagree equally) or 'interval'
   * (squared numeric difference; for Likert ratings). Interval data must be finite numbers.
   */
  level?: 'nominal' | 'interval';
}

/**
 * Krippendorff's alpha over units (items) × coders (annotators): `data[u][c]` is coder c's value for
 * unit u, or null / undefined (or NaN) when missing; rows may have different lengths. Units with
 * fewer than two values are not pairable and are dropped, as in Krippendorff (2011). Values compare
 * with SameValueZero (1 and '1' differ). alpha = 1 − D_o / D_e through the coincidence matrix, in
 * closed form so the cost is O(values). Returns NaN when fewer than two pairable values exist or the
 * expected disagreement is 0 (a single value everywhere).
 */
export function krippendorffAlpha(
  data: readonly (readonly (AlphaValue | null | undefined)[])[],
  opts: KrippendorffOptions = {},
): number {
  const level = opts.level ?? 'nominal';
  const units: AlphaValue[][] = [];
  for (const row of data) {
    const values: AlphaValue[] = [];
    for (const v of row) {
      if (
        v === null ||
        v === undefined ||
        (typeof v === 'number' && Number.isNaN(v))
      )
        continue;
      if (
        level === 'interval' &&
        (typeof v !== 'number' || !Number.isFinite(v))
      )
        throw new TypeError(
          'krippendorffAlpha: interval data must be finite numbers',
        );
      values.push(v);
    }
    if (values.length >= 2) units.push(values);
  }
  let n = 0;
  for (const u of units) n += u.length;
  if (n < 2) return Number.NaN;

  if (level === 'interval') {
    // Σ_{c,k} n_c n_k (c−k)² = 2(n·Σx² − (Σx)²); values are centred first for accuracy.
    let mean = 0;
    for (const u of units) for (const v of u) mean += v as number;
    mean /= n;
    let s1 = 0;
    let s2 = 0;
    let within = 0;
    for (const u of units) {
      let u1 = 0;
      let u2 = 0;
      for (const v of u) {
        const x = (v as number) - mean;
        u1 += x;
        u2 += x * x;
      }
      s1 += u1;
      s2 += u2;
      within += (u.length * u2 - u1 * u1) / (u.length - 1);
    }
    const between = n * s2 - s1 * s1;
    if (!(between > 0)) return Number.NaN;
    return 1 - ((n - 1) * within) / between;
  }

  // Nominal: Σ_{c≠k} o_ck = Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1); Σ_{c≠k} n_c n_k = n² − Σ_c n_c².
  const totals = new Map<AlphaValue, number>();
  let within = 0;
  for (const u of units) {
    const counts = new Map<AlphaValue, number>();
    for (const v of u) counts.set(v, (counts.get(v) ?? 0) + 1);
    let sq = 0;
    for (const [v, c] of counts) {
      sq += c * c;
      totals.set(v, (totals.get(v) ?? 0) + c);
    }
    within += (u.length * u.length - sq) / (u.length - 1);
  }
  let sq = 0;
  for (const c of totals.values()) sq += c * c;
  const between = n * n - sq;
  if (!(between > 0)) return Number.NaN;
  return 1 - ((n - 1) * within) / between;
}
