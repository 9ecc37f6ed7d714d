import {
  BodsShare,
  COUNTABLE_INTEREST_TYPES,
  InterestType,
} from '@quorum/contracts';

/**
 * A published share in percent. `max` is null when only a lower bound was published: the
 * caller closes it with the subject's residual (see OwnershipGraph).
 */
export interface ShareBounds {
  min: number;
  max: number | null;
}

const COUNTABLE = new Set<InterestType>(COUNTABLE_INTEREST_TYPES);

export function isCountable(type: InterestType): boolean {
  return COUNTABLE.has(type);
}

/**
 * Reads a BODS share as bounds, or null when the share is unknown: no share object, an empty
 * one, or a share on a non-countable type (e.g. the `boardChair` with `exact: 30` in
 * tecido.json), which BODS gives no meaning to.
 * Exclusive bounds are used as their value: (5, 10) is read as [5, 10]. The error is at most
 * one share unit and keeps bands from registers ("25–50%") simple to propagate.
 */
export function readShare(
  type: InterestType,
  share: BodsShare | null,
): ShareBounds | null {
  if (share === null || !isCountable(type)) return null;
  const exact = finite(share.exact);
  if (exact !== undefined) {
    const v = clampPercent(exact);
    return { min: v, max: v };
  }
  const lower = finite(share.minimum) ?? finite(share.exclusiveMinimum);
  const upper = finite(share.maximum) ?? finite(share.exclusiveMaximum);
  if (lower === undefined && upper === undefined) return null;
  const min = lower === undefined ? 0 : clampPercent(lower);
  // An inverted band is a data error; keep the lower bound rather than invent a tighter one.
  const max = upper === undefined ? null : Math.max(min, clampPercent(upper));
  return { min, max };
}

/**
 * Combines several statements of the same interest held by one party in one subject
 * (e.g. `shareholding` 49 and `rightsToProfitOrIncome` 49 describe one economic stake seen
 * twice): the larger figure wins on each bound, nothing is summed. Unknown statements are
 * dropped when any statement of the pair publishes a figure, because the published figure
 * already describes the stake. Returns null when nothing is known.
 */
export function combineSameInterest(
  shares: ReadonlyArray<ShareBounds | null>,
): ShareBounds | null {
  let combined: ShareBounds | null = null;
  for (const s of shares) {
    if (s === null) continue;
    if (combined === null) {
      combined = { min: s.min, max: s.max };
      continue;
    }
    combined.min = Math.max(combined.min, s.min);
    combined.max =
      combined.max === null || s.max === null
        ? null
        : Math.max(combined.max, s.max);
  }
  if (combined !== null && combined.max !== null)
    combined.max = Math.max(combined.max, combined.min);
  return combined;
}

export function clampPercent(v: number): number {
  return v < 0 ? 0 : v > 100 ? 100 : v;
}

function finite(v: number | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
