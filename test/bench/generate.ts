/**
 * A deterministic benchmark workspace: V vendors × S streams × H months, shaped like a large RFP
 * (SMS to many countries with segments and inbound, WhatsApp template classes billed on delivered,
 * email and push; tiers graduated and volume, commits, every fee kind, pilots on some routes).
 */
import type { WorkspaceDocument } from '../../electron/api/document.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'BR', 'MX', 'IN', 'ID', 'KE', 'NG', 'ZA', 'AU'];
const WA_CLASSES = ['marketing', 'utility', 'authentication'];

type BenchChannel = 'sms' | 'whatsapp' | 'email' | 'push' | 'rcs';
export interface BenchRoute {
  channel: BenchChannel;
  country: string | null;
  class: string | null;
}

/** ISO countries for a global RFP: SMS to 72 of them, WhatsApp's three classes in the first 20, RCS in 16. */
const GLOBAL_COUNTRIES = (
  'US CA MX BR AR CL CO PE EC VE GB IE FR DE ES PT IT NL BE LU CH AT DK SE NO FI PL CZ SK HU RO BG GR HR SI RS UA TR IL AE SA QA KW EG MA ' +
  'NG KE ZA GH TZ UG IN PK BD LK NP ID MY SG TH VN PH JP KR TW HK CN AU NZ KZ UZ'
).split(' ');

/** Stream i of the global RFP workspace: 150 distinct routes (72 SMS countries, 20 x 3 WhatsApp classes, 16 RCS countries, email, push). */
export function globalRoute(i: number): BenchRoute {
  if (i < 72) return { channel: 'sms', country: GLOBAL_COUNTRIES[i]!, class: null };
  if (i < 132) return { channel: 'whatsapp', country: GLOBAL_COUNTRIES[Math.floor((i - 72) / 3)]!, class: WA_CLASSES[(i - 72) % 3]! };
  if (i < 148) return { channel: 'rcs', country: GLOBAL_COUNTRIES[i - 132]!, class: null };
  return { channel: i === 148 ? 'email' : 'push', country: null, class: null };
}

/**
 * `routeOf` places stream i on a route of its own choosing (the global RFP: globalRoute); without
 * it streams cycle through SMS, WhatsApp, email and push in 16 countries.
 */
export function benchWorkspace(vendors = 10, streams = 30, months = 60, seed = 7, routeOf?: (i: number) => BenchRoute): WorkspaceDocument {
  const rnd = lcg(seed);
  const dec = (x: number, d: number) => x.toFixed(d);
  const streamDocs: WorkspaceDocument['streams'] = [];
  const routes: BenchRoute[] = [];
  for (let i = 0; i < streams; i++) {
    const kind = i % 6;
    let channel: BenchChannel;
    let country: string | null = null;
    let klass: string | null = null;
    if (routeOf) ({ channel, country, class: klass } = routeOf(i));
    else if (kind <= 2) {
      channel = 'sms';
      country = COUNTRIES[i % COUNTRIES.length]!;
    } else if (kind <= 4) {
      channel = 'whatsapp';
      country = COUNTRIES[(i * 3) % COUNTRIES.length]!;
      klass = WA_CLASSES[i % 3]!;
    } else {
      channel = i % 12 === 5 ? 'email' : 'push';
    }
    if (!routes.some((r) => r.channel === channel && r.country === country && r.class === klass)) routes.push({ channel, country, class: klass });
    streamDocs.push({
      id: `s${i}`,
      name: `Stream ${i}`,
      channel,
      country,
      class: klass,
      monthlyVolume: Math.round(20_000 + rnd() * 400_000),
      annualGrowth: dec(rnd() * 0.3 - 0.05, 2),
      seasonality: i % 2 === 0 ? Array.from({ length: 12 }, () => dec(0.8 + rnd() * 0.5, 2)) : null,
      inboundPerOutbound: channel === 'sms' ? dec(rnd() * 0.05, 3) : channel === 'whatsapp' ? dec(rnd() * 0.2, 3) : 0,
      segmentsPerMessage: channel === 'sms' ? dec(1 + Math.floor(rnd() * 3) * 0.5, 1) : null,
      template: null,
      monthlyActive: channel === 'email' || channel === 'push' ? Math.round(50_000 + rnd() * 200_000) : null,
      contactGrowth: '0.05',
      benefits:
        i % 5 === 0
          ? { valuePerConversion: '12.50', holdout: { exposed: [400 + i, 9000], holdout: [30, 1000], vendor: null } }
          : i % 5 === 1
            ? { deflectedPerDelivered: 0.02, costPerContact: '3.50' }
            : {},
    });
  }
  const vendorDocs: WorkspaceDocument['vendors'] = [];
  for (let v = 0; v < vendors; v++) {
    const quoteRoutes = routes.map((r) => {
      const base = r.channel === 'sms' || r.channel === 'rcs' ? 0.004 + rnd() * 0.05 : r.channel === 'whatsapp' ? 0.003 + rnd() * 0.05 : 0.0001 + rnd() * 0.0008;
      const tiered = rnd() < 0.6;
      return {
        channel: r.channel,
        country: r.country,
        class: r.class,
        price: tiered ? null : dec(base, 5),
        tiers: tiered
          ? [
              { from: 0, price: dec(base, 5) },
              { from: 100_000 + Math.round(rnd() * 200_000), price: dec(base * 0.9, 5) },
              { from: 1_000_000 + Math.round(rnd() * 1_000_000), price: dec(base * 0.8, 5) },
            ]
          : null,
        tierMode: rnd() < 0.7 ? ('graduated' as const) : ('volume' as const),
        billedOn: r.channel === 'whatsapp' ? ('delivered' as const) : ('sent' as const),
        passThrough: r.channel === 'sms' ? dec(rnd() * 0.005, 4) : 0,
        inboundPassThrough: r.channel === 'sms' ? dec(rnd() * 0.003, 4) : 0,
        inboundPrice: r.channel === 'email' || r.channel === 'push' ? 0 : dec(base * 0.8, 5),
        passThroughChanges: r.channel === 'sms' && rnd() < 0.3 ? [{ from: '2028-04', passThrough: dec(rnd() * 0.006, 4) }] : [],
      };
    });
    const piloted = routes.filter(() => rnd() < 0.25);
    vendorDocs.push({
      id: `V${v}`,
      name: `Vendor ${v}`,
      quote: {
        currency: v % 3 === 1 ? 'EUR' : 'USD',
        escalator: dec(rnd() * 0.05, 3),
        discount: dec(rnd() * 0.1, 2),
        minimumMonthlyCommit: v % 4 === 0 ? dec(20_000 + rnd() * 40_000, 0) : 0,
        minimumAnnualCommit: v % 4 === 1 ? dec(300_000 + rnd() * 600_000, 0) : 0,
        routes: quoteRoutes,
        fees: [
          { name: 'Platform', amount: dec(200 + rnd() * 2000, 0), per: 'month', category: 'platform' },
          { name: 'Numbers', amount: '1.15', per: 'seat-month', quantity: 40, category: 'numbers' },
          { name: 'Per contact', amount: '0.001', per: 'contact-month', category: 'platform' },
          { name: 'Onboarding', amount: dec(1000 + rnd() * 9000, 0), per: 'once', month: 1, category: 'setup' },
        ],
      },
      internal: { setupHours: Math.round(100 + rnd() * 300), monthlyHours: Math.round(rnd() * 20), monthlyOther: '150', remediationPerFailure: '0.08' },
      pilots: piloted.map((r) => {
        const sent = 5000 + Math.round(rnd() * 20000);
        const delivered = Math.round(sent * (0.9 + rnd() * 0.09));
        return { channel: r.channel, country: r.country, class: r.class, sent, delivered, failed: {}, engaged: Math.round(delivered * (0.02 + rnd() * 0.1)) };
      }),
    });
  }
  return {
    format: 'tco-workspace',
    version: 1,
    name: `Bench ${vendors}x${streams}x${months}`,
    baseCurrency: 'USD',
    fx: [{ currency: 'EUR', rate: '1.08', asOf: '2026-11-02' }],
    startMonth: '2027-01',
    horizonMonths: months,
    discountRate: 0.1,
    hourlyRate: '95',
    riskAdjustment: 0.1,
    defaults: {
      sms: { deliveryRate: 0.95, engagementRate: 0.04 },
      rcs: { deliveryRate: 0.93, engagementRate: 0.08 },
      whatsapp: { deliveryRate: 0.97, engagementRate: 0.12 },
      email: { deliveryRate: 0.98, engagementRate: 0.03 },
      push: { deliveryRate: 0.9, engagementRate: 0.05 },
    },
    streams: streamDocs,
    vendors: vendorDocs,
  };
}
