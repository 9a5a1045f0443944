import { Fragment, memo, useState } from 'react';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { CHANNELS } from '../../../../electron/api/shared.js';
import { EditField, OptionField } from '../../components/EditField';
import { money, unitCost } from '../../format';
import type { EditPatch } from '../../state/edit';
import { useStore } from '../../state/store';
import { useImport } from '../../state/import';
import { LiveCompare } from './LiveCompare';
import { focusFirstField } from '../../components/focus';
import { UndoRemoval } from '../../components/UndoRemoval';
import { billedOnName, channelName, feePerName, routesWithStreams } from '../../words';
import { CheckedField } from './CheckedField';
import { amount } from './inputs';
import { RouteRules } from './RouteRules';

type Vendor = WorkspaceDocument['vendors'][number];
type Quote = Vendor['quote'];
type Route = Quote['routes'][number];
type Fee = NonNullable<Quote['fees']>[number];
type Pilot = NonNullable<Vendor['pilots']>[number];
type RoutePatch = EditPatch<'routes.update'>;
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const int = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

// The edits of this screen. `edit` is the store's one action, the same function for the store's life.
const edit = () => useStore.getState().edit;
const quote = (vendorId: string, patch: EditPatch<'quote.update'>) => edit()('quote.update', { vendorId, patch });
const route = (vendorId: string, index: number, patch: RoutePatch) => edit()('routes.update', { vendorId, index, patch });
/**
 * A patch that rewrites one of a route's lists (tiers, pass-through changes), made from the route as
 * the edits before it left it: typing into tier 2's "from" and then its price must keep both.
 */
const routeList = (vendorId: string, index: number, drawn: Route, make: (current: Route) => RoutePatch) =>
  edit()('routes.update', (doc: WorkspaceDocument) => ({ vendorId, index, patch: make(doc.vendors.find((v) => v.id === vendorId)?.quote.routes[index] ?? drawn) }));
const fee = (vendorId: string, index: number, patch: EditPatch<'fees.update'>) => edit()('fees.update', { vendorId, index, patch });
const pilot = (vendorId: string, index: number, patch: EditPatch<'pilots.update'>) => edit()('pilots.update', { vendorId, index, patch });
const internal = (vendorId: string, patch: EditPatch<'internal.update'>) => edit()('internal.update', { vendorId, patch });

/**
 * Each vendor: its quote (routes with prices or tiers, fees), internal costs and pilot results,
 * beside the vendors compared as you type. A keystroke re-renders the one route, fee or pilot it
 * changed (every part is memoised on its own document object, which structural sharing keeps when
 * unchanged) and the numbers it moved, not the screen.
 */
export function VendorsScreen() {
  const vendors = useStore((st) => st.workspace?.document.vendors);
  const baseCurrency = useStore((st) => st.workspace?.document.baseCurrency ?? 'USD');
  const undoLabel = useStore((st) => st.workspace?.history.undoLabel ?? null);
  const [removed, setRemoved] = useState<{ name: string; label: string; index: number } | null>(null);
  if (!vendors) return null;
  const add = () => {
    let n = vendors.length + 1;
    const letter = (k: number) => String.fromCharCode(64 + k);
    while (vendors.some((v) => v.id === letter(n))) n++;
    const id = letter(n);
    void edit()('vendors.add', { vendor: { id, name: `Vendor ${id}`, quote: { currency: baseCurrency, routes: [] } } }).then((err) => {
      if (!err) focusFirstField(`[data-vendor="${id}"]`);
    });
  };
  removeVendor = (v: Vendor) => {
    const index = vendors.indexOf(v);
    void edit()('vendors.remove', { id: v.id }).then((err) => {
      if (!err) setRemoved({ name: v.name ?? v.id, label: `Remove ${v.name ?? `vendor ${v.id}`}`, index });
    });
  };
  // Undo in place, where the vendor was, while its removal is the last change.
  const offered = removed && undoLabel === removed.label ? removed : null;
  const undoHere = (i: number) => (offered && offered.index === i ? <UndoRemoval what={offered.name} onDone={() => setRemoved(null)} /> : null);
  return (
    <div className="vendors-layout">
      <section aria-labelledby="vendors-h">
        <h1 id="vendors-h">Vendors</h1>
        {vendors.length > 1 && (
          <nav className="jump-list" aria-label="Jump to a vendor" data-jump-list>
            Jump to:{' '}
            {vendors.map((v) => (
              <button key={v.id} type="button" className="link" onClick={() => jumpTo(v.id)}>
                {v.name ?? v.id}
              </button>
            ))}
          </nav>
        )}
        {vendors.length === 0 && <p className="empty">No vendors yet. Add each vendor that quoted, then its prices per route.</p>}
        {vendors.map((v, i) => (
          <Fragment key={v.id}>
            {undoHere(i)}
            <VendorCard vendor={v} />
          </Fragment>
        ))}
        {offered && offered.index >= vendors.length && undoHere(offered.index)}
        <button type="button" onClick={add}>
          Add vendor
        </button>
      </section>
      {vendors.length > 0 && <LiveCompare />}
    </div>
  );
}

/** The screen's removal of a vendor (set by VendorsScreen, which shows the undo in place). */
let removeVendor: (v: Vendor) => void = () => {};

/** Bring a vendor's card into view and put the focus on its first field. */
function jumpTo(id: string): void {
  const card = document.querySelector<HTMLElement>(`[data-vendor="${CSS.escape(id)}"]`);
  card?.scrollIntoView({ block: 'start' });
  card?.querySelector<HTMLElement>('input, select')?.focus({ preventScroll: true });
}

/** The vendor's totals line: re-rendered when its own text changes, alone. */
const VendorSummary = memo(function VendorSummary({ id }: { id: string }) {
  const summary = useStore((st) => {
    const computed = st.result?.vendors.find((x) => x.id === id);
    const cur = st.result?.baseCurrency ?? 'USD';
    if (computed?.tco) return `TCO ${money(computed.tco.nominal, cur)} · per effective message ${unitCost(computed.costPerEffective, cur)}`;
    return computed?.uncovered.length ? `Does not price ${routesWithStreams(st.result?.streams ?? [], computed.uncovered)} yet: add a route for it` : '';
  });
  return (
    <p className="summary" aria-live="polite" data-vendor-tco>
      {summary}
    </p>
  );
});

const VendorCard = memo(function VendorCard({ vendor: v }: { vendor: Vendor }) {
  const q = v.quote;
  const fees = q.fees ?? [];
  const pilots = v.pilots ?? [];
  return (
    <article className="card vendor" data-vendor={v.id} aria-label={`Vendor ${v.name ?? v.id}`}>
      <VendorSummary id={v.id} />
      <QuoteFields
        vendorId={v.id}
        name={v.name ?? ''}
        currency={q.currency}
        escalator={String(q.escalator ?? '0')}
        discount={String(q.discount ?? '0')}
        monthly={String(q.minimumMonthlyCommit ?? '0')}
        annual={String(q.minimumAnnualCommit ?? '0')}
      />
      <h3>Routes</h3>
      {q.routes.map((r, i) => (
        <RouteRow key={i} vendorId={v.id} index={i} route={r} currency={q.currency} />
      ))}
      <button
        type="button"
        onClick={() => {
          const index = q.routes.length;
          void edit()('routes.add', { vendorId: v.id, route: { channel: 'sms', country: 'US', price: '0' } }).then((err) => {
            if (!err) focusFirstField(`[data-vendor="${CSS.escape(v.id)}"] [data-route="${index}"]`);
          });
        }}
      >
        Add route
      </button>
      <h3>Fees</h3>
      {fees.map((f, i) => (
        <FeeRow key={i} vendorId={v.id} index={i} fee={f} quoteCurrency={q.currency} />
      ))}
      <button type="button" onClick={() => void edit()('fees.add', { vendorId: v.id, fee: { name: `Fee ${fees.length + 1}`, amount: '0', per: 'month', category: 'platform' } })}>
        Add fee
      </button>
      <h3>Internal costs</h3>
      <InternalFields vendorId={v.id} internal={v.internal} />
      <h3>Pilot results</h3>
      {pilots.map((p, i) => (
        <PilotRow key={i} vendorId={v.id} index={i} pilot={p} />
      ))}
      <button type="button" onClick={() => void edit()('pilots.add', { vendorId: v.id, pilot: { channel: 'sms', country: 'US', sent: 0, delivered: 0 } })}>
        Add pilot
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          useImport.getState().start(v.id);
          useStore.getState().go('import');
        }}
      >
        Import events…
      </button>
      <div>
        <button type="button" className="remove" onClick={() => removeVendor(v)}>
          Remove vendor {v.name ?? v.id}
        </button>
      </div>
    </article>
  );
});

interface QuoteProps {
  vendorId: string;
  name: string;
  currency: string;
  escalator: string;
  discount: string;
  monthly: string;
  annual: string;
}

const QuoteFields = memo(function QuoteFields({ vendorId, name, currency, escalator, discount, monthly, annual }: QuoteProps) {
  return (
    <div className="row">
      <EditField label="Vendor name" value={name} onSave={(x) => edit()('vendors.update', { id: vendorId, patch: { name: x } })} />
      <EditField label="Quote currency" value={currency} width="7rem" onSave={(x) => quote(vendorId, { currency: x.trim() })} />
      <EditField label="Escalator a year" value={escalator} width="8rem" number="rate" onSave={(x) => quote(vendorId, { escalator: x.trim() })} />
      <EditField label="Discount" value={discount} width="7rem" number="rate" onSave={(x) => quote(vendorId, { discount: x.trim() })} />
      <EditField label="Monthly commit" value={monthly} width="8rem" number="money" onSave={(x) => quote(vendorId, { minimumMonthlyCommit: x.trim() })} />
      <EditField label="Annual commit" value={annual} width="8rem" number="money" onSave={(x) => quote(vendorId, { minimumAnnualCommit: x.trim() })} />
    </div>
  );
});

const RouteRow = memo(function RouteRow({ vendorId, index: i, route: r, currency }: { vendorId: string; index: number; route: Route; currency: string }) {
  const set = (patch: RoutePatch) => route(vendorId, i, patch);
  const setList = (make: (current: Route) => RoutePatch) => routeList(vendorId, i, r, make);
  return (
    <fieldset className="row" data-route={i}>
      <legend>Route {i + 1}</legend>
      <OptionField label="Channel" value={r.channel} options={CHANNELS} optionLabel={channelName} onSave={(x) => set({ channel: x })} />
      <EditField label="Country" value={r.country ?? ''} width="6rem" onSave={(x) => set({ country: orNull(x) })} />
      <EditField label="Class" value={r.class ?? ''} width="8rem" onSave={(x) => set({ class: orNull(x) })} />
      {r.tiers ? (
        <div className="tiers">
          {r.tiers.map((t, k) => (
            <div className="row" key={k} data-tier={k}>
              <EditField
                label={`Tier ${k + 1} from`}
                value={String(t.from)}
                width="8rem"
                number="integer"
                onSave={(x) => setList((c) => ({ tiers: c.tiers!.map((u, j) => (j === k ? { ...u, from: x.trim() } : u)) }))}
              />
              <EditField
                label={`Tier ${k + 1} price`}
                value={String(t.price)}
                width="8rem"
                number="money"
                onSave={(x) => setList((c) => ({ tiers: c.tiers!.map((u, j) => (j === k ? { ...u, price: x.trim() } : u)) }))}
              />
            </div>
          ))}
          <OptionField label="Tier mode" value={r.tierMode ?? 'graduated'} options={['graduated', 'volume']} onSave={(x) => set({ tierMode: x })} />
          <button type="button" onClick={() => void setList((c) => ({ tiers: [...c.tiers!, { from: String(Number(c.tiers!.at(-1)!.from) + 1000), price: String(c.tiers!.at(-1)!.price) }] }))}>
            Add tier
          </button>
        </div>
      ) : (
        <>
          <EditField label="Price" value={String(r.price ?? '')} width="8rem" number="money" onSave={(x) => set({ price: x.trim() })} />
          <button type="button" onClick={() => void set({ tiers: [{ from: '0', price: String(r.price ?? '0') }] })}>
            Use tiers
          </button>
        </>
      )}
      <OptionField label="Billed on" value={r.billedOn ?? 'sent'} options={['sent', 'delivered', 'effective']} optionLabel={billedOnName} onSave={(x) => set({ billedOn: x })} />
      {!r.carrierMix && <EditField label="Pass-through" value={String(r.passThrough ?? '0')} width="8rem" number="money" onSave={(x) => set({ passThrough: x.trim() })} />}
      <EditField label="Inbound price" value={String(r.inboundPrice ?? '0')} width="8rem" number="money" onSave={(x) => set({ inboundPrice: x.trim() })} />
      {!r.carrierMix && <EditField label="Inbound pass-through" value={String(r.inboundPassThrough ?? '0')} width="9rem" number="money" onSave={(x) => set({ inboundPassThrough: x.trim() })} />}
      <RouteRules vendorId={vendorId} index={i} route={r} currency={currency} />
      <button type="button" className="remove" onClick={() => void edit()('routes.remove', { vendorId, index: i })}>
        Remove route
      </button>
    </fieldset>
  );
});

const FeeRow = memo(function FeeRow({ vendorId, index: i, fee: f, quoteCurrency }: { vendorId: string; index: number; fee: Fee; quoteCurrency: string }) {
  const set = (patch: EditPatch<'fees.update'>) => fee(vendorId, i, patch);
  return (
    <fieldset className="row" data-fee={i}>
      <legend>Fee {i + 1}</legend>
      <EditField label="Fee name" value={f.name} onSave={(x) => set({ name: x })} />
      <EditField label="Amount" value={String(f.amount)} width="8rem" number="money" onSave={(x) => set({ amount: x.trim() })} />
      <OptionField
        label="Per"
        value={f.per}
        options={['once', 'month', 'seat-month', 'contact-month', 'failed-message']}
        optionLabel={feePerName}
        onSave={(x) => set(x === 'contact-month' ? { per: x } : { per: x, included: '0' })}
      />
      {f.per === 'once' && <EditField label="In month" value={String(f.month ?? 1)} width="6rem" number="integer" onSave={(x) => set({ month: int(x) })} />}
      {f.per === 'seat-month' && <EditField label="Seats" value={String(f.quantity ?? 1)} width="6rem" number="decimal" onSave={(x) => set({ quantity: x.trim() })} />}
      {f.per === 'contact-month' && (
        <CheckedField
          label="Contacts included"
          value={String(f.included ?? '0')}
          width="9rem"
          hint="charged only above these"
          parse={(raw) => (raw.trim() === '' ? { ok: true, value: '0' } : amount(raw, 'the contacts included', '1000'))}
          send={(v) => set({ included: v })}
        />
      )}
      {f.per === 'failed-message' && <span className="hint fee-note">charged for each message that fails</span>}
      <OptionField label="Category" value={f.category} options={['platform', 'numbers', 'compliance', 'support', 'setup', 'other']} onSave={(x) => set({ category: x })} />
      <EditField label="Fee currency" value={f.currency ?? ''} hint={`empty: ${quoteCurrency}`} width="7rem" onSave={(x) => set({ currency: x.trim() === '' ? null : x.trim().toUpperCase() })} />
      <button type="button" className="remove" onClick={() => void edit()('fees.remove', { vendorId, index: i })}>
        Remove fee
      </button>
    </fieldset>
  );
});

const InternalFields = memo(function InternalFields({ vendorId, internal: n }: { vendorId: string; internal: Vendor['internal'] }) {
  return (
    <div className="row">
      <EditField label="Setup hours" value={String(n?.setupHours ?? '0')} width="8rem" number="decimal" onSave={(x) => internal(vendorId, { setupHours: x.trim() })} />
      <EditField label="Hours a month" value={String(n?.monthlyHours ?? '0')} width="8rem" number="decimal" onSave={(x) => internal(vendorId, { monthlyHours: x.trim() })} />
      <EditField label="Other a month" value={String(n?.monthlyOther ?? '0')} width="8rem" number="money" onSave={(x) => internal(vendorId, { monthlyOther: x.trim() })} />
      <EditField label="Cost per failure" value={String(n?.remediationPerFailure ?? '0')} width="8rem" number="money" onSave={(x) => internal(vendorId, { remediationPerFailure: x.trim() })} />
    </div>
  );
});

const PilotRow = memo(function PilotRow({ vendorId, index: i, pilot: p }: { vendorId: string; index: number; pilot: Pilot }) {
  const set = (patch: EditPatch<'pilots.update'>) => pilot(vendorId, i, patch);
  return (
    <fieldset className="row" data-pilot={i}>
      <legend>Pilot {i + 1}</legend>
      <OptionField label="Channel" value={p.channel} options={CHANNELS} optionLabel={channelName} onSave={(x) => set({ channel: x })} />
      <EditField label="Country" value={p.country ?? ''} width="6rem" onSave={(x) => set({ country: orNull(x) })} />
      <EditField label="Class" value={p.class ?? ''} width="8rem" onSave={(x) => set({ class: orNull(x) })} />
      <EditField label="Sent" value={String(p.sent)} width="8rem" number="integer" onSave={(x) => set({ sent: int(x) })} />
      <EditField label="Delivered" value={String(p.delivered)} width="8rem" number="integer" onSave={(x) => set({ delivered: int(x) })} />
      <EditField
        label="Engaged"
        value={p.engaged === null || p.engaged === undefined ? '' : String(p.engaged)}
        width="8rem"
        number="integer"
        optional
        onSave={(x) => set({ engaged: x.trim() === '' ? null : int(x) })}
      />
      <button type="button" className="remove" onClick={() => void edit()('pilots.remove', { vendorId, index: i })}>
        Remove pilot
      </button>
    </fieldset>
  );
});
