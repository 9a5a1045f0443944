import { useId, useState } from 'react';
import type { ApiError } from '../../../../electron/api/errors.js';
import { CheckedField } from '../vendors/CheckedField';
import { asPercent, growth } from '../vendors/inputs';

interface Props {
  annualGrowth: string;
  monthlyGrowth: string;
  /** Sends both growths: the one chosen, and 0 for the other (MODEL.md section 3: never both). */
  send: (patch: { annualGrowth: string; monthlyGrowth: string }) => Promise<ApiError | null>;
}

/**
 * A stream's growth, per year (steps each contract year) or per month (compounding every month),
 * with a toggle between the two; "2%" and 0.02 are the same growth.
 */
export function GrowthField({ annualGrowth, monthlyGrowth, send }: Props) {
  const id = useId();
  const [chosen, setChosen] = useState<'year' | 'month' | null>(null);
  const per = chosen ?? (Number(monthlyGrowth) !== 0 ? 'month' : 'year');
  const value = per === 'month' ? monthlyGrowth : annualGrowth;
  const patch = (p: 'year' | 'month', v: string) => (p === 'month' ? { annualGrowth: '0', monthlyGrowth: v } : { annualGrowth: v, monthlyGrowth: '0' });
  return (
    <div className="field growth" data-growth={per}>
      <div className="toggle" role="radiogroup" aria-label="Growth per">
        {(['year', 'month'] as const).map((p) => (
          <label key={p}>
            <input
              type="radio"
              name={`growth-${id}`}
              checked={per === p}
              onChange={() => {
                setChosen(p);
                // The growth typed moves to the other kind: 2% a year becomes 2% a month.
                if (p !== per) void send(patch(p, value));
              }}
            />{' '}
            per {p}
          </label>
        ))}
      </div>
      <CheckedField
        label={`Growth a ${per}`}
        value={value}
        width="9rem"
        hint={Number(value) !== 0 ? `${asPercent(value)} a ${per}` : '2% or 0.02'}
        parse={(raw) => growth(raw, per)}
        send={(v) => send(patch(per, v))}
      />
    </div>
  );
}
