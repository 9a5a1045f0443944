/**
 * The printable business case: one HTML document drawn from the report payload with the app's own
 * table, charts and formatting, for a consultant to hand to a client. Sections: the recommendation
 * (cheapest per effective message, and how sure: P(cheapest)); cost by vendor with its uncertainty;
 * ROI and payback; assumptions with every assumed figure marked; evidence quality; sensitivity;
 * break-even; methodology. Print CSS (report.css) lays it out on A4.
 */
import { useMemo } from 'react';
import type { ReportPayload } from '../../../../electron/api/report.js';
import type { VendorJson } from '../../../../electron/engine/result-json.js';
import { count, percent } from '../../format';
import { longDate, signedPercent, times, yearMonth } from './fmt';
import { MethodologySection } from './Methodology';
import { PreparedMeta } from './Prepared';
import { YearCostsTable } from './YearCosts';
import { DecisionsSection } from './Decisions';
import { WhySection } from './WhySection';
import { decisionRiskSentence } from '../../../../electron/api/decision-words.js';
import { assumedFigures, breakEvenLines, recommend, sensitivityRows, type BreakEvenLine } from './model';
import { AssumptionsSection, BreakEvenSection, CostSection, EvidenceSection, RecommendationBox, RoiSection, SensitivitySection } from './Sections';

export function reportTitle(payload: ReportPayload): string {
  return `Business case: ${payload.result.name || payload.document.name || 'messaging vendors'}`;
}

/** The cover's key points: what moves the recommended vendor's cost most, whether volume changes the answer, how much rests on evidence. */
function KeyPoints({ payload, focus, lines }: { payload: ReportPayload; focus: VendorJson | null; lines: BreakEvenLine[] }) {
  const { result, evidence } = payload;
  const top = focus ? sensitivityRows(focus).find((r) => r.change[0] !== 0 || r.change[1] !== 0) : undefined;
  const mine = focus ? lines.filter((l) => l.a.id === focus.id || l.b.id === focus.id) : [];
  const pilots = evidence.flatMap((e) => e.pilots);
  const sent = pilots.reduce((a, p) => a + p.sent, 0);
  const assumed = assumedFigures(result).length;
  const risk = decisionRiskSentence(result);
  return (
    <section className="key-points" aria-labelledby="key-h">
      <h2 id="key-h">Key points</h2>
      <ul>
        {focus && top && (
          <li>
            What moves {focus.name}'s TCO most: <strong>{top.label.toLowerCase()}</strong> ({signedPercent(top.change[0])} at ×0.8, {signedPercent(top.change[1])} at ×1.2; section 5).
          </li>
        )}
        {mine.map((l) => {
          const other = l.a.id === focus!.id ? l.b : l.a;
          return (
            <li key={other.id}>
              Against {other.name}:{' '}
              {l.multipliers.length === 0
                ? `the same answer at any volume from ×0.1 to ×10 of today's (section 6).`
                : `the cheaper vendor changes at ${l.multipliers.map(times).join(', ')} of today's volume (section 6).`}
            </li>
          );
        })}
        {risk && <li>{risk} (section 7).</li>}
        <li>
          Evidence: {count(pilots.length)} pilot route{pilots.length === 1 ? '' : 's'} with {count(sent)} messages sent
          {assumed > 0 ? `; ${count(assumed)} delivery or engagement rate${assumed === 1 ? ' is' : 's are'} assumed, not measured (sections 3 and 4).` : '; every rate is measured (section 4).'}
        </li>
      </ul>
    </section>
  );
}

export function ReportDocument({ payload }: { payload: ReportPayload }) {
  const { result, document: doc } = payload;
  const rec = useMemo(() => recommend(result), [result]);
  const lines = useMemo(() => breakEvenLines(result), [result]);
  const focus = rec?.vendor ?? null;
  const covered = result.vendors.filter((v) => v.tco);
  return (
    <article className="report-doc" data-report="">
      <header className="report-cover">
        <p className="kicker">Messaging vendor selection — total cost of ownership</p>
        <h1>{reportTitle(payload)}</h1>
        <dl className="meta">
          <PreparedMeta payload={payload} />
          <div>
            <dt>Prepared</dt>
            <dd>{longDate(payload.generatedAt)}</dd>
          </div>
          <div>
            <dt>Horizon</dt>
            <dd>
              {result.horizonMonths} months from {yearMonth(result.startMonth)}
            </dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>
              {result.baseCurrency}, NPV at {percent(Number(doc.discountRate ?? 0), 1)} a year
            </dd>
          </div>
          <div>
            <dt>Compared</dt>
            <dd>
              {result.vendors.length} vendor{result.vendors.length === 1 ? '' : 's'}, {result.streams.length} message stream{result.streams.length === 1 ? '' : 's'}
            </dd>
          </div>
          <div>
            <dt>Uncertainty</dt>
            <dd>
              {count(result.draws)} draws, seed {result.seed}
            </dd>
          </div>
        </dl>
      </header>
      <RecommendationBox rec={rec} result={result} />
      <KeyPoints payload={payload} focus={focus} lines={lines} />
      <WhySection result={result} />
      <nav className="contents" aria-label="Contents">
        <h2>Contents</h2>
        <ol>
          <li>Cost by vendor — TCO, cost per sent, delivered and effective message, with uncertainty</li>
          <li>Return on investment and payback</li>
          <li>Assumptions — every input, assumed figures marked</li>
          <li>Evidence quality — pilot sizes and intervals, holdout tests</li>
          <li>Sensitivity — the tornado</li>
          <li>Break-even volume</li>
          <li>Decisions — negotiation targets, decision risk, scenarios</li>
          <li>Methodology — the formulas</li>
        </ol>
      </nav>
      <CostSection result={result} number={1} />
      <YearCostsTable result={result} />
      <RoiSection result={result} focus={covered.length ? focus : null} number={2} />
      <AssumptionsSection payload={payload} number={3} />
      <EvidenceSection payload={payload} number={4} />
      <SensitivitySection result={result} focus={focus} number={5} />
      <BreakEvenSection lines={lines} number={6} />
      <DecisionsSection payload={payload} number={7} />
      <MethodologySection result={result} discountRate={Number(doc.discountRate ?? 0)} riskAdjustment={Number(doc.riskAdjustment ?? 0)} number={8} />
    </article>
  );
}
