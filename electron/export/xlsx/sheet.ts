/**
 * A small writer over an exceljs worksheet: titled sections of header rows and data rows, written
 * top to bottom, with number formats per cell and column widths.
 */
import type { CellValue, Workbook, Worksheet } from 'exceljs';

export type Value = CellValue | undefined;

/** The fills of header cells and of input cells (the shading the Inputs sheet's note speaks of). */
export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } } as const;
export const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } } as const;

export class SheetWriter {
  /** The row the next `line` writes. */
  row = 1;
  readonly ws: Worksheet;

  constructor(
    wb: Workbook,
    readonly name: string,
  ) {
    this.ws = wb.addWorksheet(name);
  }

  /** Column widths, from column A. */
  widths(widths: number[]): void {
    widths.forEach((w, i) => (this.ws.getColumn(i + 1).width = w));
  }

  /** The sheet's title (row 1) and a line saying what it holds. */
  title(text: string, note?: string): void {
    const c = this.ws.getCell(this.row, 1);
    c.value = text;
    c.font = { bold: true, size: 13 };
    this.row++;
    if (note) {
      this.ws.getCell(this.row, 1).value = note;
      this.ws.getCell(this.row, 1).font = { italic: true, color: { argb: 'FF555555' } };
      this.row++;
    }
  }

  /** A section heading after a blank row. */
  section(text: string, note?: string): void {
    if (this.row > 1) this.row++;
    const c = this.ws.getCell(this.row, 1);
    c.value = text;
    c.font = { bold: true, size: 12 };
    this.row++;
    if (note) {
      this.ws.getCell(this.row, 1).value = note;
      this.ws.getCell(this.row, 1).font = { italic: true, color: { argb: 'FF555555' } };
      this.row++;
    }
  }

  /** A header row; returns its row number. */
  header(labels: string[]): number {
    const r = this.row++;
    labels.forEach((l, i) => {
      const c = this.ws.getCell(r, i + 1);
      c.value = l;
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.alignment = { wrapText: true, vertical: 'top' };
    });
    return r;
  }

  /** Write one cell of the current row. */
  put(col: number, value: Value, numFmt?: string, input = false): void {
    if (value === undefined) return;
    const c = this.ws.getCell(this.row, col);
    c.value = value;
    if (numFmt) c.numFmt = numFmt;
    if (input) c.fill = INPUT_FILL;
  }

  /** Write several cells of the current row, then move to the next row; returns the row written. */
  line(cells: (Value | [Value, string?, boolean?])[]): number {
    const r = this.row;
    cells.forEach((x, i) => {
      if (Array.isArray(x)) this.put(i + 1, x[0], x[1], x[2]);
      else this.put(i + 1, x);
    });
    this.row++;
    return r;
  }

  /** Freeze the rows above `row` and the columns left of `col`. */
  freeze(row: number, col = 1): void {
    this.ws.views = [{ state: 'frozen', ySplit: row - 1, xSplit: col - 1 }];
  }
}
