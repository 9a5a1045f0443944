/**
 * The document in the workspace file's tables, both ways. The only SQL of the project lives in
 * electron/store; every statement is prepared with parameters. Decimals are written as the strings
 * the document holds (a JSON number is written as its shortest decimal text), so what comes back
 * is the document with every decimal as a string: FORMAT.md's canonical form.
 */
import type { WorkspaceDocument } from '../api/document.js';
import type { Db } from './connection.js';

type Dec = string | number;
type Row = Record<string, unknown>;

type RouteDoc = WorkspaceDocument['vendors'][number]['quote']['routes'][number];
type PriceChangeDoc = NonNullable<RouteDoc['priceChanges']>[number];
type CarrierDoc = NonNullable<RouteDoc['carrierMix']>[number];

/** A tier and a carrier as stored in JSON columns: every decimal a string, every field written. */
const tierText = (t: { from: Dec; price: Dec }) => ({ from: decText(t.from), price: decText(t.price) });
const carrierText = (c: CarrierDoc) => ({ carrier: c.carrier, share: decText(c.share), passThrough: decText(c.passThrough ?? 0), inboundPassThrough: decText(c.inboundPassThrough ?? 0) });

/** A decimal as the text stored for it. */
export const decText = (x: Dec): string => (typeof x === 'number' ? String(x) : x);
const decOrNull = (x: Dec | null | undefined): string | null => (x === null || x === undefined ? null : decText(x));
const str = (x: unknown): string => x as string;
const strOrNull = (x: unknown): string | null => (x === null || x === undefined ? null : (x as string));
const intOrNull = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

const TABLES_CHILD_FIRST = [
  'scenario_operations',
  'scenarios',
  'pilot_failures',
  'pilots',
  'fees',
  'price_changes',
  'tiers',
  'routes',
  'vendors',
  'streams',
  'channel_defaults',
  'fx_rates',
  'workspace',
];

/** Replace the whole content of the file's tables with the document (inside the caller's transaction). */
export function writeDocumentRows(db: Db, doc: WorkspaceDocument): void {
  for (const t of TABLES_CHILD_FIRST) db.prepare(`DELETE FROM ${t}`).run();
  db.prepare(
    `INSERT INTO workspace (id, name, base_currency, start_month, horizon_months, discount_rate, hourly_rate, risk_adjustment)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(doc.name ?? '', doc.baseCurrency, doc.startMonth, doc.horizonMonths ?? 36, decText(doc.discountRate ?? 0), decText(doc.hourlyRate ?? 0), decText(doc.riskAdjustment ?? 0));
  const fx = db.prepare('INSERT INTO fx_rates (position, currency, rate, as_of) VALUES (?, ?, ?, ?)');
  (doc.fx ?? []).forEach((f, i) => fx.run(i, f.currency, decText(f.rate), f.asOf ?? null));
  const defaults = db.prepare('INSERT INTO channel_defaults (position, channel, delivery_rate, engagement_rate) VALUES (?, ?, ?, ?)');
  Object.entries(doc.defaults ?? {}).forEach(([channel, d], i) => defaults.run(i, channel, decOrNull(d?.deliveryRate), decOrNull(d?.engagementRate)));

  const stream = db.prepare(
    `INSERT INTO streams (position, id, name, channel, country, class, monthly_volume, annual_growth, seasonality, inbound_per_outbound,
       segments_per_message, template, monthly_active, contact_growth, value_per_conversion, holdout_exposed_converted, holdout_exposed_size,
       holdout_converted, holdout_size, holdout_vendor, conversion_rate, deflected_per_delivered, cost_per_contact, risk_reduction_per_year, monthly_growth)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  doc.streams.forEach((s, i) => {
    const b = s.benefits ?? {};
    const h = b.holdout ?? null;
    stream.run(
      i,
      s.id,
      s.name ?? s.id,
      s.channel,
      s.country ?? null,
      s.class ?? null,
      decText(s.monthlyVolume),
      decText(s.annualGrowth ?? 0),
      s.seasonality ? JSON.stringify(s.seasonality.map(decText)) : null,
      decText(s.inboundPerOutbound ?? 0),
      decOrNull(s.segmentsPerMessage),
      s.template ?? null,
      decOrNull(s.monthlyActive),
      decText(s.contactGrowth ?? 0),
      decOrNull(b.valuePerConversion),
      h ? h.exposed[0] : null,
      h ? h.exposed[1] : null,
      h ? h.holdout[0] : null,
      h ? h.holdout[1] : null,
      h ? (h.vendor ?? null) : null,
      decOrNull(b.conversionRate),
      decOrNull(b.deflectedPerDelivered),
      decOrNull(b.costPerContact),
      decOrNull(b.riskReductionPerYear),
      decText(s.monthlyGrowth ?? 0),
    );
  });

  const vendor = db.prepare(
    `INSERT INTO vendors (position, id, name, currency, escalator, discount, minimum_monthly_commit, minimum_annual_commit,
       setup_hours, monthly_hours, monthly_other, remediation_per_failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const route = db.prepare(
    `INSERT INTO routes (vendor_id, position, channel, country, class, price, has_tiers, tier_mode, billed_on, pass_through, inbound_pass_through, inbound_price,
       pass_through_markup, carrier_mix, free_share)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const tier = db.prepare('INSERT INTO tiers (vendor_id, route_position, position, from_units, price) VALUES (?, ?, ?, ?, ?)');
  const change = db.prepare(
    `INSERT INTO price_changes (vendor_id, route_position, position, from_month, price, tiers, inbound_price, pass_through, inbound_pass_through,
       pass_through_markup, carrier_mix, free_share) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fee = db.prepare('INSERT INTO fees (vendor_id, position, name, amount, per, quantity, month, category, currency, included) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const pilot = db.prepare('INSERT INTO pilots (vendor_id, position, channel, country, class, sent, delivered, engaged, converted, opted_out, complained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const failure = db.prepare('INSERT INTO pilot_failures (vendor_id, pilot_position, position, reason, count) VALUES (?, ?, ?, ?, ?)');
  doc.vendors.forEach((v, i) => {
    const q = v.quote;
    const n = v.internal ?? {};
    vendor.run(
      i,
      v.id,
      v.name ?? v.id,
      q.currency,
      decText(q.escalator ?? 0),
      decText(q.discount ?? 0),
      decText(q.minimumMonthlyCommit ?? 0),
      decText(q.minimumAnnualCommit ?? 0),
      decText(n.setupHours ?? 0),
      decText(n.monthlyHours ?? 0),
      decText(n.monthlyOther ?? 0),
      decText(n.remediationPerFailure ?? 0),
    );
    q.routes.forEach((r, j) => {
      route.run(
        v.id,
        j,
        r.channel,
        r.country ?? null,
        r.class ?? null,
        decOrNull(r.price),
        r.tiers ? 1 : 0,
        r.tierMode ?? 'graduated',
        r.billedOn ?? 'sent',
        decText(r.passThrough ?? 0),
        decText(r.inboundPassThrough ?? 0),
        decText(r.inboundPrice ?? 0),
        decText(r.passThroughMarkup ?? 0),
        r.carrierMix ? JSON.stringify(r.carrierMix.map(carrierText)) : null,
        decText(r.freeShare ?? 0),
      );
      (r.tiers ?? []).forEach((t, k) => tier.run(v.id, j, k, decText(t.from), decText(t.price)));
      // v1.1's passThroughChanges (a document not yet read) are price changes, after the route's own.
      [...(r.priceChanges ?? []), ...(r.passThroughChanges ?? [])].forEach((c: PriceChangeDoc, k) =>
        change.run(
          v.id,
          j,
          k,
          c.from,
          decOrNull(c.price),
          c.tiers === undefined ? null : JSON.stringify(c.tiers.map(tierText)),
          decOrNull(c.inboundPrice),
          decOrNull(c.passThrough),
          decOrNull(c.inboundPassThrough),
          decOrNull(c.passThroughMarkup),
          c.carrierMix === undefined ? null : JSON.stringify(c.carrierMix === null ? null : c.carrierMix.map(carrierText)),
          decOrNull(c.freeShare),
        ),
      );
    });
    (q.fees ?? []).forEach((f, j) => fee.run(v.id, j, f.name, decText(f.amount), f.per, decText(f.quantity ?? 1), f.month ?? 1, f.category, f.currency ?? null, decText(f.included ?? 0)));
    (v.pilots ?? []).forEach((p, j) => {
      pilot.run(v.id, j, p.channel, p.country ?? null, p.class ?? null, p.sent, p.delivered, p.engaged ?? null, p.converted ?? null, p.optedOut ?? null, p.complained ?? null);
      Object.entries(p.failed ?? {}).forEach(([reason, count], k) => failure.run(v.id, j, k, reason, count));
    });
  });
  writeScenarioRows(db, doc);
}

/** The scenarios (migration 4): one row each, one row per patch operation, values as JSON text. */
function writeScenarioRows(db: Db, doc: WorkspaceDocument): void {
  const scenario = db.prepare('INSERT INTO scenarios (position, id, name) VALUES (?, ?, ?)');
  const operation = db.prepare('INSERT INTO scenario_operations (scenario_id, position, op, path, value) VALUES (?, ?, ?, ?, ?)');
  (doc.scenarios ?? []).forEach((sc, i) => {
    scenario.run(i, sc.id, sc.name ?? sc.id);
    sc.patch.forEach((o, j) => operation.run(sc.id, j, o.op, o.path, o.op === 'remove' ? null : JSON.stringify(o.value ?? null)));
  });
}

function readScenarioRows(db: Db): NonNullable<WorkspaceDocument['scenarios']> {
  const ops = group(db.prepare('SELECT * FROM scenario_operations ORDER BY scenario_id, position').all() as Row[], (r) => str(r.scenario_id));
  return (db.prepare('SELECT * FROM scenarios ORDER BY position').all() as Row[]).map((sc) => ({
    id: str(sc.id),
    name: str(sc.name),
    patch: (ops.get(str(sc.id)) ?? []).map((o) => (o.value === null ? { op: str(o.op), path: str(o.path) } : { op: str(o.op), path: str(o.path), value: JSON.parse(str(o.value)) as unknown })),
  }));
}

function group<T extends Row>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The document held in the file's tables (every field written out, decimals as strings). */
export function readDocumentRows(db: Db): WorkspaceDocument {
  const w = db.prepare('SELECT * FROM workspace WHERE id = 1').get() as Row | undefined;
  if (!w) throw new Error('the workspace row is missing');
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  const fx = all('SELECT * FROM fx_rates ORDER BY position');
  const defaults = all('SELECT * FROM channel_defaults ORDER BY position');
  const streams = all('SELECT * FROM streams ORDER BY position');
  const vendors = all('SELECT * FROM vendors ORDER BY position');
  const routes = group(all('SELECT * FROM routes ORDER BY vendor_id, position'), (r) => str(r.vendor_id));
  const tiers = group(all('SELECT * FROM tiers ORDER BY vendor_id, route_position, position'), (r) => `${str(r.vendor_id)}\u0000${Number(r.route_position)}`);
  const changes = group(all('SELECT * FROM price_changes ORDER BY vendor_id, route_position, position'), (r) => `${str(r.vendor_id)}\u0000${Number(r.route_position)}`);
  const fees = group(all('SELECT * FROM fees ORDER BY vendor_id, position'), (r) => str(r.vendor_id));
  const pilots = group(all('SELECT * FROM pilots ORDER BY vendor_id, position'), (r) => str(r.vendor_id));
  const failures = group(all('SELECT * FROM pilot_failures ORDER BY vendor_id, pilot_position, position'), (r) => `${str(r.vendor_id)}\u0000${Number(r.pilot_position)}`);

  return {
    format: 'tco-workspace',
    version: 1,
    name: str(w.name),
    baseCurrency: str(w.base_currency),
    fx: fx.map((f) => ({ currency: str(f.currency), rate: str(f.rate), asOf: strOrNull(f.as_of) })),
    startMonth: str(w.start_month),
    horizonMonths: Number(w.horizon_months),
    discountRate: str(w.discount_rate),
    hourlyRate: str(w.hourly_rate),
    riskAdjustment: str(w.risk_adjustment),
    defaults: Object.fromEntries(defaults.map((d) => [str(d.channel), { deliveryRate: strOrNull(d.delivery_rate), engagementRate: strOrNull(d.engagement_rate) }])),
    streams: streams.map((s) => ({
      id: str(s.id),
      name: str(s.name),
      channel: str(s.channel) as never,
      country: strOrNull(s.country),
      class: strOrNull(s.class),
      monthlyVolume: str(s.monthly_volume),
      annualGrowth: str(s.annual_growth),
      monthlyGrowth: str(s.monthly_growth),
      seasonality: s.seasonality === null ? null : (JSON.parse(str(s.seasonality)) as string[]),
      inboundPerOutbound: str(s.inbound_per_outbound),
      segmentsPerMessage: strOrNull(s.segments_per_message),
      template: strOrNull(s.template),
      monthlyActive: strOrNull(s.monthly_active),
      contactGrowth: str(s.contact_growth),
      benefits: {
        valuePerConversion: strOrNull(s.value_per_conversion),
        holdout:
          s.holdout_size === null
            ? null
            : {
                exposed: [Number(s.holdout_exposed_converted), Number(s.holdout_exposed_size)],
                holdout: [Number(s.holdout_converted), Number(s.holdout_size)],
                vendor: strOrNull(s.holdout_vendor),
              },
        conversionRate: strOrNull(s.conversion_rate),
        deflectedPerDelivered: strOrNull(s.deflected_per_delivered),
        costPerContact: strOrNull(s.cost_per_contact),
        riskReductionPerYear: strOrNull(s.risk_reduction_per_year),
      },
    })),
    vendors: vendors.map((v) => {
      const id = str(v.id);
      return {
        id,
        name: str(v.name),
        quote: {
          currency: str(v.currency),
          escalator: str(v.escalator),
          discount: str(v.discount),
          minimumMonthlyCommit: str(v.minimum_monthly_commit),
          minimumAnnualCommit: str(v.minimum_annual_commit),
          routes: (routes.get(id) ?? []).map((r) => {
            const key = `${id}\u0000${Number(r.position)}`;
            return {
              channel: str(r.channel) as never,
              country: strOrNull(r.country),
              class: strOrNull(r.class),
              price: strOrNull(r.price),
              tiers: Number(r.has_tiers) === 1 ? (tiers.get(key) ?? []).map((t) => ({ from: str(t.from_units), price: str(t.price) })) : null,
              tierMode: str(r.tier_mode) as never,
              billedOn: str(r.billed_on) as never,
              passThrough: str(r.pass_through),
              inboundPassThrough: str(r.inbound_pass_through),
              inboundPrice: str(r.inbound_price),
              passThroughMarkup: str(r.pass_through_markup),
              carrierMix: r.carrier_mix === null ? null : (JSON.parse(str(r.carrier_mix)) as CarrierDoc[]),
              freeShare: str(r.free_share),
              priceChanges: (changes.get(key) ?? []).map((c) => ({
                from: str(c.from_month),
                ...(c.price === null ? {} : { price: str(c.price) }),
                ...(c.tiers === null ? {} : { tiers: JSON.parse(str(c.tiers)) as { from: string; price: string }[] }),
                ...(c.inbound_price === null ? {} : { inboundPrice: str(c.inbound_price) }),
                ...(c.pass_through === null ? {} : { passThrough: str(c.pass_through) }),
                ...(c.inbound_pass_through === null ? {} : { inboundPassThrough: str(c.inbound_pass_through) }),
                ...(c.pass_through_markup === null ? {} : { passThroughMarkup: str(c.pass_through_markup) }),
                ...(c.carrier_mix === null ? {} : { carrierMix: JSON.parse(str(c.carrier_mix)) as CarrierDoc[] | null }),
                ...(c.free_share === null ? {} : { freeShare: str(c.free_share) }),
              })),
            };
          }),
          fees: (fees.get(id) ?? []).map((f) => ({
            name: str(f.name),
            amount: str(f.amount),
            per: str(f.per) as never,
            quantity: str(f.quantity),
            month: Number(f.month),
            category: str(f.category) as never,
            currency: strOrNull(f.currency),
            included: str(f.included),
          })),
        },
        internal: {
          setupHours: str(v.setup_hours),
          monthlyHours: str(v.monthly_hours),
          monthlyOther: str(v.monthly_other),
          remediationPerFailure: str(v.remediation_per_failure),
        },
        pilots: (pilots.get(id) ?? []).map((p) => ({
          channel: str(p.channel) as never,
          country: strOrNull(p.country),
          class: strOrNull(p.class),
          sent: Number(p.sent),
          delivered: Number(p.delivered),
          failed: Object.fromEntries((failures.get(`${id}\u0000${Number(p.position)}`) ?? []).map((f) => [str(f.reason), Number(f.count)])),
          engaged: intOrNull(p.engaged),
          converted: intOrNull(p.converted),
          optedOut: intOrNull(p.opted_out),
          complained: intOrNull(p.complained),
        })),
      };
    }),
    scenarios: readScenarioRows(db),
  };
}
