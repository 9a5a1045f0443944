import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { ChartView } from '../../charts/ChartView';
import { breakEvenStretches, costPerEffectiveRange, cumulative, tcoByCategory, tornado } from '../../charts/datasets';
import { count, money, percent, unitCost } from '../../format';
import { useWorkspace } from '../../state/workspace';
import type { ComputeJson } from '../../../../electron/engine/report.js';

/** Vendors side by side: TCO, NPV, cost per sent, delivered and effective message, and why. */
export function CompareScreen() {
  const { result, full, workspace, error, analysesPending } = useWorkspace();
  const [focus, setFocus] = useState<string | null>(null);
  const [pair, setPair] = useState<[string | null, string | null]>([null, null]);
  const cur = result?.baseCurrency ?? 'USD';
  const configs = useMemo(() => (full ? chartConfigs(full, cur, focus, pair) : null), [full, cur, focus, pair]);
  if (!workspace) return null;
  if (error && !result) return <p role="alert" className="error">{error.message}</p>;
  if (!result) return <p>Computing…</p>;
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
                  <td>{v.uncertainty ? `${unitCost(v.uncertainty.costPerEffective.p5, cur)} – ${unitCost(v.uncertainty.costPerEffective.p95, cur)}` : analysesPending ? '…' : '—'}</td>
                  <td>{v.uncertainty ? percent(v.uncertainty.pCheapest, 0) : analysesPending ? '…' : '—'}</td>
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
      {configs && covered.length > 0 && (
        <div className="charts">
          <figure>
            <figcaption>TCO by category</figcaption>
            <ChartView config={configs.tco} label={`TCO by category for ${covered.map((v) => v.name).join(', ')}`} />
          </figure>
          <figure>
            <figcaption>Cost per effective message, 5th–95th percentile (bars) and point value</figcaption>
            <ChartView config={configs.cpe} label="Cost per effective message with its uncertainty range" />
          </figure>
          <div className="row">
            <label htmlFor="focus">Vendor for the payback and tornado charts</label>
            <select id="focus" value={configs.focus.id} onChange={(e) => setFocus(e.target.value)}>
              {covered.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <figure>
            <figcaption>
              Cumulative cost and risk-adjusted benefit, {configs.focus.name}: {configs.focus.paybackMonth === null ? 'no payback within the horizon' : `pays back in month ${configs.focus.paybackMonth}`}
            </figcaption>
            <ChartView config={configs.cumulative} label={`Cumulative cost against cumulative benefit for ${configs.focus.name}`} />
          </figure>
          <figure>
            <figcaption>Sensitivity of the TCO of {configs.focus.name} to each input at ×0.8 and ×1.2</figcaption>
            <ChartView config={configs.tornado} label={`Tornado chart for ${configs.focus.name}`} height="18rem" />
          </figure>
          {covered.length > 1 && (
            <section aria-labelledby="be-h">
              <h2 id="be-h">Break-even volume</h2>
              <div className="row">
                {[0, 1].map((k) => (
                  <div className="field" key={k}>
                    <label htmlFor={`be-${k}`}>{k === 0 ? 'Vendor' : 'against'}</label>
                    <select id={`be-${k}`} value={configs.pair[k]} onChange={(e) => setPair(k === 0 ? [e.target.value, configs.pair[1]] : [configs.pair[0], e.target.value])}>
                      {covered.map((v) => (
                        <option key={v.id} value={v.id}>
                          {v.name}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
              {configs.stretches ? (
                <ul data-breakeven>
                  {configs.stretches.map((st, i) => (
                    <li key={i}>
                      from ×{st.from} to ×{st.to} of every stream's volume: {result.vendors.find((v) => v.id === st.cheaper)?.name} is cheaper
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="hint">Choose two different vendors.</p>
              )}
            </section>
          )}
        </div>
      )}
    </section>
  );
}

function chartConfigs(result: ComputeJson, cur: string, focusId: string | null, pair: [string | null, string | null]) {
  const covered = result.vendors.filter((v) => v.tco);
  if (covered.length === 0) return null;
  const fmt = (x: number) => money(String(x), cur);
  const tco = tcoByCategory(result);
  const cpe = costPerEffectiveRange(result);
  const focus = covered.find((v) => v.id === focusId) ?? covered[0]!;
  const cum = cumulative(focus);
  const tor = tornado(focus);
  const a = pair[0] ?? covered[0]?.id ?? '';
  const b = pair[1] ?? covered[1]?.id ?? '';
  return {
    focus,
    pair: [a, b] as [string, string],
    stretches: a !== b ? breakEvenStretches(result, a, b) : null,
    tco: { type: 'bar', data: tco, options: { indexAxis: 'y', scales: { x: { stacked: true, ticks: { callback: (v) => fmt(Number(v)) } }, y: { stacked: true } } } } as ChartConfiguration,
    cpe: {
      type: 'bar',
      data: {
        labels: cpe.labels.map((l, i) => `${l} (P(cheapest) ${percent(cpe.pCheapest[i]!, 0)})`),
        datasets: [
          { type: 'bar', label: '5th–95th percentile', data: cpe.range, backgroundColor: 'rgba(47,111,222,0.35)' },
          { type: 'line', label: 'Point value', data: cpe.value, showLine: false, pointRadius: 6, pointStyle: 'rectRot', backgroundColor: '#d14f7a', borderColor: '#d14f7a' },
        ],
      },
      options: { scales: { y: { ticks: { callback: (v: string | number) => unitCost(Number(v), cur) } } } },
    } as unknown as ChartConfiguration,
    cumulative: {
      type: 'line',
      data: {
        labels: cum.months,
        datasets: [
          { label: 'Cumulative cost', data: cum.cost, borderColor: '#d14f7a', backgroundColor: '#d14f7a', pointRadius: 0 },
          { label: 'Cumulative benefit (risk-adjusted)', data: cum.benefit, borderColor: '#3a9e6b', backgroundColor: '#3a9e6b', pointRadius: 0 },
        ],
      },
      options: { scales: { y: { ticks: { callback: (v) => fmt(Number(v)) } } } },
    } as ChartConfiguration,
    tornado: {
      type: 'bar',
      data: {
        labels: tor.labels,
        datasets: [
          { label: '×0.8', data: tor.low, backgroundColor: '#2f6fde' },
          { label: '×1.2', data: tor.high, backgroundColor: '#e08a2e' },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { stacked: false, ticks: { callback: (v) => fmt(Number(v)) } }, y: { stacked: true } } },
    } as ChartConfiguration,
  };
}
