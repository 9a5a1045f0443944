/**
 * The workspace document of FORMAT.md: its schema, its reader and its writer. Money and prices may
 * be JSON numbers or decimal strings and are passed on as given, so a string never loses a digit.
 * Unknown fields, duplicate ids, unresolved references and a route priced twice in one quote are
 * errors naming the JSON path and the field.
 */
import * as z from 'zod';
import { BILLED_ON, CHANNELS, FEE_CATEGORIES, FEE_KINDS, TIER_MODES, routeKey, type CarrierShare, type PatchOperation, type PriceChange, type QuoteRoute, type Workspace } from '../engine/types.js';
import { jsonPath, type PathSegment } from './paths.js';
import { LIMITS, checkValueLimits, decimalOutOfBounds, withoutMinusZero } from './limits.js';

export const DOCUMENT_FORMAT = 'tco-workspace';
export const DOCUMENT_VERSION = 1;

const DECIMAL_RE = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A decimal: a finite JSON number or a decimal string such as "0.0079". */
const decimalMessage = (iss: { input?: unknown }) => `expected a decimal number (a JSON number or a string such as "0.0079"), got ${describe(iss.input)}`;
// Finite and within LIMITS (|x| <= 10^15, limits.ts); minus zero is read as zero, as the engine reads it.
const decimal = z
  .union([z.number().finite(), z.string().regex(DECIMAL_RE, { error: decimalMessage, abort: true })], { error: decimalMessage })
  .superRefine((x, ctx) => {
    const why = decimalOutOfBounds(x);
    if (why !== null) ctx.addIssue({ code: 'custom', message: why, input: x });
  })
  .transform(withoutMinusZero);
const nonNegDecimal = decimal.refine((x) => Number(x) >= 0, { error: 'must be >= 0' });
const rate01 = decimal.refine((x) => Number(x) >= 0 && Number(x) <= 1, { error: 'must be between 0 and 1' });
const wholeMessage = (iss: { input?: unknown }) => `expected a whole number >= 0, got ${describe(iss.input)}`;
// A count of -0 is 0 (JSON may write it; the workspace file keeps 0), so a document reads back as written.
const count = z
  .number({ error: wholeMessage })
  .int({ error: wholeMessage })
  .min(0, 'must be >= 0')
  .max(LIMITS.count, 'must be at most 1,000,000,000,000 (10^12)')
  .transform((x) => (Object.is(x, -0) ? 0 : x));
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date written YYYY-MM-DD');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"');
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as "US"');
const klass = z.string().min(1, 'must not be empty').max(64);
const id = z.string().min(1, 'must not be empty').max(200);
const channel = z.enum(CHANNELS, { error: (iss) => `must be one of ${CHANNELS.join(', ')}; got ${describe(iss.input)}` });

function describe(x: unknown): string {
  if (x === undefined) return 'nothing (the field is missing)';
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  return String(x);
}

const holdout = z.strictObject({
  exposed: z.tuple([count, count]),
  holdout: z.tuple([count, count]),
  vendor: id.nullable().default(null),
});

const benefits = z.strictObject({
  valuePerConversion: nonNegDecimal.nullable().default(null),
  holdout: holdout.nullable().default(null),
  conversionRate: decimal.nullable().default(null),
  deflectedPerDelivered: nonNegDecimal.nullable().default(null),
  costPerContact: nonNegDecimal.nullable().default(null),
  riskReductionPerYear: nonNegDecimal.nullable().default(null),
});

const stream = z.strictObject({
  id,
  name: z.string().max(500).optional(),
  channel,
  country: country.nullable().default(null),
  class: klass.nullable().default(null),
  monthlyVolume: nonNegDecimal,
  annualGrowth: decimal.refine((x) => Number(x) > -1, { error: 'must be greater than -1' }).default(0),
  monthlyGrowth: decimal.refine((x) => Number(x) > -1, { error: 'must be greater than -1' }).default(0),
  seasonality: z.array(nonNegDecimal).length(12, 'needs 12 factors, January first').nullable().default(null),
  inboundPerOutbound: nonNegDecimal.default(0),
  segmentsPerMessage: nonNegDecimal.nullable().default(null),
  template: z.string().max(LIMITS.textChars).nullable().default(null),
  monthlyActive: nonNegDecimal.nullable().default(null),
  contactGrowth: decimal.refine((x) => Number(x) > -1, { error: 'must be greater than -1' }).default(0),
  benefits: benefits.default({ valuePerConversion: null, holdout: null, conversionRate: null, deflectedPerDelivered: null, costPerContact: null, riskReductionPerYear: null }),
});

const tier = z.strictObject({ from: nonNegDecimal, price: nonNegDecimal });

/** v1.1's dated pass-through change, read as a price change (written back as one). */
const passThroughChange = z.strictObject({
  from: yearMonth,
  passThrough: nonNegDecimal.optional(),
  inboundPassThrough: nonNegDecimal.optional(),
});

const positiveDecimal = decimal.refine((x) => Number(x) > 0, { error: 'must be more than 0' });

/** One carrier of a carrier mix (v1.2). */
const carrier = z.strictObject({
  carrier: z.string().min(1, 'must not be empty').max(200),
  share: positiveDecimal,
  passThrough: nonNegDecimal.default(0),
  inboundPassThrough: nonNegDecimal.default(0),
});

const carrierMix = z.array(carrier).min(1, 'needs at least one carrier (or null for none)');

/** A dated change of a route (v1.2): the fields it names, from its month on. */
const priceChange = z.strictObject({
  from: yearMonth,
  price: nonNegDecimal.optional(),
  tiers: z.array(tier).min(1, 'needs at least one tier').optional(),
  inboundPrice: nonNegDecimal.optional(),
  passThrough: nonNegDecimal.optional(),
  inboundPassThrough: nonNegDecimal.optional(),
  passThroughMarkup: nonNegDecimal.optional(),
  carrierMix: carrierMix.nullable().optional(),
  freeShare: rate01.optional(),
});

const route = z.strictObject({
  channel,
  country: country.nullable().default(null),
  class: klass.nullable().default(null),
  price: nonNegDecimal.nullable().default(null),
  tiers: z.array(tier).min(1, 'needs at least one tier').nullable().default(null),
  tierMode: z.enum(TIER_MODES).default('graduated'),
  billedOn: z.enum(BILLED_ON).default('sent'),
  passThrough: nonNegDecimal.default(0),
  inboundPassThrough: nonNegDecimal.default(0),
  inboundPrice: nonNegDecimal.default(0),
  passThroughMarkup: nonNegDecimal.default(0),
  carrierMix: carrierMix.nullable().default(null),
  freeShare: rate01.default(0),
  priceChanges: z.array(priceChange).default([]),
  passThroughChanges: z.array(passThroughChange).optional(),
});

const fee = z.strictObject({
  name: z.string().min(1, 'must not be empty').max(500),
  amount: nonNegDecimal,
  per: z.enum(FEE_KINDS),
  quantity: nonNegDecimal.default(1),
  included: nonNegDecimal.default(0),
  month: z.number().int('must be a whole number').min(1, 'must be 1 or later').max(600, 'must be at most 600 (50 years)').default(1),
  category: z.enum(FEE_CATEGORIES),
  currency: currency.nullable().default(null),
});

const quote = z.strictObject({
  currency,
  escalator: decimal.refine((x) => Number(x) > -1, { error: 'must be greater than -1' }).default(0),
  discount: rate01.default(0),
  minimumMonthlyCommit: nonNegDecimal.default(0),
  minimumAnnualCommit: nonNegDecimal.default(0),
  routes: z.array(route),
  fees: z.array(fee).default([]),
});

const internal = z.strictObject({
  setupHours: nonNegDecimal.default(0),
  monthlyHours: nonNegDecimal.default(0),
  monthlyOther: nonNegDecimal.default(0),
  remediationPerFailure: nonNegDecimal.default(0),
});

const pilot = z.strictObject({
  channel,
  country: country.nullable().default(null),
  class: klass.nullable().default(null),
  sent: count,
  delivered: count,
  failed: z.record(z.string().min(1).max(200), count).default({}),
  engaged: count.nullable().default(null),
  converted: count.nullable().default(null),
  optedOut: count.nullable().default(null),
  complained: count.nullable().default(null),
});

const vendor = z.strictObject({
  id,
  name: z.string().max(500).optional(),
  quote,
  internal: internal.default({ setupHours: 0, monthlyHours: 0, monthlyOther: 0, remediationPerFailure: 0 }),
  pilots: z.array(pilot).default([]),
});

const channelDefaults = z.strictObject({
  deliveryRate: rate01.nullable().default(null),
  engagementRate: rate01.nullable().default(null),
});

const fxRate = z.strictObject({
  currency,
  rate: decimal.refine((x) => Number(x) > 0, { error: 'must be > 0' }),
  asOf: isoDate.nullable().default(null),
});

/**
 * One operation of a scenario's patch (RFC 6902). `move` and `copy` are refused; members an
 * operation does not use are ignored, as the RFC says (z.object drops them: they are not written back).
 */
const PATCH_OPS = ['add', 'remove', 'replace', 'test'] as const;
const patchOperation = z
  .object({
    op: z.string({ error: 'must be one of add, remove, replace, test' }),
    path: z
      .string({ error: 'must be a JSON Pointer such as "/streams/0/monthlyVolume"' })
      .max(1000)
      .refine((p) => p === '' || p.startsWith('/'), {
        error: 'must be a JSON Pointer such as "/streams/0/monthlyVolume" (empty, or starting with "/")',
      }),
    value: z.unknown().optional(),
  })
  .superRefine((o, ctx) => {
    if (o.op === 'move' || o.op === 'copy') ctx.addIssue({ code: 'custom', path: ['op'], message: `"${o.op}" is not supported in a scenario: write it as remove and add` });
    else if (!(PATCH_OPS as readonly string[]).includes(o.op)) ctx.addIssue({ code: 'custom', path: ['op'], message: `must be one of add, remove, replace, test; got ${describe(o.op)}` });
    else if (o.op !== 'remove' && !('value' in o)) ctx.addIssue({ code: 'custom', path: ['value'], message: `is required by a "${o.op}" operation` });
  })
  // The value as JSON holds it (a -0 is 0, as the workspace file keeps it), so a patch reads back as written.
  .transform((o) =>
    o.op === 'remove' ? { op: 'remove' as const, path: o.path } : { op: o.op as 'add' | 'replace' | 'test', path: o.path, value: JSON.parse(JSON.stringify(o.value ?? null)) as unknown },
  );

const scenario = z.strictObject({
  id,
  name: z.string().max(500).optional(),
  patch: z.array(patchOperation).max(10_000, 'holds more than 10,000 operations'),
});

export const documentSchema = z.strictObject({
  format: z.literal(DOCUMENT_FORMAT, { error: `must be "${DOCUMENT_FORMAT}"` }),
  version: z.number().int(),
  name: z.string().max(500).default(''),
  baseCurrency: currency,
  fx: z.array(fxRate).default([]),
  startMonth: yearMonth,
  horizonMonths: z.number().int('must be a whole number of months').min(1, 'must be at least 1').max(600, 'must be at most 600 (50 years)').default(36),
  discountRate: decimal.refine((x) => Number(x) > -1, { error: 'must be greater than -1' }).default(0),
  hourlyRate: nonNegDecimal.default(0),
  riskAdjustment: rate01.default(0),
  defaults: z.partialRecord(channel, channelDefaults).default({}),
  streams: z.array(stream),
  vendors: z.array(vendor),
  scenarios: z.array(scenario).max(100, 'holds more than 100 scenarios').default([]),
});

export type WorkspaceDocument = z.input<typeof documentSchema>;

/** The parts of the document, for the operations that edit one of them (electron/api/operations.ts). */
export const parts = {
  id,
  channel,
  currency,
  country,
  yearMonth,
  isoDate,
  decimal,
  nonNegDecimal,
  rate01,
  count,
  stream,
  benefits,
  holdout,
  route,
  tier,
  passThroughChange,
  priceChange,
  carrier,
  fee,
  quote,
  internal,
  pilot,
  vendor,
  channelDefaults,
  fxRate,
  scenario,
};

export interface DocumentIssue {
  path: string;
  field: string;
  message: string;
}

/** A document that does not satisfy FORMAT.md. `message` is the first issue, on one line. */
export class DocumentError extends Error {
  readonly code = 'INVALID_DOCUMENT';
  constructor(readonly issues: DocumentIssue[]) {
    const first = issues[0]!;
    super(`${first.path}: ${first.message}`);
    this.name = 'DocumentError';
  }
}

function issue(path: PathSegment[], message: string): DocumentIssue {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return { path: jsonPath(path), field: typeof last === 'string' ? last : '', message };
}

const grouped = (n: number | bigint) => Number(n).toLocaleString('en-US');

type SizeIssue = z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall;

/** A size limit's issue with zod's own message ("Too big: ..."), not one the schema wrote. */
const defaultSizeIssue = (iss: z.core.$ZodIssue): iss is SizeIssue => (iss.code === 'too_big' || iss.code === 'too_small') && /^Too (big|small): /.test(iss.message);

/**
 * A size limit without a message of its own (`.max(500)`), in words: "is too long: 612 characters,
 * at most 500" rather than zod's "Too big: expected string to have <=500 characters".
 */
function sizeWords(iss: SizeIssue): string {
  const big = iss.code === 'too_big';
  const limit = big ? iss.maximum : iss.minimum;
  const input: unknown = iss.input;
  if (iss.origin === 'string') {
    const got = typeof input === 'string' ? `: ${grouped(input.length)} character${input.length === 1 ? '' : 's'},` : ',';
    if (!big && Number(limit) === 1) return 'must not be empty';
    return big ? `is too long${got} at most ${grouped(limit)}` : `is too short${got} at least ${grouped(limit)}`;
  }
  if (iss.origin === 'array' || iss.origin === 'set') {
    const got = Array.isArray(input) ? `: ${grouped(input.length)},` : ',';
    return big ? `has too many entries${got} at most ${grouped(limit)}` : `needs at least ${grouped(limit)} ${Number(limit) === 1 ? 'entry' : 'entries'}`;
  }
  const got = typeof input === 'number' || typeof input === 'bigint' ? `, got ${String(input)}` : '';
  if (big) return `must be ${iss.inclusive === false ? 'less than' : 'at most'} ${grouped(limit)}${got}`;
  return `must be ${iss.inclusive === false ? 'more than' : 'at least'} ${grouped(limit)}${got}`;
}

/** Zod's issues as the project writes them: a JSON path (under `prefix`), the field, a message. */
export function zodIssues(error: z.ZodError, prefix: PathSegment[] = []): DocumentIssue[] {
  const out: DocumentIssue[] = [];
  for (const iss of error.issues) {
    const path = [...prefix, ...iss.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) out.push(issue([...path, k], `unknown field "${k}"`));
    } else if (iss.code === 'invalid_type' && iss.input === undefined) {
      out.push(issue(path, 'is required but missing'));
    } else if (iss.code === 'invalid_type' && iss.message.startsWith('Invalid input: ')) {
      const expected = String(iss.expected);
      const what = expected === 'int' ? 'a whole number' : expected === 'array' ? 'an array' : expected === 'object' ? 'an object' : `a ${expected}`;
      out.push(issue(path, `expected ${what}, got ${describe(iss.input)}`));
    } else if (iss.code === 'invalid_union' || iss.code === 'invalid_type' || iss.code === 'invalid_value') {
      out.push(issue(path, iss.message.replace(/^Invalid input: /, '')));
    } else if (defaultSizeIssue(iss)) {
      out.push(issue(path, sizeWords(iss)));
    } else if (iss.code === 'invalid_key') {
      // A record's key (a failure reason's name): zod says only "Invalid key in record".
      const inner = iss.issues[0];
      const why = inner && defaultSizeIssue(inner) ? sizeWords(inner) : (inner?.message ?? 'is not allowed');
      const owner = path.at(-2);
      out.push(issue(path, `${owner === 'failed' ? "a failure reason's name" : 'the name'} ${why}`));
    } else {
      out.push(issue(path, iss.message));
    }
  }
  return out;
}

type Parsed = z.output<typeof documentSchema>;

function tierChecks(tiers: readonly { from: string | number }[], path: PathSegment[], out: DocumentIssue[]): void {
  if (Number(tiers[0]!.from) !== 0) out.push(issue([...path, 0, 'from'], 'the first tier must start from 0'));
  for (let t = 1; t < tiers.length; t++) {
    if (!(Number(tiers[t]!.from) > Number(tiers[t - 1]!.from))) out.push(issue([...path, t, 'from'], 'tier thresholds must be strictly increasing'));
  }
}

/** A carrier mix's shares add up to 1 (within 1e-9, MODEL.md section 4). */
function mixChecks(mix: readonly { share: string | number }[], path: PathSegment[], out: DocumentIssue[]): void {
  const sum = mix.reduce((a, c) => a + Number(c.share), 0);
  if (Math.abs(sum - 1) > 1e-9) out.push(issue(path, `the carriers' shares add up to ${Number(sum.toPrecision(12))}; they must add up to 1`));
}

/** Rules across fields: ids, references, tiers, one price per route. */
/**
 * The rules across fields. `checked` holds vendors read and checked before, unchanged (readDocumentFrom's
 * base vendors): their own routes, fees and pilots are not checked again; their ids still are.
 */
function crossChecks(d: Parsed, checked?: ReadonlySet<unknown>): DocumentIssue[] {
  const out: DocumentIssue[] = [];
  if (d.version > DOCUMENT_VERSION) out.push(issue(['version'], `is ${d.version}: the document was written by a newer version of the app (this one reads version ${DOCUMENT_VERSION})`));
  else if (d.version !== DOCUMENT_VERSION) out.push(issue(['version'], `must be ${DOCUMENT_VERSION}, got ${d.version}`));
  const seenFx = new Set<string>();
  d.fx.forEach((f, i) => {
    if (seenFx.has(f.currency)) out.push(issue(['fx', i, 'currency'], `${f.currency} has two rates; keep one`));
    if (f.currency === d.baseCurrency) out.push(issue(['fx', i, 'currency'], `${f.currency} is the base currency; its rate is always 1`));
    seenFx.add(f.currency);
  });
  const streamIds = new Set<string>();
  d.streams.forEach((s, i) => {
    if (streamIds.has(s.id)) out.push(issue(['streams', i, 'id'], `duplicate stream id "${s.id}"`));
    streamIds.add(s.id);
    if (Number(s.monthlyGrowth) !== 0 && Number(s.annualGrowth) !== 0) {
      out.push(issue(['streams', i, 'monthlyGrowth'], `stream ${s.id} grows both per year and per month; give one of the two and set the other to 0`));
    }
    if (s.channel === 'sms' && s.segmentsPerMessage === null && s.template === null) {
      out.push(issue(['streams', i, 'segmentsPerMessage'], 'an SMS stream needs segmentsPerMessage or a template to count segments from'));
    }
    const h = s.benefits.holdout;
    if (h) {
      (['exposed', 'holdout'] as const).forEach((k) => {
        const [x, n] = h[k];
        if (n === 0) out.push(issue(['streams', i, 'benefits', 'holdout', k, 1], 'the group size must be at least 1'));
        else if (x > n) out.push(issue(['streams', i, 'benefits', 'holdout', k, 0], `${x} conversions out of ${n} is more than the group`));
      });
      if (h.vendor !== null && !d.vendors.some((v) => v.id === h.vendor)) {
        out.push(issue(['streams', i, 'benefits', 'holdout', 'vendor'], `no vendor with id "${h.vendor}"`));
      }
    }
  });
  const vendorIds = new Set<string>();
  d.vendors.forEach((v, i) => {
    if (vendorIds.has(v.id)) out.push(issue(['vendors', i, 'id'], `duplicate vendor id "${v.id}"`));
    vendorIds.add(v.id);
    if (checked?.has(v)) return;
    const seen = new Map<string, number>();
    v.quote.routes.forEach((r, j) => {
      const tag = routeKey(r);
      const before = seen.get(tag);
      if (before !== undefined) out.push(issue(['vendors', i, 'quote', 'routes', j], `route ${tag} is priced twice in this quote (also routes[${before}])`));
      seen.set(tag, j);
      const hasPrice = r.price !== null;
      const hasTiers = r.tiers !== null;
      if (hasPrice === hasTiers) out.push(issue(['vendors', i, 'quote', 'routes', j, hasPrice ? 'tiers' : 'price'], 'give either a price or tiers, not both and not neither'));
      const rpath = ['vendors', i, 'quote', 'routes', j];
      if (r.tiers) tierChecks(r.tiers, [...rpath, 'tiers'], out);
      if (r.carrierMix) mixChecks(r.carrierMix, [...rpath, 'carrierMix'], out);
      // priceChanges and v1.1's passThroughChanges are one list: one change a month.
      const months = new Set<string>();
      const changes: [(typeof r.priceChanges)[number], PathSegment[]][] = [
        ...r.priceChanges.map((c, k): [typeof c, PathSegment[]] => [c, [...rpath, 'priceChanges', k]]),
        ...(r.passThroughChanges ?? []).map((c, k): [(typeof r.priceChanges)[number], PathSegment[]] => [c, [...rpath, 'passThroughChanges', k]]),
      ];
      for (const [c, cpath] of changes) {
        if (months.has(c.from)) out.push(issue([...cpath, 'from'], `the route already has a change from ${c.from}; a route changes at most once a month, so put both changes in one`));
        else months.add(c.from);
        if (c.price !== undefined && c.tiers !== undefined) out.push(issue([...cpath, 'tiers'], 'a change sets either a price or tiers, not both'));
        if (c.tiers) tierChecks(c.tiers, [...cpath, 'tiers'], out);
        if (c.carrierMix) mixChecks(c.carrierMix, [...cpath, 'carrierMix'], out);
      }
    });
    v.quote.fees.forEach((f, j) => {
      if (f.per !== 'contact-month' && Number(f.included) !== 0) {
        out.push(issue(['vendors', i, 'quote', 'fees', j, 'included'], `only a fee per contact and month has included contacts; this one is per ${f.per}`));
      }
    });
    v.pilots.forEach((p, j) => {
      if (p.delivered > p.sent) out.push(issue(['vendors', i, 'pilots', j, 'delivered'], `${p.delivered} delivered is more than ${p.sent} sent`));
      if (p.engaged !== null && p.engaged > p.delivered) out.push(issue(['vendors', i, 'pilots', j, 'engaged'], `${p.engaged} engaged is more than ${p.delivered} delivered`));
    });
  });
  const scenarioIds = new Set<string>();
  d.scenarios.forEach((sc, i) => {
    if (scenarioIds.has(sc.id)) out.push(issue(['scenarios', i, 'id'], `duplicate scenario id "${sc.id}"`));
    scenarioIds.add(sc.id);
  });
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * The schema, run so that it stops after the first LIMITS.issues issues: the long lists (streams,
 * vendors, and each vendor's routes) are checked one element at a time and the rest of the document
 * once with them emptied, so a document whose 50,000 routes are all wrong costs 20 routes' checks,
 * not 50,000 (the issues are those zod would list first, in document order, but for the small
 * fields of the top level and of a vendor, which come before its lists').
 */
function boundedParse(raw: Record<string, unknown>): Parsed {
  const issues: DocumentIssue[] = [];
  const full = () => issues.length >= LIMITS.issues;
  const fail = (e: z.ZodError, prefix: PathSegment[]) => issues.push(...zodIssues(e, prefix));
  const each = <T>(list: unknown[], schema: z.ZodType<T>, prefix: PathSegment[]): T[] => {
    const out: T[] = [];
    for (let i = 0; i < list.length && !full(); i++) {
      const r = schema.safeParse(list[i], { reportInput: true });
      if (r.success) out.push(r.data);
      else fail(r.error, [...prefix, i]);
    }
    return out;
  };
  const vendorWithRoutes = (v: unknown, i: number): z.output<typeof vendor> | null => {
    const q = isObject(v) ? v.quote : undefined;
    if (!isObject(v) || !isObject(q) || !Array.isArray(q.routes)) {
      const r = vendor.safeParse(v, { reportInput: true });
      if (r.success) return r.data;
      fail(r.error, ['vendors', i]);
      return null;
    }
    const shell = vendor.safeParse({ ...v, quote: { ...q, routes: [] } }, { reportInput: true });
    if (!shell.success) fail(shell.error, ['vendors', i]);
    const routes = each(q.routes, route, ['vendors', i, 'quote', 'routes']);
    return shell.success ? { ...shell.data, quote: { ...shell.data.quote, routes } } : null;
  };
  const lists = { streams: Array.isArray(raw.streams) ? raw.streams : null, vendors: Array.isArray(raw.vendors) ? raw.vendors : null };
  const top = documentSchema.safeParse({ ...raw, ...(lists.streams ? { streams: [] } : {}), ...(lists.vendors ? { vendors: [] } : {}) }, { reportInput: true });
  if (!top.success) fail(top.error, []);
  const streams = lists.streams ? each(lists.streams, stream, ['streams']) : [];
  const vendors: z.output<typeof vendor>[] = [];
  if (lists.vendors) {
    for (let i = 0; i < lists.vendors.length && !full(); i++) {
      const v = vendorWithRoutes(lists.vendors[i], i);
      if (v) vendors.push(v);
    }
  }
  if (issues.length > 0 || !top.success) throw new DocumentError(issues.slice(0, LIMITS.issues));
  return { ...top.data, streams: lists.streams ? streams : top.data.streams, vendors: lists.vendors ? vendors : top.data.vendors };
}

/** Read a parsed JSON value as a workspace document; throws DocumentError. */
export function readDocument(raw: unknown): Workspace {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DocumentError([{ path: '$', field: '', message: `a workspace document is a JSON object, got ${describe(raw)}` }]);
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > DOCUMENT_VERSION) {
    throw new DocumentError([issue(['version'], `is ${version}: the document was written by a newer version of the app (this one reads version ${DOCUMENT_VERSION})`)]);
  }
  // Size, counts and depth first (limits.ts), so the schema only ever sees a bounded document.
  const over = checkValueLimits(raw);
  if (over) throw new DocumentError([over]);
  const d = boundedParse(raw as Record<string, unknown>);
  const cross = crossChecks(d);
  if (cross.length > 0) throw new DocumentError(cross.slice(0, LIMITS.issues));
  return workspaceOf(d);
}

type ParsedStream = Parsed['streams'][number];
type ParsedVendor = Parsed['vendors'][number];
const streamOf = (s: ParsedStream) => ({ ...s, name: s.name ?? s.id });
type ParsedRoute = ParsedVendor['quote']['routes'][number];
// v1.1's passThroughChanges are price changes naming only the pass-through fields.
const routeOf = ({ passThroughChanges, ...r }: ParsedRoute) => (passThroughChanges?.length ? { ...r, priceChanges: [...r.priceChanges, ...passThroughChanges] } : r);
const vendorOf = (v: ParsedVendor, routes: Workspace['vendors'][number]['quote']['routes'] = v.quote.routes.map(routeOf)) => ({
  ...v,
  name: v.name ?? v.id,
  quote: { ...v.quote, routes },
});

function workspaceOf(d: Parsed, streams: Workspace['streams'] = d.streams.map(streamOf), vendors: Workspace['vendors'] = d.vendors.map((v) => vendorOf(v))): Workspace {
  return {
    name: d.name,
    baseCurrency: d.baseCurrency,
    fx: d.fx,
    startMonth: d.startMonth,
    horizonMonths: d.horizonMonths,
    discountRate: d.discountRate,
    hourlyRate: d.hourlyRate,
    riskAdjustment: d.riskAdjustment,
    defaults: d.defaults,
    streams,
    vendors,
    scenarios: d.scenarios.map((sc) => ({ ...sc, name: sc.name ?? sc.id })),
  };
}

const topLevel = documentSchema.extend({ streams: z.array(z.unknown()), vendors: z.array(z.unknown()) });

/**
 * readDocument of a document made from a base by a few changes (a scenario's patch), reading only
 * what changed: `raw` shares with `base.doc` (the base's canonical document, whose workspace is
 * `base.ws`) every stream, vendor, exchange-rate list and defaults object the changes did not touch,
 * by identity, and those are the base workspace's objects again (already read and checked), so only
 * the changed ones go through the schema; the rules across fields (ids, references, one price per
 * route) are checked on the whole. Equal to readDocument(raw); where anything is wrong, readDocument
 * itself says what (the same error, the same path).
 */
export function readDocumentFrom(base: { doc: WorkspaceDocument; ws: Workspace }, raw: unknown): Workspace {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return readDocument(raw);
  const r = raw as Record<string, unknown>;
  const version = r.version;
  if (typeof version === 'number' && version > DOCUMENT_VERSION) return readDocument(raw);
  if (!Array.isArray(r.streams) || !Array.isArray(r.vendors)) return readDocument(raw);
  // The limits (limits.ts) of what is new: the lists' lengths, every changed stream or vendor, and
  // the routes of all quotes. (The values in all cannot pass their limit: a patch adds no more
  // values than it holds, and it was read with the document.)
  const rest = { ...r, streams: [], vendors: [] };
  if (r.streams.length > LIMITS.streams || r.vendors.length > LIMITS.vendors || checkValueLimits(rest)) return readDocument(raw);
  const routes = r.vendors.reduce((n: number, v) => n + ((v as { quote?: { routes?: unknown[] } } | null)?.quote?.routes?.length ?? 0), 0);
  if (routes > LIMITS.routesInAll) return readDocument(raw);
  const top = topLevel.safeParse(rest);
  if (!top.success) return readDocument(raw);
  const lists = <P, W>(
    key: 'streams' | 'vendors',
    items: unknown[],
    baseItems: readonly unknown[],
    baseWs: readonly W[],
    schema: z.ZodType<P>,
    of: (p: P) => W,
    readItem?: (x: unknown, i: number) => { parsed: unknown; read: W } | null,
  ) => {
    // A list the changes did not reach is the base's (the same object: the engine's cache keys on it).
    if (items === baseItems) return { parsed: baseWs as unknown[], read: baseWs as W[] };
    const index = new Map(baseItems.map((x, i) => [x, i]));
    const parsed: unknown[] = [];
    const read: W[] = [];
    for (const [i, x] of items.entries()) {
      const j = index.get(x);
      if (j !== undefined) {
        parsed.push(baseWs[j]);
        read.push(baseWs[j]!);
        continue;
      }
      if (readItem) {
        const item = readItem(x, i);
        if (!item) return null;
        parsed.push(item.parsed);
        read.push(item.read);
        continue;
      }
      if (checkValueLimits(x, [key, i])) return null;
      const p = schema.safeParse(x);
      if (!p.success) return null;
      parsed.push(p.data);
      read.push(of(p.data));
    }
    return { parsed, read };
  };
  // The base's routes, as the base read them: a changed vendor's routes that are its base's by
  // identity (a price typed in one route leaves the vendor's other routes as they were) are not
  // read again; its own fields and the routes that changed are. Its base is the base's vendor at
  // the same place, or else of the same id.
  const routesOfBase = (x: Record<string, unknown>, i: number) => {
    const known = new Map<unknown, Workspace['vendors'][number]['quote']['routes'][number]>();
    let j = base.doc.vendors[i]?.id === x.id ? i : base.doc.vendors.findIndex((v) => v.id === x.id);
    if (j < 0) j = i < base.doc.vendors.length ? i : -1;
    if (j >= 0) base.doc.vendors[j]!.quote.routes.forEach((rx, k) => known.set(rx, base.ws.vendors[j]!.quote.routes[k]!));
    return known;
  };
  const readVendor = (x: unknown, i: number): { parsed: unknown; read: Workspace['vendors'][number] } | null => {
    const q = isObject(x) ? x.quote : undefined;
    if (!isObject(x) || !isObject(q) || !Array.isArray(q.routes)) return null;
    const shell = { ...x, quote: { ...q, routes: [] } };
    // The limits of the vendor's own fields and of its list of routes (its length), then of each changed route.
    if (checkValueLimits({ ...x, quote: { ...q, routes: new Array<null>(q.routes.length).fill(null) } }, ['vendors', i])) return null;
    const v = vendor.safeParse(shell);
    if (!v.success) return null;
    const known = routesOfBase(x, i);
    const parsed: unknown[] = [];
    const read: Workspace['vendors'][number]['quote']['routes'] = [];
    for (const [k, rx] of q.routes.entries()) {
      const same = known.get(rx);
      if (same) {
        parsed.push(same);
        read.push(same);
        continue;
      }
      if (checkValueLimits(rx, ['vendors', i, 'quote', 'routes', k])) return null;
      const p = route.safeParse(rx);
      if (!p.success) return null;
      parsed.push(p.data);
      read.push(routeOf(p.data));
    }
    return { parsed: { ...v.data, quote: { ...v.data.quote, routes: parsed } }, read: vendorOf(v.data, read) };
  };
  const streams = lists('streams', r.streams, base.doc.streams, base.ws.streams, stream, streamOf);
  const vendors = streams && lists('vendors', r.vendors, base.doc.vendors, base.ws.vendors, vendor, vendorOf, readVendor);
  if (!streams || !vendors) return readDocument(raw);
  // The base's own objects are read as the base read them: the workspace's (their streams and
  // vendors are checked across fields as parsed ones are; the rules read the same fields).
  const d = { ...top.data, streams: streams.parsed, vendors: vendors.parsed } as unknown as Parsed;
  if (r.fx === base.doc.fx) d.fx = base.ws.fx as Parsed['fx'];
  if (r.defaults === base.doc.defaults) d.defaults = base.ws.defaults as Parsed['defaults'];
  // A setting the changes did not reach is the base's as the base holds it (a JSON number stays one).
  const settings = d as unknown as Record<string, unknown>;
  const baseDoc = base.doc as unknown as Record<string, unknown>;
  for (const k of ['name', 'baseCurrency', 'startMonth', 'horizonMonths', 'discountRate', 'hourlyRate', 'riskAdjustment'] as const) {
    if (r[k] === baseDoc[k]) settings[k] = base.ws[k];
  }
  if (crossChecks(d, new Set(base.ws.vendors)).length > 0) return readDocument(raw);
  return workspaceOf(d, streams.read as Workspace['streams'], vendors.read as Workspace['vendors']);
}

/** A price change with every field it names copied (nested tiers and carriers too). */
function copyChange(c: PriceChange): PriceChange {
  const out: PriceChange = { ...c };
  if (c.tiers) out.tiers = c.tiers.map((t) => ({ ...t }));
  if (c.carrierMix) out.carrierMix = c.carrierMix.map((x) => ({ ...x }));
  return out;
}

/** A route's dated changes, v1.1's passThroughChanges (if an engine caller passed any) included. */
function allChanges(r: QuoteRoute): PriceChange[] {
  return [...r.priceChanges, ...(r.passThroughChanges ?? [])];
}

const patchCopy = (o: PatchOperation): PatchOperation => (o.op === 'remove' ? { op: o.op, path: o.path } : { op: o.op, path: o.path, value: o.value });
const scenariosOf = (ws: Workspace) => (ws.scenarios ?? []).map((sc) => ({ id: sc.id, name: sc.name, patch: sc.patch.map(patchCopy) }));

/** The document of a workspace, every field written out (FORMAT.md). */
export function writeDocument(ws: Workspace): WorkspaceDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: ws.name,
    baseCurrency: ws.baseCurrency,
    fx: ws.fx.map((f) => ({ currency: f.currency, rate: f.rate, asOf: f.asOf })),
    startMonth: ws.startMonth,
    horizonMonths: ws.horizonMonths,
    discountRate: ws.discountRate,
    hourlyRate: ws.hourlyRate,
    riskAdjustment: ws.riskAdjustment,
    defaults: ws.defaults,
    streams: ws.streams.map((s) => ({ ...s, seasonality: s.seasonality ? [...s.seasonality] : null, benefits: { ...s.benefits } })),
    vendors: ws.vendors.map((v) => ({
      id: v.id,
      name: v.name,
      quote: {
        ...v.quote,
        routes: v.quote.routes.map(({ passThroughChanges: _v11, ...r }) => ({
          ...r,
          tiers: r.tiers ? r.tiers.map((t) => ({ ...t })) : null,
          carrierMix: r.carrierMix ? r.carrierMix.map((x) => ({ ...x })) : null,
          priceChanges: allChanges({ ...r, passThroughChanges: _v11 }).map(copyChange),
        })),
        fees: v.quote.fees.map((f) => ({ ...f })),
      },
      internal: { ...v.internal },
      pilots: v.pilots.map((p) => ({ ...p, failed: { ...p.failed } })),
    })),
    scenarios: scenariosOf(ws),
  };
}

const decString = (x: string | number): string => (typeof x === 'number' ? String(x) : x);
const decStringOrNull = (x: string | number | null): string | null => (x === null ? null : decString(x));
const canonicalCarrier = (c: CarrierShare) => ({ carrier: c.carrier, share: decString(c.share), passThrough: decString(c.passThrough), inboundPassThrough: decString(c.inboundPassThrough) });

/**
 * The canonical document of a workspace: every field written out and every decimal as a string
 * (a JSON number becomes its shortest decimal text). It is what the workspace file gives back, so
 * document -> file -> document is this, and a canonical document survives the trip unchanged.
 */
export function canonicalDocument(ws: Workspace): WorkspaceDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: ws.name,
    baseCurrency: ws.baseCurrency,
    fx: ws.fx.map((f) => ({ currency: f.currency, rate: decString(f.rate), asOf: f.asOf })),
    startMonth: ws.startMonth,
    horizonMonths: ws.horizonMonths,
    discountRate: decString(ws.discountRate),
    hourlyRate: decString(ws.hourlyRate),
    riskAdjustment: decString(ws.riskAdjustment),
    defaults: Object.fromEntries(
      Object.entries(ws.defaults).map(([k, d]) => [k, { deliveryRate: decStringOrNull(d?.deliveryRate ?? null), engagementRate: decStringOrNull(d?.engagementRate ?? null) }]),
    ),
    streams: ws.streams.map(canonicalStream),
    vendors: ws.vendors.map(canonicalVendor),
    scenarios: scenariosOf(ws),
  };
}

type Stream = Workspace['streams'][number];
type Vendor = Workspace['vendors'][number];
const canonicalStream = (s: Stream): WorkspaceDocument['streams'][number] => ({
  id: s.id,
  name: s.name,
  channel: s.channel,
  country: s.country,
  class: s.class,
  monthlyVolume: decString(s.monthlyVolume),
  annualGrowth: decString(s.annualGrowth),
  monthlyGrowth: decString(s.monthlyGrowth),
  seasonality: s.seasonality ? s.seasonality.map(decString) : null,
  inboundPerOutbound: decString(s.inboundPerOutbound),
  segmentsPerMessage: decStringOrNull(s.segmentsPerMessage),
  template: s.template,
  monthlyActive: decStringOrNull(s.monthlyActive),
  contactGrowth: decString(s.contactGrowth),
  benefits: {
    valuePerConversion: decStringOrNull(s.benefits.valuePerConversion),
    holdout: s.benefits.holdout ? { exposed: [...s.benefits.holdout.exposed], holdout: [...s.benefits.holdout.holdout], vendor: s.benefits.holdout.vendor } : null,
    conversionRate: decStringOrNull(s.benefits.conversionRate),
    deflectedPerDelivered: decStringOrNull(s.benefits.deflectedPerDelivered),
    costPerContact: decStringOrNull(s.benefits.costPerContact),
    riskReductionPerYear: decStringOrNull(s.benefits.riskReductionPerYear),
  },
});
const canonicalVendor = (v: Vendor): WorkspaceDocument['vendors'][number] => ({
  id: v.id,
  name: v.name,
  quote: {
    currency: v.quote.currency,
    escalator: decString(v.quote.escalator),
    discount: decString(v.quote.discount),
    minimumMonthlyCommit: decString(v.quote.minimumMonthlyCommit),
    minimumAnnualCommit: decString(v.quote.minimumAnnualCommit),
    routes: v.quote.routes.map((r) => ({
      channel: r.channel,
      country: r.country,
      class: r.class,
      price: decStringOrNull(r.price),
      tiers: r.tiers ? r.tiers.map((t) => ({ from: decString(t.from), price: decString(t.price) })) : null,
      tierMode: r.tierMode,
      billedOn: r.billedOn,
      passThrough: decString(r.passThrough),
      inboundPassThrough: decString(r.inboundPassThrough),
      inboundPrice: decString(r.inboundPrice),
      passThroughMarkup: decString(r.passThroughMarkup),
      carrierMix: r.carrierMix ? r.carrierMix.map(canonicalCarrier) : null,
      freeShare: decString(r.freeShare),
      priceChanges: allChanges(r).map((c) => ({
        from: c.from,
        ...(c.price === undefined ? {} : { price: decString(c.price) }),
        ...(c.tiers === undefined ? {} : { tiers: c.tiers.map((t) => ({ from: decString(t.from), price: decString(t.price) })) }),
        ...(c.inboundPrice === undefined ? {} : { inboundPrice: decString(c.inboundPrice) }),
        ...(c.passThrough === undefined ? {} : { passThrough: decString(c.passThrough) }),
        ...(c.inboundPassThrough === undefined ? {} : { inboundPassThrough: decString(c.inboundPassThrough) }),
        ...(c.passThroughMarkup === undefined ? {} : { passThroughMarkup: decString(c.passThroughMarkup) }),
        ...(c.carrierMix === undefined ? {} : { carrierMix: c.carrierMix === null ? null : c.carrierMix.map(canonicalCarrier) }),
        ...(c.freeShare === undefined ? {} : { freeShare: decString(c.freeShare) }),
      })),
    })),
    fees: v.quote.fees.map((f) => ({
      name: f.name,
      amount: decString(f.amount),
      per: f.per,
      quantity: decString(f.quantity),
      included: decString(f.included),
      month: f.month,
      category: f.category,
      currency: f.currency,
    })),
  },
  internal: {
    setupHours: decString(v.internal.setupHours),
    monthlyHours: decString(v.internal.monthlyHours),
    monthlyOther: decString(v.internal.monthlyOther),
    remediationPerFailure: decString(v.internal.remediationPerFailure),
  },
  pilots: v.pilots.map((p) => ({ ...p, failed: { ...p.failed } })),
});

/**
 * canonicalDocument of a workspace read from `base.doc` with readDocumentFrom: the streams and
 * vendors the changes did not reach (the base's own objects) are the base document's own objects,
 * and only the others are written out. So the document of an edit shares every untouched part with
 * the one before it, and comparing the two (the undo record, the parts the file rewrites) costs
 * only what changed. `base.ws` is the reading of `base.doc`, item for item.
 */
export function canonicalDocumentFrom(base: { doc: WorkspaceDocument; ws: Workspace }, ws: Workspace): WorkspaceDocument {
  const full = canonicalDocument({ ...ws, streams: [], vendors: [] });
  const from = <W, D>(items: readonly W[], baseWs: readonly W[], baseDoc: readonly D[], write: (x: W) => D): D[] => {
    if (baseWs.length !== baseDoc.length) return items.map(write);
    const index = new Map(baseWs.map((x, i) => [x, i]));
    return items.map((x) => {
      const i = index.get(x);
      return i === undefined ? write(x) : baseDoc[i]!;
    });
  };
  return {
    ...full,
    fx: ws.fx === base.ws.fx ? base.doc.fx : full.fx,
    defaults: ws.defaults === base.ws.defaults ? base.doc.defaults : full.defaults,
    streams: from(ws.streams, base.ws.streams, base.doc.streams, canonicalStream),
    vendors: from(ws.vendors, base.ws.vendors, base.doc.vendors, canonicalVendor),
  };
}
