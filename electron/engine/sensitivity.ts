/**
 * Sensitivity (MODEL.md section 7): nine inputs, each scaled by 0.8 and by 1.2 with all else held;
 * nominal TCO, NPV and cost per effective message at each end; sorted by the nominal TCO swing,
 * then the NPV swing, ties in the order listed (the tornado).
 */
import { Decimal } from './decimal.js';
import { NO_FACTORS, bill, meter, meteringUsesEngagement, perUnit, type Factors, type Metering, type VendorEvaluation } from './evaluate.js';
import { stopIf } from './errors.js';
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
  /** A rate input whose ×1.2 is held at 100% for at least one of the vendor's rates (×0.8 never is). */
  capped: boolean;
}

const LOW = new Decimal('0.8');
const HIGH = new Decimal('1.2');

/** Volume and rates change what the routes meter; every other input only changes the billing. */
const METERED = new Set<SensitivityInput>(['volume', 'deliveryRate', 'engagementRate']);

/** Does ×1.2 of this rate input hit the cap of 1 (100%) for one of the vendor's rate groups? */
export function cappedAtOne(vp: VendorPlan, input: SensitivityInput): boolean {
  if (input !== 'deliveryRate' && input !== 'engagementRate') return false;
  return vp.groups.some((g) => (input === 'deliveryRate' ? g.dr : g.er).times(HIGH).gt(1));
}

/** `stop` is asked before each input (compute.ts ComputeOptions.stop). */
export function sensitivity(wp: WorkspacePlan, vp: VendorPlan, base: Metering = meter(wp, vp), stop?: () => boolean): SensitivityEntry[] {
  const run = (input: SensitivityInput, x: Decimal): VendorEvaluation => {
    const f: Factors = { ...NO_FACTORS, [input]: x };
    if (!METERED.has(input)) return bill(wp, vp, base, f);
    if (input === 'engagementRate' && !meteringUsesEngagement(vp)) {
      // Engagement moves only the effective count here: re-meter nothing but that.
      const effective = vp.groups.reduce((acc, g, gi) => acc.plus(g.outTotal.times(base.rates[gi]!.dr).times(Decimal.min(1, g.er.times(x)))), new Decimal(0));
      return bill(wp, vp, { ...base, effective }, f);
    }
    return bill(wp, vp, meter(wp, vp, f.volume, f.deliveryRate, f.engagementRate), f);
  };
  const entries = SENSITIVITY_INPUTS.map((input): SensitivityEntry => {
    stopIf(stop);
    const lo = run(input, LOW);
    const hi = run(input, HIGH);
    return {
      input,
      tco: [lo.tcoNominal, hi.tcoNominal],
      npv: [lo.tcoNpv, hi.tcoNpv],
      costPerEffective: [perUnit(lo.tcoNominal, lo.effective), perUnit(hi.tcoNominal, hi.effective)],
      capped: cappedAtOne(vp, input),
    };
  });
  const swing = (x: [Decimal, Decimal]) => x[1].minus(x[0]).abs();
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => swing(b.e.tco).cmp(swing(a.e.tco)) || swing(b.e.npv).cmp(swing(a.e.npv)) || a.i - b.i)
    .map(({ e }) => e);
}
