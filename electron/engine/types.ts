/**
 * The engine's input: a workspace as MODEL.md describes it, every optional field filled with its
 * FORMAT.md default. Money, prices, volumes and rates are decimal strings (or numbers), so no
 * precision is lost before the engine parses them; counts are integers.
 */
import type { DecimalInput } from './decimal.js';

export const CHANNELS = ['sms', 'mms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const FEE_KINDS = ['once', 'month', 'seat-month', 'contact-month'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export const FEE_CATEGORIES = ['platform', 'numbers', 'compliance', 'support', 'setup', 'other'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

export const BILLED_ON = ['sent', 'delivered', 'effective'] as const;
export type BilledOn = (typeof BILLED_ON)[number];

export const TIER_MODES = ['graduated', 'volume'] as const;
export type TierMode = (typeof TIER_MODES)[number];

export interface FxRate { currency: string; rate: DecimalInput; asOf: string | null }

export interface ChannelDefaults { deliveryRate: DecimalInput | null; engagementRate: DecimalInput | null }

export interface Holdout { exposed: [number, number]; holdout: [number, number]; vendor: string | null }

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
  seasonality: DecimalInput[] | null;
  inboundPerOutbound: DecimalInput;
  segmentsPerMessage: DecimalInput | null;
  template: string | null;
  monthlyActive: DecimalInput | null;
  contactGrowth: DecimalInput;
  benefits: StreamBenefits;
}

export interface Tier { from: DecimalInput; price: DecimalInput }

export interface PassThroughChange { from: string; passThrough?: DecimalInput | undefined; inboundPassThrough?: DecimalInput | undefined }

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
  passThroughChanges: PassThroughChange[];
}

export interface Fee {
  name: string;
  amount: DecimalInput;
  per: FeeKind;
  quantity: DecimalInput;
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
