import { useEffect, useId, useState } from 'react';
import type { ApiError } from '../../../electron/api/errors.js';

interface Props {
  label: string;
  value: string;
  hint?: string;
  /** Saves the raw text; resolves to the error that refused it, or null. */
  onSave: (raw: string) => Promise<ApiError | null>;
  options?: readonly string[];
  width?: string;
}

/** A labelled field that saves as you type; a refused value stays in place, marked, with the reason. */
export function EditField({ label, value, hint, onSave, options, width }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (draft === null) setError(null);
  }, [value, draft]);
  const save = async (raw: string) => {
    setDraft(raw);
    const e = await onSave(raw);
    if (e) setError(e.message.replace(/^[\w.]+: \$[^:]*: /, '').replace(/^\$[^:]*: /, ''));
    else {
      setError(null);
      setDraft(null);
    }
  };
  const shown = draft ?? value;
  return (
    <div className="field" style={width ? { width } : undefined}>
      <label htmlFor={id}>{label}</label>
      {options ? (
        <select id={id} value={shown} onChange={(e) => void save(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-m`}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} value={shown} onChange={(e) => void save(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-m`} />
      )}
      <span id={`${id}-m`} className={error ? 'error' : 'hint'}>
        {error ?? hint ?? ''}
      </span>
    </div>
  );
}
