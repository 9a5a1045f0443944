import { count, money, percent, unitCost } from '../../format';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { cheapestVendor } from './cheapest';
import { routeWords, routesWithStreams } from '../../words';

/**
 * Vendors side by side: TCO, NPV, cost per sent, delivered and effective message with its
 * 5th–95th percentile and P(cheapest), ROI and payback; the cheapest marked, assumed rates and
 * uncovered routes said. The compare screen and the report draw this same table.
 */
/** What the uncertainty columns mean, in words: the columns' titles and the note under the table. */
export const RANGE_NOTE =
  "5th–95th percentile: the delivery and engagement rates measured by the pilots are only estimates, so they are drawn again and again at random within what the pilots' counts allow (assumed rates stay fixed); in 90 of every 100 draws the cost per effective message falls within this range.";
export const P_NOTE = 'P(cheapest): the share of those draws in which this vendor has the lowest cost per effective message.';

export function CompareTable({
  result,
  analysesPending = false,
  previous = null,
  notes = false,
  showRegret = false,
}: {
  result: ComputeJson;
  analysesPending?: boolean;
  previous?: ComputeJson | null;
  notes?: boolean;
  showRegret?: boolean;
}) {
  const cur = result.baseCurrency;
  // While this state's analyses are being computed, each vendor's uncertainty from the state before
  // is shown dimmed and said to be updating, rather than a blank that flickers on every keystroke.
  const before = analysesPending && previous ? new Map(previous.vendors.map((v) => [v.id, v.uncertainty])) : null;
  const cheapest = cheapestVendor(result)?.id ?? null;
  return (
    <table className="compare" aria-describedby={notes ? 'compare-notes' : undefined}>
      <caption className="sr-only">Vendors compared</caption>
      <thead>
        <tr>
          <th scope="col">Vendor</th>
          <th scope="col">TCO</th>
          <th scope="col" title="Net present value of the cost: each month's cost discounted at the workspace's discount rate">
            Present value of cost (NPV)
          </th>
          <th scope="col">Per sent</th>
          <th scope="col">Per delivered</th>
          <th scope="col">Per effective</th>
          <th scope="col" title={RANGE_NOTE}>
            5th–95th percentile<sup aria-hidden="true">*</sup>
          </th>
          <th scope="col" title={P_NOTE}>
            P(cheapest)<sup aria-hidden="true">†</sup>
          </th>
          {showRegret && (
            <th scope="col" title="What choosing the vendor costs, on average over the draws, above buying its effective messages at the best unit cost of each draw">
              Expected regret
            </th>
          )}
          <th scope="col">Delivered</th>
          <th scope="col">ROI</th>
          <th scope="col">Payback</th>
        </tr>
      </thead>
      <tbody>
        {result.vendors.map((v) => (
          <tr key={v.id} className={v.id === cheapest ? 'cheapest' : undefined} data-vendor={v.id}>
            <th scope="row">
              {v.name}
              {v.id === cheapest && <span className="badge">cheapest</span>}
              {v.assumed.length > 0 && (
                <span className="assumed" title={`No pilot of ${v.name} backs ${routesWithStreams(result.streams, v.assumed)}: the assumed delivery and engagement rates of Settings are used`}>
                  assumed rates: {v.assumed.map(routeWords).join(', ')}
                </span>
              )}
            </th>
            {v.tco ? (
              <>
                <td data-col="tco">{money(v.tco.nominal, cur)}</td>
                <td>{money(v.tco.npv, cur)}</td>
                <td>{unitCost(v.costPerSent, cur)}</td>
                <td>{unitCost(v.costPerDelivered, cur)}</td>
                <td data-col="effective">{unitCost(v.costPerEffective, cur)}</td>
                <UncertaintyCells fresh={v.uncertainty} before={before?.get(v.id) ?? null} pending={analysesPending} currency={cur} />
                {showRegret && (
                  <td data-col="regret" className={v.expectedRegret === null && analysesPending ? 'stale' : undefined}>
                    {v.expectedRegret === null ? (analysesPending ? '…' : '—') : money(String(v.expectedRegret), cur)}
                  </td>
                )}
                <td>{count(v.delivered)}</td>
                <td data-col="roi">{v.roi === null ? '—' : percent(v.roi, 0)}</td>
                <td data-col="payback">{v.paybackMonth === null ? '—' : `month ${v.paybackMonth}`}</td>
              </>
            ) : (
              <td colSpan={showRegret ? 11 : 10} className="uncovered">
                does not price {routesWithStreams(result.streams, v.uncovered)}: no totals
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Uncertainty = ComputeJson['vendors'][number]['uncertainty'];

/** The 5th–95th percentile and P(cheapest): this state's, else (dimmed, "updating") the state's before. */
function UncertaintyCells({ fresh, before, pending, currency }: { fresh: Uncertainty; before: Uncertainty; pending: boolean; currency: string }) {
  const u = fresh ?? before;
  const attrs = !fresh && before ? { className: 'stale', title: 'From before the last change: updating' } : {};
  const empty = pending ? '…' : '—';
  return (
    <>
      <td data-col="range" {...attrs}>
        {u ? `${unitCost(u.costPerEffective.p5, currency)} – ${unitCost(u.costPerEffective.p95, currency)}` : empty}
      </td>
      <td data-col="pCheapest" {...attrs}>
        {u ? percent(u.pCheapest, 0) : empty}
      </td>
    </>
  );
}
