/**
 * The Scenarios sheet (MODEL.md v1.2 section 7), values from the engine like the Sensitivity
 * sheet: which vendor is cheapest per effective message in the base and in each scenario (and
 * where the decision flips), each scenario's totals per vendor, and its changes in words, read
 * against the base ("Vendor B's price on SMS to the US: 0.0070 instead of 0.0080"), never a JSON
 * Pointer. Scenarios are not recomputed by formulas: the workbook's formulas are the base's.
 */
import { canonicalDocument } from '../../api/document.js';
import { describeChange, whyNotApplies } from '../../api/scenario-words.js';
import type { ComputeResult } from '../../engine/compute.js';
import type { Decimal } from '../../engine/decimal.js';
import { roundMoney, roundUnitCost } from '../../engine/round.js';
import type { Workspace } from '../../engine/types.js';
import { moneyFormat, priceFormat } from './formats.js';
import type { SheetWriter } from './sheet.js';

export const SCENARIOS = 'Scenarios';

export function scenariosSheet(s: SheetWriter, ws: Workspace, result: ComputeResult): void {
  const cur = result.baseCurrency;
  const money = moneyFormat(cur);
  const unit = priceFormat(cur);
  const m = (d: Decimal | null) => (d === null ? 'none' : roundMoney(d, cur).toNumber());
  const u = (d: Decimal | null) => (d === null ? 'none' : roundUnitCost(d).toNumber());
  const names = new Map(ws.vendors.map((v) => [v.id, v.name || v.id]));
  const nameOf = (id: string | null) => (id === null ? 'none (no vendor has effective messages)' : (names.get(id) ?? id));
  s.widths([28, 34, 18, 18, 20, 60]);
  s.title('Scenarios (values from the engine)', "Each scenario is the base with its changes, computed by the app; the formulas of the other sheets are the base's. Values, not formulas.");
  s.freeze(3);
  if (result.scenarios.length === 0) {
    s.line(['No scenarios: add one on the Scenarios screen to compare "what if" cases with the base.']);
    return;
  }
  const base = canonicalDocument({ ...ws, scenarios: [] });
  // A scenario whose changes no longer apply to the base (the app computes the others): why, in words.
  const broken = (i: number): string | null => {
    const sc = result.scenarios[i];
    const doc = ws.scenarios?.[i];
    return sc?.error && doc ? whyNotApplies(base, sc.name, doc.patch, sc.error.operation) : null;
  };
  s.section('Cheapest per effective message');
  s.header(['Case', 'Cheapest', 'Decision']);
  s.line(['Base', nameOf(result.cheapest), '']);
  result.scenarios.forEach((sc, i) => {
    const why = broken(i);
    s.line(why ? [sc.name, 'cannot be computed', why] : [sc.name, nameOf(sc.cheapest), sc.cheapest === result.cheapest ? 'same as the base' : `flips (base: ${nameOf(result.cheapest)})`]);
  });

  (ws.scenarios ?? []).forEach((doc, i) => {
    const sc = result.scenarios[i];
    if (!sc) return;
    const why = broken(i);
    s.section(`Scenario: ${sc.name}`, why ?? `Cheapest per effective message: ${nameOf(sc.cheapest)}.`);
    s.header(['Vendor id', 'Vendor', 'TCO (nominal)', 'TCO (NPV)', 'Cost per effective message']);
    if (why) s.line(['', '', 'cannot be computed: see above']);
    for (const v of sc.vendors) {
      if (v.tcoNominal === null) s.line([v.id, nameOf(v.id), 'does not cover every route: no totals']);
      else s.line([v.id, nameOf(v.id), [m(v.tcoNominal), money], [m(v.tcoNpv), money], [u(v.costPerEffective), unit]]);
    }
    s.row++;
    s.header(['Change', 'In words']);
    // The checks written before a change (that its vendor, route or stream is still the one it was
    // made on) are not changes: listed as the app lists them, the changes alone.
    const changes = doc.patch.filter((o) => o.op !== 'test');
    if (changes.length === 0) s.line(['', 'no changes: the same as the base']);
    changes.forEach((o, j) => s.line([j + 1, describeChange(base, o)]));
  });
}
