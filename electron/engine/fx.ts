/** FX (MODEL.md section 1): the base-currency value of one unit of a currency; no rate is an error. */
import type { Decimal } from './decimal.js';
import { ModelError } from './errors.js';

export function fxOf(plan: { fx: Map<string, Decimal>; base: string }, currency: string, path: string): Decimal {
  const r = plan.fx.get(currency);
  if (!r) throw new ModelError(path, `no FX rate for ${currency} (add ${currency} to fx: its value in ${plan.base})`);
  return r;
}
