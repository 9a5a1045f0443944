/**
 * The v1.2 price rules of a quote as sentences a client reads (MODEL.md section 4): dated changes,
 * free shares, pass-through markups and carrier mixes ("From October 2027, Vendor A's WhatsApp
 * marketing price in India is $0.0085."). Words only: no field names, no JSON.
 */
import { Decimal } from 'decimal.js';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { percent } from '../../format.js';
import { plain, price, yearMonth } from './fmt.js';
import { channelWords } from '../../../../electron/api/words.js';

type VendorDoc = WorkspaceDocument['vendors'][number];
type RouteDoc = VendorDoc['quote']['routes'][number];
type Change = NonNullable<RouteDoc['priceChanges']>[number];
type Carrier = NonNullable<RouteDoc['carrierMix']>[number];
type TierDoc = NonNullable<RouteDoc['tiers']>[number];

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-US';

/** Country names English writes with "the" (the United States, the Philippines, the Cayman Islands). */
const WITH_THE = /^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Czech|Dominican Republic|Central African|British |Comoros|Seychelles)|Islands$/;

function countryName(code: string): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
  return locale.startsWith('en') && WITH_THE.test(name) ? `the ${name}` : name;
}

/** "WhatsApp marketing" and where: "in India" (nothing for a route of every country). */
export function routeWords(r: { channel: string; country?: string | null; class?: string | null }): { what: string; where: string } {
  const what = [channelWords(r.channel), r.class ?? ''].filter(Boolean).join(' ');
  return { what, where: r.country ? ` in ${countryName(r.country)}` : '' };
}

/** A share as a percentage with no more digits than it needs (0.35 → 35%, 0.125 → 12.5%). */
export function share(x: string | number): string {
  const pct = new Decimal(x).times(100);
  const digits = Math.min(4, Math.max(0, pct.decimalPlaces()));
  return percent(Number(x), digits);
}

/** The share-weighted pass-through of a carrier mix, exact (T-Mobile 40% at 0.0045, AT&T 60% at 0.0030 → 0.0036). */
export function blended(mix: readonly Carrier[], field: 'passThrough' | 'inboundPassThrough'): string {
  return mix.reduce((a, c) => a.plus(new Decimal(c.share).times(c[field] ?? 0)), new Decimal(0)).toString();
}

function tiersWords(tiers: readonly TierDoc[], mode: string, currency: string): string {
  return `${mode === 'volume' ? 'volume' : 'graduated'} tiers of ${tiers.map((t) => `${price(t.price, currency)} from ${plain(t.from)}`).join(', ')}`;
}

function mixWords(mix: readonly Carrier[], currency: string): string {
  const carriers = mix
    .map((c) => `${c.carrier} ${share(c.share)} at ${price(c.passThrough ?? 0, currency)}${Number(c.inboundPassThrough ?? 0) ? ` (inbound ${price(c.inboundPassThrough ?? 0, currency)})` : ''}`)
    .join(', ');
  const inbound = mix.some((c) => Number(c.inboundPassThrough ?? 0) !== 0) ? `, inbound ${price(blended(mix, 'inboundPassThrough'), currency)}` : '';
  return `${carriers}: ${price(blended(mix, 'passThrough'), currency)} a unit blended${inbound}`;
}

/** What one dated change sets, field by field: the field in words and what it becomes. */
function changeClauses(c: Change, route: RouteDoc, currency: string): [string, string][] {
  const out: [string, string][] = [];
  if (c.price !== undefined) out.push(['price', `is ${price(c.price, currency)}`]);
  if (c.tiers !== undefined) out.push(['price', `is in ${tiersWords(c.tiers, route.tierMode ?? 'graduated', currency)}`]);
  if (c.inboundPrice !== undefined) out.push(['inbound price', `is ${price(c.inboundPrice, currency)}`]);
  if (c.passThrough !== undefined) out.push(['pass-through', `is ${price(c.passThrough, currency)}`]);
  if (c.inboundPassThrough !== undefined) out.push(['inbound pass-through', `is ${price(c.inboundPassThrough, currency)}`]);
  if (c.passThroughMarkup !== undefined) out.push(['markup on pass-through', `is ${share(c.passThroughMarkup)}`]);
  if (c.carrierMix === null) out.push(['carrier mix', 'ends (its own pass-through applies again)']);
  else if (c.carrierMix !== undefined) out.push(['pass-through', `is a carrier mix of ${mixWords(c.carrierMix, currency)}`]);
  if (c.freeShare !== undefined) out.push(['free share', `is ${share(c.freeShare)} of billed ${route.channel === 'sms' ? 'segments' : 'messages'}`]);
  return out;
}

/** "WhatsApp marketing price in India is $0.0085, its pass-through is $0.001 and its free share is 10%". */
function joinClauses(what: string, where: string, clauses: [string, string][]): string {
  const parts = clauses.map(([label, rest], i) => (i === 0 ? `${what} ${label}${where} ${rest}` : `its ${label} ${rest}`));
  return parts.length <= 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/**
 * Every v1.2 rule of a vendor's quote, one sentence each, routes in quote order: free share,
 * markup and carrier mix as quoted, then the dated changes in date order (v1.1's pass-through
 * changes among them).
 */
export function priceRuleSentences(vendor: VendorDoc): string[] {
  const name = vendor.name || vendor.id;
  const currency = vendor.quote.currency;
  const out: string[] = [];
  for (const r of vendor.quote.routes) {
    const { what, where } = routeWords(r);
    const unit = r.channel === 'sms' ? 'segments' : 'messages';
    if (Number(r.freeShare ?? 0) > 0) out.push(`${name} charges nothing, neither price nor pass-through, for ${share(r.freeShare!)} of its billed ${what} ${unit}${where}.`);
    if (Number(r.passThroughMarkup ?? 0) > 0) out.push(`${name} bills the ${what} pass-through${where} at ${share(r.passThroughMarkup!)} over the network's fee.`);
    if (r.carrierMix) out.push(`${name}'s ${what} pass-through${where} is a carrier mix: ${mixWords(r.carrierMix, currency)}.`);
    const changes = [...(r.priceChanges ?? []), ...((r as { passThroughChanges?: Change[] }).passThroughChanges ?? [])]
      .map((c, k) => ({ c, k }))
      .sort((a, b) => a.c.from.localeCompare(b.c.from) || a.k - b.k);
    for (const { c } of changes) {
      const clauses = changeClauses(c, r, currency);
      if (clauses.length === 0) continue;
      out.push(`From ${yearMonth(c.from)}, ${name}'s ${joinClauses(what, where, clauses)}.`);
    }
  }
  return out;
}
