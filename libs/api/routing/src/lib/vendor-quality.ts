/**
 * Measured vendor quality (0..1) for routing and the marketplace. Routing only knows this token;
 * the quality context provides it (accuracy on gold, abandonment), so the dependency points one way.
 */
export const VENDOR_QUALITY = Symbol('VENDOR_QUALITY');

export interface VendorQualitySource {
  vendorQuality(vendorOrgIds: string[]): Promise<Map<string, number>>;
}

/** Neutral prior while a vendor has no measured quality yet. */
export const QUALITY_PRIOR = 0.5;
