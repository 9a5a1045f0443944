/**
 * The Inputs sheet promises "Shaded cells are inputs: change one and every other sheet follows."
 * Here every shaded cell of the exported workbook must be read by some formula (on its own or
 * inside a range), and every formula's reference into Inputs must land on a shaded cell or a
 * formula of Inputs itself: no input that changes nothing, no number read from an unmarked cell.
 * (Inside a range, a column of streams, a blank cell counts nothing and is not an input.)
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import { compute } from '../../electron/engine/compute.js';
import { buildWorkbook } from '../../electron/export/xlsx/index.js';
import { colLetter } from '../../electron/export/xlsx/cells.js';
import { HEADER_FILL, INPUT_FILL } from '../../electron/export/xlsx/sheet.js';
import { workspaceDocArb } from '../fixtures/arbitraries.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Every Inputs cell a formula of the workbook reads, as "F12": all, and those read on their own (not in a range). */
function readCells(wb: ExcelJS.Workbook): { read: Set<string>; single: Set<string> } {
  const read = new Set<string>();
  const single = new Set<string>();
  const pattern = /Inputs!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/g;
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string } | null;
        if (!v || typeof v !== 'object' || typeof v.formula !== 'string') return;
        for (const m of v.formula.matchAll(pattern)) {
          const [c1, r1] = [colNumber(m[1]!), Number(m[2])];
          const [c2, r2] = m[3] ? [colNumber(m[3]), Number(m[4])] : [c1, r1];
          if (!m[3]) single.add(`${colLetter(c1)}${r1}`);
          for (let c = c1; c <= c2; c++) for (let r = r1; r <= r2; r++) read.add(`${colLetter(c)}${r}`);
        }
      }),
    ),
  );
  return { read, single };
}

function inputCells(wb: ExcelJS.Workbook): { shaded: Map<string, unknown>; formulas: Set<string> } {
  const shaded = new Map<string, unknown>();
  const formulas = new Set<string>();
  wb.getWorksheet('Inputs')!.eachRow((row) =>
    row.eachCell((cell) => {
      const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
      if (fill?.fgColor?.argb === INPUT_FILL.fgColor.argb) shaded.set(cell.address, cell.value);
      const v = cell.value as { formula?: string } | null;
      if (v && typeof v === 'object' && typeof v.formula === 'string') formulas.add(cell.address);
    }),
  );
  return { shaded, formulas };
}

const label = (wb: ExcelJS.Workbook, address: string) => {
  const sheet = wb.getWorksheet('Inputs')!;
  const cell = sheet.getCell(address);
  const rowLabel = sheet.getCell(cell.row, 1).value;
  // The header of the cell's column in its section: the nearest cell above in the header fill.
  let header = '';
  for (let r = Number(cell.row) - 1; r > 0; r--) {
    const h = sheet.getCell(r, Number(cell.col));
    if ((h.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb === HEADER_FILL.fgColor.argb) {
      header = String(h.value);
      break;
    }
  }
  return `${address} (${String(rowLabel)}, ${header})`;
};

const CASES: [string, unknown][] = [
  ['the sample RFP', fixture('sample-rfp.json')],
  ['the worked example', fixture('worked-example.json')],
  ['the export rules fixture', fixture('export-rules.json')],
  ['the v1.2 price rules fixture (dated changes of every field, free shares, markups, carrier mixes, fees per failure and per contact above an allowance)', fixture('export-rules-v12.json')],
  [
    'the sample with benefits the model does not read: an entered rate beside a holdout, a value per conversion without any rate, deflection without a cost per contact',
    (() => {
      const d = fixture('sample-rfp.json') as { streams: { benefits: Record<string, unknown> }[] };
      d.streams[0]!.benefits.conversionRate = '0.05';
      d.streams[3]!.benefits = { valuePerConversion: '7.00' };
      d.streams[1]!.benefits.costPerContact = null;
      return d;
    })(),
  ],
  // Generated workspaces: holdouts beside entered rates, pass-through changes naming one field, fees of every kind...
  ...fc.sample(workspaceDocArb(), { numRuns: 40, seed: 20261124 }).map((d, i): [string, unknown] => [`generated workspace ${i + 1}`, JSON.parse(JSON.stringify(d))]),
];

describe('every shaded cell of Inputs is an input a formula reads', () => {
  it.each(CASES)('%s', (_, raw) => {
    const ws = readDocument(raw);
    const wb = buildWorkbook(ws, compute(ws, { draws: 0 }));
    const { read, single } = readCells(wb);
    const { shaded, formulas } = inputCells(wb);
    expect(shaded.size).toBeGreaterThan(10);
    const dead = [...shaded.keys()].filter((a) => !read.has(a)).map((a) => label(wb, a));
    expect(dead, 'shaded but read by no formula').toEqual([]);
    const sheet = wb.getWorksheet('Inputs')!;
    // A cell read on its own is an input (shaded) or a formula; inside a range (a column of streams) a blank or unshaded cell counts nothing.
    // The constants are read too, unshaded: the currency's minor unit digits, z, the base currency's rate 1 and a first tier's start 0.
    const unmarked = [...single].filter((a) => !shaded.has(a) && !formulas.has(a)).map((a) => `${label(wb, a)}: ${JSON.stringify(sheet.getCell(a).value)}`);
    const constants = [
      /^B\d+ \(Minor unit digits, Value\): 2$/,
      /^B\d+ \(z for 95% intervals, Value\): 1\.959963984540054$/,
      /^B\d+ \(USD, Rate \(USD per unit\)\): 1$/,
      /^F\d+ \([A-Z]+, From \(units\)\): 0$/,
    ];
    expect(
      unmarked.filter((x) => !constants.some((c) => c.test(x))),
      'read by a formula but not shaded',
    ).toEqual([]);
    expect(unmarked.filter((x) => constants[0]!.test(x))).toHaveLength(1); // every total is rounded to it
  });
});
