/**
 * The report's sections, each a page or more of the printed business case. Tables and charts are
 * the app's own (CompareTable, ChartView with the compare screen's chart configs); numbers go
 * through format.ts like everywhere else.
 */
import type { ChartConfiguration } from 'chart.js';
import { useMemo, type ReactNode } from 'react';
import type { ReportPayload } from '../../../../electron/api/report.js';
import type { ComputeJson, VendorJson } from '../../../../electron/engine/result-json.js';
import { ChartView } from '../../charts/ChartView';
import { costPerEffectiveChart, cumulativeChart, tcoChart, tornadoChart } from '../../charts/configs';
import { CATEGORY_LABELS } from '../../charts/datasets';
import { count, money, percent, unitCost } from '../../format';
import { CompareTable } from '../compare/CompareTable';
import { plain, price, rateWithInterval, signedPercent, times, unitRange, yearMonth } from './fmt';
import { priceRuleSentences } from './terms';
import { routeInWords, routesInWords } from './route-words';
import { billedOnName } from '../../words';
import { assumedFigures, quoteRoutes, sensitivityRows, streamRows, type BreakEvenLine, type Recommendation } from './model';

/** Charts drawn for paper: sharper than the screen's pixels (ChartView already turns animation off). */
function printable(config: ChartConfiguration): ChartConfiguration {
  return { ...config, options: { ...config.options, devicePixelRatio: 3 } } as ChartConfiguration;
}

function Figure({ caption, config, label, height }: { caption: ReactNode; config: ChartConfiguration; label: string; height?: string }) {
  const c = useMemo(() => printable(config), [config]);
  return (
    <figure className="report-figure">
      <figcaption>{caption}</figcaption>
      <ChartView config={c} label={label} {...(height ? { height } : {})} />
    </figure>
  );
}

/** The mark every assumed figure carries, in the screen's colour for "assumed". */
/** A table's header row: a column is its label, or [label, 'num'] for a right-aligned number column. */
function Head({ cols }: { cols: (string | [string, 'num'])[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => {
          const [label, kind] = typeof c === 'string' ? [c, null] : c;
          return (
            <th key={label} scope="col" className={kind ?? undefined}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

export function AssumedMark({ title }: { title?: string }) {
  return (
    <span className="assumed-mark" title={title ?? 'an assumed rate, not measured by a pilot'}>
      assumed
    </span>
  );
}

/** A numbered section; it starts a page unless `short` (a few lines that follow the previous section). */
export function Section({ id, title, number, children, intro, short = false }: { id: string; title: string; number: number; children: ReactNode; intro?: ReactNode; short?: boolean }) {
  return (
    <section className="report-section" aria-labelledby={`${id}-h`} data-section={id} data-short={short ? '' : undefined}>
      <h2 id={`${id}-h`}>
        <span className="section-number">{number}.</span> {title}
      </h2>
      {intro && <p className="lead">{intro}</p>}
      {children}
    </section>
  );
}

const CONFIDENCE_TEXT = {
  high: 'high confidence',
  moderate: 'moderate confidence',
  low: 'low confidence: the evidence does not yet separate the vendors',
  unknown: 'no uncertainty analysis was run',
} as const;

export function RecommendationBox({ rec, result }: { rec: Recommendation | null; result: ComputeJson }) {
  const cur = result.baseCurrency;
  if (!rec) {
    return (
      <div className="recommendation none" data-recommendation="">
        <h2>Recommendation</h2>
        <p>No vendor covers every message stream, so no vendor can be recommended on cost. The routes each vendor lacks are listed below.</p>
      </div>
    );
  }
  const v = rec.vendor;
  const u = v.uncertainty?.costPerEffective;
  return (
    <div className="recommendation" data-recommendation={v.id}>
      <h2>
        Recommendation: <span className="vendor-name">{v.name}</span>
      </h2>
      <p className="verdict">
        {v.name} is the cheapest per effective message (a message that arrives and does its job) at <strong>{unitCost(v.costPerEffective, cur)}</strong>
        {u && u.p5 !== null && u.p95 !== null && <> (5th–95th percentile {unitRange(u.p5, u.p95, cur)})</>}.{' '}
        {rec.pCheapest !== null ? (
          <>
            It is the cheapest in <strong data-p-cheapest="">{percent(rec.pCheapest, 0)}</strong> of {count(result.draws)} simulated draws of the pilots' delivery and engagement rates:{' '}
            {rec.runnerUp ? CONFIDENCE_TEXT[rec.confidence] : 'no other vendor covers every stream, so there is nothing to compare it with'}.
          </>
        ) : (
          <>{CONFIDENCE_TEXT.unknown}.</>
        )}
      </p>
      {rec.runnerUp && rec.margin !== null && (
        <p>
          The runner-up, {rec.runnerUp.name}, costs {unitCost(rec.runnerUp.costPerEffective, cur)} per effective message, {percent(rec.margin, 0)} more
          {rec.rangesOverlap === true ? '; their 5th–95th percentile ranges overlap.' : rec.rangesOverlap === false ? '; their 5th–95th percentile ranges do not overlap.' : '.'}
        </p>
      )}
      <dl className="key-figures">
        <div>
          <dt>TCO over {result.horizonMonths} months</dt>
          <dd>{money(v.tco!.nominal, cur)}</dd>
        </div>
        <div>
          <dt>NPV of the TCO</dt>
          <dd>{money(v.tco!.npv, cur)}</dd>
        </div>
        <div>
          <dt>Per delivered message</dt>
          <dd>{unitCost(v.costPerDelivered, cur)}</dd>
        </div>
        <div>
          <dt>ROI</dt>
          <dd>{v.roi === null ? '—' : percent(v.roi, 0)}</dd>
        </div>
        <div>
          <dt>Payback</dt>
          <dd>{v.paybackMonth === null ? (v.roi === null ? '—' : 'not within the horizon') : `month ${v.paybackMonth}`}</dd>
        </div>
      </dl>
      {(v.assumed.length > 0 || rec.uncovered.length > 0) && (
        <ul className="caveats">
          {v.assumed.length > 0 && (
            <li>
              <AssumedMark /> {v.name}'s delivery or engagement rates on {routesInWords(v.assumed)} are assumed rates, not measured by a pilot (section 3).
            </li>
          )}
          {rec.uncovered.map((x) => (
            <li key={x.id}>
              {x.name} does not cover {routesInWords(x.uncovered)}: it has no totals and is not compared.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CostSection({ result, number }: { result: ComputeJson; number: number }) {
  const cur = result.baseCurrency;
  const covered = result.vendors.filter((v) => v.tco);
  const tco = useMemo(() => tcoChart(result, cur), [result, cur]);
  const cpe = useMemo(() => costPerEffectiveChart(result, cur), [result, cur]);
  const withRange = covered.some((v) => v.uncertainty);
  return (
    <Section
      id="cost"
      number={number}
      title="Cost by vendor"
      intro={
        <>
          Total cost of ownership over {result.horizonMonths} months from {yearMonth(result.startMonth)} in {cur}: the vendor's bill, carrier pass-through, fees, your team's time and the cost of
          failed messages. Cost per effective message is the TCO over the messages that arrive and do their job.
        </>
      }
    >
      <CompareTable result={result} />
      {covered.length > 0 && (
        <>
          <table className="report-table numbers" data-table="categories">
            <caption>TCO by category ({cur}, nominal)</caption>
            <Head cols={['Vendor', ...Object.values(CATEGORY_LABELS), 'Total']} />
            <tbody>
              {covered.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.name}</th>
                  {(Object.keys(CATEGORY_LABELS) as (keyof typeof CATEGORY_LABELS)[]).map((c) => (
                    <td key={c}>{money(v.tco!.byCategory[c], cur)}</td>
                  ))}
                  <td>
                    <strong>{money(v.tco!.nominal, cur)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="figure-pair">
            <Figure caption="TCO by category" config={tco} label={`TCO by category for ${covered.map((v) => v.name).join(', ')}`} height="13rem" />
            {withRange && (
              <Figure caption="Cost per effective message: 5th–95th percentile (bar) and point value" config={cpe} label="Cost per effective message with its uncertainty range" height="13rem" />
            )}
          </div>
        </>
      )}
    </Section>
  );
}

export function RoiSection({ result, focus, number }: { result: ComputeJson; focus: VendorJson | null; number: number }) {
  const cur = result.baseCurrency;
  const covered = result.vendors.filter((v) => v.tco);
  const anyBenefit = covered.some((v) => v.roi !== null);
  const cum = useMemo(() => (focus ? cumulativeChart(focus, cur) : null), [focus, cur]);
  return (
    <Section
      id="roi"
      number={number}
      short={!anyBenefit}
      title="Return on investment and payback"
      intro="Benefits are the incremental conversions, deflected contacts and risk reduction entered per stream, reduced by the risk adjustment. ROI compares them with the TCO; payback is the first month in which cumulative benefits reach cumulative cost (undiscounted)."
    >
      {!anyBenefit ? (
        <p className="note">No benefit with a money value is entered, so there is no ROI or payback to show: the comparison rests on cost alone.</p>
      ) : (
        <>
          <table className="report-table numbers" data-table="roi">
            <Head cols={['Vendor', 'Benefits', 'Risk-adjusted', 'NPV of benefits', 'TCO', 'ROI', 'Payback', 'Per incremental conversion (95% range)']} />
            <tbody>
              {covered.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.name}</th>
                  <td>{money(v.benefits?.nominal, cur)}</td>
                  <td>{money(v.benefits?.riskAdjusted, cur)}</td>
                  <td>{money(v.benefits?.npv, cur)}</td>
                  <td>{money(v.tco!.nominal, cur)}</td>
                  <td>{v.roi === null ? '—' : percent(v.roi, 0)}</td>
                  <td>{v.paybackMonth === null ? '—' : `month ${v.paybackMonth}`}</td>
                  <td>
                    {v.costPerIncremental?.value ? unitCost(v.costPerIncremental.value, cur) : '—'}
                    {v.costPerIncremental?.ci95 && <> ({unitRange(v.costPerIncremental.ci95[0], v.costPerIncremental.ci95[1], cur)})</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {focus && cum && focus.monthly && (
            <Figure
              caption={
                <>
                  Cumulative cost and risk-adjusted benefit of {focus.name}: {focus.paybackMonth === null ? 'no payback within the horizon' : `pays back in month ${focus.paybackMonth}`}
                </>
              }
              config={cum}
              label={`Cumulative cost against cumulative benefit for ${focus.name}`}
              height="14rem"
            />
          )}
        </>
      )}
    </Section>
  );
}

/** How often a fee is charged, in words. */
function feeWords(f: NonNullable<ReportPayload['document']['vendors'][number]['quote']['fees']>[number]): string {
  switch (f.per) {
    case 'once':
      return `once (month ${f.month ?? 1})`;
    case 'month':
      return 'a month';
    case 'seat-month':
      return `a seat a month × ${plain(f.quantity ?? 1)}`;
    case 'failed-message':
      return 'a failed message';
    case 'contact-month':
      return Number(f.included ?? 0) > 0 ? `an active contact a month above the ${plain(f.included ?? 0)} included` : 'an active contact a month';
  }
}

export function AssumptionsSection({ payload, number }: { payload: ReportPayload; number: number }) {
  const { document: doc, result } = payload;
  const cur = result.baseCurrency;
  const streams = streamRows(doc, result);
  const assumed = assumedFigures(result);
  const defaults = Object.entries(doc.defaults ?? {});
  return (
    <Section
      id="assumptions"
      number={number}
      title="Assumptions"
      intro={
        <>
          Every input of the model as entered. Figures marked <AssumedMark /> were not measured: they are assumed rates for the channel, used where a vendor has no pilot on a route (or a pilot that
          did not count engagement).
        </>
      }
    >
      <h3>Workspace</h3>
      <dl className="facts">
        <dt>Horizon</dt>
        <dd>
          {result.horizonMonths} months from {yearMonth(result.startMonth)}
        </dd>
        <dt>Base currency</dt>
        <dd>{cur}</dd>
        <dt>Discount rate (NPV)</dt>
        <dd>{percent(Number(doc.discountRate ?? 0), 1)} a year</dd>
        <dt>Internal hourly rate</dt>
        <dd>{price(doc.hourlyRate ?? 0, cur)}</dd>
        <dt>Risk adjustment of benefits</dt>
        <dd>{percent(Number(doc.riskAdjustment ?? 0), 0)}</dd>
        <dt>Exchange rates</dt>
        <dd>
          {(doc.fx ?? []).length === 0
            ? 'none (every amount is in the base currency)'
            : (doc.fx ?? []).map((f, i) => (
                <span key={f.currency} className="fx">
                  {i > 0 && '; '}1 {f.currency} = {plain(f.rate)} {cur}
                  {f.asOf ? ` (as of ${f.asOf})` : ''}
                </span>
              ))}
        </dd>
      </dl>

      <h3>Message streams</h3>
      <table className="report-table" data-table="streams">
        <Head cols={['Stream', 'Route', ['Messages a month (year 1)', 'num'], ['Growth', 'num'], ['Segments', 'num'], ['Inbound per outbound', 'num'], 'Seasonality']} />
        <tbody>
          {streams.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td>{routeInWords(s.route)}</td>
              <td className="num">{plain(s.monthlyVolume)}</td>
              <td className="num">{s.monthlyGrowth !== 0 ? `${percent(s.monthlyGrowth, 1)} a month` : `${percent(s.annualGrowth, 0)} a year`}</td>
              <td className="num">{s.segments === null ? '—' : `${plain(s.segments)}${s.fromTemplate ? ' (from template)' : ''}`}</td>
              <td className="num">{plain(s.inboundPerOutbound)}</td>
              <td>{s.seasonal ? 'by month' : 'flat'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Delivery and engagement rates by vendor</h3>
      <table className="report-table" data-table="rates">
        <Head cols={['Vendor', 'Route', ['Delivery rate', 'num'], ['Engagement rate', 'num'], 'Source']} />
        <tbody>
          {result.vendors.flatMap((v) =>
            v.rates.length === 0 ? (
              <tr key={v.id} className="group-start">
                <th scope="row">{v.name}</th>
                <td colSpan={4}>{v.uncovered.length ? `does not cover ${routesInWords(v.uncovered)}: not computed` : 'no stream'}</td>
              </tr>
            ) : (
              v.rates.map((r, i) => (
                <tr key={`${v.id}-${r.route}`} className={[i === 0 ? 'group-start' : '', r.deliveryAssumed || r.engagementAssumed ? 'is-assumed' : ''].join(' ').trim() || undefined}>
                  <th scope="row">{i === 0 ? v.name : ''}</th>
                  <td>{routeInWords(r.route)}</td>
                  <td className="num">
                    {percent(r.deliveryRate, 1)} {r.deliveryAssumed && <AssumedMark />}
                  </td>
                  <td className="num">
                    {percent(r.engagementRate, 1)} {r.engagementAssumed && <AssumedMark />}
                  </td>
                  <td>{r.pilot ? `pilot on ${routeInWords(r.pilot)}${r.engagementAssumed ? '; engagement: an assumed rate' : ''}` : `an assumed rate for ${routeInWords(r.route.split('/')[0]!)}`}</td>
                </tr>
              ))
            ),
          )}
        </tbody>
      </table>
      {assumed.length > 0 && defaults.length > 0 && (
        <p className="note">
          Assumed rates:{' '}
          {defaults.map(([ch, d], i) => (
            <span key={ch}>
              {i > 0 && '; '}
              {routeInWords(ch)} delivery {d?.deliveryRate === null || d?.deliveryRate === undefined ? '—' : percent(Number(d.deliveryRate), 1)}, engagement{' '}
              {d?.engagementRate === null || d?.engagementRate === undefined ? '—' : percent(Number(d.engagementRate), 1)}
            </span>
          ))}
          . {assumed.length} figure{assumed.length === 1 ? '' : 's'} above rest on them.
        </p>
      )}

      <h3>Quotes and internal costs</h3>
      {doc.vendors.map((v) => {
        const q = v.quote;
        const internal = v.internal ?? {};
        return (
          <div className="quote" key={v.id}>
            <h4>
              {v.name || v.id} <span className="muted">— quoted in {q.currency}</span>
            </h4>
            <p className="terms">
              Escalator {percent(Number(q.escalator ?? 0), 1)} a year; discount {percent(Number(q.discount ?? 0), 1)} on usage; minimum commit{' '}
              {Number(q.minimumMonthlyCommit ?? 0) > 0
                ? `${price(q.minimumMonthlyCommit, q.currency)} a month`
                : Number(q.minimumAnnualCommit ?? 0) > 0
                  ? `${price(q.minimumAnnualCommit, q.currency)} a year`
                  : 'none'}
              {Number(q.minimumMonthlyCommit ?? 0) > 0 && Number(q.minimumAnnualCommit ?? 0) > 0 ? ` and ${price(q.minimumAnnualCommit, q.currency)} a year` : ''}.
            </p>
            <table className="report-table compact" data-table="routes">
              <Head cols={['Route', 'Price per unit', 'Billed on', ['Pass-through', 'num'], ['Inbound', 'num']]} />
              <tbody>
                {quoteRoutes(v).map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{routeInWords(r.route)}</th>
                    <td>
                      {r.tiers
                        ? `${r.tierMode === 'volume' ? 'volume tiers' : 'graduated tiers'}: ${r.tiers.map((t) => `from ${plain(t.from)} ${price(t.price, q.currency)}`).join(', ')}`
                        : price(r.price, q.currency)}
                    </td>
                    <td>{billedOnName(r.billedOn)}</td>
                    <td className="num">
                      {r.carrierMix ? 'carrier mix (below)' : price(r.passThrough, q.currency)}
                      {r.changes > 0 ? ` (${r.changes} dated change${r.changes === 1 ? '' : 's'})` : ''}
                    </td>
                    <td className="num">{price(r.inboundPrice, q.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {priceRuleSentences(v).length > 0 && (
              <ul className="terms" data-list="price-rules">
                {priceRuleSentences(v).map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            )}
            {(q.fees ?? []).length > 0 && (
              <p className="terms">
                Fees:{' '}
                {(q.fees ?? []).map((f, i) => (
                  <span key={i}>
                    {i > 0 && '; '}
                    {f.name} {price(f.amount, f.currency ?? q.currency)} {feeWords(f)} ({f.category})
                  </span>
                ))}
                .
              </p>
            )}
            <p className="terms">
              Internal: setup {plain(internal.setupHours ?? 0)} h, {plain(internal.monthlyHours ?? 0)} h a month
              {Number(internal.monthlyOther ?? 0) > 0 ? ` and ${price(internal.monthlyOther, cur)} a month other` : ''}; remediation {price(internal.remediationPerFailure ?? 0, cur)} per failed
              message.
            </p>
          </div>
        );
      })}
    </Section>
  );
}

export function EvidenceSection({ payload, number }: { payload: ReportPayload; number: number }) {
  const { document: doc, result, evidence } = payload;
  const holdouts = result.streams.filter((s) => s.holdout);
  return (
    <Section
      id="evidence"
      number={number}
      title="Evidence quality"
      intro="How much the measured rates can be trusted: each pilot's size, and 95% Wilson score intervals for its delivery rate (delivered ÷ sent) and engagement rate (engaged ÷ delivered). A wide interval means a small pilot; the uncertainty analysis draws the rates from these counts."
    >
      <table className="report-table wrap" data-table="pilots">
        <Head
          cols={[
            'Vendor',
            'Pilot route',
            ['Sent', 'num'],
            ['Delivered', 'num'],
            ['Delivery rate (95% interval)', 'num'],
            ['Engaged', 'num'],
            ['Engagement rate (95% interval)', 'num'],
            ['Opt-outs', 'num'],
          ]}
        />
        <tbody>
          {result.vendors.map((v) => {
            const ev = evidence.find((e) => e.vendorId === v.id)?.pilots ?? [];
            if (ev.length === 0) {
              return (
                <tr key={v.id} className="is-assumed group-start">
                  <th scope="row">{v.name}</th>
                  <td colSpan={7}>
                    no pilot: every rate is <AssumedMark />
                  </td>
                </tr>
              );
            }
            return ev.map((p, i) => (
              <tr key={`${v.id}-${p.route}`} className={i === 0 ? 'group-start' : undefined}>
                <th scope="row">{i === 0 ? v.name : ''}</th>
                <td>
                  {routeInWords(p.route)}
                  {p.pilots > 1 ? ` (${p.pilots} pilots)` : ''}
                  {p.serves.length === 0 ? ' — serves no stream' : ''}
                </td>
                <td className="num">{count(p.sent)}</td>
                <td className="num">{count(p.delivered)}</td>
                <td className="num nowrap">{p.deliveryRate ? rateWithInterval(p.deliveryRate.value, p.deliveryRate.ci95) : '—'}</td>
                <td className="num nowrap">{p.engaged === null ? 'not counted' : count(p.engaged)}</td>
                <td className="num nowrap">
                  {p.engagementRate ? rateWithInterval(p.engagementRate.value, p.engagementRate.ci95) : <AssumedMark title="engagement not counted: an assumed rate is used" />}
                </td>
                <td className="num">{p.optedOut === null ? '—' : count(p.optedOut)}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      <h3>Holdout tests</h3>
      {holdouts.length === 0 ? (
        <p className="note">No stream has a holdout test: any conversion benefit rests on entered rates, not a measured lift.</p>
      ) : (
        <table className="report-table wrap" data-table="holdouts">
          <Head cols={['Stream', ['Exposed', 'num'], ['Holdout', 'num'], ['Absolute lift (95% Newcombe interval)', 'num'], ['Relative lift', 'num'], ['p-value', 'num']]} />
          <tbody>
            {holdouts.map((s) => {
              const h = s.holdout!;
              const entered = doc.streams.find((x) => x.id === s.id)?.benefits?.holdout;
              return (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name || s.id}
                    {entered?.vendor ? <span className="muted"> (measured with {result.vendors.find((v) => v.id === entered.vendor)?.name ?? entered.vendor})</span> : null}
                  </th>
                  <td className="num">{entered ? `${count(entered.exposed[1])} (${percent(h.p1, 2)})` : percent(h.p1, 2)}</td>
                  <td className="num">{entered ? `${count(entered.holdout[1])} (${percent(h.p0, 2)})` : percent(h.p0, 2)}</td>
                  <td className="num">
                    {percent(h.absoluteLift, 2)} ({percent(h.ci95[0], 2)} to {percent(h.ci95[1], 2)})
                  </td>
                  <td className="num">{h.relativeLift === null ? '—' : percent(h.relativeLift, 0)}</td>
                  <td className="num">{h.pValue < 0.0001 ? '< 0.0001' : h.pValue.toPrecision(2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function SensitivitySection({ result, focus, number }: { result: ComputeJson; focus: VendorJson | null; number: number }) {
  const cur = result.baseCurrency;
  const covered = result.vendors.filter((v) => v.tco && v.sensitivity);
  const tor = useMemo(() => (focus ? tornadoChart(focus, cur) : null), [focus, cur]);
  return (
    <Section
      id="sensitivity"
      number={number}
      title="Sensitivity"
      intro="Each input scaled by 0.8 and by 1.2 with everything else held: the TCO that results, widest swing first (the tornado). Rates are capped at 100%; the discount rate moves only the NPV."
    >
      {covered.length === 0 && <p className="note">No sensitivity analysis was run.</p>}
      {focus && tor && focus.sensitivity && (
        <Figure caption={`Change in the TCO of ${focus.name} at ×0.8 and ×1.2 of each input`} config={tor} label={`Tornado chart for ${focus.name}`} height="15rem" />
      )}
      {covered.map((v) => (
        <table className="report-table numbers" key={v.id} data-table="sensitivity">
          <caption>
            {v.name}: TCO {money(v.tco!.nominal, cur)}
          </caption>
          <Head cols={['Input', 'TCO at ×0.8', 'TCO at ×1.2', 'Change', 'Per effective at ×0.8', 'Per effective at ×1.2']} />
          <tbody>
            {sensitivityRows(v).map((r) => (
              <tr key={r.input}>
                <th scope="row">{r.label}</th>
                <td>{money(r.tco[0], cur)}</td>
                <td>{money(r.tco[1], cur)}</td>
                <td>
                  {signedPercent(r.change[0])} / {signedPercent(r.change[1])}
                </td>
                <td>{unitCost(r.costPerEffective[0], cur)}</td>
                <td>{unitCost(r.costPerEffective[1], cur)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Section>
  );
}

export function BreakEvenSection({ lines, number }: { lines: BreakEvenLine[]; number: number }) {
  return (
    <Section
      id="breakeven"
      number={number}
      short
      title="Break-even volume"
      intro="Would a different volume change the answer? For each pair of vendors, the multipliers of every stream's monthly volume (from ×0.1 to ×10) at which the cheaper vendor by nominal TCO changes."
    >
      {lines.length === 0 ? (
        <p className="note">Fewer than two vendors cover every stream: there is no pair to compare.</p>
      ) : (
        <ul className="breakeven" data-breakeven="">
          {lines.map((l) => (
            <li key={`${l.a.id}-${l.b.id}`}>
              <strong>
                {l.a.name} against {l.b.name}:
              </strong>{' '}
              {l.multipliers.length === 0 ? (
                <>no break-even between ×0.1 and ×10: {l.stretches[0]!.cheaper.name} is cheaper at every volume in that range.</>
              ) : (
                <>
                  break-even at {l.multipliers.map(times).join(', ')} of every stream's volume.{' '}
                  {l.stretches.map((s, i) => (
                    <span key={i}>
                      {i > 0 && '; '}from {times(s.from)} to {times(s.to)}: {s.cheaper.name}
                    </span>
                  ))}
                  .
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
