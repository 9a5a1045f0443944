/**
 * Issue 16: "vendor and stream names beside their ids". In every table of the workbook whose first
 * column is a vendor's or a stream's id, the second column is that vendor's or stream's name, on the
 * header and on every row, so a reader never has to look an id up (formulas read cells by position:
 * the LibreOffice test recomputes every one of them after the columns moved).
 */
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/compute.js';
import { buildWorkbook } from '../../electron/export/xlsx/index.js';
import { HEADER_FILL } from '../../electron/export/xlsx/sheet.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

interface Table {
  sheet: string;
  row: number;
  kind: 'Vendor id' | 'Stream id';
  second: string;
  rows: [string, string][];
}

/** Every table (a header row in the header fill) whose first header is "Vendor id" or "Stream id". */
function idTables(wb: ExcelJS.Workbook): Table[] {
  const tables: Table[] = [];
  wb.eachSheet((sheet) => {
    let open: Table | null = null;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const first = sheet.getCell(r, 1);
      const isHeader = (first.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb === HEADER_FILL.fgColor.argb;
      if (isHeader) {
        open = null;
        if (first.value === 'Vendor id' || first.value === 'Stream id') {
          open = { sheet: sheet.name, row: r, kind: first.value, second: String(sheet.getCell(r, 2).value), rows: [] };
          tables.push(open);
        }
        continue;
      }
      if (!open) continue;
      const id = first.value;
      // A table ends at a blank first cell (a section gap); the Evidence sheet's "across" rows carry no id.
      if (id === null || id === undefined || id === '') {
        open = null;
        continue;
      }
      open.rows.push([String(id), String(sheet.getCell(r, 2).value)]);
    }
  });
  return tables;
}

describe('every table keyed by an id shows the name beside it', () => {
  it('the sample RFP: Inputs, Monthly, Evidence, Sensitivity, Scenarios and Calc', () => {
    const doc = fixture('sample-rfp.json') as { vendors: { id: string; name: string }[]; streams: { id: string; name: string }[] };
    const ws = readDocument(doc);
    const wb = buildWorkbook(ws, compute(ws, { draws: 200, seed: 7 }));
    const vendorName = new Map(doc.vendors.map((v) => [v.id, v.name]));
    const streamName = new Map(doc.streams.map((x) => [x.id, x.name]));
    const tables = idTables(wb);
    // The sheets whose tables are keyed by ids, each checked at least once.
    const sheets = new Set(tables.map((t) => t.sheet));
    for (const s of ['Inputs', 'Monthly', 'Evidence', 'Sensitivity', 'Calc']) expect(sheets, s).toContain(s);
    let rows = 0;
    for (const t of tables) {
      const where = `${t.sheet} row ${t.row}`;
      // The Evidence sheet's "across" section keys rows by vendor id and route for formulas only.
      if (t.second === 'Route') continue;
      expect(['Vendor', 'Name', 'Stream'], `${where}: second header`).toContain(t.second);
      for (const [id, name] of t.rows) {
        const names = t.kind === 'Vendor id' ? vendorName : streamName;
        expect(names.has(id), `${where}: ${id} is a ${t.kind}`).toBe(true);
        expect(name, `${where}: name beside ${id}`).toBe(names.get(id));
        rows++;
      }
    }
    // The sample has 2 vendors x 36 months on Monthly alone: the check saw the tables' rows.
    expect(rows).toBeGreaterThan(72);
  });
});
