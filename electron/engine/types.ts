/**
 * The engine's input: a workspace as MODEL.md describes it, every optional field filled with its
 * FORMAT.md default. Money, prices, volumes and rates are decimal strings (or numbers), so no
 * precision is lost before the engine parses them; counts are integers.
 */
import type { DecimalInput } from './decimal.js';

export const CHANNELS = ['sms', 'mms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A route as MODEL.md section 3 writes it: `sms/US`, `whatsapp/IN/marketing`, `chat//support`,
 * `email`. The one definition: the engine, the document reader, the importer, the sheet and the
 * screens (through electron/api/shared.ts) all write keys with it.
 */
export function routeKey(r: { channel: string; country?: string | null; class?: string | null }): string {
  if (r.class) return `${r.channel}/${r.country ?? ''}/${r.class}`;
  if (r.country) return `${r.channel}/${r.country}`;
  return r.channel;
}

export const FEE_KINDS = ['once', 'month', 'seat-month', 'contact-month', 'failed-message'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export const FEE_CATEGORIES = ['platform', 'numbers', 'compliance', 'support', 'setup', 'other'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

export const BILLED_ON = ['sent', 'delivered', 'effective'] as const;
export type BilledOn = (typeof BILLED_ON)[number];

export const TIER_MODES = ['graduated', 'volume'] as const;
export type TierMode = (typeof TIER_MODES)[number];

export interface FxRate {
  currency: string;
  rate: DecimalInput;
  asOf: string | null;
}

export interface ChannelDefaults {
  deliveryRate: DecimalInput | null;
  engagementRate: DecimalInput | null;
}

export interface Holdout {
  exposed: [number, number];
  holdout: [number, number];
  vendor: string | null;
}

export interface StreamBenefits {
  valuePerConversion: DecimalInput | null;
  holdout: Holdout | null;
  conversionRate: DecimalInput | null;
  deflectedPerDelivered: DecimalInput | null;
  costPerContact: DecimalInput | null;
  riskReductionPerYear: DecimalInput | null;
}

export interface Stream {
  id: string;
  name: string;
  channel: Channel;
  country: string | null;
  class: string | null;
  monthlyVolume: DecimalInput;
  annualGrowth: DecimalInput;
  /** v1.2: growth compounding every month instead of annualGrowth (one of the two is 0). */
  monthlyGrowth: DecimalInput;
  seasonality: DecimalInput[] | null;
  inboundPerOutbound: DecimalInput;
  segmentsPerMessage: DecimalInput | null;
  template: string | null;
  monthlyActive: DecimalInput | null;
  contactGrowth: DecimalInput;
  benefits: StreamBenefits;
}

export interface Tier {
  from: DecimalInput;
  price: DecimalInput;
}

/** v1.1's dated pass-through change: read as a price change naming only these fields. */
export interface PassThroughChange {
  from: string;
  passThrough?: DecimalInput | undefined;
  inboundPassThrough?: DecimalInput | undefined;
}

/** One carrier of a route's carrier mix (v1.2): its share of the route's units and its fees. */
export interface CarrierShare {
  carrier: string;
  share: DecimalInput;
  passThrough: DecimalInput;
  inboundPassThrough: DecimalInput;
}

/**
 * A dated change of a route (v1.2): from its calendar month on, it sets the fields it names; the
 * others keep their value. `carrierMix: null` ends a carrier mix.
 */
export interface PriceChange {
  from: string;
  price?: DecimalInput | undefined;
  tiers?: Tier[] | undefined;
  inboundPrice?: DecimalInput | undefined;
  passThrough?: DecimalInput | undefined;
  inboundPassThrough?: DecimalInput | undefined;
  passThroughMarkup?: DecimalInput | undefined;
  carrierMix?: CarrierShare[] | null | undefined;
  freeShare?: DecimalInput | undefined;
}

export const PRICE_CHANGE_FIELDS = ['price', 'tiers', 'inboundPrice', 'passThrough', 'inboundPassThrough', 'passThroughMarkup', 'carrierMix', 'freeShare'] as const;

export interface QuoteRoute {
  channel: Channel;
  country: string | null;
  class: string | null;
  price: DecimalInput | null;
  tiers: Tier[] | null;
  tierMode: TierMode;
  billedOn: BilledOn;
  passThrough: DecimalInput;
  inboundPassThrough: DecimalInput;
  inboundPrice: DecimalInput;
  /** v1.2: pass-through billed times (1 + markup). */
  passThroughMarkup: DecimalInput;
  /** v1.2: per-carrier pass-through, shares summing to 1; null: the route's own pass-through. */
  carrierMix: CarrierShare[] | null;
  /** v1.2: the share of billed outbound units charged nothing (0..1). */
  freeShare: DecimalInput;
  /** v1.2: dated changes of the route's prices. */
  priceChanges: PriceChange[];
  /** v1.1: read as part of priceChanges (the document reader merges it; the engine reads both). */
  passThroughChanges?: PassThroughChange[] | undefined;
}

export interface Fee {
  name: string;
  amount: DecimalInput;
  per: FeeKind;
  quantity: DecimalInput;
  /** v1.2: contacts a contact-month fee does not charge for (default 0). */
  included: DecimalInput;
  month: number;
  category: FeeCategory;
  currency: string | null;
}

export interface Quote {
  currency: string;
  escalator: DecimalInput;
  discount: DecimalInput;
  minimumMonthlyCommit: DecimalInput;
  minimumAnnualCommit: DecimalInput;
  routes: QuoteRoute[];
  fees: Fee[];
}

export interface Internal {
  setupHours: DecimalInput;
  monthlyHours: DecimalInput;
  monthlyOther: DecimalInput;
  remediationPerFailure: DecimalInput;
}

export interface Pilot {
  channel: Channel;
  country: string | null;
  class: string | null;
  sent: number;
  delivered: number;
  failed: Record<string, number>;
  engaged: number | null;
  converted: number | null;
  optedOut: number | null;
  complained: number | null;
}

export interface Vendor {
  id: string;
  name: string;
  quote: Quote;
  internal: Internal;
  pilots: Pilot[];
}

/** One operation of a scenario's patch (RFC 6902: add, remove, replace, test; MODEL.md v1.2 section 7). */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: unknown;
}

/** A named "what if": JSON Patch operations on the document without its scenarios. */
export interface Scenario {
  id: string;
  name: string;
  patch: PatchOperation[];
}

export interface Workspace {
  name: string;
  baseCurrency: string;
  fx: FxRate[];
  startMonth: string;
  horizonMonths: number;
  discountRate: DecimalInput;
  hourlyRate: DecimalInput;
  riskAdjustment: DecimalInput;
  defaults: Partial<Record<Channel, ChannelDefaults>>;
  streams: Stream[];
  vendors: Vendor[];
  /** v1.2; absent or [] without scenarios. */
  scenarios?: Scenario[];
}
