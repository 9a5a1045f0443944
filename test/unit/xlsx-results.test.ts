/**
 * The values stored with the workbook's formulas (electron/export/xlsx/results.ts), on small
 * sheets whose numbers are worked by hand; test/integration/xlsx-libreoffice.test.ts compares every
 * stored value of whole exports with LibreOffice's.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { storeResults } from '../../electron/export/xlsx/results.js';

function book(cells: Record<string, Record<string, unknown>>): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const [name, values] of Object.entries(cells)) {
    const ws = wb.addWorksheet(name);
    for (const [address, v] of Object.entries(values)) ws.getCell(address).value = (typeof v === 'string' && v.startsWith('=') ? { formula: v.slice(1) } : v) as ExcelJS.CellValue;
  }
  return wb;
}

const result = (wb: ExcelJS.Workbook, sheet: string, address: string) => wb.getWorksheet(sheet)!.getCell(address).result;

describe('the value stored with each formula', () => {
  it('arithmetic, powers, references across sheets and the formula left as written', () => {
    const wb = book({ Inputs: { A1: 100000, A2: 0.1 }, Calc: { B1: '=Inputs!$A$1*(1+Inputs!$A$2)^(2-1)', B2: '=-B1/4+2^3' } });
    expect(storeResults(wb, ['Inputs', 'Calc'])).toBe(0);
    // 100,000 · 1.1 = 110,000 (to a binary float's last digit); −110,000/4 + 8 = −27,492.
    expect(result(wb, 'Calc', 'B1')).toBeCloseTo(110000, 9);
    expect(result(wb, 'Calc', 'B2')).toBeCloseTo(-27492, 9);
    expect(wb.getWorksheet('Calc')!.getCell('B1').formula).toBe('Inputs!$A$1*(1+Inputs!$A$2)^(2-1)');
  });

  it('SUMPRODUCT of array arithmetic, SUMIFS on a month, IF, MIN over text, INDEX and dates', () => {
    const wb = book({
      S: {
        A1: 0.4,
        B1: 0.0045,
        A2: 0.6,
        B2: 0.003,
        C1: 1,
        D1: 10,
        C2: 2,
        D2: 20,
        C3: 1,
        D3: 5,
        E1: '',
        E2: 7,
        E3: 3,
        F1: 46388, // 2027-01-01
        G1: '=SUMPRODUCT($A$1:$A$2,$B$1:$B$2)',
        G2: '=SUMPRODUCT($A$1:$A$2,(1+$A$1:$A$2)^2)',
        G3: '=SUMIFS($D$1:$D$3,$C$1:$C$3,1)',
        G4: '=IF(G3>=15,"ok",1/0)',
        G5: '=MIN($E$1:$E$3)',
        G6: '=INDEX($C$1:$D$3,2,2)',
        G7: '=MONTH(DATE(YEAR(F1),MONTH(F1)+13,1))',
        G8: '=ROUND(2.675,2)+ROUND(-0.125,2)',
        G9: '=1/0',
      },
    });
    expect(storeResults(wb, ['S'])).toBe(1); // G9 divides by 0: left for a recalculating program
    // 0.4 · 0.0045 + 0.6 · 0.003 = 0.0018 + 0.0018 = 0.0036.
    expect(result(wb, 'S', 'G1')).toBeCloseTo(0.0036, 15);
    // 0.4 · 1.4² + 0.6 · 1.6² = 0.784 + 1.536 = 2.32.
    expect(result(wb, 'S', 'G2')).toBeCloseTo(2.32, 12);
    // Rows with 1 in C: 10 + 5 = 15.
    expect(result(wb, 'S', 'G3')).toBe(15);
    expect(result(wb, 'S', 'G4')).toBe('ok');
    // The text cell E1 is not a number: min(7, 3) = 3.
    expect(result(wb, 'S', 'G5')).toBe(3);
    expect(result(wb, 'S', 'G6')).toBe(20);
    // January 2027 + 13 months = February 2028.
    expect(result(wb, 'S', 'G7')).toBe(2);
    // Half away from zero at the decimal typed: 2.68 and −0.13.
    expect(result(wb, 'S', 'G8')).toBeCloseTo(2.55, 12);
    expect(result(wb, 'S', 'G9')).toBeUndefined();
  });
});
