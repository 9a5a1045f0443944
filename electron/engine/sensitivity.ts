/**
 * Sensitivity (MODEL.md section 7): nine inputs, each scaled by 0.8 and by 1.2 with all else held;
 * nominal TCO, NPV and cost per effective message at each end; sorted by the nominal TCO swing,
 * then the NPV swing, ties in the order listed (the tornado).
 */
import { Decimal } from './decimal.js';
import { NO_FACTORS, evaluateVendor, perUnit, type Factors } from './evaluate.js';
import type { VendorPlan, WorkspacePlan } from './plan.js';

export const SENSITIVITY_INPUTS = [
  'prices',
  'passThrough',
  'volume',
  'deliveryRate',
  'engagementRate',
  'internalHours',
  'fees',
  'escalator',
  'discountRate',
] as const satisfies readonly (keyof Factors)[];
export type SensitivityInput = (typeof SENSITIVITY_INPUTS)[number];

export interface SensitivityEntry {
  input: SensitivityInput;
  tco: [Decimal, Decimal];
  npv: [Decimal, Decimal];
  costPerEffective: [Decimal | null, Decimal | null];
}

const LOW = new Decimal('0.8');
const HIGH = new Decimal('1.2');

export function sensitivity(wp: WorkspacePlan, vp: VendorPlan): SensitivityEntry[] {
  const entries = SENSITIVITY_INPUTS.map((input): SensitivityEntry => {
    const lo = evaluateVendor(wp, vp, { ...NO_FACTORS, [input]: LOW });
    const hi = evaluateVendor(wp, vp, { ...NO_FACTORS, [input]: HIGH });
    return {
      input,
      tco: [lo.tcoNominal, hi.tcoNominal],
      npv: [lo.tcoNpv, hi.tcoNpv],
      costPerEffective: [perUnit(lo.tcoNominal, lo.effective), perUnit(hi.tcoNominal, hi.effective)],
    };
  });
  const swing = (x: [Decimal, Decimal]) => x[1].minus(x[0]).abs();
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => swing(b.e.tco).cmp(swing(a.e.tco)) || swing(b.e.npv).cmp(swing(a.e.npv)) || a.i - b.i)
    .map(({ e }) => e);
}
