import type { EffectiveOwnerView } from '@quorum/contracts';
import { effectiveOwners, OwnershipGraph, screenOwners } from '@quorum/api/registry';

/**
 * The effective owners the conflict rules need, for many vendors at once: per vendor, only the
 * competitors that can have a link with it (screenOwners: economic interest reaching the lowest
 * threshold in play, or a control group meeting the vendor's direct links), with the same
 * figures and evidence as the full listing. Every other competitor would yield no finding, so
 * the rules see exactly what they would see over every owner. Vendors nobody can reach cost
 * nothing beyond the screen. Returns vendor entity id → owners (absent when none).
 */
export function ownersForConflictRules(
  graph: OwnershipGraph,
  vendorEntityIds: readonly string[],
  competitorIds: Iterable<string>,
  minEconomicThreshold: number,
  maxPaths: number,
): Map<string, EffectiveOwnerView[]> {
  const screened = screenOwners(graph, competitorIds, vendorEntityIds, minEconomicThreshold);
  const out = new Map<string, EffectiveOwnerView[]>();
  for (const vendor of vendorEntityIds) {
    const among = screened.get(vendor);
    if (!among?.size) continue;
    out.set(vendor, effectiveOwners(graph, vendor, { maxPaths, among }));
  }
  return out;
}
