/**
 * The compare screen's month-by-month and year-by-year grid and its "Copy as table" text
 * (renderer/src/features/compare/months.ts), on a workspace small enough to work by hand: 13 months
 * from 2027-01 (so year 2 has one month), one SMS stream of 1,000 messages a month, an assumed
 * delivery rate of 90% and engagement rate of 10%, a price of 0.01 escalated 10% a year, 0.002 of
 * pass-through (never escalated), a once fee of 5 in month 1, half an hour a month at 100 an hour,
 * and 0.10 per failed message.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/compute.js';
import { computeJson, type ComputeJson, type MonthJson, type VendorJson } from '../../electron/engine/result-json.js';
import { gridTsv, monthRows, vendorGrids, yearRows } from '../../renderer/src/features/compare/months.js';
import { thirteenMonthsDoc } from '../fixtures/docs.js';

const doc = thirteenMonthsDoc({
  name: 'Grid',
  vendorA: 'Vendor\tA (global)',
  // Covers no stream: no totals, no months, not in the grid.
  others: [{ id: 'C', name: 'Vendor C', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.001' }], fees: [] } }],
});

const result = (): ComputeJson => computeJson(compute(readDocument(doc), { draws: 0, sensitivity: false, breakEven: false }), { monthly: true });

describe('the months of a vendor', () => {
  it('has sent, delivered and effective messages and cost by category for each month, worked by hand', () => {
    const r = result();
    const a = r.vendors.find((v) => v.id === 'A')!;
    const rows = monthRows(a, 'USD');
    expect(rows).toHaveLength(13);
    // Month 1: 1,000 sent; 1,000 · 0.9 = 900 delivered; 900 · 0.1 = 90 effective; 100 failed.
    // usage 1,000 · 0.01 = 10.00; pass-through 1,000 · 0.002 = 2.00; fees 5.00 (once, month 1);
    // internal 0.5 h · 100 = 50.00; remediation 100 · 0.10 = 10.00; total 10 + 2 + 5 + 50 + 10 = 77.00.
    expect(rows[0]).toEqual({
      period: '2027-01',
      months: 1,
      values: {
        sent: '1000.00',
        delivered: '900.00',
        effective: '90.00',
        usage: '10.00',
        passThrough: '2.00',
        commitTrueUp: '0.00',
        fees: '5.00',
        internal: '50.00',
        remediation: '10.00',
        total: '77.00',
      },
    });
    // Month 2: no fee: 10 + 2 + 50 + 10 = 72.00.
    expect(rows[1]!.values.total).toBe('72.00');
    // Month 13 is contract year 2: usage 10 · 1.1 = 11.00; pass-through stays 2.00: 11 + 2 + 50 + 10 = 73.00.
    expect(rows[12]).toEqual({
      period: '2028-01',
      months: 1,
      values: {
        sent: '1000.00',
        delivered: '900.00',
        effective: '90.00',
        usage: '11.00',
        passThrough: '2.00',
        commitTrueUp: '0.00',
        fees: '0.00',
        internal: '50.00',
        remediation: '10.00',
        total: '73.00',
      },
    });
  });

  it('adds up to years of 12 months, the 13th month a year 2 of one month, and the years to the TCO', () => {
    const r = result();
    const a = r.vendors.find((v) => v.id === 'A')!;
    const years = yearRows(monthRows(a, 'USD'));
    // Year 1: 12,000 sent, 10,800 delivered, 1,080 effective; usage 12 · 10 = 120.00; pass-through
    // 24.00; fees 5.00; internal 600.00; remediation 120.00; total 77 + 11 · 72 = 869.00
    // (= 120 + 24 + 5 + 600 + 120).
    expect(years).toEqual([
      {
        period: 'Year 1',
        months: 12,
        values: {
          sent: '12000.00',
          delivered: '10800.00',
          effective: '1080.00',
          usage: '120.00',
          passThrough: '24.00',
          commitTrueUp: '0.00',
          fees: '5.00',
          internal: '600.00',
          remediation: '120.00',
          total: '869.00',
        },
      },
      {
        period: 'Year 2',
        months: 1,
        values: {
          sent: '1000.00',
          delivered: '900.00',
          effective: '90.00',
          usage: '11.00',
          passThrough: '2.00',
          commitTrueUp: '0.00',
          fees: '0.00',
          internal: '50.00',
          remediation: '10.00',
          total: '73.00',
        },
      },
    ]);
    // 869 + 73 = 942.00: the vendor's TCO.
    expect(Number(a.tco!.nominal)).toBeCloseTo(942, 10);
    // The engine's own totals of messages: 13 · 900 = 11,700 delivered, 13 · 90 = 1,170 effective.
    expect(a.delivered).toBeCloseTo(11700, 9);
    expect(a.effective).toBeCloseTo(1170, 9);
  });

  it('rounds each month once (half away from zero) and a year is the exact sum of its months as shown', () => {
    // Two months of 0.125 and 0.135: shown 0.13 and 0.14, so the year is 0.27 (not 0.26, the
    // exact 0.260 rounded): a pasted sheet's months add up to its year.
    const month = (i: number, usage: string): MonthJson => ({
      month: i,
      period: `2027-0${i}`,
      usage,
      passThrough: '0',
      commitTrueUp: '0',
      fees: '0',
      internal: '0',
      remediation: '0',
      total: usage,
      discountFactor: '1',
      benefits: '0',
      sent: 1.005,
      failed: 0,
      delivered: 0.335,
      effective: 0.125,
    });
    const v = { id: 'X', name: 'X', tco: {}, monthly: [month(1, '0.125'), month(2, '0.135')] } as unknown as VendorJson;
    const rows = monthRows(v, 'USD');
    // 1.005 is 1.00499999… as a binary number; 2 decimals of it read as "1.005" give 1.01 (half up on the decimal text).
    expect(rows.map((r) => [r.values.usage, r.values.sent, r.values.delivered, r.values.effective])).toEqual([
      ['0.13', '1.01', '0.34', '0.13'],
      ['0.14', '1.01', '0.34', '0.13'],
    ]);
    const [y] = yearRows(rows);
    expect(y!.values.usage).toBe('0.27');
    expect(y!.values.sent).toBe('2.02');
    expect(y!.months).toBe(2);
  });

  it('uses the minor unit of the currency: whole yen', () => {
    const m: MonthJson = {
      month: 1,
      period: '2027-01',
      usage: '1234.5',
      passThrough: '0',
      commitTrueUp: '0',
      fees: '0',
      internal: '0.4',
      remediation: '0',
      total: '1234.9',
      discountFactor: '1',
      benefits: '0',
      sent: 1,
      failed: 0,
      delivered: 1,
      effective: 1,
    };
    const v = { id: 'X', name: 'X', tco: {}, monthly: [m] } as unknown as VendorJson;
    // 1,234.5 → 1,235 (half away from zero); internal 0.4 → 0; total 1,234.9 → 1,235.
    expect(monthRows(v, 'JPY')[0]!.values).toMatchObject({ usage: '1235', internal: '0', total: '1235' });
  });
});

describe("the engine's delivered and effective messages of each month", () => {
  it('add up each rate group (a pilot on one route, assumed rates on another) and sum to the totals', () => {
    // SMS to the US, 1,000 a month, measured by a pilot: DR = 950 / 1,000 = 0.95, ER = 95 / 950 = 0.1;
    // email, 2,000 a month, assumed: DR 0.98, ER 0.03. A month: delivered 1,000 · 0.95 + 2,000 · 0.98
    // = 950 + 1,960 = 2,910; effective 950 · 0.1 + 1,960 · 0.03 = 95 + 58.8 = 153.8.
    const two = {
      ...doc,
      horizonMonths: 3,
      defaults: { email: { deliveryRate: 0.98, engagementRate: 0.03 } },
      streams: [doc.streams[0], { id: 'e', name: 'Receipts', channel: 'email', monthlyVolume: 2000 }],
      vendors: [
        {
          id: 'A',
          name: 'A',
          quote: {
            currency: 'USD',
            routes: [
              { channel: 'sms', country: 'US', price: '0.01' },
              { channel: 'email', price: '0.001' },
            ],
          },
          pilots: [{ channel: 'sms', country: 'US', sent: 1000, delivered: 950, engaged: 95 }],
        },
      ],
    };
    const a = computeJson(compute(readDocument(two), { draws: 0 }), { monthly: true }).vendors[0]!;
    for (const m of a.monthly!) {
      expect(m.sent).toBe(3000);
      expect(m.delivered).toBeCloseTo(2910, 9);
      expect(m.effective).toBeCloseTo(153.8, 9);
    }
    // Three months: 8,730 delivered and 461.4 effective, the vendor's own totals.
    expect(a.delivered).toBeCloseTo(8730, 9);
    expect(a.effective).toBeCloseTo(461.4, 9);
  });
});

describe('Copy as table (tab-separated text)', () => {
  it('has a header row, a row per vendor and month, names as the user wrote them, plain decimals', () => {
    const text = gridTsv(result(), 'month');
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(1 + 13 + 1); // header, 13 months, the empty string after the last CRLF
    expect(lines[0]).toBe(
      [
        'Vendor',
        'Month',
        'Sent messages',
        'Delivered messages',
        'Effective messages',
        'Usage (USD)',
        'Pass-through (USD)',
        'Commit true-up (USD)',
        'Fees (USD)',
        'Internal (USD)',
        'Remediation (USD)',
        'Total cost (USD)',
      ].join('\t'),
    );
    // The tab inside the vendor's name would split the row: it is a space.
    expect(lines[1]).toBe(['Vendor A (global)', '2027-01', '1000.00', '900.00', '90.00', '10.00', '2.00', '0.00', '5.00', '50.00', '10.00', '77.00'].join('\t'));
    expect(lines[13]).toBe(['Vendor A (global)', '2028-01', '1000.00', '900.00', '90.00', '11.00', '2.00', '0.00', '0.00', '50.00', '10.00', '73.00'].join('\t'));
    // No currency sign, no grouping: every cell after the second is a plain decimal.
    for (const line of lines.slice(1, -1)) for (const c of line.split('\t').slice(2)) expect(c).toMatch(/^-?\d+\.\d{2}$/);
    // Vendor C covers no stream: not in the text.
    expect(text).not.toContain('Vendor C');
  });

  it('by year: each year is the sum of its months in the by-month text, to the cent', () => {
    const r = result();
    const months = gridTsv(r, 'month')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split('\t'));
    const years = gridTsv(r, 'year').trim().split('\r\n');
    expect(years[0]!.split('\t')[1]).toBe('Year');
    expect(years.slice(1)).toEqual([
      ['Vendor A (global)', 'Year 1', '12000.00', '10800.00', '1080.00', '120.00', '24.00', '0.00', '5.00', '600.00', '120.00', '869.00'].join('\t'),
      ['Vendor A (global)', 'Year 2', '1000.00', '900.00', '90.00', '11.00', '2.00', '0.00', '0.00', '50.00', '10.00', '73.00'].join('\t'),
    ]);
    // Summed in cents (whole numbers, exact): months 1–12 give year 1, month 13 gives year 2.
    const cents = (rows: string[][], col: number) => rows.reduce((a, row) => a + Math.round(Number(row[col]) * 100), 0);
    for (let col = 2; col < 12; col++) {
      expect(cents(months.slice(0, 12), col)).toBe(Math.round(Number(years[1]!.split('\t')[col]) * 100));
      expect(cents(months.slice(12), col)).toBe(Math.round(Number(years[2]!.split('\t')[col]) * 100));
    }
  });

  it('lists only vendors with totals', () => {
    expect(vendorGrids(result(), 'year').map((g) => g.id)).toEqual(['A']);
  });
});
