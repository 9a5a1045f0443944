import type { ComputeJson, VendorJson } from '../../../../electron/engine/report.js';

/** The covered vendor with the lowest cost per effective message (the first on a tie), or null. */
export function cheapestVendor(result: ComputeJson): VendorJson | null {
  const covered = result.vendors.filter((v) => v.tco && v.costPerEffective !== null);
  return covered.length ? covered.reduce((a, b) => (Number(b.costPerEffective) < Number(a.costPerEffective) ? b : a)) : null;
}
