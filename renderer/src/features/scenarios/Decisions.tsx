import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { decisionRiskSentence, negotiationLines, regretSentences } from '../../../../electron/api/decision-words.js';
import './scenarios.css';

/** Negotiation per vendor, in words a buyer can take to a call (the engine's price to win). */
export function Negotiation({ result, pending = false }: { result: ComputeJson | null; pending?: boolean }) {
  const lines = result ? negotiationLines(result) : [];
  return (
    <section aria-labelledby="negotiation-h" data-negotiation data-pending={pending ? '' : undefined}>
      <h2 id="negotiation-h">Negotiation targets</h2>
      {lines.length === 0 && pending ? (
        <p className="hint">Computing the price targets…</p>
      ) : lines.length === 0 ? (
        <p className="hint">Price targets need at least two vendors that cover every route and have effective messages.</p>
      ) : (
        <>
          <ul className={`decision-sentences${pending ? ' stale' : ''}`} title={pending ? 'From before the last change: updating' : undefined}>
            {lines.map((l) => (
              <li key={l.vendorId} data-vendor={l.vendorId}>
                {l.sentence}.
              </li>
            ))}
          </ul>
          <p className="hint">Every price of the vendor's list scaled alike (unit, tier and inbound prices), all else held: volumes, pass-through, fees and pilots as entered.</p>
        </>
      )}
    </section>
  );
}

/** Expected regret beside P(cheapest), and whether more pilot messages would settle the decision. */
export function DecisionRisk({ result, pending = false }: { result: ComputeJson | null; pending?: boolean }) {
  const regret = result ? regretSentences(result) : [];
  const risk = result ? decisionRiskSentence(result) : null;
  return (
    <section aria-labelledby="risk-h" data-decision-risk>
      <h2 id="risk-h">Decision risk</h2>
      {regret.length === 0 ? (
        <p className="hint">{pending ? 'Computing the draws…' : 'Needs the uncertainty draws of at least one covered vendor.'}</p>
      ) : (
        <ul className="decision-sentences">
          {regret.map((r) => (
            <li key={r.vendorId} data-vendor={r.vendorId}>
              {r.sentence}.
            </li>
          ))}
          {risk && <li data-more-messages>{risk}.</li>}
        </ul>
      )}
    </section>
  );
}
