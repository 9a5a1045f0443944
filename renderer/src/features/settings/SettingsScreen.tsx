import { useState } from 'react';
import { EditField } from '../../components/EditField';
import type { NumberKind } from '../../numbers';
import TABLE from '../../../../resources/default-rates.json';
import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { channelName } from '../../words';

/** A channel's name at the start of a label: "Email delivery rate", "SMS delivery rate". */
const upFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Field = 'name' | 'startMonth' | 'horizonMonths' | 'discountRate' | 'hourlyRate' | 'riskAdjustment';

const FIELDS: { key: Field; label: string; hint: string; number?: NumberKind }[] = [
  { key: 'name', label: 'Name', hint: '' },
  { key: 'startMonth', label: 'Start month', hint: 'YYYY-MM' },
  { key: 'horizonMonths', label: 'Horizon (months)', hint: '1 to 600', number: 'integer' },
  { key: 'discountRate', label: 'Discount rate (annual)', hint: 'e.g. 10%', number: 'rate' },
  { key: 'hourlyRate', label: 'Hourly rate', hint: 'internal labour, base currency', number: 'money' },
  { key: 'riskAdjustment', label: 'Risk adjustment', hint: '0 to 100%, taken off benefits', number: 'rate' },
];

/** Workspace settings; each change is checked, saved and recomputed as you type. */
export function SettingsScreen() {
  const { workspace, edit } = useStore(useShallow((st) => ({ workspace: st.workspace, edit: st.edit })));
  if (!workspace) return null;
  const doc = workspace.document;
  return (
    <section aria-labelledby="settings-h">
      <h1 id="settings-h">Settings</h1>
      <form className="settings" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((f) => (
          <EditField
            key={f.key}
            id={`s-${f.key}`}
            label={f.label}
            hint={f.hint}
            number={f.number}
            value={String((doc as Record<string, unknown>)[f.key] ?? '')}
            onSave={(x) => edit('settings.update', { patch: { [f.key]: f.number === 'integer' ? Number(x) : x } })}
          />
        ))}
        <EditField label="Base currency" value={doc.baseCurrency} hint="ISO 4217, e.g. USD" onSave={(x) => edit('settings.update', { patch: { baseCurrency: x.trim().toUpperCase() } })} />
      </form>
      <FxRates />
      <ChannelDefaults />
    </section>
  );
}

/** A currency's rate in the document as the edits before this one left it. */
const fxOf = (doc: WorkspaceDocument, currency: string) => (doc.fx ?? []).find((x) => x.currency === currency);

/** FX: the base-currency value of one unit of each other currency, with the date it was taken. */
function FxRates() {
  const { workspace, edit } = useStore(useShallow((st) => ({ workspace: st.workspace, edit: st.edit })));
  const [currency, setCurrency] = useState('');
  if (!workspace) return null;
  const doc = workspace.document;
  const fx = doc.fx ?? [];
  return (
    <section aria-labelledby="fx-h">
      <h2 id="fx-h">Exchange rates (value in {doc.baseCurrency})</h2>
      {fx.length === 0 && <p className="empty">No other currency yet. A quote or fee in another currency needs its rate here: it is never assumed to be 1.</p>}
      {fx.map((f) => (
        <div className="row" key={f.currency} data-fx={f.currency}>
          <EditField
            label={`1 ${f.currency} =`}
            value={String(f.rate)}
            width="9rem"
            number="decimal"
            onSave={(x) => edit('fx.set', (now) => ({ rate: { currency: f.currency, rate: x.trim(), asOf: fxOf(now, f.currency)?.asOf ?? null } }))}
          />
          <EditField
            label="Taken on"
            value={f.asOf ?? ''}
            hint="YYYY-MM-DD"
            width="9rem"
            onSave={(x) => edit('fx.set', (now) => ({ rate: { currency: f.currency, rate: fxOf(now, f.currency)?.rate ?? f.rate, asOf: x.trim() === '' ? null : x.trim() } }))}
          />
          <button type="button" className="remove" onClick={() => void edit('fx.remove', { currency: f.currency })}>
            Remove {f.currency}
          </button>
        </div>
      ))}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const c = currency.trim().toUpperCase();
          if (c) void edit('fx.set', { rate: { currency: c, rate: '1', asOf: null } }).then((err) => !err && setCurrency(''));
        }}
      >
        <div className="field">
          <label htmlFor="fx-new">Add a currency</label>
          <input id="fx-new" value={currency} onChange={(e) => setCurrency(e.target.value)} placeholder="EUR" />
        </div>
        <button type="submit">Add rate</button>
      </form>
    </section>
  );
}

type TableRow = { deliveryRate: string; engagementRate: string; sources: Record<'deliveryRate' | 'engagementRate', { url: string; says: string }> };

/**
 * Rates assumed where a vendor has no pilot on a route, per channel in use; a new workspace starts
 * with the public benchmarks of resources/default-rates.json, each shown with its source.
 */
function ChannelDefaults() {
  const { workspace, edit } = useStore(useShallow((st) => ({ workspace: st.workspace, edit: st.edit })));
  if (!workspace) return null;
  const doc = workspace.document;
  const channels = [...new Set(doc.streams.map((s) => s.channel))];
  const defaults = (doc.defaults ?? {}) as Record<string, { deliveryRate?: string | number | null; engagementRate?: string | number | null } | undefined>;
  return (
    <section aria-labelledby="defaults-h">
      <h2 id="defaults-h">Assumed rates where no pilot backs a route</h2>
      <p className="hint">Used for a vendor with no pilot results on a stream's route, and marked “assumed” wherever they count. Pilot results replace them.</p>
      {channels.length === 0 && <p className="empty">Add streams first: their channels appear here.</p>}
      {channels.map((c) => {
        const d = defaults[c] ?? {};
        // Both rates are sent: the other one as the edits before this left it, not as drawn (typing
        // the engagement rate right after the delivery rate must not send the delivery rate back).
        const save = (patch: { deliveryRate?: string | null; engagementRate?: string | null }) =>
          edit('defaults.set', (now: typeof doc) => {
            const cur = ((now.defaults ?? {}) as typeof defaults)[c] ?? {};
            return { channel: c, rates: { deliveryRate: cur.deliveryRate ?? null, engagementRate: cur.engagementRate ?? null, ...patch } };
          });
        const v = (x: string) => (x.trim() === '' ? null : x.trim());
        const table = TABLE.channels[c as keyof typeof TABLE.channels] as TableRow | undefined;
        const same = (x: unknown, y: string | undefined) => x != null && y !== undefined && Number(x) === Number(y);
        return (
          <div className="row" key={c} data-defaults={c}>
            <EditField
              label={`${upFirst(channelName(c))} delivery rate`}
              value={d.deliveryRate == null ? '' : String(d.deliveryRate)}
              hint="e.g. 97%"
              width="10rem"
              number="rate"
              optional
              onSave={(x) => save({ deliveryRate: v(x) })}
            />
            <EditField
              label={`${upFirst(channelName(c))} engagement rate`}
              value={d.engagementRate == null ? '' : String(d.engagementRate)}
              hint="e.g. 2.5%"
              width="11rem"
              number="rate"
              optional
              onSave={(x) => save({ engagementRate: v(x) })}
            />
            <p className="hint assumed-source" data-assumed-source>
              {(['deliveryRate', 'engagementRate'] as const).map((k) => {
                const word = k === 'deliveryRate' ? 'Delivery' : 'Engagement';
                if (d[k] == null) return <span key={k}>{word}: none set: a route of this channel needs a pilot or a rate here. </span>;
                const src = table?.sources[k];
                return same(d[k], table?.[k]) && src ? (
                  <span key={k}>
                    {word}: assumed from a public benchmark ({src.says}; <cite>{src.url}</cite>).{' '}
                  </span>
                ) : (
                  <span key={k}>{word}: assumed, your own figure. </span>
                );
              })}
            </p>
          </div>
        );
      })}
    </section>
  );
}
