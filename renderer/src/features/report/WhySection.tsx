/**
 * The report's "why" (issue 14 items 6 and 10): the same words and waterfall as the compare
 * screen's panel (features/compare/why.ts), printed: the measure the recommended vendor wins on,
 * one sentence, the gap to the runner-up effect by effect (a chart and its table, adding up to the
 * gap shown) and where today's volume sits on the break-even line. Its own file, so the report's
 * other sections stay as they are.
 */
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { ChartView } from '../../charts/ChartView';
import { waterfallChart } from '../../charts/configs';
import { unitCost } from '../../format';
import { breakEvenWords, whyWords } from '../compare/why';
import { GAP_LABEL, Unbroken, WhyTable } from '../compare/WhyPanel';

export function WhySection({ result }: { result: ComputeJson }) {
  const words = useMemo(() => whyWords(result), [result]);
  const cur = result.baseCurrency;
  const chart = useMemo(() => {
    if (!words?.rows || !words.gap || !words.runnerUp) return null;
    const c = waterfallChart(words.rows, GAP_LABEL, words.gap.value, cur);
    // Drawn for paper: sharper than the screen's pixels.
    return { ...c, options: { ...c.options, devicePixelRatio: 3 } } as ChartConfiguration;
  }, [words, cur]);
  if (!words) return null;
  const breakEven = breakEvenWords(result);
  return (
    <section className="report-section why-report" aria-labelledby="why-h" data-section="why" data-short="">
      <h2 id="why-h">{words.title}</h2>
      <p>{words.measure}</p>
      <p className="why-sentence" data-why-sentence="">
        <Unbroken text={words.sentence} />
      </p>
      {words.rows && words.gap && chart && words.runnerUp && (
        <>
          <figure className="report-figure">
            <figcaption>
              The gap of {words.gap.shown} per effective message between {words.winner.name} ({unitCost(words.winner.costPerEffective, cur)}) and {words.runnerUp.name} (
              {unitCost(words.runnerUp.costPerEffective, cur)}), effect by effect: bars to the right add to {words.runnerUp.name}'s cost per effective message, bars to the left take away from it.
            </figcaption>
            <ChartView config={chart} label={`Waterfall of the gap per effective message between ${words.winner.name} and ${words.runnerUp.name}`} height="12rem" />
          </figure>
          <WhyTable words={words} currency={cur} className="report-table why-table" />
          <p className="note">
            Costs are compared at {words.winner.name}'s number of effective messages; the delivery and engagement rates then say what {words.runnerUp.name}'s fewer (or more) effective messages do to
            its cost per effective message. Each figure is rounded so that the column adds up to the gap shown.
          </p>
        </>
      )}
      {breakEven && <p data-why-breakeven="">{breakEven}</p>}
    </section>
  );
}
