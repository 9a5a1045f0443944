/**
 * Cell addresses and formulas. Every formula the workbook holds is built from these: absolute
 * references into another sheet (`Inputs!$F$12`), relative ones within a row, and ranges.
 */
import type { CellFormulaValue } from 'exceljs';

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `$F$12` (absolute) or `F12`. */
export function addr(col: number, row: number, absolute = true): string {
  return absolute ? `$${colLetter(col)}$${row}` : `${colLetter(col)}${row}`;
}

/** A reference to a cell of a sheet: `Inputs!$F$12`. Sheet names here never need quoting. */
export function ref(sheet: string, col: number, row: number, absolute = true): string {
  return `${sheet}!${addr(col, row, absolute)}`;
}

/** A range of one sheet: `Monthly!$L$3:$L$38`. */
export function range(sheet: string, col1: number, row1: number, col2: number, row2: number): string {
  return `${sheet}!${addr(col1, row1)}:${addr(col2, row2)}`;
}

/**
 * A formula cell; its value is added once the whole workbook is laid out (results.ts), and a
 * program that recalculates computes it again from the inputs.
 */
export function fx(formula: string): CellFormulaValue {
  return { formula } as CellFormulaValue;
}

/** `a+b+c`, or `0` when there is nothing to add. */
export function sum(terms: readonly string[]): string {
  return terms.length === 0 ? '0' : terms.join('+');
}

/** Round to 4 significant digits, half away from zero (MODEL.md section 1's unit costs). */
export function sig4(x: string): string {
  return `IF((${x})=0,0,ROUND(${x},3-INT(LOG10(ABS(${x})))))`;
}

/** A number from a decimal string or JSON number of the document. */
export function num(x: string | number): number {
  return typeof x === 'number' ? x : Number(x);
}

/** The serial number of the first day of a YYYY-MM month in a spreadsheet's 1900 date system. */
export function monthSerial(ym: string): number {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return Math.round((Date.UTC(y, m - 1, 1) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
