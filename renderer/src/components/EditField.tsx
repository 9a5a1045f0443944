import { forwardRef, useEffect, useId, useRef, useState, type Ref } from 'react';
import type { ApiError } from '../../../electron/api/errors.js';
import { locale } from '../format';
import { numberMarks, parseNumber, type NumberKind } from '../numbers';
import { useRevision, useStore } from '../state/store';
import { inWords } from '../words';

interface Props {
  label: string;
  value: string;
  hint?: string;
  /**
   * Saves the text (for a number field, the exact decimal it reads as); resolves to the error that
   * refused it, or null.
   */
  onSave: (raw: string) => Promise<ApiError | null>;
  options?: readonly string[];
  /** How an option reads on screen ("SMS" for sms, "a seat a month" for seat-month); the option itself when absent. */
  optionLabel?: (option: string) => string;
  width?: string;
  /** A number field: the text is read as people write numbers (numbers.ts) before it is saved. */
  number?: NumberKind;
  /** Empty text is saved as is (the field may be left empty); otherwise a number field refuses it. */
  optional?: boolean;
  id?: string;
}

/**
 * A labelled field that saves as you type; a refused value stays in place, marked, with the reason.
 *
 * What is typed is what is stored: while the field has the focus (and until its last save is
 * answered) it shows its own draft, never the stored value, so the answer to an earlier keystroke
 * cannot write an older value over the text being typed. Only the newest save's answer marks the
 * field; answers to older ones are ignored. An undo or redo (the store's revision) shows the stored
 * value again.
 */
export const EditField = forwardRef<HTMLInputElement | HTMLSelectElement, Props>(function EditField({ label, value, hint, onSave, options, optionLabel, width, number, optional, id: given }, ref) {
  const made = useId();
  const id = given ?? made;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  /** The number of the newest save; the answer of an older one is ignored. */
  const newest = useRef(0);
  /** Saves sent and not yet answered. */
  const pending = useRef(0);
  const revision = useRevision();
  useEffect(() => {
    // Undo, redo or another workspace: the stored value is what to show.
    setDraft(null);
    setError(null);
  }, [revision]);
  const save = async (raw: string) => {
    setDraft(raw);
    const seq = ++newest.current;
    let text = raw;
    if (number && !(optional && raw.trim() === '')) {
      const parsed = parseNumber(raw, number, locale);
      if (!parsed.ok) {
        setError(parsed.reason);
        return;
      }
      text = parsed.value;
    }
    pending.current++;
    let e: ApiError | null;
    try {
      e = await onSave(text);
    } finally {
      pending.current--;
    }
    if (seq !== newest.current) return;
    if (e) setError(inWords(e, useStore.getState().workspace?.document ?? null, label));
    else {
      setError(null);
      if (!focused.current) setDraft(null);
    }
  };
  const blur = () => {
    focused.current = false;
    // Saved and answered: show the stored value (a refused one stays, marked, to be corrected).
    if (pending.current === 0 && error === null) setDraft(null);
  };
  // A stored number is shown with the locale's decimal mark, so it reads back as typed there.
  const shown = draft ?? (number && /^-?\d+\.\d+$/.test(value) ? value.replace('.', numberMarks(locale).decimal) : value);
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': `${id}-m`,
    onFocus: () => (focused.current = true),
    onBlur: blur,
  } as const;
  return (
    <div className="field" style={width ? { width } : undefined}>
      <label htmlFor={id}>{label}</label>
      {options ? (
        <select {...common} ref={ref as Ref<HTMLSelectElement>} value={shown} onChange={(e) => void save(e.target.value)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabel ? optionLabel(o) : o}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} ref={ref as Ref<HTMLInputElement>} value={shown} inputMode={number === 'integer' ? 'numeric' : number ? 'decimal' : undefined} onChange={(e) => void save(e.target.value)} />
      )}
      <span id={`${id}-m`} className={error ? 'error' : 'hint'} aria-live="polite">
        {error ?? hint ?? ''}
      </span>
    </div>
  );
});

/**
 * A field of fixed options whose save takes the option chosen, typed as the options are (a channel,
 * a tier mode), so the edit it makes is checked against the operation's own type.
 */
export function OptionField<T extends string>({
  options,
  onSave,
  optionLabel,
  ...rest
}: Omit<Props, 'options' | 'optionLabel' | 'onSave' | 'number' | 'optional'> & {
  options: readonly T[];
  optionLabel?: (option: T) => string;
  onSave: (option: T) => Promise<ApiError | null>;
}) {
  /** The option the select's text is (a select gives back what it was given). */
  const optionOf = (raw: string) => options.find((o) => o === raw);
  const chosen = (raw: string) => {
    const option = optionOf(raw);
    // A select offers its options only: anything else is refused here, as the app would refuse it.
    return option === undefined ? Promise.resolve<ApiError>({ code: 'INVALID_INPUT', message: `must be one of ${options.join(', ')}` }) : onSave(option);
  };
  const labelOf =
    optionLabel &&
    ((raw: string) => {
      const option = optionOf(raw);
      return option === undefined ? raw : optionLabel(option);
    });
  return <EditField {...rest} options={options} {...(labelOf ? { optionLabel: labelOf } : {})} onSave={chosen} />;
}
