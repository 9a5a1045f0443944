/**
 * The document in the workspace file's tables, both ways. The only SQL of the project lives in
 * electron/store; every statement is prepared with parameters. Decimals are written as the strings
 * the document holds (a JSON number is written as its shortest decimal text), so what comes back
 * is the document with every decimal as a string: FORMAT.md's canonical form.
 */
import type { WorkspaceDocument } from '../api/document.js';
import type { Db } from './connection.js';
import { prepared } from './statements.js';

type Dec = string | number;
type Row = Record<string, unknown>;

type RouteDoc = WorkspaceDocument['vendors'][number]['quote']['routes'][number];
type FeeDoc = NonNullable<WorkspaceDocument['vendors'][number]['quote']['fees']>[number];
type PilotDoc = NonNullable<WorkspaceDocument['vendors'][number]['pilots']>[number];
/** A text column holding one of a closed set of values (a channel, a fee's kind): the document read is checked against FORMAT.md when a file is opened, so a value outside the set is refused there. */
const oneOf = <T extends string>(x: unknown): T => x as T;
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

/**
 * The parts of the document the tables hold, each written and read on its own: an edit rewrites
 * only the parts it changed (a price typed in one vendor's route rewrites that vendor's rows, not
 * the 12 × 150 routes of a global RFP). `vendors`: every vendor, or the positions of those changed.
 */
export interface DocumentParts {
  settings: boolean;
  fx: boolean;
  defaults: boolean;
  streams: boolean;
  scenarios: boolean;
  vendors: 'all' | readonly number[];
}

export const ALL_PARTS: DocumentParts = { settings: true, fx: true, defaults: true, streams: true, scenarios: true, vendors: 'all' };

const SETTINGS_KEYS = new Set(['format', 'version', 'name', 'baseCurrency', 'startMonth', 'horizonMonths', 'discountRate', 'hourlyRate', 'riskAdjustment']);

/**
 * The parts that differ between two documents, from the changed places (history.ts diff paths).
 * A vendor whose id changed, or a vendor list whose length changed, rewrites every vendor (the
 * child rows go by vendor id); a key this function does not know rewrites everything.
 */
export function changedParts(before: WorkspaceDocument, after: WorkspaceDocument, paths: readonly (readonly (string | number)[])[]): DocumentParts {
  const parts = { settings: false, fx: false, defaults: false, streams: false, scenarios: false };
  let vendors: 'all' | Set<number> = new Set<number>();
  for (const p of paths) {
    const [key, index] = p;
    if (key === 'fx' || key === 'defaults' || key === 'streams' || key === 'scenarios') parts[key] = true;
    else if (typeof key === 'string' && SETTINGS_KEYS.has(key)) parts.settings = true;
    else if (key === 'vendors') {
      if (vendors === 'all') continue;
      if (typeof index !== 'number' || before.vendors.length !== after.vendors.length || before.vendors[index]?.id !== after.vendors[index]?.id) vendors = 'all';
      else vendors.add(index);
    } else return ALL_PARTS;
  }
  return { ...parts, vendors: vendors === 'all' ? 'all' : [...vendors].sort((a, b) => a - b) };
}

const VENDOR_TABLES_CHILD_FIRST = ['pilot_failures', 'pilots', 'fees', 'price_changes', 'tiers', 'routes', 'vendors'];

/** Replace the content of the file's tables with the document, all of it or the parts named (inside the caller's transaction). */
export function writeDocumentRows(db: Db, doc: WorkspaceDocument, parts: DocumentParts = ALL_PARTS): void {
  if (parts.scenarios) {
    prepared(db, 'DELETE FROM scenario_operations').run();
    prepared(db, 'DELETE FROM scenarios').run();
  }
  if (parts.vendors === 'all') {
    // The child rows go with their vendor (ON DELETE CASCADE); deleted child-first all the same.
    for (const t of VENDOR_TABLES_CHILD_FIRST) prepared(db, `DELETE FROM ${t}`).run();
  }
  if (parts.settings) {
    prepared(db, 'DELETE FROM workspace').run();
    prepared(
      db,
      `INSERT INTO workspace (id, name, base_currency, start_month, horizon_months, discount_rate, hourly_rate, risk_adjustment)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(doc.name ?? '', doc.baseCurrency, doc.startMonth, doc.horizonMonths ?? 36, decText(doc.discountRate ?? 0), decText(doc.hourlyRate ?? 0), decText(doc.riskAdjustment ?? 0));
  }
  if (parts.fx) {
    prepared(db, 'DELETE FROM fx_rates').run();
    const fx = prepared(db, 'INSERT INTO fx_rates (position, currency, rate, as_of) VALUES (?, ?, ?, ?)');
    (doc.fx ?? []).forEach((f, i) => fx.run(i, f.currency, decText(f.rate), f.asOf ?? null));
  }
  if (parts.defaults) {
    prepared(db, 'DELETE FROM channel_defaults').run();
    const defaults = prepared(db, 'INSERT INTO channel_defaults (position, channel, delivery_rate, engagement_rate) VALUES (?, ?, ?, ?)');
    Object.entries(doc.defaults ?? {}).forEach(([channel, d], i) => defaults.run(i, channel, decOrNull(d?.deliveryRate), decOrNull(d?.engagementRate)));
  }
  if (parts.streams) writeStreamRows(db, doc);
  // Prepared once for all the vendors written, and only when one is.
  let st: ReturnType<typeof vendorStatements> | null = null;
  const statements = () => (st ??= vendorStatements(db));
  if (parts.vendors === 'all') doc.vendors.forEach((v, i) => writeVendorRows(statements(), v, i));
  else
    for (const i of parts.vendors) {
      // One vendor: its row and, by the cascade, its routes, tiers, price changes, fees and pilots.
      prepared(db, 'DELETE FROM vendors WHERE position = ?').run(i);
      writeVendorRows(statements(), doc.vendors[i]!, i);
    }
  if (parts.scenarios) writeScenarioRows(db, doc);
}

function writeStreamRows(db: Db, doc: WorkspaceDocument): void {
  prepared(db, 'DELETE FROM streams').run();
  const stream = prepared(
    db,
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
}

/** The statements that write a vendor's rows, prepared once per write of the document. */
function vendorStatements(db: Db) {
  const vendor = prepared(
    db,
    `INSERT INTO vendors (position, id, name, currency, escalator, discount, minimum_monthly_commit, minimum_annual_commit,
       setup_hours, monthly_hours, monthly_other, remediation_per_failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const route = prepared(
    db,
    `INSERT INTO routes (vendor_id, position, channel, country, class, price, has_tiers, tier_mode, billed_on, pass_through, inbound_pass_through, inbound_price,
       pass_through_markup, carrier_mix, free_share)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const tier = prepared(db, 'INSERT INTO tiers (vendor_id, route_position, position, from_units, price) VALUES (?, ?, ?, ?, ?)');
  const change = prepared(
    db,
    `INSERT INTO price_changes (vendor_id, route_position, position, from_month, price, tiers, inbound_price, pass_through, inbound_pass_through,
       pass_through_markup, carrier_mix, free_share) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fee = prepared(db, 'INSERT INTO fees (vendor_id, position, name, amount, per, quantity, month, category, currency, included) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const pilot = prepared(db, 'INSERT INTO pilots (vendor_id, position, channel, country, class, sent, delivered, engaged, converted, opted_out, complained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const failure = prepared(db, 'INSERT INTO pilot_failures (vendor_id, pilot_position, position, reason, count) VALUES (?, ?, ?, ?, ?)');
  return { vendor, route, tier, change, fee, pilot, failure };
}

function writeVendorRows(st: ReturnType<typeof vendorStatements>, v: WorkspaceDocument['vendors'][number], i: number): void {
  const { vendor, route, tier, change, fee, pilot, failure } = st;
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
}

/** The scenarios (migration 4): one row each, one row per patch operation, values as JSON text. */
function writeScenarioRows(db: Db, doc: WorkspaceDocument): void {
  const scenario = prepared(db, 'INSERT INTO scenarios (position, id, name) VALUES (?, ?, ?)');
  const operation = prepared(db, 'INSERT INTO scenario_operations (scenario_id, position, op, path, value) VALUES (?, ?, ?, ?, ?)');
  (doc.scenarios ?? []).forEach((sc, i) => {
    scenario.run(i, sc.id, sc.name ?? sc.id);
    sc.patch.forEach((o, j) => operation.run(sc.id, j, o.op, o.path, o.op === 'remove' ? null : JSON.stringify(o.value ?? null)));
  });
}

function readScenarioRows(db: Db): NonNullable<WorkspaceDocument['scenarios']> {
  const ops = group(prepared(db, 'SELECT * FROM scenario_operations ORDER BY scenario_id, position').all() as Row[], (r) => str(r.scenario_id));
  return (prepared(db, 'SELECT * FROM scenarios ORDER BY position').all() as Row[]).map((sc) => ({
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

/** The document held in the file's tables (every field written out, decimals as strings): all of it, or the parts named with the rest taken from `prev`. */
export function readDocumentRows(db: Db, parts: DocumentParts = ALL_PARTS, prev?: WorkspaceDocument): WorkspaceDocument {
  const all = (sql: string, ...params: unknown[]) => prepared(db, sql).all(...params) as Row[];
  const read = (part: boolean) => part || prev === undefined;
  let settings: Pick<WorkspaceDocument, 'name' | 'baseCurrency' | 'startMonth' | 'horizonMonths' | 'discountRate' | 'hourlyRate' | 'riskAdjustment'>;
  if (read(parts.settings)) {
    const w = prepared(db, 'SELECT * FROM workspace WHERE id = 1').get() as Row | undefined;
    if (!w) throw new Error('the workspace row is missing');
    settings = {
      name: str(w.name),
      baseCurrency: str(w.base_currency),
      startMonth: str(w.start_month),
      horizonMonths: Number(w.horizon_months),
      discountRate: str(w.discount_rate),
      hourlyRate: str(w.hourly_rate),
      riskAdjustment: str(w.risk_adjustment),
    };
  } else {
    const { name, baseCurrency, startMonth, horizonMonths, discountRate, hourlyRate, riskAdjustment } = prev!;
    settings = { name, baseCurrency, startMonth, horizonMonths, discountRate, hourlyRate, riskAdjustment };
  }
  /** Every vendor's child rows, or one vendor's (`where` its id): the same statements, the one with WHERE vendor_id = ?. */
  const vendorRows = (where: 'all' | string) => {
    const byRoute = (r: Row) => `${str(r.vendor_id)}\u0000${Number(r.route_position)}`;
    return {
      routes: group(where === 'all' ? all('SELECT * FROM routes ORDER BY vendor_id, position') : all('SELECT * FROM routes WHERE vendor_id = ? ORDER BY position', where), (r) => str(r.vendor_id)),
      tiers: group(
        where === 'all' ? all('SELECT * FROM tiers ORDER BY vendor_id, route_position, position') : all('SELECT * FROM tiers WHERE vendor_id = ? ORDER BY route_position, position', where),
        byRoute,
      ),
      changes: group(
        where === 'all'
          ? all('SELECT * FROM price_changes ORDER BY vendor_id, route_position, position')
          : all('SELECT * FROM price_changes WHERE vendor_id = ? ORDER BY route_position, position', where),
        byRoute,
      ),
      fees: group(where === 'all' ? all('SELECT * FROM fees ORDER BY vendor_id, position') : all('SELECT * FROM fees WHERE vendor_id = ? ORDER BY position', where), (r) => str(r.vendor_id)),
      pilots: group(where === 'all' ? all('SELECT * FROM pilots ORDER BY vendor_id, position') : all('SELECT * FROM pilots WHERE vendor_id = ? ORDER BY position', where), (r) => str(r.vendor_id)),
      failures: group(
        where === 'all'
          ? all('SELECT * FROM pilot_failures ORDER BY vendor_id, pilot_position, position')
          : all('SELECT * FROM pilot_failures WHERE vendor_id = ? ORDER BY pilot_position, position', where),
        (r) => `${str(r.vendor_id)}\u0000${Number(r.pilot_position)}`,
      ),
    };
  };
  type Children = ReturnType<typeof vendorRows>;
  const vendorOf = (v: Row, { routes, tiers, changes, fees, pilots, failures }: Children): WorkspaceDocument['vendors'][number] => {
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
            channel: oneOf<RouteDoc['channel']>(r.channel),
            country: strOrNull(r.country),
            class: strOrNull(r.class),
            price: strOrNull(r.price),
            tiers: Number(r.has_tiers) === 1 ? (tiers.get(key) ?? []).map((t) => ({ from: str(t.from_units), price: str(t.price) })) : null,
            tierMode: oneOf<NonNullable<RouteDoc['tierMode']>>(r.tier_mode),
            billedOn: oneOf<NonNullable<RouteDoc['billedOn']>>(r.billed_on),
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
          per: oneOf<FeeDoc['per']>(f.per),
          quantity: str(f.quantity),
          month: Number(f.month),
          category: oneOf<FeeDoc['category']>(f.category),
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
        channel: oneOf<PilotDoc['channel']>(p.channel),
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
  };
  let vendors: WorkspaceDocument['vendors'];
  if (parts.vendors === 'all' || prev === undefined) {
    const children = vendorRows('all');
    vendors = all('SELECT * FROM vendors ORDER BY position').map((v) => vendorOf(v, children));
  } else {
    const changed = new Set(parts.vendors);
    vendors = prev.vendors.map((old, i) => {
      if (!changed.has(i)) return old;
      const v = prepared(db, 'SELECT * FROM vendors WHERE position = ?').get(i) as Row | undefined;
      if (!v) throw new Error(`the vendor at position ${i} is missing`);
      return vendorOf(v, vendorRows(str(v.id)));
    });
  }
  return {
    format: 'tco-workspace',
    version: 1,
    ...settings,
    fx: read(parts.fx) ? all('SELECT * FROM fx_rates ORDER BY position').map((f) => ({ currency: str(f.currency), rate: str(f.rate), asOf: strOrNull(f.as_of) })) : prev!.fx,
    defaults: read(parts.defaults)
      ? Object.fromEntries(
          all('SELECT * FROM channel_defaults ORDER BY position').map((d) => [str(d.channel), { deliveryRate: strOrNull(d.delivery_rate), engagementRate: strOrNull(d.engagement_rate) }]),
        )
      : prev!.defaults,
    streams: read(parts.streams)
      ? all('SELECT * FROM streams ORDER BY position').map((s) => ({
          id: str(s.id),
          name: str(s.name),
          channel: oneOf<WorkspaceDocument['streams'][number]['channel']>(s.channel),
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
        }))
      : prev!.streams,
    vendors,
    scenarios: read(parts.scenarios) ? readScenarioRows(db) : prev!.scenarios,
  };
}
