/**
 * The Volume sheet: one row per month of the horizon with what does not depend on a vendor: the
 * calendar month, contract year, discount factor, active contacts, and per stream its outbound
 * messages, billing units (segments for SMS) and inbound messages. All formulas of Inputs.
 */
import { colLetter, fx, sum } from './cells.js';
import { COUNT, FACTOR, INTEGER, MONTH } from './formats.js';
import type { InputRefs } from './inputs.js';
import type { SheetWriter } from './sheet.js';
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
}

export function volumeSheet(s: SheetWriter, ws: Workspace, st: Structure, inp: InputRefs): VolumeRefs {
  const h = ws.horizonMonths;
  s.title('Volume per month (all vendors)', 'out = volume x (1 + growth)^(year - 1) x seasonality; units = out x segments (SMS); inbound = out x inbound per outbound. DF(m) = (1 + r)^(-m/12).');
  const labels = ['Month', 'Period', 'Contract year', 'Calendar month', 'Discount factor', 'Active contacts'];
  ws.streams.forEach((x) => labels.push(`${x.id}: outbound`, `${x.id}: billing units`, `${x.id}: inbound`));
  s.widths([8, 10, 9, 9, 14, 14, ...ws.streams.flatMap(() => [16, 16, 14])]);
  const hr = s.header(labels);
  s.freeze(hr + 1, 3);
  const first = s.row;
  const out = ws.streams.map((_, i) => 7 + 3 * i);
  const units = out.map((c) => c + 1);
  const inbound = out.map((c) => c + 2);
  for (let m = 1; m <= h; m++) {
    const r = s.row;
    const A = `A${r}`;
    const B = `B${r}`;
    const C = `C${r}`;
    const D = `D${r}`;
    const contacts = inp.streams.filter((x) => x.active !== null).map((x) => `${x.active}*(1+${x.contactGrowth})^(${C}-1)`);
    const cells: [unknown, string][] = [
      [m, INTEGER],
      [fx(`DATE(YEAR(${inp.start}),MONTH(${inp.start})+${A}-1,1)`), MONTH],
      [fx(`INT((${A}-1)/12)+1`), INTEGER],
      [fx(`MONTH(${B})`), INTEGER],
      [fx(`(1+${inp.discountRate})^(-${A}/12)`), FACTOR],
      [fx(sum(contacts)), COUNT],
    ];
    ws.streams.forEach((_, i) => {
      const x = inp.streams[i]!;
      const o = `${colLetter(out[i]!)}${r}`;
      cells.push([fx(`${x.volume}*(1+${x.growth})^(${C}-1)*INDEX(${x.season},1,${D})`), COUNT]);
      cells.push([fx(st.streams[i]!.isSms ? `${o}*${x.segments}` : o), COUNT]);
      cells.push([fx(`${o}*${x.inboundPerOutbound}`), COUNT]);
    });
    cells.forEach(([v, f], c) => s.put(c + 1, v as never, f));
    s.row++;
  }
  return { rowOf: (m) => first + m - 1, first, last: first + h - 1, period: 2, year: 3, df: 5, contacts: 6, out, units, inbound };
}
