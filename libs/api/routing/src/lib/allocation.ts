/**
 * How many of a job's unrouted slots each eligible vendor gets. Pure: the SQL that assigns the
 * slots (RoutingService) walks them in (slot_no, item) order and hands each vendor a contiguous
 * range of this length, so a vendor whose range is at most one slot per item never gets two
 * slots of the same item.
 */
export interface VendorCandidate {
  vendorOrgId: string;
  capacityPerHour: number;
  price: number;
  /** 0..1; a neutral prior (0.5) until measured quality exists. */
  quality: number;
}

export interface AllocationInput {
  candidates: VendorCandidate[];
  /** Unrouted open slots to place. */
  slots: number;
  /** Items those slots belong to (the most slots of one slot number). */
  items: number;
  overlap: number;
  minDistinctVendors: number;
  jobPrice: number;
}

/** Weight of a vendor: capacity, scaled up for quality and for a price below the job's. */
export function vendorWeight(c: VendorCandidate, jobPrice: number): number {
  const priceFactor = c.price > 0 ? Math.min(2, jobPrice / c.price) : 2;
  const qualityFactor = 0.5 + Math.max(0, Math.min(1, c.quality));
  return Math.max(0, c.capacityPerHour) * priceFactor * qualityFactor;
}

/**
 * Targets proportional to weight (largest remainder), each capped so that an item's slots spread
 * over at least `minDistinctVendors` vendors: a vendor holds at most overlap − minDistinct + 1 of
 * an item's slots, i.e. `items × (overlap − minDistinct + 1)` slots in all. What the caps leave
 * over goes to vendors with room; slots nobody can take stay unrouted.
 */
export function allocateSlots(input: AllocationInput): Map<string, number> {
  const targets = new Map<string, number>();
  const weighted = input.candidates.map((c) => ({ id: c.vendorOrgId, w: vendorWeight(c, input.jobPrice) })).filter((c) => c.w > 0);
  if (!weighted.length || input.slots <= 0) return targets;
  const perVendorCap = input.items * Math.max(1, input.overlap - Math.min(input.minDistinctVendors, weighted.length) + 1);
  let remaining = input.slots;
  let open = weighted.map((c) => ({ ...c, given: 0 }));
  // Water-filling: share by weight among vendors with room, repeat while the caps bind.
  let progress = true;
  while (remaining > 0 && open.length && progress) {
    const before = remaining;
    const total = open.reduce((s, c) => s + c.w, 0);
    const shares = open.map((c) => {
      const exact = (remaining * c.w) / total;
      return { c, floor: Math.min(Math.floor(exact), perVendorCap - c.given), frac: exact - Math.floor(exact) };
    });
    let placed = 0;
    for (const s of shares) {
      s.c.given += s.floor;
      placed += s.floor;
    }
    let leftover = remaining - placed;
    // Largest remainders first, one slot each, to vendors still under their cap.
    for (const s of [...shares].sort((a, b) => b.frac - a.frac || a.c.id.localeCompare(b.c.id))) {
      if (leftover <= 0) break;
      if (s.c.given < perVendorCap) {
        s.c.given += 1;
        leftover -= 1;
      }
    }
    remaining = leftover;
    for (const c of open) targets.set(c.id, c.given);
    open = open.filter((c) => c.given < perVendorCap);
    progress = remaining < before;
  }
  for (const [id, n] of targets) if (n === 0) targets.delete(id);
  return targets;
}
