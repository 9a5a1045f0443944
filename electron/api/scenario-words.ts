/**
 * A scenario's changes in words a buyer reads ("Vendor B's price on SMS to the US: 0.0070 instead
 * of 0.0080"), never a JSON Pointer: for the Scenarios screen, the workbook's Scenarios sheet and
 * the report. Each operation of the patch (RFC 6902) is read against the base document it applies
 * to: names come from the base (or from what the operation adds), old values from the base.
 */
import type { PatchOperation } from '../engine/types.js';
import type { WorkspaceDocument } from './document.js';
import { channelWords } from './words.js';

type Json = unknown;

/** Countries written with "the" in English. */
const WITH_THE = new Set(['US', 'GB', 'AE', 'NL', 'PH', 'CZ', 'DO', 'BS', 'GM', 'CF', 'KM', 'MV', 'SC', 'VA']);
const SHORT: Record<string, string> = { US: 'US', GB: 'UK', AE: 'UAE' };

let regions: Intl.DisplayNames | null = null;
function countryName(code: string): string {
  if (SHORT[code]) return `the ${SHORT[code]}`;
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regions.of(code) ?? code;
    return WITH_THE.has(code) ? `the ${name}` : name;
  } catch {
    return code;
  }
}

/** "SMS to the US", "WhatsApp utility to the US", "email" (a route or stream's channel, class and country). */
export function routeWords(r: { channel?: unknown; country?: unknown; class?: unknown }): string {
  const ch = typeof r.channel === 'string' ? channelWords(r.channel) : 'a route';
  const cls = typeof r.class === 'string' && r.class ? ` ${r.class}` : '';
  const to = typeof r.country === 'string' && r.country ? ` to ${countryName(r.country)}` : '';
  return `${ch}${cls}${to}`;
}

const FIELDS: Record<string, string> = {
  price: 'price',
  tiers: 'tiers',
  tierMode: 'tier mode',
  billedOn: 'billing basis',
  passThrough: 'carrier pass-through',
  inboundPassThrough: 'inbound pass-through',
  inboundPrice: 'inbound price',
  passThroughChanges: 'dated pass-through changes',
  currency: 'currency',
  escalator: 'yearly price escalator',
  discount: 'discount',
  minimumMonthlyCommit: 'minimum monthly commit',
  minimumAnnualCommit: 'minimum annual commit',
  setupHours: 'setup hours',
  monthlyHours: 'monthly hours',
  monthlyOther: 'other monthly internal cost',
  remediationPerFailure: 'remediation cost per failed message',
  monthlyVolume: 'monthly volume',
  annualGrowth: 'yearly growth',
  seasonality: 'seasonality',
  inboundPerOutbound: 'inbound messages per outbound',
  segmentsPerMessage: 'segments per message',
  monthlyActive: 'monthly active contacts',
  contactGrowth: 'contact growth',
  benefits: 'benefits',
  sent: 'messages sent',
  delivered: 'messages delivered',
  engaged: 'messages engaged',
  converted: 'conversions',
  optedOut: 'opt-outs',
  complained: 'complaints',
  failed: 'failures',
  amount: 'amount',
  per: 'charging basis',
  quantity: 'quantity',
  month: 'month',
  category: 'category',
  name: 'name',
  horizonMonths: 'horizon (months)',
  discountRate: 'discount rate',
  hourlyRate: 'hourly rate of the team',
  riskAdjustment: 'risk adjustment of benefits',
  startMonth: 'start month',
  baseCurrency: 'base currency',
  deliveryRate: 'assumed delivery rate',
  engagementRate: 'assumed engagement rate',
  rate: 'rate',
  asOf: 'date of the rate',
  valuePerConversion: 'value per conversion',
  deflectedPerDelivered: 'contacts deflected per delivered message',
  costPerContact: 'cost per contact',
  riskReductionPerYear: 'risk reduction per year',
  conversionPerDelivered: 'conversions per delivered message',
  holdout: 'holdout',
  template: 'message template',
  from: 'start',
};

/** A field's name in words: the table's, else its camelCase split ("monthlyOther" → "monthly other"). */
function fieldWords(key: string): string {
  return FIELDS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const ordinal = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};

/** A value in words: numbers and decimal strings as written, nothing as "none", lists and objects briefly. */
export function valueWords(v: Json): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((t) => t !== null && typeof t === 'object' && 'from' in t && 'price' in t)) {
      return v.map((t: { from: unknown; price: unknown }) => `${valueWords(t.price)} from ${valueWords(t.from)}`).join(', ');
    }
    return v.length === 0 ? 'none' : v.map(valueWords).join(', ');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string' && o.name) return `"${o.name}"`;
    if ('channel' in o) return routeWords(o);
    return 'a new entry';
  }
  return String(v);
}

function get(doc: Json, keys: string[]): Json {
  let x: Json = doc;
  for (const k of keys) {
    if (x === null || typeof x !== 'object') return undefined;
    x = Array.isArray(x) ? x[Number(k)] : (x as Record<string, unknown>)[k];
  }
  return x;
}

const unescape = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

/** The last field a path names, in words, with the tier it is in ("price of the 2nd tier"). */
function fieldOf(rest: string[]): string {
  const names = rest.filter((k) => !/^\d+$/.test(k));
  const last = names.at(-1);
  if (last === undefined) return '';
  const t = rest.indexOf('tiers');
  if (t >= 0 && rest[t + 1] !== undefined && last !== 'tiers') return `${fieldWords(last)} of the ${ordinal(Number(rest[t + 1]) + 1)} tier`;
  return fieldWords(last);
}

/**
 * What a path names, in words, and whether it names a whole entry (a vendor, a route, a fee):
 * "Vendor B's price on SMS to the US", "the monthly volume of Order alerts SMS, Kenya".
 */
function subjectOf(base: WorkspaceDocument, op: PatchOperation, keys: string[]): { subject: string; whole: boolean } {
  const added = (n: number) => (op.op === 'add' && keys.length === n ? op.value : undefined);
  const nameOf = (item: unknown, fallback: string): string => {
    const o = (item ?? {}) as { name?: unknown; id?: unknown };
    return typeof o.name === 'string' && o.name ? o.name : typeof o.id === 'string' ? o.id : fallback;
  };
  const [top, i, part, j, k, ...more] = keys;
  if (top === 'vendors' && i !== undefined) {
    const v = nameOf(added(2) ?? get(base, ['vendors', i]), `the ${ordinal(Number(i) + 1)} vendor`);
    if (part === undefined) return { subject: /^vendor\b/i.test(v) ? v : `vendor ${v}`, whole: true };
    if (part === 'quote' && j === 'routes' && k !== undefined) {
      const route = routeWords((added(5) ?? get(base, keys.slice(0, 5)) ?? {}) as object);
      if (more.length === 0) return { subject: `${v}'s route ${route}`, whole: true };
      return { subject: `${v}'s ${fieldOf(more)} on ${route}`, whole: false };
    }
    if (part === 'quote' && j === 'fees' && k !== undefined) {
      const fee = nameOf(added(5) ?? get(base, keys.slice(0, 5)), 'a fee');
      if (more.length === 0) return { subject: `${v}'s fee "${fee}"`, whole: true };
      return { subject: `the ${fieldOf(more)} of ${v}'s fee "${fee}"`, whole: false };
    }
    if (part === 'pilots' && j !== undefined) {
      const route = routeWords((added(4) ?? get(base, keys.slice(0, 4)) ?? {}) as object);
      if (k === undefined) return { subject: `${v}'s pilot on ${route}`, whole: true };
      return { subject: `${v}'s ${fieldOf([k, ...more])} in the pilot on ${route}`, whole: false };
    }
    const rest = keys.slice(part === 'quote' || part === 'internal' ? 3 : 2);
    if (rest.length === 0) return { subject: `${v}'s ${part === 'quote' ? 'quote' : 'internal costs'}`, whole: true };
    return { subject: `${v}'s ${fieldOf(rest)}`, whole: false };
  }
  if (top === 'streams' && i !== undefined) {
    const st = nameOf(added(2) ?? get(base, ['streams', i]), `the ${ordinal(Number(i) + 1)} stream`);
    if (part === undefined) return { subject: `stream "${st}"`, whole: true };
    return { subject: `the ${fieldOf(keys.slice(2))} of "${st}"`, whole: false };
  }
  if (top === 'fx') {
    const rate = (added(2) ?? get(base, keys.slice(0, 2)) ?? {}) as { currency?: unknown };
    const cur = typeof rate.currency === 'string' ? rate.currency : 'a currency';
    return keys.length <= 2 ? { subject: `the ${cur} exchange rate`, whole: true } : { subject: `the ${fieldOf(keys.slice(2))} of the ${cur} exchange rate`, whole: false };
  }
  if (top === 'defaults') {
    const ch = i ? channelWords(i) : 'every channel';
    return keys.length <= 2 ? { subject: `the assumed rates of ${ch}`, whole: true } : { subject: `the ${fieldOf(keys.slice(2))} of ${ch}`, whole: false };
  }
  if (keys.length === 0) return { subject: 'the whole workspace', whole: true };
  return { subject: `the workspace's ${fieldOf(keys)}`, whole: false };
}

/**
 * One operation of a scenario's patch in words, read against the base document:
 * "Vendor B (regional aggregator)'s price on SMS to the US: 0.0070 instead of 0.0080".
 */
export function describeChange(base: WorkspaceDocument, op: PatchOperation): string {
  const keys = op.path === '' ? [] : op.path.slice(1).split('/').map(unescape);
  const old = get(base, keys);
  const value = op.op === 'remove' ? undefined : op.value;
  const { subject, whole } = subjectOf(base, op, keys);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (op.op === 'test') return `${cap(subject)} is checked to be ${valueWords(value)}`;
  if (op.op === 'remove') return whole ? `${cap(subject)} removed` : `${cap(subject)}: none instead of ${valueWords(old)}`;
  if (op.op === 'add' && (old === undefined || whole))
    return whole ? `${cap(subject)} added${value !== null && typeof value === 'object' ? '' : `: ${valueWords(value)}`}` : `${cap(subject)}: ${valueWords(value)} (added)`;
  if (whole && value !== null && typeof value === 'object') return `${cap(subject)} changed`;
  return `${cap(subject)}: ${valueWords(value)} instead of ${valueWords(old)}`;
}

/** A vendor of the base by position, in words ("Vendor B", else "the 2nd vendor"). */
function vendorAt(base: WorkspaceDocument, i: string): string {
  const v = get(base, ['vendors', i]) as { name?: unknown; id?: unknown } | undefined;
  return v && typeof v.name === 'string' && v.name ? v.name : v && typeof v.id === 'string' ? `vendor ${v.id}` : `the ${ordinal(Number(i) + 1)} vendor`;
}

/**
 * Why a scenario no longer applies to the base, and what to do, in a sentence a buyer reads
 * ("“Volume +30%” no longer applies: its change to Vendor B's price refers to a route that was
 * removed or moved. …"): `operation` is the position of the operation that fails (null when the
 * changed workspace is what is incomplete). Read against the base as it is now.
 */
export function whyNotApplies(base: WorkspaceDocument, name: string, patch: readonly PatchOperation[], operation: number | null): string {
  const todo = 'Edit the scenario on the Scenarios screen: remove that change (and make it again in the scenario if it still matters), or remove the scenario.';
  const o = operation === null ? undefined : patch[operation];
  if (!o)
    return `“${name}” no longer applies: after its changes the workspace is not complete (a change takes away something another part needs). Remove its last change on the Scenarios screen, or remove the scenario.`;
  const keys = o.path === '' ? [] : o.path.slice(1).split('/').map(unescape);
  const field = keys.at(-1);
  const [top, i, part, j, k] = keys;
  // The change the failing check guards: the first change after the checks.
  const guarded = patch.slice(operation! + 1).find((x) => x.op !== 'test');
  const what = guarded
    ? fieldOf(
        guarded.path
          .slice(1)
          .split('/')
          .map(unescape)
          .slice(top === 'vendors' && part === 'quote' && j === 'routes' ? 5 : 2),
      )
    : '';
  const wanted = typeof o.value === 'string' ? o.value : valueWords(o.value);
  let reason: string;
  if (o.op === 'test' && top === 'vendors' && i !== undefined && keys.length === 3 && field === 'id') {
    const now = (base.vendors ?? []).find((v) => v.id === wanted);
    reason = now
      ? `its changes to ${now.name ?? `vendor ${wanted}`} were made where it was in the list of vendors, and it has moved`
      : `its changes are to vendor ${wanted}, which was removed from the base`;
  } else if (o.op === 'test' && top === 'streams' && i !== undefined && keys.length === 3 && field === 'id') {
    const now = (base.streams ?? []).find((s) => s.id === wanted);
    reason = now
      ? `its changes to stream “${now.name ?? wanted}” were made where it was in the list of streams, and it has moved`
      : `its changes are to stream “${wanted}”, which was removed from the base`;
  } else if (top === 'vendors' && i !== undefined && part === 'quote' && j === 'routes' && k !== undefined && (o.op !== 'test' || keys.length === 6)) {
    reason = `its change to ${vendorAt(base, i)}'s ${what || 'route'} refers to a route that was removed or moved`;
  } else if (top === 'vendors' && i !== undefined && (part === 'pilots' || (part === 'quote' && j === 'fees')) && k !== undefined) {
    reason = `its change to ${vendorAt(base, i)}'s ${part === 'pilots' ? 'pilot' : 'fee'} refers to one that was removed or moved`;
  } else if (o.op === 'test') {
    reason = `its check that ${describeChange(base, o).replace(/^./, (c) => c.toLowerCase())} no longer holds`;
  } else {
    reason = `its change ${describeChange(base, o).replace(/^./, (c) => c.toLowerCase())} refers to something the base no longer has`;
  }
  return `“${name}” no longer applies: ${reason}. ${todo}`;
}

/**
 * Change `index` of a scenario's patch in words, naming the vendor or stream the change was made
 * on: its checks (an id tested before it) say which it was, so when the base has moved it the words
 * follow it, and when the base has removed it they say so, rather than name the entry now there.
 */
export function describeChangeAt(base: WorkspaceDocument, patch: readonly PatchOperation[], index: number): string {
  const op = patch[index]!;
  const keys = op.path === '' ? [] : op.path.slice(1).split('/').map(unescape);
  const [top, i] = keys;
  if ((top !== 'vendors' && top !== 'streams') || i === undefined || !/^\d+$/.test(i)) return describeChange(base, op);
  let pinned: unknown;
  for (let k = index - 1; k >= 0; k--) {
    const t = patch[k]!;
    if (t.op === 'test' && t.path === `/${top}/${i}/id`) {
      pinned = t.value;
      break;
    }
    if (t.op !== 'test' && /^\/(vendors|streams)\/(\d+|-)$/.test(t.path) && t.path.startsWith(`/${top}/`)) break;
  }
  const list = ((top === 'vendors' ? base.vendors : base.streams) ?? []) as { id: string; name?: string }[];
  if (typeof pinned !== 'string' || list[Number(i)]?.id === pinned) return describeChange(base, op);
  const now = list.findIndex((x) => x.id === pinned);
  if (now >= 0) return describeChange(base, { ...op, path: ['', top, String(now), ...keys.slice(2)].map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/') });
  const what = top === 'vendors' ? `vendor ${pinned}` : `stream “${pinned}”`;
  const field = keys.length > 2 ? fieldOf(keys.slice(2)) : '';
  const value = op.op === 'remove' ? 'removed' : valueWords(op.value);
  return `A change to ${what}, which is no longer in the base${field ? `: ${field} ${value}` : ''}`;
}
