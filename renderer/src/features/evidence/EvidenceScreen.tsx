import { useEffect, useState } from 'react';
import { count, percent } from '../../format';
import { useEvidence } from '../../state/evidence';

function NumberInput({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Was the lift real, and how big must the next test be? */
export function EvidenceScreen() {
  const { holdout, holdoutError, sample, sampleError, computeHoldout, computeSample } = useEvidence();
  const [h, setH] = useState({ x1: '412', n1: '9000', x0: '31', n0: '1000' });
  const [s, setS] = useState({ p0: '0.031', lift: '0.01', alpha: '0.05', power: '0.8' });
  useEffect(() => {
    void computeHoldout([Number(h.x1), Number(h.n1)], [Number(h.x0), Number(h.n0)]);
  }, [h, computeHoldout]);
  useEffect(() => {
    void computeSample(Number(s.p0), Number(s.lift), Number(s.alpha), Number(s.power));
  }, [s, computeSample]);
  const msg = (m: string) => m.replace(/^\w+: \$[^:]*: /, '');
  return (
    <section aria-labelledby="evidence-h">
      <h1 id="evidence-h">Evidence</h1>
      <div className="cards">
        <form className="card" onSubmit={(e) => e.preventDefault()} aria-labelledby="holdout-h">
          <h2 id="holdout-h">Holdout test</h2>
          <div className="row">
            <NumberInput id="h-x1" label="Exposed conversions" value={h.x1} onChange={(v) => setH({ ...h, x1: v })} />
            <NumberInput id="h-n1" label="Exposed group" value={h.n1} onChange={(v) => setH({ ...h, n1: v })} />
            <NumberInput id="h-x0" label="Holdout conversions" value={h.x0} onChange={(v) => setH({ ...h, x0: v })} />
            <NumberInput id="h-n0" label="Holdout group" value={h.n0} onChange={(v) => setH({ ...h, n0: v })} />
          </div>
          <output htmlFor="h-x1 h-n1 h-x0 h-n0" aria-live="polite">
            {holdoutError ? (
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
        <form className="card" onSubmit={(e) => e.preventDefault()} aria-labelledby="sample-h">
          <h2 id="sample-h">Sample size for the next test</h2>
          <div className="row">
            <NumberInput id="s-p0" label="Baseline rate" value={s.p0} onChange={(v) => setS({ ...s, p0: v })} />
            <NumberInput id="s-lift" label="Lift to detect (absolute)" value={s.lift} onChange={(v) => setS({ ...s, lift: v })} />
            <NumberInput id="s-alpha" label="Alpha (two-sided)" value={s.alpha} onChange={(v) => setS({ ...s, alpha: v })} />
            <NumberInput id="s-power" label="Power" value={s.power} onChange={(v) => setS({ ...s, power: v })} />
          </div>
          <output htmlFor="s-p0 s-lift s-alpha s-power" aria-live="polite">
            {sampleError ? (
              <span className="error">{msg(sampleError.message)}</span>
            ) : sample ? (
              <p data-stat="sample">
                {count(sample.perGroup)} per group, {count(sample.total)} in all
              </p>
            ) : null}
          </output>
        </form>
      </div>
    </section>
  );
}
