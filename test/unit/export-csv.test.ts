/**
 * CSV exports (electron/export/csv-tables.ts): the compare table and the monthly rows of MODEL.md
 * section 11's worked example, with the figures worked by hand there; RFC 4180 quoting; money at
 * the currency's minor unit; unit costs at 4 significant digits, never in exponent notation.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/compute.js';
import { Decimal } from '../../electron/engine/decimal.js';
import { csvExport, csvField, csvMoney, csvNumber, csvText, csvUnitCost } from '../../electron/export/csv-tables.js';
import { workedExampleDoc } from '../fixtures/docs.js';

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) throw new Error('the last line has no CRLF');
  return rows;
}

/** Rows as objects by header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => {
    expect(r).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((h, i) => [h, r[i]!]));
  });
}

const worked = (over: (d: any) => void = () => {}) => {
  const d: any = workedExampleDoc();
  over(d);
  return compute(readDocument(d), { draws: 0, breakEven: false, sensitivity: false });
};

describe('the compare table of MODEL.md section 11', () => {
  const text = csvExport(worked(), 'compare');
  const [a] = records(text);

  it('has a header row and one row per vendor, every line ended by CRLF', () => {
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',').slice(0, 8)).toEqual(['vendor_id', 'vendor', 'currency', 'covered', 'does_not_cover', 'assumed_rates', 'tco', 'npv']);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('money as plain decimals at the minor unit, worked by hand', () => {
    expect(a).toMatchObject({ vendor_id: 'A', vendor: 'Vendor A', currency: 'USD', covered: 'yes', does_not_cover: '', assumed_rates: '' });
    // 12·(700 + 300 + 10 + 500) + 4 + 1,000 = 19,124.00; r = 0, so the NPV is the same.
    expect(a!.tco).toBe('19124.00');
    expect(a!.npv).toBe('19124.00');
    expect(a!.usage).toBe('8400.00'); // 12 · (50,000·0.008 + 50,000·0.006)
    expect(a!.pass_through).toBe('3600.00'); // 12 · 100,000 · 0.003
    expect(a!.commit_true_up).toBe('0.00');
    expect(a!.fees).toBe('124.00'); // 4 + 12 · 10
    expect(a!.internal).toBe('1000.00'); // 10 h · 100
    expect(a!.remediation).toBe('6000.00'); // 12 · 5,000 failures · 0.10
  });

  it('counts and unit costs: 1,140,000 delivered, 114,000 effective; 0.01594, 0.01678, 0.1678', () => {
    expect(a!.sent).toBe('1200000');
    expect(a!.delivered).toBe('1140000');
    expect(a!.effective).toBe('114000');
    expect(a!.cost_per_sent).toBe('0.01594'); // 19,124 / 1,200,000 = 0.015936…
    expect(a!.cost_per_delivered).toBe('0.01678'); // 0.016775…
    expect(a!.cost_per_effective).toBe('0.1678'); // 0.167754…
  });

  it('what does not exist is an empty field: no draws, no benefits, no ROI', () => {
    for (const k of ['cost_per_effective_p5', 'cost_per_effective_p95', 'p_cheapest', 'benefits_risk_adjusted', 'roi', 'payback_month', 'cost_per_incremental']) expect(a![k], k).toBe('');
  });

  it('a binding monthly commit of 2,000: 1,300 trued up a month, TCO 34,724.00', () => {
    const [c] = records(
      csvExport(
        worked((d) => (d.vendors[0].quote.minimumMonthlyCommit = '2000')),
        'compare',
      ),
    );
    expect(c!.commit_true_up).toBe('15600.00'); // 12 · (2,000 − 700)
    expect(c!.tco).toBe('34724.00'); // 19,124 + 15,600
  });

  it('an uncovered vendor: listed, with no totals', () => {
    const [, b] = records(
      csvExport(
        worked((d) =>
          d.vendors.push({ ...JSON.parse(JSON.stringify(d.vendors[0])), id: 'B', name: 'Vendor B', quote: { ...d.vendors[0].quote, routes: [{ ...d.vendors[0].quote.routes[0], country: 'DE' }] } }),
        ),
        'compare',
      ),
    );
    expect(b).toMatchObject({ vendor_id: 'B', covered: 'no', does_not_cover: 'sms/US', tco: '', npv: '', cost_per_effective: '' });
  });

  it('the minor unit of the base currency: JPY none, KWD three', () => {
    // The same figures with the workspace and the quote in another currency.
    const inCurrency = (c: string) => worked((d) => (d.baseCurrency = d.vendors[0].quote.currency = c));
    expect(records(csvExport(inCurrency('JPY'), 'compare'))[0]!.tco).toBe('19124');
    expect(records(csvExport(inCurrency('KWD'), 'compare'))[0]!).toMatchObject({ tco: '19124.000', usage: '8400.000', currency: 'KWD' });
  });
});

describe('the monthly rows of MODEL.md section 11', () => {
  const rows = records(csvExport(worked(), 'monthly'));

  it('twelve rows whose amounts add up to the total, worked by hand', () => {
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({
      vendor_id: 'A',
      vendor: 'Vendor A', // the vendor's name, as a person reads it
      month: '1',
      period: '2027-01',
      sent: '100000',
      failed: '5000', // 100,000 − 95,000
      usage: '700.00',
      pass_through: '300.00',
      commit_true_up: '0.00',
      fees: '14.00', // brand 4 + campaign 10
      internal: '1000.00', // setup 10 h · 100
      remediation: '500.00', // 5,000 · 0.10
      total: '2514.00',
      discount_factor: '1',
      discounted_total: '2514.00',
      benefits_risk_adjusted: '0.00',
    });
    for (const r of rows.slice(1)) expect(r).toMatchObject({ usage: '700.00', pass_through: '300.00', fees: '10.00', internal: '0.00', remediation: '500.00', total: '1510.00' });
    expect(rows.map((r) => r.period)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12']);
    // 2,514 + 11 · 1,510 = 19,124
    expect(rows.reduce((s, r) => s + Math.round(Number(r.total) * 100), 0)).toBe(1_912_400);
  });

  it('discount factors at r = 12%: (1.12)^(-m/12), 0.8928571429 at month 12', () => {
    const r = records(
      csvExport(
        worked((d) => (d.discountRate = '0.12')),
        'monthly',
      ),
    );
    expect(r[11]!.discount_factor).toBe('0.8928571429'); // 1 / 1.12
    expect(r[11]!.discounted_total).toBe('1348.21'); // 1,510 / 1.12 = 1,348.214…
  });
});

describe('RFC 4180 fields and plain numbers', () => {
  it('quotes a field only when it holds a comma, a double quote, CR or LF, doubling its quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(' spaced ')).toBe(' spaced ');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(
      csvText([
        ['a', 'b'],
        ['1,5', '"x"'],
      ]),
    ).toBe('a,b\r\n"1,5","""x"""\r\n');
  });

  it('a vendor name with a comma, quotes and a line break reads back whole', () => {
    const name = 'Acme, "Best" Ltd\nEurope';
    const text = csvExport(
      worked((d) => (d.vendors[0].name = name)),
      'compare',
    );
    expect(text).toContain('"Acme, ""Best"" Ltd\nEurope"');
    expect(records(text)[0]!.vendor).toBe(name);
  });

  it('money half away from zero at the minor unit; unit costs at 4 significant digits without exponents', () => {
    expect(csvMoney(new Decimal('0.125'), 'USD')).toBe('0.13');
    expect(csvMoney(new Decimal('-0.125'), 'USD')).toBe('-0.13');
    expect(csvMoney(new Decimal('1234567.994999'), 'USD')).toBe('1234567.99');
    expect(csvMoney(new Decimal('2.5'), 'JPY')).toBe('3');
    expect(csvMoney(null, 'USD')).toBeNull();
    expect(csvUnitCost(new Decimal('0.0000001234567'))).toBe('0.0000001235');
    expect(csvUnitCost(new Decimal('123456.7'))).toBe('123500');
    expect(csvUnitCost(1.23456e-7)).toBe('0.0000001235');
    expect(csvNumber(new Decimal('1140000.0000000001'))).toBe('1140000');
    expect(csvNumber(new Decimal('12.3456789'))).toBe('12.345679');
    expect(csvNumber(1e-7)).toBe('0');
  });
});
