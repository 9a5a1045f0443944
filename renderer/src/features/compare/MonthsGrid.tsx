import { useId, useMemo, useState } from 'react';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { COST_COLUMNS, GRID_KEYS, VOLUME_COLUMNS, gridTsv, minorDigits, vendorGrids, type GridPeriod } from './months';
import { exact } from '../../format';
import './months.css';

/** "2027-01" as "Jan 2027" in the reader's language. */
function monthName(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

type Copied = { ok: true; rows: number } | { ok: false } | null;

/**
 * Messages and cost of each vendor month by month or year by year, with "Copy as table": every
 * vendor's rows as tab-separated text for a spreadsheet (months.ts builds it).
 */
export function MonthsGrid({ result }: { result: ComputeJson | null }) {
  const ids = useId();
  const [period, setPeriod] = useState<GridPeriod>('year');
  const [vendorId, setVendorId] = useState<string | null>(null);
  const [copied, setCopied] = useState<Copied>(null);
  const grids = useMemo(() => (result ? vendorGrids(result, period) : []), [result, period]);
  if (!result || grids.length === 0) return null;
  const cur = result.baseCurrency;
  const grid = grids.find((g) => g.id === vendorId) ?? grids[0]!;
  const digits = minorDigits(cur);
  const volume = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const uncovered = result.vendors.filter((v) => !v.tco).map((v) => v.name);
  const names = grids.map((g) => g.name);
  const listed = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const copy = async () => {
    const text = gridTsv(result, period);
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ ok: true, rows: grids.reduce((a, g) => a + g.rows.length, 0) });
    } catch {
      setCopied({ ok: false });
    }
  };
  const choose = (p: GridPeriod) => {
    setPeriod(p);
    setCopied(null);
  };
  return (
    <section aria-labelledby={`${ids}-h`} className="months-grid" data-months-grid>
      <h2 id={`${ids}-h`}>Messages and cost {period === 'month' ? 'month by month' : 'year by year'}</h2>
      <div className="row months-controls">
        <div className="field">
          <label htmlFor={`${ids}-vendor`}>Vendor</label>
          <select id={`${ids}-vendor`} value={grid.id} onChange={(e) => setVendorId(e.target.value)}>
            {grids.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="period-toggle">
          <legend>Rows</legend>
          {(['month', 'year'] as const).map((p) => (
            <label key={p}>
              <input type="radio" name={`${ids}-period`} value={p} checked={period === p} onChange={() => choose(p)} /> {p === 'month' ? 'By month' : 'By year'}
            </label>
          ))}
        </fieldset>
        <div className="field copy-field">
          <button type="button" onClick={() => void copy()} aria-describedby={`${ids}-copy-hint`}>
            Copy as table
          </button>
          <span className="hint" id={`${ids}-copy-hint`}>
            Every vendor's rows, to paste into a spreadsheet
          </span>
        </div>
      </div>
      {copied && (
        <p className={`hint${copied.ok ? '' : ' error'}`} role="status" data-copied={copied.ok ? 'yes' : 'no'}>
          {copied.ok
            ? `Copied ${copied.rows} rows of ${listed}, ${period === 'month' ? 'one a month' : 'one a year'}: paste them into a spreadsheet.`
            : 'The table could not be copied: this window may not use the clipboard. Select the table with the mouse and copy it instead.'}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label={`${grid.name}: messages and cost ${period === 'month' ? 'by month' : 'by year'} (scrolls sideways)`} tabIndex={0}>
        <table className="months-table" data-vendor={grid.id}>
          <caption className="sr-only">
            {grid.name}: messages and cost in {cur} {period === 'month' ? 'by month' : 'by year'}
          </caption>
          <thead>
            <tr>
              <th scope="col">{period === 'month' ? 'Month' : 'Year'}</th>
              {VOLUME_COLUMNS.map(([k, l]) => (
                <th scope="col" key={k}>
                  {l}
                </th>
              ))}
              {COST_COLUMNS.map(([k, l]) => (
                <th scope="col" key={k}>
                  {l} ({cur})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((r) => (
              <tr key={r.period}>
                <th scope="row">
                  {period === 'month' ? monthName(r.period) : r.period}
                  {period === 'year' && r.months < 12 && (
                    <span className="hint">
                      {' '}
                      ({r.months} month{r.months === 1 ? '' : 's'})
                    </span>
                  )}
                </th>
                {GRID_KEYS.map((k, i) => (
                  <td key={k} className={k === 'total' ? 'total' : undefined}>
                    {(i < VOLUME_COLUMNS.length ? volume : money).format(exact(r.values[k]))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {uncovered.length > 0 && (
        <p className="hint">
          {uncovered.join(', ')}: no months, as {uncovered.length === 1 ? 'it does' : 'they do'} not cover every message stream.
        </p>
      )}
    </section>
  );
}
