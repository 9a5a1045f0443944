/**
 * The document's fields and channels in the words the screens use, for what a person reads: undo
 * labels ("Change the minimum monthly commit of Vendor A's quote"), errors on screen. Programs read
 * the field names; people read these.
 */
const FIELDS: Record<string, string> = {
  name: 'name',
  id: 'id',
  startMonth: 'start month',
  horizonMonths: 'horizon',
  discountRate: 'discount rate',
  hourlyRate: 'hourly rate',
  riskAdjustment: 'risk adjustment',
  baseCurrency: 'base currency',
  channel: 'channel',
  country: 'country',
  class: 'class',
  monthlyVolume: 'messages a month',
  annualGrowth: 'annual growth',
  inboundPerOutbound: 'inbound messages per outbound',
  segmentsPerMessage: 'segments per message',
  template: 'template',
  seasonality: 'seasonality',
  benefits: 'benefits',
  currency: 'currency',
  escalator: 'yearly escalator',
  discount: 'discount',
  minimumMonthlyCommit: 'minimum monthly commit',
  minimumAnnualCommit: 'minimum annual commit',
  routes: 'routes',
  price: 'price',
  tiers: 'tiers',
  tierMode: 'tier mode',
  from: 'from',
  billedOn: 'billing basis',
  passThrough: 'pass-through',
  inboundPrice: 'inbound price',
  inboundPassThrough: 'inbound pass-through',
  passThroughChanges: 'dated pass-through changes',
  fees: 'fees',
  amount: 'amount',
  per: 'period',
  month: 'month',
  quantity: 'seats',
  category: 'category',
  setupHours: 'setup hours',
  monthlyHours: 'hours a month',
  monthlyOther: 'other costs a month',
  remediationPerFailure: 'cost per failed message',
  sent: 'messages sent',
  delivered: 'messages delivered',
  failed: 'messages failed',
  engaged: 'messages engaged',
  converted: 'conversions',
  deliveryRate: 'delivery rate',
  engagementRate: 'engagement rate',
  rate: 'exchange rate',
  asOf: 'date taken',
};

/** A field as words: "minimumMonthlyCommit" is "minimum monthly commit"; an unknown one is split at its capitals. */
export const fieldWords = (field: string): string => FIELDS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Several fields: "the price and the pass-through". */
export const fieldsWords = (fields: readonly string[]): string => {
  const w = fields.map((f) => `the ${fieldWords(f)}`);
  return w.length <= 1 ? (w[0] ?? 'nothing') : `${w.slice(0, -1).join(', ')} and ${w.at(-1)}`;
};

const CHANNELS: Record<string, string> = { sms: 'SMS', mms: 'MMS', whatsapp: 'WhatsApp', rcs: 'RCS', email: 'email', push: 'push', chat: 'chat', voice: 'voice' };
export const channelWords = (c: string): string => CHANNELS[c] ?? c;
