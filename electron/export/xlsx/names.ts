/**
 * Defined names (named ranges) for the key inputs and totals, so a reviewer can jump to
 * `Price_A_1` or `TCO_B`. Names are made valid and unique: characters other than letters, digits,
 * `_` and `.` become `_`, and a name with a digit (or of one letter) gets an underscore so none can
 * be read as a cell address (`TCO1` and `R1C1` are ones).
 */
import type { Workbook } from 'exceljs';

export class Names {
  private readonly used = new Set<string>();

  constructor(private readonly wb: Workbook) {}

  /** Name one cell (or range) of a sheet; returns the name given. */
  add(parts: (string | number)[], sheet: string, ref: string): string {
    let base = parts.map((p) => String(p).replace(/[^A-Za-z0-9_.]/g, '_')).join('_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    if ((/\d/.test(base) || base.length < 2) && !base.includes('_')) base = `${base}_`;
    base = base.slice(0, 200);
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    this.used.add(name.toLowerCase());
    this.wb.definedNames.add(`${sheet}!${ref}`, name);
    return name;
  }
}
