import type { ComputeJson, VendorJson } from '../../../../electron/engine/result-json.js';

/** The vendor the engine found cheapest per effective message (exact decimals, the first on a tie), or null. */
export function cheapestVendor(result: ComputeJson): VendorJson | null {
  return result.vendors.find((v) => v.id === result.cheapest) ?? null;
}
