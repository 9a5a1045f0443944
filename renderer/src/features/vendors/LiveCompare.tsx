import { memo } from 'react';
import type { ComputeJson, VendorJson } from '../../../../electron/engine/result-json.js';
import { money, unitCost } from '../../format';
import { useStore } from '../../state/store';
import { cheapestVendor } from '../compare/cheapest';
import { Problem } from '../../components/Problem';
import { routesWithStreams } from '../../words';

/**
 * The vendors compared as you type, beside the vendor cards: TCO and cost per effective message
 * of each, the cheapest marked (the compare screen has the rest). It draws the totals of the
 * latest edit; a row re-renders only when its vendor's numbers changed.
 */
export function LiveCompare() {
  const result = useStore((st) => st.result);
  const error = useStore((st) => (st.result ? null : st.error));
  const cur = result?.baseCurrency ?? 'USD';
  const cheapest = result ? cheapestVendor(result) : null;
  return (
    <aside className="live-compare" aria-labelledby="live-compare-h" data-live-compare>
      <h2 id="live-compare-h">Compare</h2>
      {result ? (
        <table className="compare">
          <caption className="sr-only">Vendors compared as you type</caption>
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">TCO</th>
              <th scope="col">Per effective</th>
            </tr>
          </thead>
          <tbody>
            {result.vendors.map((v) => (
              <Row key={v.id} v={v} cur={cur} cheapest={v === cheapest} streams={result.streams} />
            ))}
          </tbody>
        </table>
      ) : error ? (
        <Problem error={error} />
      ) : (
        <p className="hint">Computing…</p>
      )}
    </aside>
  );
}

const Row = memo(function Row({ v, cur, cheapest, streams }: { v: VendorJson; cur: string; cheapest: boolean; streams: ComputeJson['streams'] }) {
  return (
    <tr className={cheapest ? 'cheapest' : undefined} data-live-vendor={v.id}>
      <th scope="row">
        {v.name}
        {cheapest && <span className="badge">cheapest</span>}
      </th>
      {v.tco ? (
        <>
          <td data-col="tco">{money(v.tco.nominal, cur)}</td>
          <td data-col="effective">{unitCost(v.costPerEffective, cur)}</td>
        </>
      ) : (
        <td colSpan={2} className="uncovered">
          does not price {routesWithStreams(streams, v.uncovered)}
        </td>
      )}
    </tr>
  );
});
