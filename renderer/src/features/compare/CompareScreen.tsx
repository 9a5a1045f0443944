import { useMemo } from 'react';
import { BarChart } from '../../charts/BarChart';
import { tcoByCategory } from '../../charts/datasets';
import { count, money, percent, unitCost } from '../../format';
import { useWorkspace } from '../../state/workspace';

/** Vendors side by side: TCO, NPV, cost per sent, delivered and effective message, and why. */
export function CompareScreen() {
  const { result, workspace, error } = useWorkspace();
  const chart = useMemo(() => (result ? tcoByCategory(result) : null), [result]);
  if (!workspace) return null;
  if (error && !result) return <p role="alert" className="error">{error.message}</p>;
  if (!result) return <p>Computing…</p>;
  const cur = result.baseCurrency;
  if (result.vendors.length === 0) {
    return <p className="empty">No vendors yet. Add the vendors that quoted, with their prices per route, to compare them here.</p>;
  }
  const covered = result.vendors.filter((v) => v.tco && v.costPerEffective !== null);
  const cheapest = covered.length ? covered.reduce((a, b) => (Number(b.costPerEffective) < Number(a.costPerEffective) ? b : a)).id : null;
  return (
    <section aria-labelledby="compare-h">
      <h1 id="compare-h">Compare vendors</h1>
      <p className="hint">
        {result.horizonMonths} months from {result.startMonth}, in {cur}. Cost per effective message is the TCO over the messages that arrive and do their job.
      </p>
      {error && <p role="alert" className="error">{error.message}</p>}
      <table className="compare">
        <caption className="sr-only">Vendors compared</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">TCO</th>
            <th scope="col">NPV</th>
            <th scope="col">Per sent</th>
            <th scope="col">Per delivered</th>
            <th scope="col">Per effective</th>
            <th scope="col">5th–95th percentile</th>
            <th scope="col">P(cheapest)</th>
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
                  <span className="assumed" title={`No pilot backs ${v.assumed.join(', ')}: workspace defaults are used`}>
                    assumed: {v.assumed.join(', ')}
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
                  <td>{v.uncertainty ? `${unitCost(v.uncertainty.costPerEffective.p5, cur)} – ${unitCost(v.uncertainty.costPerEffective.p95, cur)}` : '—'}</td>
                  <td>{v.uncertainty ? percent(v.uncertainty.pCheapest, 0) : '—'}</td>
                  <td>{count(v.delivered)}</td>
                  <td>{v.roi === null ? '—' : percent(v.roi, 0)}</td>
                  <td>{v.paybackMonth === null ? '—' : `month ${v.paybackMonth}`}</td>
                </>
              ) : (
                <td colSpan={10} className="uncovered">
                  does not cover {v.uncovered.join(', ')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {chart && chart.labels.length > 0 && (
        <>
          <h2>TCO by category</h2>
          <BarChart data={chart} stacked label={`TCO by category for ${chart.labels.join(', ')}`} format={(x) => money(String(x), cur)} />
        </>
      )}
    </section>
  );
}
