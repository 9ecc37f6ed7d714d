import { createHash } from 'node:crypto';

/**
 * Seeded randomness for converters: the same seed (a message id, an external id) always gives the
 * same result, on every machine and Node version, so re-running a seed reproduces the same items.
 */
function seed32(seed: string): number {
  return createHash('sha256').update(seed, 'utf8').digest().readUInt32BE(0);
}

/** mulberry32: small, fast and good enough to shuffle a handful of responses. */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) fixed by the seed. */
export function seededUnit(seed: string): number {
  return seed32(seed) / 4294967296;
}

/** A Fisher–Yates shuffle of a copy of `values`, fixed by the seed. */
export function seededShuffle<T>(values: readonly T[], seed: string): T[] {
  const random = mulberry32(seed32(seed));
  const out = [...values];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
