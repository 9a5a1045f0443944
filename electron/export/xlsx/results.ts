/**
 * Each formula's value, stored beside it (an exceljs `{ formula, result }` cell), so a viewer that
 * does not recalculate (a file previewer, a phone, a web viewer) shows the numbers instead of
 * blanks. The values come from evaluating the workbook's own formulas, in binary floating point as
 * a spreadsheet does, over the subset of the formula language this export writes (arithmetic,
 * comparisons, ranges within a sheet, IF, SUM, SUMPRODUCT, SUMIFS, MIN, MAX, ROUND, INT, ABS, SQRT,
 * LOG10, DATE, YEAR, MONTH, INDEX, ISNUMBER, OR, AND, COUNT, NORMSDIST). A formula outside it, or one
 * that evaluates to an error (`#N/A`), is left without a value: a recalculating program computes it.
 * The file is still marked to be recalculated on load, so a program that can recalculate does.
 */
import type ExcelJS from 'exceljs';
import { normalCdf } from '../../engine/stats.js';

type Scalar = number | string | boolean | null;
/** A rectangular block of values, row by row. */
interface Matrix {
  rows: number;
  cols: number;
  values: Scalar[];
}
type Val = Scalar | Matrix;

class FormulaError extends Error {}

const isMatrix = (v: Val): v is Matrix => typeof v === 'object' && v !== null;

// ---- tokens -----------------------------------------------------------------------------------

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; sheet: string | null; col: number; row: number; col2?: number; row2?: number }
  | { t: 'fn'; v: string }
  | { t: 'op'; v: string }
  | { t: 'err'; v: string };

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const NUM = /\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?/y;
const ERR = /#[A-Z/0!?]+[!?A]?/y;
const FN = /[A-Z][A-Z0-9.]*(?=\()/y;
const REF = /(?:([A-Za-z_][A-Za-z0-9_.]*)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![A-Za-z0-9_(])/y;
const OP = /<=|>=|<>|[-+*/^(),=<>&]/y;
const BOOL = /(TRUE|FALSE)\b/y;

/** The tokens of a formula; each pattern is tried where the last one ended (sticky), never on a copy of the rest. */
function tokenize(f: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    const m = re.exec(f);
    if (m) i = re.lastIndex;
    return m;
  };
  while (i < f.length) {
    const ch = f[i]!;
    if (ch === ' ') {
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if (ch === '"') {
      const end = f.indexOf('"', i + 1);
      if (end < 0) throw new FormulaError('unterminated text');
      out.push({ t: 'str', v: f.slice(i + 1, end) });
      i = end + 1;
    } else if ((m = at(NUM))) out.push({ t: 'num', v: Number(m[0]) });
    else if ((m = at(ERR))) out.push({ t: 'err', v: m[0] });
    else if ((m = at(FN))) out.push({ t: 'fn', v: m[0] });
    else if ((m = at(REF))) {
      const ref: Token = { t: 'ref', sheet: m[1] ?? null, col: colNumber(m[2]!), row: Number(m[3]) };
      if (m[4]) Object.assign(ref, { col2: colNumber(m[4]), row2: Number(m[5]) });
      out.push(ref);
    } else if ((m = at(OP))) out.push({ t: 'op', v: m[0] });
    else if ((m = at(BOOL))) out.push({ t: 'num', v: m[0] === 'TRUE' ? 1 : 0 });
    else throw new FormulaError(`cannot read ${f.slice(i, i + 12)}`);
  }
  return out;
}

// ---- parse (to a tree) ----------------------------------------------------------------------

type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'err'; v: string }
  | { k: 'ref'; sheet: string; col: number; row: number; col2: number; row2: number; range: boolean }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; fn: string; args: Node[] };

function parse(f: string, sheet: string): Node {
  const tokens = tokenize(f);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => {
    const t = peek();
    return t?.t === 'op' && t.v === v;
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new FormulaError(`expected ${v}`);
    p++;
  };
  const levels = [['=', '<>', '<', '>', '<=', '>='], ['&'], ['+', '-'], ['*', '/'], ['^']];
  const binary = (level: number): Node => {
    if (level === levels.length) return unary();
    let a = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t?.t !== 'op' || !levels[level]!.includes(t.v)) return a;
      p++;
      a = { k: 'bin', op: t.v, a, b: binary(level + 1) };
    }
  };
  const unary = (): Node => {
    if (isOp('-')) {
      p++;
      return { k: 'neg', a: unary() };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return primary();
  };
  const primary = (): Node => {
    const t = tokens[p++];
    if (!t) throw new FormulaError('unexpected end');
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'str', v: t.v };
      case 'err':
        return { k: 'err', v: t.v };
      case 'ref':
        return { k: 'ref', sheet: t.sheet ?? sheet, col: t.col, row: t.row, col2: t.col2 ?? t.col, row2: t.row2 ?? t.row, range: t.col2 !== undefined };
      case 'fn': {
        expect('(');
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(binary(0));
            if (isOp(',')) p++;
            else break;
          }
        }
        expect(')');
        return { k: 'call', fn: t.v, args };
      }
      case 'op':
        if (t.v === '(') {
          const e = binary(0);
          expect(')');
          return e;
        }
        throw new FormulaError(`unexpected ${t.v}`);
    }
  };
  const tree = binary(0);
  if (p !== tokens.length) throw new FormulaError('unexpected text after the formula');
  return tree;
}

// ---- evaluate ---------------------------------------------------------------------------------

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const dateOf = (serial: number) => new Date(SERIAL_EPOCH + Math.floor(serial) * 86_400_000);

function toNumber(v: Scalar): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (v.trim() === '' || Number.isNaN(n)) throw new FormulaError(`#VALUE! (${v})`);
  return n;
}

function scalar(v: Val): Scalar {
  if (!isMatrix(v)) return v;
  if (v.values.length === 1) return v.values[0]!;
  throw new FormulaError('#VALUE! (a range where one value is needed)');
}

function flat(v: Val): Scalar[] {
  return isMatrix(v) ? v.values : [v];
}

/** Element by element (a single value is spread over a block), as array arithmetic in SUMPRODUCT. */
function elementwise(a: Val, b: Val, f: (x: Scalar, y: Scalar) => Scalar): Val {
  if (!isMatrix(a) && !isMatrix(b)) return f(a, b);
  const shape = isMatrix(a) && a.values.length > 1 ? a : isMatrix(b) ? b : (a as Matrix);
  const at = (v: Val, i: number) => (isMatrix(v) ? (v.values.length === 1 ? v.values[0]! : v.values[i]!) : v);
  if (isMatrix(a) && isMatrix(b) && a.values.length > 1 && b.values.length > 1 && a.values.length !== b.values.length) throw new FormulaError('#VALUE! (blocks of different sizes)');
  return { rows: shape.rows, cols: shape.cols, values: shape.values.map((_, i) => f(at(a, i), at(b, i))) };
}

function compare(x: Scalar, y: Scalar, op: string): boolean {
  const a = typeof x === 'string' || typeof y === 'string' ? String(x ?? '') : toNumber(x);
  const b = typeof x === 'string' || typeof y === 'string' ? String(y ?? '') : toNumber(y);
  switch (op) {
    case '=':
      return a === b;
    case '<>':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

/** ROUND: half away from zero at `digits` decimals (as spreadsheets round). */
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Math.abs(x) * f;
  // A value a binary float holds just under .5 (2.675 · 100 = 267.49999…) rounds as the decimal it stands for.
  const r = Math.round(Number(scaled.toPrecision(15)));
  return (Math.sign(x) * r) / f;
}

export class WorkbookEvaluator {
  /** Per sheet: the values computed, by row · 16,384 + column. */
  private readonly memo = new Map<string, Map<number, Scalar>>();
  private readonly sheets = new Map<string, ExcelJS.Worksheet | undefined>();
  private readonly ranges = new Map<string, Matrix>();
  private readonly busy = new Set<string>();

  constructor(private readonly wb: ExcelJS.Workbook) {}

  /** The value of a cell: a number, text or blank (null); a formula is evaluated once. */
  cell(sheet: string, row: number, col: number): Scalar {
    let memo = this.memo.get(sheet);
    if (!memo) this.memo.set(sheet, (memo = new Map()));
    const key = row * 16_384 + col;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (!this.sheets.has(sheet)) this.sheets.set(sheet, this.wb.getWorksheet(sheet));
    const ws = this.sheets.get(sheet);
    if (!ws) throw new FormulaError(`#REF! (no sheet ${sheet})`);
    // findCell: a blank cell is read as blank without being added to the sheet.
    const v = ws.findCell(row, col)?.value as unknown;
    let out: Scalar;
    if (v === null || v === undefined) out = null;
    else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out = v;
    else if (v instanceof Date) out = (v.getTime() - SERIAL_EPOCH) / 86_400_000;
    else if (typeof (v as { formula?: unknown }).formula === 'string') {
      const id = `${sheet}!${key}`;
      if (this.busy.has(id)) throw new FormulaError('#REF! (a circular reference)');
      this.busy.add(id);
      try {
        out = this.formula(sheet, (v as { formula: string }).formula);
      } finally {
        this.busy.delete(id);
      }
    } else throw new FormulaError('a cell this evaluator does not read');
    memo.set(key, out);
    return out;
  }

  /** The value of a formula written on `sheet`. */
  formula(sheet: string, f: string): Scalar {
    return scalar(this.eval(parse(f, sheet)));
  }

  private range(n: Extract<Node, { k: 'ref' }>): Matrix {
    const key = `${n.sheet}!${n.row},${n.col}:${n.row2},${n.col2}`;
    let m = this.ranges.get(key);
    if (!m) {
      const values: Scalar[] = [];
      for (let r = n.row; r <= n.row2; r++) for (let c = n.col; c <= n.col2; c++) values.push(this.cell(n.sheet, r, c));
      m = { rows: n.row2 - n.row + 1, cols: n.col2 - n.col + 1, values };
      this.ranges.set(key, m);
    }
    return m;
  }

  private eval(n: Node): Val {
    switch (n.k) {
      case 'num':
      case 'str':
        return n.v;
      case 'err':
        throw new FormulaError(n.v);
      case 'ref':
        return n.range ? this.range(n) : this.cell(n.sheet, n.row, n.col);
      case 'neg':
        return elementwise(this.eval(n.a), 0, (x) => -toNumber(x));
      case 'bin': {
        const a = this.eval(n.a);
        const b = this.eval(n.b);
        switch (n.op) {
          case '+':
            return elementwise(a, b, (x, y) => toNumber(x) + toNumber(y));
          case '-':
            return elementwise(a, b, (x, y) => toNumber(x) - toNumber(y));
          case '*':
            return elementwise(a, b, (x, y) => toNumber(x) * toNumber(y));
          case '/':
            return elementwise(a, b, (x, y) => {
              if (toNumber(y) === 0) throw new FormulaError('#DIV/0!');
              return toNumber(x) / toNumber(y);
            });
          case '^':
            return elementwise(a, b, (x, y) => toNumber(x) ** toNumber(y));
          case '&':
            return elementwise(a, b, (x, y) => `${x ?? ''}${y ?? ''}`);
          default:
            return elementwise(a, b, (x, y) => compare(x, y, n.op));
        }
      }
      case 'call':
        return this.call(n.fn, n.args);
    }
  }

  private call(fn: string, args: Node[]): Val {
    const num = (i: number) => toNumber(scalar(this.eval(args[i]!)));
    const numbers = () =>
      args.flatMap((a) => {
        const v = this.eval(a);
        return isMatrix(v) ? v.values.filter((x): x is number => typeof x === 'number') : typeof v === 'string' || v === null ? [] : [toNumber(v)];
      });
    switch (fn) {
      case 'IF': {
        const c = scalar(this.eval(args[0]!));
        return toNumber(c) !== 0 ? this.eval(args[1]!) : args.length > 2 ? this.eval(args[2]!) : false;
      }
      case 'SUM':
        return numbers().reduce((a, b) => a + b, 0);
      case 'MAX':
      case 'MIN': {
        // Numbers of a range count, its text and blanks do not; a value given alone is read as a number.
        const xs = args.flatMap((a) => {
          const v = this.eval(a);
          return isMatrix(v) ? v.values.filter((x): x is number => typeof x === 'number') : [toNumber(v)];
        });
        return xs.length ? (fn === 'MAX' ? Math.max(...xs) : Math.min(...xs)) : 0;
      }
      case 'SUMPRODUCT': {
        const blocks = args.map((a) => flat(this.eval(a)));
        const n = blocks[0]!.length;
        if (blocks.some((b) => b.length !== n)) throw new FormulaError('#VALUE! (SUMPRODUCT of blocks of different sizes)');
        let total = 0;
        for (let i = 0; i < n; i++) {
          let p = 1;
          for (const b of blocks) {
            const x = b[i]!;
            p *= typeof x === 'number' ? x : typeof x === 'boolean' ? (x ? 1 : 0) : 0;
          }
          total += p;
        }
        return total;
      }
      case 'SUMIFS': {
        const sumRange = flat(this.eval(args[0]!));
        const criteria: [Scalar[], Scalar][] = [];
        for (let i = 1; i + 1 < args.length; i += 2) criteria.push([flat(this.eval(args[i]!)), scalar(this.eval(args[i + 1]!))]);
        let total = 0;
        sumRange.forEach((x, i) => {
          if (typeof x === 'number' && criteria.every(([r, c]) => r[i] !== null && compare(r[i]!, c, '='))) total += x;
        });
        return total;
      }
      case 'ROUND':
        return round(num(0), num(1));
      case 'INT':
        return Math.floor(num(0));
      case 'ABS':
        return Math.abs(num(0));
      case 'SQRT': {
        const x = num(0);
        if (x < 0) throw new FormulaError('#NUM!');
        return Math.sqrt(x);
      }
      case 'LOG10': {
        const x = num(0);
        if (x <= 0) throw new FormulaError('#NUM!');
        return Math.log10(x);
      }
      case 'DATE':
        return (Date.UTC(num(0), num(1) - 1, num(2)) - SERIAL_EPOCH) / 86_400_000;
      case 'YEAR':
        return dateOf(num(0)).getUTCFullYear();
      case 'MONTH':
        return dateOf(num(0)).getUTCMonth() + 1;
      case 'INDEX': {
        const m = this.eval(args[0]!);
        if (!isMatrix(m)) return m;
        const r = args.length > 1 ? num(1) : 1;
        const c = args.length > 2 ? num(2) : 1;
        if (r < 1 || c < 1 || r > m.rows || c > m.cols) throw new FormulaError('#REF!');
        return m.values[(r - 1) * m.cols + (c - 1)]!;
      }
      case 'ISNUMBER':
        try {
          return typeof scalar(this.eval(args[0]!)) === 'number';
        } catch {
          return false;
        }
      case 'OR':
        return args.some((a) => flat(this.eval(a)).some((x) => toNumber(x) !== 0));
      case 'AND':
        return args.every((a) => flat(this.eval(a)).every((x) => toNumber(x) !== 0));
      case 'COUNT':
        return numbers().length;
      case 'NORMSDIST':
        return normalCdf(num(0));
      default:
        throw new FormulaError(`#NAME? (${fn})`);
    }
  }
}

/**
 * Store each formula's value with it. Sheets are evaluated in the order given (the ones others read
 * first, so long chains such as year-to-date sums are reached row by row). Returns how many formulas
 * were left without a value.
 */
export function storeResults(wb: ExcelJS.Workbook, order: readonly string[]): number {
  const ev = new WorkbookEvaluator(wb);
  let left = 0;
  for (const name of order) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cell.value as { formula?: unknown } | null;
        if (!v || typeof v.formula !== 'string') return;
        try {
          const result = ev.cell(name, r, c);
          if (result === null) return;
          const stored = typeof result === 'number' && !Number.isFinite(result) ? undefined : result;
          if (stored === undefined) left++;
          else cell.value = { formula: v.formula, result: stored } as ExcelJS.CellFormulaValue;
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
          left++;
        }
      }),
    );
  }
  return left;
}
