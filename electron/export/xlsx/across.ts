/**
 * The last section of the Evidence sheet: per stream, across. One column per stream, in the order
 * of the Volume sheet's blocks, holding for each covered vendor its delivery rate, delivered x
 * engaged, failure share, benefit per outbound message and incremental conversions per outbound
 * message (formulas of the rate rows above), and for each of its quote routes which streams it
 * pools (1 or 0: structure, fixed at export). A sum over streams on Monthly, Calc or Summary is then
 * one SUMPRODUCT of a Volume row and a row here, so no formula grows with the number of streams:
 * Excel refuses a formula longer than 8,192 characters, which a sum written term by term passes
 * at about 150 streams.
 */
import type { Workspace } from '../../engine/types.js';
import { fx, range } from './cells.js';
import { EVIDENCE, type EvidenceRefs } from './evidence.js';
import { COUNT, FACTOR, INTEGER, RATE } from './formats.js';
import type { SheetWriter, Value } from './sheet.js';
import type { Structure } from './structure.js';
import { VOLUME, type VolumeRefs } from './volume.js';

export type ConversionsAt = 'icr' | 'icrLow' | 'icrHigh';

export interface AcrossRefs {
  /** Outbound messages of each stream over the horizon (one row); null without streams. */
  outTotals: string | null;
  /** One row per covered vendor: its rates per stream. Null without streams or for an uncovered vendor. */
  dr(vendor: number): string | null;
  drEr(vendor: number): string | null;
  failShare(vendor: number): string | null;
  benefitPerOut(vendor: number): string | null;
  /** DR x incremental conversions per delivered message (0 where the stream has none); null when no stream has one. */
  conversions(vendor: number, at: ConversionsAt): string | null;
  /** 1 for each stream the vendor's route (by its index in the structure) pools, else 0. */
  pooled(vendor: number, route: number): string | null;
}

const FIRST = 4; // stream columns start at D

export function acrossSection(s: SheetWriter, ws: Workspace, st: Structure, vol: VolumeRefs, ev: EvidenceRefs): AcrossRefs {
  const n = ws.streams.length;
  const rowRange = (r: number) => range(EVIDENCE, FIRST, r, FIRST + n - 1, r);
  s.section(
    'Per stream, across',
    'One column per stream (the order of the Volume sheet). Each row repeats cells above so that a sum over streams on Monthly, Calc and Summary is one SUMPRODUCT; the pooled rows say which streams a quote route prices (fixed at export).',
  );
  s.header(['Vendor id', 'Route', 'Per stream', ...ws.streams.map((x) => x.id)]);
  const rows = new Map<string, number>();
  const line = (key: string, vendorId: string, route: string, label: string, cells: (string | number)[], format: string) => {
    rows.set(key, s.row);
    s.line([vendorId, route, label, ...cells.map((c): [Value, string] => [typeof c === 'number' ? c : fx(c), format])]);
  };
  if (n > 0)
    line(
      'out',
      '',
      '',
      'Outbound messages over the horizon',
      ws.streams.map((_, si) => `SUM(${range(VOLUME, vol.out[si]!, vol.first, vol.out[si]!, vol.last)})`),
      COUNT,
    );
  if (n > 0) {
    for (const info of st.vendors) {
      if (!info.covered) continue;
      const vi = info.index;
      const id = info.vendor.id;
      const rates = ws.streams.map((_, si) => ev[vi]![si]!);
      line(
        `dr:${vi}`,
        id,
        '',
        'Delivery rate',
        rates.map((r) => r.dr),
        RATE,
      );
      line(
        `drEr:${vi}`,
        id,
        '',
        'Delivered x engaged, per outbound',
        rates.map((r) => `${r.dr}*${r.er}`),
        RATE,
      );
      line(
        `fail:${vi}`,
        id,
        '',
        'Failure share (1 - delivery rate)',
        rates.map((r) => `1-${r.dr}`),
        RATE,
      );
      line(
        `benefit:${vi}`,
        id,
        '',
        'Benefit per outbound message',
        rates.map((r) => r.benefitPerOut),
        '0.000000',
      );
      if (rates.some((r) => r.icr)) {
        const label = { icr: 'Incr. conversions per outbound', icrLow: '… at the lift low bound', icrHigh: '… at the lift high bound' } as const;
        for (const at of ['icr', 'icrLow', 'icrHigh'] as const) {
          line(
            `${at}:${vi}`,
            id,
            '',
            label[at],
            rates.map((r) => (r[at] ? `${r.dr}*${r[at]}` : 0)),
            FACTOR,
          );
        }
      }
      info.routes.forEach((route, ri) => {
        const members = new Set(route.streams);
        line(
          `pooled:${vi}:${ri}`,
          id,
          route.key,
          'Streams the route pools',
          ws.streams.map((_, si) => (members.has(si) ? 1 : 0)),
          INTEGER,
        );
      });
    }
  }
  const at = (key: string) => {
    const r = rows.get(key);
    return r === undefined ? null : rowRange(r);
  };
  return {
    outTotals: at('out'),
    dr: (vi) => at(`dr:${vi}`),
    drEr: (vi) => at(`drEr:${vi}`),
    failShare: (vi) => at(`fail:${vi}`),
    benefitPerOut: (vi) => at(`benefit:${vi}`),
    conversions: (vi, which) => at(`${which}:${vi}`),
    pooled: (vi, ri) => at(`pooled:${vi}:${ri}`),
  };
}
