import { useMemo, useState } from 'react';
import { useOverflow } from '../../components/useOverflow';
import { ChartView } from '../../charts/ChartView';
import { costPerEffectiveChart, cumulativeChart, tcoChart, tornadoChart } from '../../charts/configs';
import { breakEvenStretches, type TornadoMeasure } from '../../charts/datasets';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { CompareTable, P_NOTE, RANGE_NOTE } from './CompareTable';
import { Problem } from '../../components/Problem';
import { DecisionRisk, Negotiation } from '../scenarios/Decisions';
import { SideBySide } from '../scenarios/SideBySide';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { WhyPanel } from './WhyPanel';
import { MonthsGrid } from './MonthsGrid';

/** Vendors side by side: TCO, NPV, cost per sent, delivered and effective message, and why. */
export function CompareScreen() {
  const { result, full, workspace, error, analysesPending, baseResult, scenario, base } = useStore(
    useShallow((st) => ({
      result: st.result,
      full: st.full,
      workspace: st.workspace,
      error: st.error,
      analysesPending: st.analysesPending,
      baseResult: st.baseResult,
      scenario: st.scenario,
      base: st.base,
    })),
  );
  const [focus, setFocus] = useState<string | null>(null);
  const [pair, setPair] = useState<[string | null, string | null]>([null, null]);
  const [measure, setMeasure] = useState<TornadoMeasure>('tco');
  const cur = result?.baseCurrency ?? 'USD';
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const overflow = useOverflow(scroller);
  const configs = useMemo(() => (full ? chartConfigs(full, cur, focus, pair, measure) : null), [full, cur, focus, pair, measure]);
  if (!workspace) return null;
  if (error && !result) return <Problem error={error} />;
  if (!result) return <p>Computing…</p>;
  if (result.vendors.length === 0) {
    return <p className="empty">No vendors yet. Add the vendors that quoted, with their prices per route, to compare them here.</p>;
  }
  const covered = result.vendors.filter((v) => v.tco && v.costPerEffective !== null);
  return (
    <section aria-labelledby="compare-h">
      <h1 id="compare-h">Compare vendors{scenario ? ` in scenario ${scenario.name}` : ''}</h1>
      <p className="hint">
        {result.horizonMonths} months from {result.startMonth}, in {cur}. Cost per effective message is the TCO over the messages that arrive and do their job.
      </p>
      {error && <Problem error={error} />}
      {/* On a narrow window the table scrolls sideways inside its box; nothing is cut off, and it says so. */}
      {overflow.scrolls && (
        <p className="hint scroll-hint" data-scroll-hint>
          The table is wider than the window: scroll it sideways (or use the arrow keys on it) for {overflow.moreRight ? 'the columns to the right →' : '← the columns to the left'}.
        </p>
      )}
      <div
        ref={setScroller}
        className={`table-scroll${overflow.moreRight ? ' more-right' : ''}${overflow.moreLeft ? ' more-left' : ''}`}
        role="region"
        aria-label="Vendors compared (scrolls sideways)"
        tabIndex={0}
      >
        <CompareTable result={result} analysesPending={analysesPending} previous={full} notes showRegret />
      </div>
      <p className="hint notes" id="compare-notes" data-compare-notes>
        Present value of cost (NPV): the cost of each month discounted to today at the workspace's discount rate. <span aria-hidden="true">*</span> {RANGE_NOTE} <span aria-hidden="true">†</span>{' '}
        {P_NOTE}
      </p>
      <WhyPanel result={result} pending={analysesPending} />
      {baseResult && baseResult.scenarios.length > 0 && (
        <section aria-labelledby="sbs-h">
          <h2 id="sbs-h">Base and scenarios side by side</h2>
          <div className="table-scroll" role="region" aria-label="Base and scenarios side by side (scrolls sideways)" tabIndex={0}>
            <SideBySide result={baseResult} base={base} />
          </div>
        </section>
      )}
      {/* Price to win comes with the analyses: until they land, the previous state's targets, dimmed. */}
      <Negotiation result={analysesPending ? full : result} pending={analysesPending} />
      <DecisionRisk result={analysesPending ? null : result} pending={analysesPending} />
      {configs && covered.length > 0 && (
        <div className="charts">
          <figure>
            <figcaption>TCO by category</figcaption>
            <ChartView config={configs.tco} label={`TCO by category for ${covered.map((v) => v.name).join(', ')}`} />
          </figure>
          <figure>
            <figcaption>Cost per effective message: the point value, and the range 90 of every 100 random draws of the pilots' rates fall in (5th–95th percentile, bars)</figcaption>
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
              Cumulative cost and risk-adjusted benefit, {configs.focus.name}:{' '}
              {configs.focus.paybackMonth === null ? 'no payback within the horizon' : `pays back in month ${configs.focus.paybackMonth}`}
            </figcaption>
            <ChartView config={configs.cumulative} label={`Cumulative cost against cumulative benefit for ${configs.focus.name}`} />
          </figure>
          <figure data-tornado={measure}>
            <figcaption>
              Sensitivity of {measure === 'tco' ? 'the TCO' : 'the cost per effective message'} of {configs.focus.name} to each input at ×0.8 and ×1.2, widest swing first.
              {configs.focus.sensitivity?.some((x) => x.capped) ? ' A rate already above 83.3% cannot rise by a full 20%: its ×1.2 is held at 100%, and its bar says so.' : ''}
            </figcaption>
            <fieldset className="toggle" data-tornado-toggle="">
              <legend>The tornado shows</legend>
              {(['tco', 'costPerEffective'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name="tornado-measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} /> {m === 'tco' ? 'TCO' : 'Cost per effective message'}
                </label>
              ))}
            </fieldset>
            <ChartView config={configs.tornado} label={`Tornado chart of ${measure === 'tco' ? 'TCO' : 'cost per effective message'} for ${configs.focus.name}`} height="18rem" />
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
      <MonthsGrid result={full} />
    </section>
  );
}

function chartConfigs(result: ComputeJson, cur: string, focusId: string | null, pair: [string | null, string | null], measure: TornadoMeasure) {
  const covered = result.vendors.filter((v) => v.tco);
  if (covered.length === 0) return null;
  const focus = covered.find((v) => v.id === focusId) ?? covered[0]!;
  const a = pair[0] ?? covered[0]?.id ?? '';
  const b = pair[1] ?? covered[1]?.id ?? '';
  return {
    focus,
    pair: [a, b] as [string, string],
    stretches: a !== b ? breakEvenStretches(result, a, b) : null,
    tco: tcoChart(result, cur),
    cpe: costPerEffectiveChart(result, cur),
    cumulative: cumulativeChart(focus, cur),
    tornado: tornadoChart(focus, cur, measure),
  };
}
