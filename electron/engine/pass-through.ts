/** A route's carrier mix (MODEL.md section 4, v1.2): per-carrier pass-through, shares summing to 1. */
import { Decimal, ZERO } from './decimal.js';
import { ModelError } from './errors.js';
import { nonNegative, parseDec } from './input-checks.js';
import type { CarrierShare } from './types.js';

export interface Carrier {
  share: Decimal;
  passThrough: Decimal;
  inboundPassThrough: Decimal;
}

const MIX_TOLERANCE = new Decimal('1e-9');

/** A carrier mix, checked: at least one carrier, shares > 0 adding up to 1 within 1e-9. */
export function carrierMix(mix: CarrierShare[], path: string): Carrier[] {
  if (mix.length === 0) throw new ModelError(path, 'a carrier mix needs at least one carrier (or null for none)');
  const out = mix.map((c, k): Carrier => {
    const share = parseDec(c.share, `${path}[${k}].share`);
    if (!share.gt(0)) throw new ModelError(`${path}[${k}].share`, `carrier ${c.carrier}'s share must be more than 0, got ${share.toString()}`);
    return {
      share,
      passThrough: nonNegative(parseDec(c.passThrough, `${path}[${k}].passThrough`), `${path}[${k}].passThrough`),
      inboundPassThrough: nonNegative(parseDec(c.inboundPassThrough, `${path}[${k}].inboundPassThrough`), `${path}[${k}].inboundPassThrough`),
    };
  });
  const sum = out.reduce((a, c) => a.plus(c.share), ZERO);
  if (sum.minus(1).abs().gt(MIX_TOLERANCE)) throw new ModelError(path, `the carriers' shares add up to ${sum.toString()}; they must add up to 1`);
  return out;
}
