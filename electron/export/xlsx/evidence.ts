/**
 * The Evidence sheet: the delivery and engagement rates each vendor's streams use (from its pilots,
 * added together per route, or the channel defaults, marked "assumed"), the incremental conversion
 * rates that follow from the holdouts, the holdout statistics (MODEL.md section 10, as formulas:
 * lift, pooled z-test, Wilson and Newcombe intervals) and the pilots' counts.
 */
import type { ComputeResult } from '../../engine/compute.js';
import type { Workspace } from '../../engine/types.js';
import { routeKey } from '../../engine/routes.js';
import { addr, fx, ref, sum } from './cells.js';
import { INTEGER, RATE } from './formats.js';
import type { InputRefs } from './inputs.js';
import type { SheetWriter } from './sheet.js';
import type { Structure } from './structure.js';

export const EVIDENCE = 'Evidence';

export interface RateRefs {
  dr: string;
  er: string;
  /** Benefit (before risk adjustment) per outbound message of the stream, in the base currency. */
  benefitPerOut: string;
  /** Incremental conversions per delivered message: point, at the lift's lower and upper bound. */
  icr: string | null;
  icrLow: string | null;
  icrHigh: string | null;
}

/** Per vendor, per stream; null where the vendor has no rates for the stream. */
export type EvidenceRefs = (RateRefs | null)[][];

const RATE_COLS = [
  'Vendor id',
  'Vendor',
  'Stream id',
  'Stream',
  'Stream route',
  'Rates from',
  'Pilot sent',
  'Pilot delivered',
  'Engaged',
  'Delivered (engaging pilots)',
  'Delivery rate',
  'Engagement rate',
  'Assumed',
  'Incr. conversions per delivered',
  'at lift low bound',
  'at lift high bound',
  'Benefit per outbound message',
];

export function evidenceSheet(s: SheetWriter, ws: Workspace, st: Structure, inp: InputRefs, result: ComputeResult): EvidenceRefs {
  const E = (col: number, row: number) => ref(EVIDENCE, col, row);
  s.widths([18, 24, 16, 24, 18, 18, 12, 12, 12, 14, 12, 12, 14, 14, 14, 14, 14, 14, 14, 14]);
  s.title('Evidence', 'Rates per vendor and stream (pilots added together per route; assumed rates where no pilot serves, marked "assumed"), holdout statistics and pilot counts.');
  s.freeze(3, 5);
  const nStreams = ws.streams.length;

  // Holdout rows are written after the rates, at positions known in advance.
  s.section('Rates used');
  s.header(RATE_COLS);
  const rateStart = s.row;
  const rateRow = (vi: number, si: number) => rateStart + vi * nStreams + si;
  const holdoutStreams = ws.streams.map((x, i) => (x.benefits.holdout ? i : -1)).filter((i) => i >= 0);
  // Section gap, heading, note, header: the holdout table starts 4 rows after the last rate row.
  const holdoutStart = rateStart + ws.vendors.length * nStreams + 4;
  const holdoutRow = new Map(holdoutStreams.map((si, k) => [si, holdoutStart + k]));
  const HC = { lift: 10, low: 18, high: 19 };

  const refs: EvidenceRefs = ws.vendors.map((v, vi) =>
    ws.streams.map((x, si) => {
      const src = st.vendors[vi]!.rates[si];
      const r = rateRow(vi, si);
      if (!src) return null;
      const info = st.streams[si]!;
      let icr: string | null = null;
      let icrLow: string | null = null;
      let icrHigh: string | null = null;
      const hr = holdoutRow.get(si);
      if ((hr !== undefined && st.vendors[info.holdoutVendor ?? vi]!.rates[si]) || (hr === undefined && inp.streams[si]!.conversionRate)) {
        icr = E(14, r);
        icrLow = E(15, r);
        icrHigh = E(16, r);
      }
      return { dr: E(11, r), er: E(12, r), benefitPerOut: E(17, r), icr, icrLow, icrHigh };
    }),
  );

  ws.vendors.forEach((v, vi) => {
    ws.streams.forEach((x, si) => {
      const src = st.vendors[vi]!.rates[si];
      const rr = refs[vi]![si];
      const r = s.row;
      if (!src || !rr) {
        s.line([v.id, v.name || v.id, x.id, x.name || x.id, st.streams[si]!.key, 'no pilot and no default']);
        return;
      }
      const vp = inp.vendors[vi]!;
      const info = st.streams[si]!;
      const b = inp.streams[si]!;
      const cells: unknown[] = [v.id, v.name || v.id, x.id, x.name || x.id, info.key];
      if (src.pilotRoute !== null) {
        cells.push(`pilot ${src.pilotRoute}`);
        cells.push([fx(sum(src.pilots.map((p) => vp.pilots[p]!.sent))), INTEGER]);
        cells.push([fx(sum(src.pilots.map((p) => vp.pilots[p]!.delivered))), INTEGER]);
        if (src.engagedPilots) {
          cells.push([fx(sum(src.engagedPilots.map((p) => vp.pilots[p]!.engaged!))), INTEGER]);
          cells.push([fx(sum(src.engagedPilots.map((p) => vp.pilots[p]!.delivered))), INTEGER]);
        } else cells.push('', '');
        cells.push([fx(`${addr(8, r, false)}/${addr(7, r, false)}`), RATE]);
        cells.push([fx(src.engagedPilots ? `IF(${addr(10, r, false)}>0,${addr(9, r, false)}/${addr(10, r, false)},0)` : inp.defaults.get(src.channel)!.er!), RATE]);
      } else {
        const d = inp.defaults.get(src.channel)!;
        cells.push(`default (${src.channel})`, '', '', '', '', [fx(d.dr!), RATE], [fx(d.er!), RATE]);
      }
      cells.push(src.deliveryAssumed ? 'assumed' : src.engagementAssumed ? 'assumed (engagement)' : '');
      // Incremental conversions per delivered message, then the benefit per outbound message.
      const hr = holdoutRow.get(si);
      if (rr.icr && hr !== undefined) {
        const dr = info.holdoutVendor === null ? addr(11, r, false) : E(11, rateRow(info.holdoutVendor, si));
        cells.push([fx(`${E(HC.lift, hr)}/${dr}`), '0.000000'], [fx(`${E(HC.low, hr)}/${dr}`), '0.000000'], [fx(`${E(HC.high, hr)}/${dr}`), '0.000000']);
      } else if (rr.icr) {
        const entered = inp.streams[si]!.conversionRate!;
        cells.push([fx(entered), '0.000000'], [fx(entered), '0.000000'], [fx(entered), '0.000000']);
      } else cells.push('', '', '');
      const perDelivered: string[] = [];
      if (rr.icr && b.valuePerConversion) perDelivered.push(`${addr(14, r, false)}*${b.valuePerConversion}`);
      if (info.hasDeflection) perDelivered.push(`${b.deflected}*${b.costPerContact}`);
      cells.push([fx(perDelivered.length ? `${addr(11, r, false)}*(${perDelivered.join('+')})` : '0'), '0.000000']);
      cells.forEach((c, i) => (Array.isArray(c) ? s.put(i + 1, c[0], c[1]) : s.put(i + 1, c as string)));
      s.row++;
    });
  });

  // Holdout statistics
  s.section(
    'Holdout statistics',
    'Exposed x1/n1 against holdout x0/n0: absolute lift, pooled two-proportion z-test (two-sided), Wilson intervals and the Newcombe hybrid score 95% interval of the lift.',
  );
  s.header([
    'Stream id',
    'Stream',
    'Route',
    'Exposed converted',
    'Exposed',
    'Holdout converted',
    'Holdout',
    'p1',
    'p0',
    'Absolute lift',
    'Relative lift',
    'z',
    'p-value',
    'Wilson low p1',
    'Wilson high p1',
    'Wilson low p0',
    'Wilson high p0',
    'Lift 95% low',
    'Lift 95% high',
  ]);
  if (s.row !== holdoutStart) throw new Error(`Evidence layout: holdout table at row ${s.row}, expected ${holdoutStart}`);
  const z = inp.z;
  const wilson = (x: string, n: string, lower: boolean) => {
    const centre = `(${x}+${z}^2/2)/(${n}+${z}^2)`;
    const half = `${z}*SQRT(${x}*(${n}-${x})/${n}+${z}^2/4)/(${n}+${z}^2)`;
    return lower ? `IF(${x}=0,0,MAX(0,${centre}-${half}))` : `IF(${x}=${n},1,MIN(1,${centre}+${half}))`;
  };
  for (const si of holdoutStreams) {
    const h = inp.streams[si]!.holdout!;
    const r = s.row;
    const c = (col: number) => addr(col, r, false);
    const [x1, n1, x0, n0] = [c(4), c(5), c(6), c(7)];
    const pooled = `((${x1}+${x0})/(${n1}+${n0}))`;
    s.line([
      ws.streams[si]!.id,
      ws.streams[si]!.name || ws.streams[si]!.id,
      st.streams[si]!.key,
      [fx(h.x1), INTEGER],
      [fx(h.n1), INTEGER],
      [fx(h.x0), INTEGER],
      [fx(h.n0), INTEGER],
      [fx(`${x1}/${n1}`), RATE],
      [fx(`${x0}/${n0}`), RATE],
      [fx(`${c(8)}-${c(9)}`), RATE],
      [fx(`IF(${x0}=0,"none",${c(10)}/${c(9)})`), '0.00%'],
      [fx(`IF(OR(${x1}+${x0}=0,${x1}+${x0}=${n1}+${n0}),"none",${c(10)}/SQRT(${pooled}*(1-${pooled})*(1/${n1}+1/${n0})))`), '0.0000'],
      [fx(`IF(ISNUMBER(${c(12)}),MIN(1,2*NORMSDIST(-ABS(${c(12)}))),1)`), '0.000000'],
      [fx(wilson(x1, n1, true)), RATE],
      [fx(wilson(x1, n1, false)), RATE],
      [fx(wilson(x0, n0, true)), RATE],
      [fx(wilson(x0, n0, false)), RATE],
      [fx(`MAX(-1,${c(10)}-SQRT((${c(8)}-${c(14)})^2+(${c(17)}-${c(9)})^2))`), RATE],
      [fx(`MIN(1,${c(10)}+SQRT((${c(15)}-${c(8)})^2+(${c(9)}-${c(16)})^2))`), RATE],
    ]);
  }

  // Pilots and assumed routes (values)
  s.section('Pilots', "Counts as entered or imported from the vendors' event logs; failures by reason.");
  s.header(['Vendor id', 'Vendor', 'Route', 'Sent', 'Delivered', 'Failed', 'Failed by reason', 'Engaged', 'Converted', 'Opted out', 'Complained', 'Delivery rate', 'Engagement rate']);
  for (const v of ws.vendors) {
    for (const p of v.pilots) {
      const r = s.row;
      const failed = Object.values(p.failed).reduce((a, b) => a + b, 0);
      s.line([
        v.id,
        v.name || v.id,
        routeKey(p),
        [p.sent, INTEGER],
        [p.delivered, INTEGER],
        [failed, INTEGER],
        Object.entries(p.failed)
          .map(([k, n]) => `${k}: ${n}`)
          .join('; '),
        [p.engaged ?? undefined, INTEGER],
        [p.converted ?? undefined, INTEGER],
        [p.optedOut ?? undefined, INTEGER],
        [p.complained ?? undefined, INTEGER],
        [p.sent > 0 ? fx(`E${r}/D${r}`) : undefined, RATE],
        [p.engaged !== null && p.delivered > 0 ? fx(`H${r}/E${r}`) : undefined, RATE],
      ]);
    }
  }

  s.section('Assumed and uncovered routes', 'A vendor\'s "assumed" routes use assumed rates for its delivery or engagement rate; an uncovered route leaves the vendor with no totals.');
  s.header(['Vendor id', 'Vendor', 'Assumed', 'Does not cover']);
  for (const v of result.vendors) s.line([v.id, v.name || v.id, v.assumed.join(', '), v.uncovered.join(', ')]);
  return refs;
}
