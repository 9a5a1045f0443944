import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import { CATEGORY_LABELS } from '../../charts/datasets';
import { money } from '../../format';
import { yearMonth } from './fmt';
import { YEAR_CATEGORIES, yearCosts } from './years';
import './years.css';

/**
 * Cost by contract year: each vendor's years by category, then its total (its TCO). Part of the
 * cost section, after the TCO by category; its heading is kept with the first rows.
 */
export function YearCostsTable({ result }: { result: ComputeJson }) {
  const cur = result.baseCurrency;
  const rows = result.vendors.map((v) => ({ v, y: yearCosts(v) })).filter((x) => x.y !== null);
  if (rows.length === 0) return null;
  return (
    <section className="report-part" data-part="years" aria-labelledby="years-h">
      <h3 id="years-h">Cost by contract year ({cur}, nominal)</h3>
      <p className="lead">
        Each contract year is 12 months, from {yearMonth(result.startMonth)}
        {result.horizonMonths % 12 !== 0 ? `; the last has ${result.horizonMonths % 12} month${result.horizonMonths % 12 === 1 ? '' : 's'}` : ''}. A vendor's total is its TCO.
      </p>
      <table className="report-table numbers" data-table="years" data-small={rows.reduce((a, x) => a + x.y!.years.length + 1, 0) <= 30 ? '' : undefined}>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Year</th>
            {YEAR_CATEGORIES.map((k) => (
              <th scope="col" key={k}>
                {CATEGORY_LABELS[k]}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        {rows.map(({ v, y }) => (
          <tbody key={v.id} data-vendor={v.id} className="vendor-years">
            {y!.years.map((yr, i) => (
              <tr key={yr.year} className={i === 0 ? 'group-start' : undefined}>
                <th scope="row">{i === 0 ? v.name : ''}</th>
                <td>
                  {yr.year}
                  {yr.months < 12 ? ` (${yr.months} mo.)` : ''}
                </td>
                {YEAR_CATEGORIES.map((k) => (
                  <td key={k}>{money(yr.byCategory[k], cur)}</td>
                ))}
                <td>{money(yr.total, cur)}</td>
              </tr>
            ))}
            <tr className="total-row" data-total={v.id}>
              <th scope="row">{y!.years.length > 0 ? '' : v.name}</th>
              <td>Total</td>
              {YEAR_CATEGORIES.map((k) => (
                <td key={k}>{money(y!.total.byCategory[k], cur)}</td>
              ))}
              <td>
                <strong>{money(y!.total.total, cur)}</strong>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </section>
  );
}
