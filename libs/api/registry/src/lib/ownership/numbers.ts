/** Drops float noise (0.4·0.25 + 0.05 = 0.15000000000000002) so exact inputs give exact outputs. */
export function round(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}

/** Fraction → percent, clamped to [0, 100]; a divergent walk sum (Infinity) reads as 100. */
export function percent(fraction: number): number {
  return round(Math.min(100, Math.max(0, fraction * 100)));
}
