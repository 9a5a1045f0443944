import { useId, useState } from 'react';
import type { ApiError } from '../../../../electron/api/errors.js';
import type { Parsed } from './inputs';

interface Props<T> {
  label: string;
  value: string;
  /** Reads the text typed: the value to send, or a sentence saying what to type. */
  parse: (raw: string) => Parsed<T>;
  /** Sends a value read; resolves to the error that refused it, or null. */
  send: (value: T) => Promise<ApiError | null>;
  hint?: string;
  width?: string;
  /** In a table: the label is for assistive technology only (the column header shows it). */
  bare?: boolean;
}

/** The app's words for a refusal: the sentence without the document path the service puts first. */
export function refusal(e: ApiError): string {
  const text = e.message.replace(/^[\w.]+: \$[^:]*: /, '').replace(/^\$[^:]*: /, '');
  return /^[a-z]/.test(text) ? `This value cannot be used: ${text}.`.replace(/\.\.$/, '.') : text;
}

/**
 * A field of the price rules: what is typed is read at once (a sentence in place when it cannot be
 * used, nothing sent), then sent; the text stays as typed while the field has focus ("2%" is not
 * rewritten to 0.02 under the cursor).
 */
export function CheckedField<T>({ label, value, parse, send, hint, width, bare }: Props<T>) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const save = async (raw: string) => {
    setDraft(raw);
    const read = parse(raw);
    if (!read.ok) {
      setError(read.error);
      return;
    }
    const refused = await send(read.value);
    setError(refused ? refusal(refused) : null);
  };
  const shown = draft !== null && (focused || error) ? draft : value;
  return (
    <div className="field" style={width ? { width } : undefined}>
      {!bare && <label htmlFor={id}>{label}</label>}
      <input
        id={id}
        aria-label={bare ? label : undefined}
        value={shown}
        onChange={(e) => void save(e.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (!error) setDraft(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-m`}
      />
      <span id={`${id}-m`} className={error ? 'error' : 'hint'} role={error ? 'alert' : undefined}>
        {error ?? hint ?? ''}
      </span>
    </div>
  );
}
