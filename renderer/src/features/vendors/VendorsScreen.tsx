import { memo } from 'react';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { EditField } from '../../components/EditField';
import { money, unitCost } from '../../format';
import { useWorkspace } from '../../state/workspace';

type Vendor = WorkspaceDocument['vendors'][number];
const CHANNELS = ['sms', 'mms', 'whatsapp', 'rcs', 'email', 'push', 'chat', 'voice'] as const;
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const int = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** Each vendor: its quote (routes with prices or tiers, fees), internal costs and pilot results. */
export function VendorsScreen() {
  const { workspace, edit } = useWorkspace();
  if (!workspace) return null;
  const doc = workspace.document;
  const add = () => {
    let n = doc.vendors.length + 1;
    const letter = (k: number) => String.fromCharCode(64 + k);
    while (doc.vendors.some((v) => v.id === letter(n))) n++;
    void edit('vendors.add', { vendor: { id: letter(n), name: `Vendor ${letter(n)}`, quote: { currency: doc.baseCurrency, routes: [] } } });
  };
  return (
    <section aria-labelledby="vendors-h">
      <h1 id="vendors-h">Vendors</h1>
      {doc.vendors.length === 0 && <p className="empty">No vendors yet. Add each vendor that quoted, then its prices per route.</p>}
      {doc.vendors.map((v) => (
        <VendorCard key={v.id} vendor={v} />
      ))}
      <button type="button" onClick={add}>
        Add vendor
      </button>
    </section>
  );
}

const VendorCard = memo(function VendorCard({ vendor: v }: { vendor: Vendor }) {
  const edit = useWorkspace((st) => st.edit);
  // Only this vendor's summary line: a new result re-renders a card only when its numbers change.
  const summary = useWorkspace((st) => {
    const computed = st.result?.vendors.find((x) => x.id === v.id);
    const cur = st.result?.baseCurrency ?? 'USD';
    if (computed?.tco) return `TCO ${money(computed.tco.nominal, cur)} · per effective message ${unitCost(computed.costPerEffective, cur)}`;
    return computed?.uncovered.length ? `Does not cover ${computed.uncovered.join(', ')}` : '';
  });
  const q = v.quote;
  const quote = (patch: Record<string, unknown>) => edit('quote.update', { vendorId: v.id, patch } as never);
  const route = (index: number, patch: Record<string, unknown>) => edit('routes.update', { vendorId: v.id, index, patch } as never);
  const fee = (index: number, patch: Record<string, unknown>) => edit('fees.update', { vendorId: v.id, index, patch } as never);
  const pilot = (index: number, patch: Record<string, unknown>) => edit('pilots.update', { vendorId: v.id, index, patch } as never);
  const internal = (patch: Record<string, unknown>) => edit('internal.update', { vendorId: v.id, patch } as never);
  return (
    <article className="card vendor" data-vendor={v.id} aria-label={`Vendor ${v.name ?? v.id}`}>
      <p className="summary" aria-live="polite" data-vendor-tco>
        {summary}
      </p>
      <div className="row">
        <EditField label="Vendor name" value={v.name ?? ''} onSave={(x) => edit('vendors.update', { id: v.id, patch: { name: x } })} />
        <EditField label="Quote currency" value={q.currency} width="7rem" onSave={(x) => quote({ currency: x.trim() })} />
        <EditField label="Escalator a year" value={String(q.escalator ?? '0')} width="8rem" onSave={(x) => quote({ escalator: x.trim() })} />
        <EditField label="Discount" value={String(q.discount ?? '0')} width="7rem" onSave={(x) => quote({ discount: x.trim() })} />
        <EditField label="Monthly commit" value={String(q.minimumMonthlyCommit ?? '0')} width="8rem" onSave={(x) => quote({ minimumMonthlyCommit: x.trim() })} />
        <EditField label="Annual commit" value={String(q.minimumAnnualCommit ?? '0')} width="8rem" onSave={(x) => quote({ minimumAnnualCommit: x.trim() })} />
      </div>

      <h3>Routes</h3>
      {q.routes.map((r, i) => (
        <fieldset key={i} className="row" data-route={i}>
          <legend>Route {i + 1}</legend>
          <EditField label="Channel" value={r.channel} options={CHANNELS} onSave={(x) => route(i, { channel: x })} />
          <EditField label="Country" value={r.country ?? ''} width="6rem" onSave={(x) => route(i, { country: orNull(x) })} />
          <EditField label="Class" value={r.class ?? ''} width="8rem" onSave={(x) => route(i, { class: orNull(x) })} />
          {r.tiers ? (
            <div className="tiers">
              {r.tiers.map((t, k) => (
                <div className="row" key={k} data-tier={k}>
                  <EditField label={`Tier ${k + 1} from`} value={String(t.from)} width="8rem" onSave={(x) => route(i, { tiers: r.tiers!.map((u, j) => (j === k ? { ...u, from: x.trim() } : u)) })} />
                  <EditField label={`Tier ${k + 1} price`} value={String(t.price)} width="8rem" onSave={(x) => route(i, { tiers: r.tiers!.map((u, j) => (j === k ? { ...u, price: x.trim() } : u)) })} />
                </div>
              ))}
              <EditField label="Tier mode" value={r.tierMode ?? 'graduated'} options={['graduated', 'volume']} onSave={(x) => route(i, { tierMode: x })} />
              <button type="button" onClick={() => void route(i, { tiers: [...r.tiers!, { from: String(Number(r.tiers!.at(-1)!.from) + 1000), price: String(r.tiers!.at(-1)!.price) }] })}>
                Add tier
              </button>
            </div>
          ) : (
            <>
              <EditField label="Price" value={String(r.price ?? '')} width="8rem" onSave={(x) => route(i, { price: x.trim() })} />
              <button type="button" onClick={() => void route(i, { tiers: [{ from: '0', price: String(r.price ?? '0') }] })}>
                Use tiers
              </button>
            </>
          )}
          <EditField label="Billed on" value={r.billedOn ?? 'sent'} options={['sent', 'delivered', 'effective']} onSave={(x) => route(i, { billedOn: x })} />
          <EditField label="Pass-through" value={String(r.passThrough ?? '0')} width="8rem" onSave={(x) => route(i, { passThrough: x.trim() })} />
          <EditField label="Inbound price" value={String(r.inboundPrice ?? '0')} width="8rem" onSave={(x) => route(i, { inboundPrice: x.trim() })} />
          <EditField label="Inbound pass-through" value={String(r.inboundPassThrough ?? '0')} width="9rem" onSave={(x) => route(i, { inboundPassThrough: x.trim() })} />
          <div className="changes">
            {(r.passThroughChanges ?? []).map((c, k) => {
              const changes = r.passThroughChanges ?? [];
              const set = (patch: Record<string, unknown>) => route(i, { passThroughChanges: changes.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
              return (
                <div className="row" key={k} data-change={k}>
                  <EditField label="Pass-through from" value={c.from} hint="YYYY-MM" width="8rem" onSave={(x) => set({ from: x.trim() })} />
                  <EditField label="New pass-through" value={c.passThrough === undefined ? '' : String(c.passThrough)} width="8rem" onSave={(x) => set({ passThrough: x.trim() === '' ? undefined : x.trim() })} />
                  <EditField label="New inbound pass-through" value={c.inboundPassThrough === undefined ? '' : String(c.inboundPassThrough)} width="10rem" onSave={(x) => set({ inboundPassThrough: x.trim() === '' ? undefined : x.trim() })} />
                  <button type="button" className="remove" onClick={() => void route(i, { passThroughChanges: changes.filter((_, j) => j !== k) })}>
                    Remove change
                  </button>
                </div>
              );
            })}
            <button type="button" onClick={() => void route(i, { passThroughChanges: [...(r.passThroughChanges ?? []), { from: '2027-01', passThrough: String(r.passThrough ?? '0') }] })}>
              Add a dated pass-through change
            </button>
          </div>
          <button type="button" className="remove" onClick={() => void edit('routes.remove', { vendorId: v.id, index: i })}>
            Remove route
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => void edit('routes.add', { vendorId: v.id, route: { channel: 'sms', country: 'US', price: '0' } })}>
        Add route
      </button>

      <h3>Fees</h3>
      {(q.fees ?? []).map((f, i) => (
        <fieldset key={i} className="row" data-fee={i}>
          <legend>Fee {i + 1}</legend>
          <EditField label="Fee name" value={f.name} onSave={(x) => fee(i, { name: x })} />
          <EditField label="Amount" value={String(f.amount)} width="8rem" onSave={(x) => fee(i, { amount: x.trim() })} />
          <EditField label="Per" value={f.per} options={['once', 'month', 'seat-month', 'contact-month']} onSave={(x) => fee(i, { per: x })} />
          {f.per === 'once' && <EditField label="In month" value={String(f.month ?? 1)} width="6rem" onSave={(x) => fee(i, { month: int(x) })} />}
          {f.per === 'seat-month' && <EditField label="Seats" value={String(f.quantity ?? 1)} width="6rem" onSave={(x) => fee(i, { quantity: x.trim() })} />}
          <EditField label="Category" value={f.category} options={['platform', 'numbers', 'compliance', 'support', 'setup', 'other']} onSave={(x) => fee(i, { category: x })} />
          <EditField label="Fee currency" value={f.currency ?? ''} hint={`empty: ${q.currency}`} width="7rem" onSave={(x) => fee(i, { currency: x.trim() === '' ? null : x.trim().toUpperCase() })} />
          <button type="button" className="remove" onClick={() => void edit('fees.remove', { vendorId: v.id, index: i })}>
            Remove fee
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => void edit('fees.add', { vendorId: v.id, fee: { name: `Fee ${(q.fees ?? []).length + 1}`, amount: '0', per: 'month', category: 'platform' } })}>
        Add fee
      </button>

      <h3>Internal costs</h3>
      <div className="row">
        <EditField label="Setup hours" value={String(v.internal?.setupHours ?? '0')} width="8rem" onSave={(x) => internal({ setupHours: x.trim() })} />
        <EditField label="Hours a month" value={String(v.internal?.monthlyHours ?? '0')} width="8rem" onSave={(x) => internal({ monthlyHours: x.trim() })} />
        <EditField label="Other a month" value={String(v.internal?.monthlyOther ?? '0')} width="8rem" onSave={(x) => internal({ monthlyOther: x.trim() })} />
        <EditField label="Cost per failure" value={String(v.internal?.remediationPerFailure ?? '0')} width="8rem" onSave={(x) => internal({ remediationPerFailure: x.trim() })} />
      </div>

      <h3>Pilot results</h3>
      {(v.pilots ?? []).map((p, i) => (
        <fieldset key={i} className="row" data-pilot={i}>
          <legend>Pilot {i + 1}</legend>
          <EditField label="Channel" value={p.channel} options={CHANNELS} onSave={(x) => pilot(i, { channel: x })} />
          <EditField label="Country" value={p.country ?? ''} width="6rem" onSave={(x) => pilot(i, { country: orNull(x) })} />
          <EditField label="Class" value={p.class ?? ''} width="8rem" onSave={(x) => pilot(i, { class: orNull(x) })} />
          <EditField label="Sent" value={String(p.sent)} width="8rem" onSave={(x) => pilot(i, { sent: int(x) })} />
          <EditField label="Delivered" value={String(p.delivered)} width="8rem" onSave={(x) => pilot(i, { delivered: int(x) })} />
          <EditField label="Engaged" value={p.engaged === null || p.engaged === undefined ? '' : String(p.engaged)} width="8rem" onSave={(x) => pilot(i, { engaged: x.trim() === '' ? null : int(x) })} />
          <button type="button" className="remove" onClick={() => void edit('pilots.remove', { vendorId: v.id, index: i })}>
            Remove pilot
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => void edit('pilots.add', { vendorId: v.id, pilot: { channel: 'sms', country: 'US', sent: 0, delivered: 0 } })}>
        Add pilot
      </button>
      <div>
        <button type="button" className="remove" onClick={() => void edit('vendors.remove', { id: v.id })}>
          Remove vendor {v.name ?? v.id}
        </button>
      </div>
    </article>
  );
});
