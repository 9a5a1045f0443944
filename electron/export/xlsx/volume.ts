/**
 * The Volume sheet: one row per month of the horizon with what does not depend on a vendor: the
 * calendar month, contract year, discount factor, active contacts, and per stream its outbound
 * messages, billing units (segments for SMS) and inbound messages, each in a block of adjacent
 * columns (stream order), so the sums over streams are SUMPRODUCTs of one row of a block: their
 * length does not grow with the number of streams (Excel refuses formulas over 8,192 characters).
 * All formulas of Inputs.
 */
import { colLetter, fx, range } from './cells.js';
import { COUNT, FACTOR, INTEGER, MONTH } from './formats.js';
import type { InputRefs } from './inputs.js';
import type { SheetWriter, Value } from './sheet.js';
import type { Structure } from './structure.js';
import type { Workspace } from '../../engine/types.js';

export const VOLUME = 'Volume';

export interface VolumeRefs {
  /** Row of month m (1-based) on the Volume sheet. */
  rowOf(m: number): number;
  first: number;
  last: number;
  /** Columns. */
  period: number;
  year: number;
  df: number;
  contacts: number;
  out: number[];
  units: number[];
  inbound: number[];
  /** The row of month m of a block (`Volume!$G$5:$AJ$5`), stream order; null without streams. */
  outRow(m: number): string | null;
  unitsRow(m: number): string | null;
  inboundRow(m: number): string | null;
}

export function volumeSheet(s: SheetWriter, ws: Workspace, st: Structure, inp: InputRefs): VolumeRefs {
  const h = ws.horizonMonths;
  s.title(
    'Volume per month (all vendors)',
    'out = volume x (1 + annual growth)^(year - 1) x (1 + monthly growth)^(month - 1) x seasonality; units = out x segments (SMS); inbound = out x inbound per outbound. DF(m) = (1 + r)^(-m/12).',
  );
  const labels = ['Month', 'Period', 'Contract year', 'Calendar month', 'Discount factor', 'Active contacts'];
  // The stream's name beside its id: "cart-us (Abandoned cart SMS, US): outbound".
  for (const what of ['outbound', 'billing units', 'inbound']) ws.streams.forEach((x) => labels.push(x.name && x.name !== x.id ? `${x.id} (${x.name}): ${what}` : `${x.id}: ${what}`));
  s.widths([8, 10, 9, 9, 14, 14, ...ws.streams.map(() => 16), ...ws.streams.map(() => 16), ...ws.streams.map(() => 14)]);
  const hr = s.header(labels);
  s.freeze(hr + 1, 3);
  const first = s.row;
  const n = ws.streams.length;
  const out = ws.streams.map((_, i) => 7 + i);
  const units = out.map((c) => c + n);
  const inbound = out.map((c) => c + 2 * n);
  for (let m = 1; m <= h; m++) {
    const r = s.row;
    const A = `A${r}`;
    const B = `B${r}`;
    const C = `C${r}`;
    const D = `D${r}`;
    // Σ active · (1 + growth)^(year - 1) over the streams with active contacts (blank counts 0).
    const contacts = inp.streamColumns && inp.streams.some((x) => x.active !== null) ? `SUMPRODUCT(${inp.streamColumns.active},(1+${inp.streamColumns.contactGrowth})^(${C}-1))` : '0';
    const cells: [Value, string][] = [
      [m, INTEGER],
      [fx(`DATE(YEAR(${inp.start}),MONTH(${inp.start})+${A}-1,1)`), MONTH],
      [fx(`INT((${A}-1)/12)+1`), INTEGER],
      [fx(`MONTH(${B})`), INTEGER],
      [fx(`(1+${inp.discountRate})^(-${A}/12)`), FACTOR],
      [fx(contacts), COUNT],
    ];
    cells.forEach(([v, f], c) => s.put(c + 1, v, f));
    ws.streams.forEach((_, i) => {
      const x = inp.streams[i]!;
      const o = `${colLetter(out[i]!)}${r}`;
      // One of the two growths is 0 (MODEL.md section 3): per year it steps each contract year, per month it compounds.
      s.put(out[i]!, fx(`${x.volume}*(1+${x.growth})^(${C}-1)*(1+${x.monthlyGrowth})^(${A}-1)*INDEX(${x.season},1,${D})`), COUNT);
      s.put(units[i]!, fx(st.streams[i]!.isSms ? `${o}*${x.segments}` : o), COUNT);
      s.put(inbound[i]!, fx(`${o}*${x.inboundPerOutbound}`), COUNT);
    });
    s.row++;
  }
  const rowOf = (m: number) => first + m - 1;
  const block = (cols: number[]) => (m: number) => (n === 0 ? null : range(VOLUME, cols[0]!, rowOf(m), cols[n - 1]!, rowOf(m)));
  return { rowOf, first, last: first + h - 1, period: 2, year: 3, df: 5, contacts: 6, out, units, inbound, outRow: block(out), unitsRow: block(units), inboundRow: block(inbound) };
}
