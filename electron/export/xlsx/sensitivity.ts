/**
 * The Sensitivity sheet, as values from the engine: each vendor's tornado (nine inputs at x0.8 and
 * x1.2, sorted by the TCO swing), the Monte Carlo percentiles of cost per effective message with
 * the probability of being cheapest, and the break-even volume multipliers of each pair.
 */
import type { ComputeResult } from '../../engine/compute.js';
import type { Decimal } from '../../engine/decimal.js';
import { roundMoney, roundUnitCost } from '../../engine/round.js';
import { PERCENT, moneyFormat, priceFormat } from './formats.js';
import type { SheetWriter } from './sheet.js';

export const SENSITIVITY = 'Sensitivity';

export function sensitivitySheet(s: SheetWriter, result: ComputeResult): void {
  const base = result.baseCurrency;
  const money = moneyFormat(base);
  const unit = priceFormat(base);
  const m = (d: Decimal) => roundMoney(d, base).toNumber();
  const u = (d: Decimal | null) => (d === null ? 'none' : roundUnitCost(d).toNumber());
  s.widths([12, 24, 16, 16, 16, 16, 16, 18, 18, 16]);
  s.title('Sensitivity and uncertainty (values from the engine)', 'Each input scaled by 0.8 and by 1.2 with all else held, sorted by the swing of nominal TCO (the tornado). Values, not formulas.');
  s.freeze(3);
  s.section('Tornado');
  s.header(['Vendor id', 'Vendor', 'Input', 'TCO at x0.8', 'TCO at x1.2', 'NPV at x0.8', 'NPV at x1.2', 'Cost per effective at x0.8', 'Cost per effective at x1.2', 'TCO swing']);
  for (const v of result.vendors) {
    if (!v.sensitivity) {
      s.line([v.id, v.name || v.id, v.uncovered.length ? `does not cover ${v.uncovered.join(', ')}` : 'not computed']);
      continue;
    }
    for (const e of v.sensitivity) {
      s.line([
        v.id,
        v.name || v.id,
        e.input,
        [m(e.tco[0]), money],
        [m(e.tco[1]), money],
        [m(e.npv[0]), money],
        [m(e.npv[1]), money],
        [u(e.costPerEffective[0]), unit],
        [u(e.costPerEffective[1]), unit],
        [m(e.tco[1].minus(e.tco[0]).abs()), money],
      ]);
    }
  }
  s.section(
    'Uncertainty',
    `${result.draws} seeded draws (seed ${result.seed}) of every pilot's delivery and engagement rate, each from Beta(successes + 1, failures + 1); the 5th to 95th percentile is the range 90% of the draws fall in.`,
  );
  s.header(['Vendor id', 'Vendor', 'Cost per effective, 5th percentile', '50th percentile', '95th percentile', 'P(cheapest)']);
  for (const v of result.vendors) {
    const x = v.uncertainty;
    if (!x) {
      s.line([v.id, v.name || v.id, 'none']);
      continue;
    }
    const p = (n: number | null) => (n === null ? 'none' : Number(n.toPrecision(4)));
    s.line([v.id, v.name || v.id, [p(x.costPerEffective.p5), unit], [p(x.costPerEffective.p50), unit], [p(x.costPerEffective.p95), unit], [x.pCheapest, PERCENT]]);
  }
  s.section('Break-even volume', "Multipliers k of every stream's monthly volume (0.1 to 10) at which the cheaper vendor by nominal TCO changes.");
  s.header(['Vendor', 'against', 'Multipliers']);
  const nameOf = (id: string) => result.vendors.find((v) => v.id === id)?.name || id;
  for (const p of result.breakEven) s.line([nameOf(p.a), nameOf(p.b), p.multipliers.length ? p.multipliers.join(', ') : 'none']);
}
