import { useState } from 'react';
import type { ApiError } from '../../../../electron/api/errors.js';
import { EditField } from '../../components/EditField';
import { useWorkspace } from '../../state/workspace';

type Field = 'name' | 'startMonth' | 'horizonMonths' | 'discountRate' | 'hourlyRate' | 'riskAdjustment';

const FIELDS: { key: Field; label: string; hint: string; number?: boolean }[] = [
  { key: 'name', label: 'Name', hint: '' },
  { key: 'startMonth', label: 'Start month', hint: 'YYYY-MM' },
  { key: 'horizonMonths', label: 'Horizon (months)', hint: '1 to 600', number: true },
  { key: 'discountRate', label: 'Discount rate (annual)', hint: 'e.g. 0.10 for 10%' },
  { key: 'hourlyRate', label: 'Hourly rate', hint: 'internal labour, base currency' },
  { key: 'riskAdjustment', label: 'Risk adjustment', hint: '0 to 1, taken off benefits' },
];

/** Workspace settings; each change is checked, saved and recomputed as you type. */
export function SettingsScreen() {
  const { workspace, edit } = useWorkspace();
  const [errors, setErrors] = useState<Partial<Record<Field, ApiError>>>({});
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({});
  if (!workspace) return null;
  const doc = workspace.document;
  const change = async (key: Field, raw: string, number: boolean) => {
    setDrafts((d) => ({ ...d, [key]: raw }));
    const value = number ? Number(raw) : raw;
    const e = await edit('settings.update', { patch: { [key]: value } });
    setErrors((x) => ({ ...x, [key]: e ?? undefined }));
    if (!e) setDrafts((d) => ({ ...d, [key]: undefined }));
  };
  return (
    <section aria-labelledby="settings-h">
      <h1 id="settings-h">Settings</h1>
      <form className="settings" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((f) => {
          const stored = String((doc as Record<string, unknown>)[f.key] ?? '');
          const err = errors[f.key];
          return (
            <div className="field" key={f.key}>
              <label htmlFor={`s-${f.key}`}>{f.label}</label>
              <input
                id={`s-${f.key}`}
                value={drafts[f.key] ?? stored}
                inputMode={f.number ? 'numeric' : undefined}
                aria-invalid={err ? true : undefined}
                aria-describedby={`s-${f.key}-hint`}
                onChange={(e) => void change(f.key, e.target.value, !!f.number)}
              />
              <span id={`s-${f.key}-hint`} className={err ? 'error' : 'hint'}>
                {err ? err.message.replace(/^settings\.update: \$\.patch\.\w+: /, '') : f.hint}
              </span>
            </div>
          );
        })}
        <EditField label="Base currency" value={doc.baseCurrency} hint="ISO 4217, e.g. USD" onSave={(x) => edit('settings.update', { patch: { baseCurrency: x.trim().toUpperCase() } })} />
      </form>
      <FxRates />
      <ChannelDefaults />
    </section>
  );
}

/** FX: the base-currency value of one unit of each other currency, with the date it was taken. */
function FxRates() {
  const { workspace, edit } = useWorkspace();
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
          <EditField label={`1 ${f.currency} =`} value={String(f.rate)} width="9rem" onSave={(x) => edit('fx.set', { rate: { currency: f.currency, rate: x.trim(), asOf: f.asOf ?? null } })} />
          <EditField label="Taken on" value={f.asOf ?? ''} hint="YYYY-MM-DD" width="9rem" onSave={(x) => edit('fx.set', { rate: { currency: f.currency, rate: f.rate, asOf: x.trim() === '' ? null : x.trim() } })} />
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

/** Rates assumed where a vendor has no pilot on a route (MODEL.md section 6), per channel in use. */
function ChannelDefaults() {
  const { workspace, edit } = useWorkspace();
  if (!workspace) return null;
  const doc = workspace.document;
  const channels = [...new Set(doc.streams.map((s) => s.channel))];
  const defaults = (doc.defaults ?? {}) as Record<string, { deliveryRate?: string | number | null; engagementRate?: string | number | null } | undefined>;
  return (
    <section aria-labelledby="defaults-h">
      <h2 id="defaults-h">Assumed rates where no pilot backs a route</h2>
      {channels.length === 0 && <p className="empty">Add streams first: their channels appear here.</p>}
      {channels.map((c) => {
        const d = defaults[c] ?? {};
        const save = (patch: { deliveryRate?: string | null; engagementRate?: string | null }) =>
          edit('defaults.set', { channel: c, rates: { deliveryRate: d.deliveryRate ?? null, engagementRate: d.engagementRate ?? null, ...patch } } as never);
        const v = (x: string) => (x.trim() === '' ? null : x.trim());
        return (
          <div className="row" key={c} data-defaults={c}>
            <EditField label={`${c}: delivery rate`} value={d.deliveryRate == null ? '' : String(d.deliveryRate)} hint="0 to 1" width="10rem" onSave={(x) => save({ deliveryRate: v(x) })} />
            <EditField label={`${c}: engagement rate`} value={d.engagementRate == null ? '' : String(d.engagementRate)} hint="0 to 1" width="11rem" onSave={(x) => save({ engagementRate: v(x) })} />
          </div>
        );
      })}
    </section>
  );
}
