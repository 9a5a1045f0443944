import { useMemo } from 'react';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { ChartView } from '../../charts/ChartView';
import { waterfallChart } from '../../charts/configs';
import { unitCost } from '../../format';
import { breakEvenWords, signedUnit, whyWords, type WhyWords } from './why';

/**
 * "Why <winner> is the cheapest per effective message" (issue 14 item 6): the measure it wins on,
 * one sentence, the gap to the runner-up as a waterfall with its table, and where today's volume
 * sits on the break-even line. The totals carry `why`; the break-even comes with the analyses.
 */
export function WhyPanel({ result, pending }: { result: ComputeJson; pending: boolean }) {
  const words = useMemo(() => whyWords(result), [result]);
  const cur = result.baseCurrency;
  const chart = useMemo(() => (words?.rows && words.gap ? waterfallChart(words.rows, GAP_LABEL, words.gap.value, cur) : null), [words, cur]);
  if (!words) return null;
  const breakEven = breakEvenWords(result);
  return (
    <section className="why" aria-labelledby="why-h" data-why="">
      <h2 id="why-h">{words.title}</h2>
      <p data-why-measure="">{words.measure}</p>
      <p className="why-sentence" data-why-sentence="">
        <Unbroken text={words.sentence} />
      </p>
      {words.rows && words.gap && chart && (
        <div className="why-body">
          <figure>
            <figcaption>
              What makes the gap of {words.gap.shown} per effective message between {words.winner.name} ({unitCost(words.winner.costPerEffective, cur)}) and {words.runnerUp!.name} (
              {unitCost(words.runnerUp!.costPerEffective, cur)}): bars to the right add to {words.runnerUp!.name}'s cost, bars to the left take away from it.
            </figcaption>
            <ChartView config={chart} label={`Waterfall of the gap per effective message between ${words.winner.name} and ${words.runnerUp!.name}`} height="17rem" />
          </figure>
          <WhyTable words={words} currency={cur} />
        </div>
      )}
      {words.runnerUp && <p data-why-breakeven="">{breakEven ?? (pending ? 'Where today’s volume sits on the break-even line: being computed…' : null)}</p>}
    </section>
  );
}

/** A sentence whose bracketed amounts, "(−$0.0526)", never break across lines (a sign alone at a line's end reads wrong). */
export function Unbroken({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\([^()]*\))/).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nowrap">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The last bar: short, since a vendor's name can be long (the caption names both). */
export const GAP_LABEL = 'The whole gap';

/** The waterfall's numbers as a table: each effect rounded so that the column adds up to the gap shown. */
export function WhyTable({ words, currency, className = 'compact why-table' }: { words: WhyWords; currency: string; className?: string }) {
  if (!words.rows || !words.gap) return null;
  const d = words.gap.decimals;
  return (
    <table className={className} data-why-table="">
      <caption className="sr-only">The gap per effective message, effect by effect</caption>
      <thead>
        <tr>
          <th scope="col">What makes the gap</th>
          <th scope="col">Per effective message</th>
          <th scope="col">In favour of</th>
        </tr>
      </thead>
      <tbody>
        {words.rows.map((r) => (
          <tr key={r.effect} data-effect={r.effect}>
            <th scope="row">{r.label}</th>
            <td className="num">{signedUnit(r.shown, currency, d)}</td>
            <td>{r.favours === 'winner' ? words.winner.name : r.favours === 'runnerUp' ? words.runnerUp!.name : '—'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{words.runnerUp!.name} costs more by</th>
          <td className="num" data-why-gap="">
            {words.gap.shown}
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
