/**
 * The methodology page: the formulas of MODEL.md (the contract for every number), written as text a
 * client's finance reviewer can follow, with this workspace's own settings filled in.
 */
import type { ReactNode } from 'react';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { count, percent } from '../../format';
import { Section } from './Sections';

function F({ children }: { children: ReactNode }) {
  return <span className="formula">{children}</span>;
}

export function MethodologySection({ result, discountRate, riskAdjustment, number }: { result: ComputeJson; discountRate: number; riskAdjustment: number; number: number }) {
  return (
    <Section id="methodology" number={number} title="Methodology" intro="Every number in this report follows one written cost model. Its formulas, as applied here:">
      <div className="methodology">
        <h3>Time and money</h3>
        <p>
          The horizon is H = {result.horizonMonths} months; month m belongs to contract year <F>y(m) = ⌈m / 12⌉</F>, and every flow falls at the end of its month. The net present value discounts each
          month at the annual rate r = {percent(discountRate, 1)}:{' '}
          <F>
            DF(m) = (1 + r)<sup>−m/12</sup>
          </F>
          , <F>NPV = Σ flow(m) · DF(m)</F>. Amounts in another currency are converted at one entered rate per currency. Everything is computed in exact decimals; totals are shown rounded to the
          currency's minor unit and unit costs to 4 significant digits (half away from zero).
        </p>
        <h3>Volume</h3>
        <p>
          Outbound messages of a stream:{' '}
          <F>
            out(m) = monthly volume · (1 + g)<sup>y(m) − 1</sup> · seasonality[calendar month of m]
          </F>
          . SMS is billed in segments, <F>units = messages · segments per message</F> (160 GSM-7 characters or 70 UCS-2 units in one segment, 153 or 67 per part of a longer message); other channels
          bill messages. Inbound messages <F>in(m) = out(m) · inbound per outbound</F>.
        </p>
        <h3>The vendor's bill</h3>
        <p>
          Each stream is priced by the most specific route of the quote that matches it; streams on one route are pooled for the tiers. On monthly billed units U, graduated tiers charge{' '}
          <F>Σᵢ priceᵢ · max(0, min(U, fromᵢ₊₁) − fromᵢ)</F>; volume tiers charge every unit at the tier with <F>fromᵢ {'<'} U ≤ fromᵢ₊₁</F>. Billed units are those of sent, delivered or effective
          messages, as the quote says.
        </p>
        <p>
          <F>
            usage(m) = (tiered outbound charge + inbound charge) · (1 + e)<sup>y(m) − 1</sup> · (1 − discount)
          </F>
          , where e is the quote's escalator. A monthly minimum commit K bills <F>max(usage(m), K)</F>; an annual one bills <F>max(0, Kᵧ − Σ bills of the year)</F> in the year's last month (prorated
          for a short final year). Carrier pass-through is charged per billed and per inbound unit, never escalated or discounted. Fees are charged once, a month, per seat a month, or per active
          contact a month; recurring ones escalate.
        </p>
        <h3>Internal cost</h3>
        <p>
          <F>setup hours · hourly rate</F> in month 1; <F>monthly hours · hourly rate + other monthly cost</F> every month; and remediation <F>failed(m) · cost per failure</F> with{' '}
          <F>failed = out − delivered</F>, so an unreliable vendor costs more than its price list says.
        </p>
        <h3>Rates and cost per message</h3>
        <p>
          From a vendor's pilot on a route: delivery rate <F>DR = delivered / sent</F>, engagement rate <F>ER = engaged / delivered</F> (engagement is the action that makes a message effective: a
          click, a reply). Where a vendor has no pilot, an assumed rate for the channel is used and marked <span className="assumed-mark">assumed</span>. <F>delivered(m) = out(m) · DR</F>,{' '}
          <F>effective(m) = delivered(m) · ER</F>.
        </p>
        <p>
          <F>TCO = Σₘ (vendor bill + pass-through + fees + internal cost)</F>, nominal and as NPV. <F>Cost per effective message = nominal TCO / Σₘ effective(m)</F>; likewise per sent and per
          delivered message.
        </p>
        <h3>Benefits, ROI and payback</h3>
        <p>
          Incremental conversions per delivered message are the holdout's absolute lift divided by the delivery rate of the vendor whose pilot measured it, applied to each vendor's own delivered
          messages, times the value per conversion (or an entered conversion rate); deflected contacts are <F>delivered · deflected per delivered · cost per contact</F>; risk reduction counts{' '}
          <F>per year / 12</F> a month. Risk-adjusted benefits <F>= benefits · (1 − {percent(riskAdjustment, 0)})</F>. <F>ROI = (risk-adjusted benefits − TCO) / TCO</F>. Payback is the first month
          with cumulative risk-adjusted benefits ≥ cumulative cost, undiscounted.
        </p>
        <h3>Uncertainty and P(cheapest)</h3>
        <p>
          Each pilot's rates are drawn as <F>DR ~ Beta(delivered + 1, sent − delivered + 1)</F> and <F>ER ~ Beta(engaged + 1, delivered − engaged + 1)</F>; assumed rates stay fixed. Each of{' '}
          {count(result.draws)} seeded draws (seed {result.seed}), shared by all vendors, recomputes every vendor's whole TCO and effective messages. The 5th and 95th percentiles of cost per effective
          message interpolate linearly between draws; P(cheapest) is the share of draws in which a vendor has the lowest cost per effective message (ties share the draw).
        </p>
        <h3>Evidence intervals</h3>
        <p>
          A measured rate x / n carries a 95% Wilson score interval <F>((x + z²/2) ± z · √(x(n − x)/n + z²/4)) / (n + z²)</F> with z = 1.959964 (the exact normal quantile). A holdout's lift{' '}
          <F>p₁ − p₀</F> (exposed against held-out conversion rate) carries Newcombe's hybrid score interval built from the two Wilson intervals; its p-value is from the pooled two-proportion z-test,
          two-sided.
        </p>
        <h3>Sensitivity and break-even</h3>
        <p>
          Sensitivity scales one input at a time (prices, pass-through, volume, delivery rate, engagement rate, internal hours, fees, escalator, discount rate) by 0.8 and 1.2, all else held, and
          reports the TCO, its NPV and the cost per effective message. Break-even finds every multiplier k from 0.1 to 10 of every stream's monthly volume (inbound follows) at which the cheaper of two
          vendors by nominal TCO changes, to a relative precision of 10⁻⁶.
        </p>
      </div>
    </Section>
  );
}
