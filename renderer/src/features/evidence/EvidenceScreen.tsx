import { useEffect, useMemo, useState } from 'react';
import { count, percent } from '../../format';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { routeWords, vendorName } from '../../words';
import { pilotsByRoute } from './pilots';

function NumberInput({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

const interval = (ci: [number, number] | null | undefined, digits = 1) => (ci ? `${percent(ci[0], digits)} to ${percent(ci[1], digits)}` : '—');
/** A rate as the planner's field shows it: four significant digits, no float noise. */
const short = (x: number) => String(Number(x.toPrecision(4)));

/** A starting point for the sample-size planner, from the workspace's own evidence. */
interface Source {
  key: string;
  label: string;
  p0: number;
  lift: number;
}

/**
 * The workspace's own evidence: each vendor's pilots per route (delivery and engagement with their
 * 95% intervals), each stream's holdout test (lift, interval, p-value, the vendor that measured
 * it), and a sample-size planner fed from them. A scratch holdout calculator stays, labelled so:
 * what is typed there is not saved.
 */
export function EvidenceScreen() {
  const doc = useStore((st) => st.workspace?.document ?? null);
  const result = useStore((st) => st.result);
  const go = useStore((st) => st.go);
  const { holdout, holdoutError, sample, sampleError, computeHoldout, computeSample } = useStore(
    useShallow((st) => ({ holdout: st.holdout, holdoutError: st.holdoutError, sample: st.sample, sampleError: st.sampleError, computeHoldout: st.computeHoldout, computeSample: st.computeSample })),
  );

  const vendors = useMemo(() => (doc?.vendors ?? []).map((v) => ({ id: v.id, name: v.name ?? v.id, routes: pilotsByRoute(v.pilots ?? []) })), [doc]);
  const holdouts = useMemo(
    () =>
      (doc?.streams ?? []).flatMap((s) => {
        const h = s.benefits?.holdout;
        if (!h) return [];
        const stats = result?.streams.find((x) => x.id === s.id)?.holdout ?? null;
        return [{ id: s.id, name: s.name ?? s.id, exposed: h.exposed, held: h.holdout, vendor: h.vendor ? vendorName(doc, h.vendor) : null, stats }];
      }),
    [doc, result],
  );
  const sources = useMemo<Source[]>(() => {
    const out: Source[] = [];
    for (const h of holdouts) {
      const p0 = Number(h.held[0]) / Number(h.held[1]);
      const measured = Number(h.exposed[0]) / Number(h.exposed[1]) - p0;
      if (p0 > 0 && p0 < 1)
        out.push({
          key: `holdout:${h.id}`,
          label: `The holdout test of “${h.name}”: its held-out conversion rate, and the lift it measured`,
          p0,
          lift: measured > 0 && p0 + measured < 1 ? measured : Math.min(0.01, (1 - p0) / 2),
        });
    }
    for (const v of vendors)
      for (const r of v.routes)
        if (r.engagementRate !== null && r.engagementRate > 0 && r.engagementRate < 1)
          out.push({
            key: `pilot:${v.id}:${r.route}`,
            label: `${v.name}'s engagement on ${routeWords(r.route)}, to detect one point more`,
            p0: r.engagementRate,
            lift: Math.min(0.01, (1 - r.engagementRate) / 2),
          });
    return out;
  }, [holdouts, vendors]);

  const [h, setH] = useState({ x1: '', n1: '', x0: '', n0: '' });
  const [s, setS] = useState(() => {
    const first = sources[0];
    return { p0: first ? short(first.p0) : '', lift: first ? short(first.lift) : '', alpha: '0.05', power: '0.8' };
  });
  const [from, setFrom] = useState(sources[0]?.key ?? '');
  useEffect(() => {
    if ([h.x1, h.n1, h.x0, h.n0].some((x) => x.trim() === '')) return;
    void computeHoldout([Number(h.x1), Number(h.n1)], [Number(h.x0), Number(h.n0)]);
  }, [h, computeHoldout]);
  useEffect(() => {
    if ([s.p0, s.lift, s.alpha, s.power].some((x) => x.trim() === '')) return;
    void computeSample(Number(s.p0), Number(s.lift), Number(s.alpha), Number(s.power));
  }, [s, computeSample]);
  const msg = (m: string) => m.replace(/^\w+: \$[^:]*: /, '');
  const scratchFilled = [h.x1, h.n1, h.x0, h.n0].every((x) => x.trim() !== '');
  const planFilled = [s.p0, s.lift, s.alpha, s.power].every((x) => x.trim() !== '');
  const withPilots = vendors.filter((v) => v.routes.length > 0);
  const withoutPilots = vendors.filter((v) => v.routes.length === 0);

  return (
    <section aria-labelledby="evidence-h">
      <h1 id="evidence-h">Evidence</h1>
      <p className="hint">What this workspace's own pilots and holdout tests measured. Pilot results are entered on the Vendors screen or imported from a vendor's event log.</p>

      <section aria-labelledby="pilots-h" data-evidence-pilots>
        <h2 id="pilots-h">Pilot results per vendor and route</h2>
        {withPilots.length === 0 ? (
          <p className="empty">
            No pilot results yet: every vendor's delivery and engagement rates are assumed.{' '}
            <button type="button" onClick={() => go('vendors')}>
              Add pilot results
            </button>{' '}
            <button type="button" onClick={() => go('import')}>
              Import events
            </button>
          </p>
        ) : (
          withPilots.map((v) => (
            <div key={v.id} className="table-scroll">
              <table className="compact" data-evidence-vendor={v.id}>
                <caption>{v.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Route</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Delivered</th>
                    <th scope="col">Delivery rate</th>
                    <th scope="col">95% interval</th>
                    <th scope="col">Engaged</th>
                    <th scope="col">Engagement rate (of delivered)</th>
                    <th scope="col">95% interval</th>
                  </tr>
                </thead>
                <tbody>
                  {v.routes.map((r) => (
                    <tr key={r.route} data-route-evidence={r.route}>
                      <th scope="row">
                        {routeWords(r.route)}
                        {r.pilots > 1 ? ` (${r.pilots} pilots added up)` : ''}
                      </th>
                      <td>{count(r.sent)}</td>
                      <td>{count(r.delivered)}</td>
                      <td data-col="delivery">{r.deliveryRate === null ? '—' : percent(r.deliveryRate, 1)}</td>
                      <td data-col="delivery-ci">{interval(r.deliveryCi)}</td>
                      <td>{r.engaged === null ? 'not counted' : count(r.engaged)}</td>
                      <td data-col="engagement">{r.engagementRate === null ? '— (assumed)' : percent(r.engagementRate, 2)}</td>
                      <td data-col="engagement-ci">{interval(r.engagementCi, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
        )}
        {withPilots.length > 0 && withoutPilots.length > 0 && (
          <p className="hint">
            No pilot results for {withoutPilots.map((v) => v.name).join(', ')}: {withoutPilots.length === 1 ? 'its' : 'their'} rates are the assumed ones of Settings.
          </p>
        )}
        <p className="hint">The intervals are Wilson's 95% score intervals: with counts this size, the true rate lies within them 95 times in 100.</p>
      </section>

      <section aria-labelledby="holdouts-h" data-evidence-holdouts>
        <h2 id="holdouts-h">Holdout tests</h2>
        {holdouts.length === 0 ? (
          <p className="empty">No holdout test yet: import a vendor's events with a held-out group to measure the lift its messages cause.</p>
        ) : (
          <div className="table-scroll">
            <table className="compact">
              <caption className="sr-only">Holdout tests of the streams</caption>
              <thead>
                <tr>
                  <th scope="col">Stream</th>
                  <th scope="col">Measured by</th>
                  <th scope="col">Sent the messages: converted</th>
                  <th scope="col">Held out: converted</th>
                  <th scope="col">Lift</th>
                  <th scope="col">95% interval (Newcombe)</th>
                  <th scope="col">p-value</th>
                </tr>
              </thead>
              <tbody>
                {holdouts.map((x) => (
                  <tr key={x.id} data-holdout={x.id}>
                    <th scope="row">{x.name}</th>
                    <td>{x.vendor ?? '—'}</td>
                    <td>
                      {count(Number(x.exposed[0]))} of {count(Number(x.exposed[1]))}
                    </td>
                    <td>
                      {count(Number(x.held[0]))} of {count(Number(x.held[1]))}
                    </td>
                    <td data-col="lift">{x.stats ? percent(x.stats.absoluteLift, 2) : '…'}</td>
                    <td>{x.stats ? interval(x.stats.ci95, 2) : '…'}</td>
                    <td>{x.stats ? x.stats.pValue.toPrecision(3) : '…'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="cards">
        <form className="card" onSubmit={(e) => e.preventDefault()} aria-labelledby="sample-h">
          <h2 id="sample-h">Sample size for the next test</h2>
          {sources.length > 0 ? (
            <div className="field">
              <label htmlFor="s-from">Start from</label>
              <select
                id="s-from"
                value={from}
                onChange={(e) => {
                  setFrom(e.target.value);
                  const src = sources.find((x) => x.key === e.target.value);
                  if (src) setS({ ...s, p0: short(src.p0), lift: short(src.lift) });
                }}
              >
                {sources.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="hint">No holdout test or engagement count in this workspace yet to start from: enter a baseline rate.</p>
          )}
          <div className="row">
            <NumberInput id="s-p0" label="Baseline rate" value={s.p0} onChange={(v) => setS({ ...s, p0: v })} />
            <NumberInput id="s-lift" label="Lift to detect (absolute)" value={s.lift} onChange={(v) => setS({ ...s, lift: v })} />
            <NumberInput id="s-alpha" label="Alpha (two-sided)" value={s.alpha} onChange={(v) => setS({ ...s, alpha: v })} />
            <NumberInput id="s-power" label="Power" value={s.power} onChange={(v) => setS({ ...s, power: v })} />
          </div>
          <output htmlFor="s-p0 s-lift s-alpha s-power" aria-live="polite">
            {!planFilled ? null : sampleError ? (
              <span className="error">{msg(sampleError.message)}</span>
            ) : sample ? (
              <p data-stat="sample">
                {count(sample.perGroup)} per group, {count(sample.total)} in all
              </p>
            ) : null}
          </output>
        </form>
        <form className="card" onSubmit={(e) => e.preventDefault()} aria-labelledby="holdout-h">
          <h2 id="holdout-h">Scratch calculator: a holdout test</h2>
          <p className="hint">For counts from elsewhere: nothing typed here is saved in the workspace.</p>
          <div className="row">
            <NumberInput id="h-x1" label="Exposed conversions" value={h.x1} onChange={(v) => setH({ ...h, x1: v })} />
            <NumberInput id="h-n1" label="Exposed group" value={h.n1} onChange={(v) => setH({ ...h, n1: v })} />
            <NumberInput id="h-x0" label="Holdout conversions" value={h.x0} onChange={(v) => setH({ ...h, x0: v })} />
            <NumberInput id="h-n0" label="Holdout group" value={h.n0} onChange={(v) => setH({ ...h, n0: v })} />
          </div>
          <output htmlFor="h-x1 h-n1 h-x0 h-n0" aria-live="polite">
            {!scratchFilled ? (
              <span className="hint">Enter the four counts.</span>
            ) : holdoutError ? (
              <span className="error">{msg(holdoutError.message)}</span>
            ) : holdout ? (
              <dl className="stats">
                <dt>Absolute lift</dt>
                <dd data-stat="lift">{percent(holdout.absoluteLift, 2)}</dd>
                <dt>95% interval (Newcombe)</dt>
                <dd data-stat="ci">
                  {percent(holdout.ci95[0], 2)} to {percent(holdout.ci95[1], 2)}
                </dd>
                <dt>Relative lift</dt>
                <dd>{holdout.relativeLift === null ? '— (no holdout conversions)' : percent(holdout.relativeLift, 1)}</dd>
                <dt>p-value (two-sided)</dt>
                <dd data-stat="p">{holdout.pValue.toPrecision(3)}</dd>
              </dl>
            ) : null}
          </output>
        </form>
      </div>
    </section>
  );
}
