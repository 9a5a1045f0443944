/**
 * The report's decisions section (MODEL.md v1.2 section 7, issue 17 item 4): the negotiation
 * target of each vendor, expected regret beside P(cheapest) with how many more pilot messages would
 * settle the decision, and the base and its scenarios side by side with each scenario's changes in
 * words. The same sentences as the compare screen (electron/api/decision-words.ts) and the same
 * side-by-side table.
 */
import type { ReportPayload } from '../../../../electron/api/report.js';
import { decisionRiskSentence, negotiationLines, regretSentences } from '../../../../electron/api/decision-words.js';
import { describeChange } from '../../../../electron/api/scenario-words.js';
import type { PatchOperation } from '../../../../electron/engine/types.js';
import { SideBySide } from '../scenarios/SideBySide';
import { Section } from './Sections';

export function DecisionsSection({ payload, number }: { payload: ReportPayload; number: number }) {
  const { result, document: doc } = payload;
  const lines = negotiationLines(result);
  const regret = regretSentences(result);
  const risk = decisionRiskSentence(result);
  const scenarios = doc.scenarios ?? [];
  const base = { ...doc, scenarios: [] };
  return (
    <Section
      id="decisions"
      title="Decisions — negotiation targets, decision risk and scenarios"
      number={number}
      intro="What it would take for another vendor to win, how much the choice could cost if the pilots are wrong, and the cases the buyer asked about."
    >
      <h3>Negotiation targets</h3>
      {lines.length === 0 ? (
        <p>Price targets need at least two vendors that cover every stream and have effective messages.</p>
      ) : (
        <>
          <ul data-negotiation="">
            {lines.map((l) => (
              <li key={l.vendorId}>{l.sentence}.</li>
            ))}
          </ul>
          <p className="note">Every price of the vendor's list (unit, tier and inbound prices) scaled alike, all else held, against the lowest cost per effective message of the other vendors.</p>
        </>
      )}
      <h3>Decision risk</h3>
      {regret.length === 0 ? (
        <p>No uncertainty analysis was run.</p>
      ) : (
        <ul data-decision-risk="">
          {regret.map((r) => (
            <li key={r.vendorId}>{r.sentence}.</li>
          ))}
          {risk && <li>{risk}.</li>}
        </ul>
      )}
      <h3>Scenarios</h3>
      {result.scenarios.length === 0 ? (
        <p>No scenarios in this workspace.</p>
      ) : (
        <>
          <SideBySide result={result} />
          {scenarios.map((sc) => (
            <div key={sc.id} className="scenario-changes-report">
              <h4>{sc.name ?? sc.id}: its changes</h4>
              {sc.patch.every((o) => o.op === 'test') ? (
                <p>No changes: the same as the base.</p>
              ) : (
                <ol>
                  {/* The checks written before a change are not changes (as on the Scenarios screen). */}
                  {sc.patch
                    .filter((o) => o.op !== 'test')
                    .map((o, i) => (
                      <li key={i}>{describeChange(base, o as PatchOperation)}</li>
                    ))}
                </ol>
              )}
            </div>
          ))}
        </>
      )}
    </Section>
  );
}
