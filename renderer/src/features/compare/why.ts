/**
 * Why the cheapest wins, in words (issue 14 item 6): the measure it wins on, the gap to the runner-up
 * per effective message and its eight effects with their labels, one sentence, and where today's
 * volume sits on the break-even line. The compare screen's panel and the report's section read
 * these same words. Nothing here decides or computes a cost: the engine did (`result.why`, gap.ts).
 */
import type { ComputeJson, VendorJson, WhyJson } from '../../../../electron/engine/result-json.js';
import { count, exact, locale } from '../../format.js';

export const EFFECTS = ['price', 'passThrough', 'fees', 'commits', 'internal', 'remediation', 'deliveryRate', 'engagementRate'] as const;
export type Effect = (typeof EFFECTS)[number];

/** The effects as a buyer names them. */
export const EFFECT_LABELS: Record<Effect, string> = {
  price: 'Message prices',
  passThrough: 'Carrier pass-through',
  fees: 'Fees',
  commits: 'Minimum-commit top-ups',
  internal: 'Internal team cost',
  remediation: 'Cost of failed messages',
  deliveryRate: 'Delivery rate',
  engagementRate: 'Engagement rate',
};

/** What an effect is, in a phrase about a vendor: costs "higher", rates "better". */
const COST_NOUN: Record<Exclude<Effect, 'deliveryRate' | 'engagementRate'>, string> = {
  price: 'message prices',
  passThrough: 'carrier pass-through',
  fees: 'fees',
  commits: 'minimum-commit top-ups',
  internal: 'internal team cost',
  remediation: 'cost of failed messages',
};

const nameOf = (v: VendorJson | undefined, id: string) => (v ? v.name || v.id : id);

/** A difference per effective message with exactly the decimals the engine rounded it to, signed: "+$0.01974", "−$0.00109". */
export function signedUnit(value: string, currency: string, decimals: number): string {
  const n = Number(value);
  const abs = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(exact(value.replace(/^-/, '')));
  return n > 0 ? `+${abs}` : n < 0 ? `−${abs}` : abs;
}

/** A gap per effective message with the engine's decimals, unsigned: "$0.08225". */
export function unitFixed(value: string, currency: string, decimals: number): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(exact(value));
}

/** A count of messages, short: "1.2 million", "950,000", "12,500". */
export function messagesShort(n: number): string {
  if (Math.abs(n) >= 1_000_000) return `${new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }).format(n / 1_000_000)} million`;
  return count(Math.round(n));
}

export interface WhyWords {
  winner: VendorJson;
  runnerUp: VendorJson | null;
  /** The panel's title: "Why Vendor A is the cheapest per effective message". */
  title: string;
  /** Which measures the winner wins on. */
  measure: string;
  /** One sentence: the gap and what makes it (or why there is no gap to split). */
  sentence: string;
  /** The waterfall's rows, in the order of the effects (null: no waterfall). */
  rows: { effect: Effect; label: string; value: string; shown: string; favours: 'winner' | 'runnerUp' | 'neither' }[] | null;
  /** The gap as shown ("$0.08225") and its decimals (null: no waterfall). */
  gap: { shown: string; value: string; decimals: number } | null;
}

/** The words of `result.why`, or null when no vendor has effective messages (nothing is cheapest). */
export function whyWords(result: ComputeJson): WhyWords | null {
  const why = result.why;
  if (!why || why.winner === null) return null;
  const cur = result.baseCurrency;
  const byId = (id: string | null) => (id === null ? undefined : result.vendors.find((v) => v.id === id));
  const winner = byId(why.winner);
  if (!winner) return null;
  const runnerUp = byId(why.runnerUp) ?? null;
  const W = nameOf(winner, why.winner);
  const title = `Why ${W} is the cheapest per effective message`;
  if (why.kind === 'oneVendor' || !runnerUp) {
    return {
      winner,
      runnerUp: null,
      title,
      measure: `${W} is the only vendor that covers every stream and has messages that do their job, so there is no runner-up to compare it with.`,
      sentence: `Add another vendor's quote for every stream to see what separates them.`,
      rows: null,
      gap: null,
    };
  }
  const R = nameOf(runnerUp, runnerUp.id);
  const measure = measureWords(why, W, R);
  if (why.kind === 'tie' || !why.shown || !why.parts) {
    return {
      winner,
      runnerUp,
      title,
      measure,
      sentence: `${W} and ${R} cost exactly the same per effective message; ${W} is listed first, so it is marked cheapest. There is no gap to explain.`,
      rows: null,
      gap: null,
    };
  }
  const { decimals } = why.shown;
  const rows = EFFECTS.map((effect) => {
    const shown = why.shown!.parts[effect];
    const n = Number(shown);
    return { effect, label: EFFECT_LABELS[effect], value: why.parts![effect], shown, favours: n > 0 ? ('winner' as const) : n < 0 ? ('runnerUp' as const) : ('neither' as const) };
  });
  const gapShown = unitFixed(why.shown.gap, cur, decimals);
  return { winner, runnerUp, title, measure, sentence: gapSentence(rows, W, R, gapShown, cur, decimals), rows, gap: { shown: gapShown, value: why.gap!, decimals } };
}

function measureWords(why: WhyJson, W: string, R: string): string {
  const t = why.tco!;
  if (t.nominal === 'lower' && t.npv === 'lower') return `${W} wins on every measure against ${R}: the lower TCO, the lower present value of cost and the lower cost per effective message.`;
  if (why.perEffectiveOnly) {
    return `${W} wins on cost per effective message only: ${R} has the lower TCO${t.npv === 'lower' ? ', though not the lower present value of cost' : t.npv === 'equal' ? ' and the same present value of cost' : ' and present value of cost'}, but more of ${W}'s messages arrive and do their job.`;
  }
  const npv = t.npv === 'lower' ? 'the lower' : t.npv === 'equal' ? 'the same' : 'the higher';
  const tco = t.nominal === 'lower' ? 'the lower' : 'the same';
  return `${W} has ${tco} TCO and ${npv} present value of cost than ${R}, and the lower cost per effective message.`;
}

const RATE_NOUN = { deliveryRate: 'delivery rate', engagementRate: 'engagement rate' } as const;
const isRate = (e: Effect): e is 'deliveryRate' | 'engagementRate' => e === 'deliveryRate' || e === 'engagementRate';

function list(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/**
 * "B costs $0.2072 more per effective message than A: A has the better engagement rate (+$0.1875)
 * and delivery rate (+$0.0296), and B has the higher message prices (+$0.0526); partly offset by
 * A's higher cost of failed messages (−$0.0526) and internal team cost (−$0.0088), among others."
 * The three largest effects for the winner and the two largest against it, each vendor named once a
 * clause: a cost effect for the winner is the runner-up's higher cost, a rate effect the winner's
 * better rate (and the other way round against it).
 */
function gapSentence(rows: NonNullable<WhyWords['rows']>, W: string, R: string, gap: string, cur: string, decimals: number): string {
  type Row = (typeof rows)[number];
  const by = (a: Row, b: Row) => Math.abs(Number(b.shown)) - Math.abs(Number(a.shown));
  const forW = rows.filter((r) => r.favours === 'winner').sort(by);
  const forR = rows.filter((r) => r.favours === 'runnerUp').sort(by);
  const item = (r: Row) => `${isRate(r.effect) ? RATE_NOUN[r.effect] : COST_NOUN[r.effect]} (${signedUnit(r.shown, cur, decimals)})`;
  const more = (shown: number, all: number) => (all > shown ? ', among others' : '');
  // Clauses in the order of their largest effect.
  const clauses = (xs: Row[], rate: (items: string) => string, cost: (items: string) => string) => {
    const rates = xs.filter((r) => isRate(r.effect));
    const costs = xs.filter((r) => !isRate(r.effect));
    const out: [number, string][] = [];
    if (rates.length) out.push([xs.indexOf(rates[0]!), rate(list(rates.map(item)))]);
    if (costs.length) out.push([xs.indexOf(costs[0]!), cost(list(costs.map(item)))]);
    return out.sort((a, b) => a[0] - b[0]).map((c) => c[1]);
  };
  const main = clauses(
    forW.slice(0, 3),
    (x) => `${W} has the better ${x}`,
    (x) => `${R} has the higher ${x}`,
  );
  const against = clauses(
    forR.slice(0, 2),
    (x) => `${R}'s better ${x}`,
    (x) => `${W}'s higher ${x}`,
  );
  const head = `${R} costs ${gap} more per effective message than ${W}`;
  if (main.length === 0) return `${head}.`;
  return `${head}: ${main.join(', and ')}${more(3, forW.length)}${against.length ? `; partly offset by ${against.join(' and ')}${more(2, forR.length)}` : ''}.`;
}

/**
 * Where today's volume sits on the break-even line of the winner and the runner-up (by nominal
 * TCO, as MODEL.md's break-even compares), or null without the break-even analysis.
 */
export function breakEvenWords(result: ComputeJson): string | null {
  const why = result.why;
  if (!why || !why.winner || !why.runnerUp || !why.tco) return null;
  const pair = result.breakEven.find((p) => (p.a === why.winner && p.b === why.runnerUp) || (p.a === why.runnerUp && p.b === why.winner));
  if (!pair) return null;
  const W = nameOf(
    result.vendors.find((v) => v.id === why.winner),
    why.winner,
  );
  const R = nameOf(
    result.vendors.find((v) => v.id === why.runnerUp),
    why.runnerUp,
  );
  const today = why.monthlyVolume;
  const at = (k: number) => `${messagesShort(today * k)} a month (×${new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 }).format(k)})`;
  const ks = [...pair.multipliers].sort((a, b) => a - b);
  const up = ks.find((k) => k > 1);
  const down = [...ks].reverse().find((k) => k < 1);
  const todayWords = `At today's ${messagesShort(today)} messages a month`;
  if (why.tco.nominal === 'equal') {
    return `${todayWords} ${W} and ${R} have the same TCO${up ? `; the cheaper by TCO changes at ${at(up)}` : ''}.`;
  }
  const [cheaper, other] = why.tco.nominal === 'lower' ? [W, R] : [R, W];
  if (up === undefined && down === undefined) {
    return `${todayWords} ${cheaper} has the lower TCO, and stays cheaper by TCO than ${other} at any volume from ×0.1 to ×10 of today's.`;
  }
  const above = up === undefined ? `at every volume up to ×10` : `until ${at(up)}, where ${other} becomes cheaper by TCO`;
  const below = down === undefined ? '' : `; below ${at(down)} ${other} is cheaper by TCO`;
  return `${todayWords} ${cheaper} has the lower TCO and stays cheaper ${above}${below}.`;
}
