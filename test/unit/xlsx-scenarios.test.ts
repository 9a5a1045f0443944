// The workbook's Scenarios sheet and the negotiation targets on its Summary (issue 17 item 4),
// read back from the .xlsx bytes. The workspace is test/unit/decisions.test.ts's, worked by hand:
// USD, 12 months, r = 0, one SMS stream to the US of 100,000 a month, DR = 1 and ER = 0.1 assumed,
// so 120,000 effective messages a vendor;
//   A: flat 0.01 → 12,000, 0.1;  B: 0.006 with a 900 monthly commit → 10,800, 0.09 (cheapest);
//   C: 0.005 and 1,000 a month → 18,000, 0.15.
// Scenario "A cuts its price": A at 0.008 → 9,600, 0.08: the decision flips to A.
// Scenario "Volume +30%": 130,000 a month → A 15,600, B 12 × max(780, 900) = 10,800, C 19,800: B stays.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { xlsxBytes } from '../../electron/export/xlsx/index.js';
import { computeWithScenarios } from '../../electron/services/scenarios.js';
import { threeVendorDoc } from '../fixtures/docs.js';

const doc = (scenarios: unknown[]) => threeVendorDoc({ scenarios });

async function workbook(scenarios: unknown[]): Promise<ExcelJS.Workbook> {
  const ws = readDocument(doc(scenarios));
  const wb = new ExcelJS.Workbook();
  // ExcelJS types its input as an ArrayBuffer (its own `Buffer`): a copy of the bytes in one of their own.
  await wb.xlsx.load(new Uint8Array(await xlsxBytes(ws, computeWithScenarios(ws, { draws: 0 }))).buffer);
  return wb;
}

/** Every row of a sheet as its cells' values (from column A), for finding rows by their text. */
function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((r, n) => (out[n] = (r.values as unknown[]).slice(1)));
  return out.filter(Boolean);
}
const rowOf = (sheet: ExcelJS.Worksheet, first: unknown) => rows(sheet).find((r) => r[0] === first);

const SCENARIOS = [
  // With the check an edit made in the app writes before its change: a check is not a change, and is not listed.
  {
    id: 'cut',
    name: 'A cuts its price',
    patch: [
      { op: 'test', path: '/vendors/0/id', value: 'A' },
      { op: 'replace', path: '/vendors/0/quote/routes/0/price', value: '0.008' },
    ],
  },
  { id: 'volume', name: 'Volume +30%', patch: [{ op: 'replace', path: '/streams/0/monthlyVolume', value: '130000' }] },
];

describe('the Scenarios sheet', () => {
  it('the cheapest of the base and each scenario, the flips, the totals and the changes in words', async () => {
    const s = (await workbook(SCENARIOS)).getWorksheet('Scenarios')!;
    expect(rowOf(s, 'Base')).toEqual(['Base', 'Vendor B', '']);
    expect(rowOf(s, 'A cuts its price')).toEqual(['A cuts its price', 'Vendor A', 'flips (base: Vendor B)']);
    expect(rowOf(s, 'Volume +30%')).toEqual(['Volume +30%', 'Vendor B', 'same as the base']);
    const all = rows(s);
    const cut = all.findIndex((r) => r[0] === 'Scenario: A cuts its price');
    const volume = all.findIndex((r) => r[0] === 'Scenario: Volume +30%');
    expect(cut).toBeGreaterThan(0);
    // A cuts its price: A 9,600.00 and 0.08; B and C as in the base.
    expect(all.slice(cut, volume).filter((r) => ['A', 'B', 'C'].includes(r[0] as string))).toEqual([
      ['A', 'Vendor A', 9600, 9600, 0.08],
      ['B', 'Vendor B', 10800, 10800, 0.09],
      ['C', 'Vendor C', 18000, 18000, 0.15],
    ]);
    expect(all.slice(cut, volume)).toContainEqual([1, "Vendor A's price on SMS to the US: 0.008 instead of 0.01"]);
    expect(JSON.stringify(all.slice(cut, volume))).not.toContain('checked');
    // Volume +30%: effective 156,000; A 15,600 → 0.1; B 10,800 → 0.06923 (4 significant digits); C 19,800 → 0.1269.
    expect(all.slice(volume).filter((r) => ['A', 'B', 'C'].includes(r[0] as string))).toEqual([
      ['A', 'Vendor A', 15600, 15600, 0.1],
      ['B', 'Vendor B', 10800, 10800, 0.06923],
      ['C', 'Vendor C', 19800, 19800, 0.1269],
    ]);
    expect(all.slice(volume)).toContainEqual([1, 'The monthly volume of "US alerts": 130000 instead of 100000']);
    // No JSON Pointer anywhere on the sheet.
    expect(JSON.stringify(all)).not.toMatch(/\/vendors|\/streams/);
  });

  it('says so when there is none', async () => {
    const s = (await workbook([])).getWorksheet('Scenarios')!;
    expect(rows(s).some((r) => String(r[0]).startsWith('No scenarios'))).toBe(true);
  });
});

describe('the negotiation targets on the Summary', () => {
  it('price to win per vendor, the change of the price list, and the target in words', async () => {
    const s = (await workbook([])).getWorksheet('Summary')!;
    const p = rowOf(s, 'Price to win: multiplier of the price list')!;
    // A: 12,000·p ≤ 10,800 → 0.9; B: 12 × max(600·p, 900) ≤ 12,000 → 5/3; C: none (12,000 at p = 0 > 10,800).
    expect(p[1] as number).toBeCloseTo(0.9, 5);
    expect(p[2] as number).toBeCloseTo(5 / 3, 5);
    expect(p[3]).toBe('none');
    const change = rowOf(s, 'Price list change at which it is the cheapest (headroom when positive)')!;
    expect(change[1] as number).toBeCloseTo(-0.1, 5);
    expect(change[2] as number).toBeCloseTo(2 / 3, 5);
    expect(rowOf(s, 'In words')).toEqual([
      'In words',
      'Vendor A becomes the cheapest per effective message at a 10.0% lower price list',
      'Vendor B stays the cheapest up to a 66.7% higher price list (its headroom)',
      'Vendor C cannot become the cheapest by price alone',
    ]);
  });
});
