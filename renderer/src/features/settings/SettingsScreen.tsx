import { useState } from 'react';
import type { ApiError } from '../../../../electron/api/errors.js';
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
        <p className="hint">Base currency: {doc.baseCurrency}</p>
      </form>
    </section>
  );
}
