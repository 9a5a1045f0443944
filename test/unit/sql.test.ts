/**
 * SQL goes only through prepared statements with parameters, and all of it lives in electron/store.
 * Read with the TypeScript compiler's parser over electron/**.ts:
 * - outside electron/store nothing imports better-sqlite3 or the store's Db type, and no string
 *   holds SQL;
 * - in electron/store every .prepare / .exec / .pragma gets fixed text: a string literal, a
 *   template whose only substitutions are allowlisted fixed identifiers (table names from a constant
 *   list, a migration's version number, the application id), a migration's static `sql`, or a
 *   helper's parameter whose every call passes a literal; `prepared(db, text)` (statements.ts,
 *   which keeps a statement per connection) is held to the same rules at every call, and is the
 *   one function that passes its parameter to .prepare. Values always go as parameters to
 *   .run / .get / .all; no SQL text is built with `+` or from anything else.
 * The checker is shown to catch interpolated values, concatenation and SQL outside the store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SQL_RE =
  /\b(SELECT\s+[A-Za-z_*]|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|REPLACE\s+INTO|CREATE\s+(TEMP\s+)?(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)|ALTER\s+TABLE|PRAGMA\s+\w|ATTACH\s+DATABASE|VACUUM)\b/;
const SQL_METHODS = new Set(['prepare', 'exec', 'pragma']);

/**
 * Substitutions allowed in SQL text, by file and expression, each a fixed identifier or number that
 * no user value reaches: checked further below where their values come from.
 */
const ALLOWED_SUBSTITUTIONS: Record<string, string[]> = {
  'electron/store/document-rows.ts': ['t'], // for (const t of VENDOR_TABLES_CHILD_FIRST): constant table names
  'electron/store/connection.ts': ['m.version', 'APPLICATION_ID'], // a migration's number; the file format's constant id
};
/** SQL passed by name: where the name comes from (checked below). */
const ALLOWED_NAMES: Record<string, string[]> = {
  'electron/store/connection.ts': ['m.sql'], // a migration's static text (migrations/*.ts)
  'electron/store/document-rows.ts': ['sql'], // the parameter of the `all` helper, called with literals only
  'electron/store/statements.ts': ['sql'], // the parameter of prepared(db, sql), whose every call is checked as SQL
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

const isFixedText = (n: ts.Node): boolean => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
const textOf = (n: ts.Node, sf: ts.SourceFile) => n.getText(sf);

/** What is wrong with the SQL of one source file (`rel` is its path from the root). */
function sqlProblems(rel: string, source: string): string[] {
  const sf = ts.createSourceFile(rel, source, ts.ScriptTarget.Latest, true, rel.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const inStore = rel.startsWith('electron/store/');
  const out: string[] = [];
  const where = (n: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const helperCalls = new Map<string, ts.CallExpression[]>();
  const helperParams = new Set<string>();

  const visit = (n: ts.Node): void => {
    if (!inStore) {
      if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
        const spec = n.moduleSpecifier.text;
        if (spec === 'better-sqlite3') out.push(`${where(n)}: imports better-sqlite3 outside electron/store`);
        if (/store\/connection(\.js)?$/.test(spec) && /\bDb\b/.test(n.getText(sf))) out.push(`${where(n)}: imports the Db type outside electron/store`);
      }
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) && SQL_RE.test(n.getText(sf)))
        out.push(`${where(n)}: SQL text outside electron/store: ${n.getText(sf).slice(0, 60)}`);
    } else {
      const sqlCall =
        ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SQL_METHODS.has(n.expression.name.text)
          ? { arg: n.arguments[0], method: n.expression.name.text }
          : ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'prepared'
            ? { arg: n.arguments[1], method: 'prepared' }
            : null;
      if (sqlCall) {
        const { arg, method } = sqlCall;
        if (!arg) out.push(`${where(n)}: .${method}() without text`);
        else if (isFixedText(arg)) {
          // fixed SQL text: fine
        } else if (ts.isTemplateExpression(arg)) {
          for (const span of arg.templateSpans) {
            const e = textOf(span.expression, sf);
            if (!(ALLOWED_SUBSTITUTIONS[rel] ?? []).includes(e)) out.push(`${where(arg)}: .${method}() text interpolates ${e}`);
          }
        } else if ((ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg)) && (ALLOWED_NAMES[rel] ?? []).includes(textOf(arg, sf))) {
          if (ts.isIdentifier(arg)) helperParams.add(arg.text);
        } else out.push(`${where(arg)}: .${method}() is given ${ts.SyntaxKind[arg.kind]} ${textOf(arg, sf).slice(0, 60)}, not fixed text`);
      }
      // No SQL built with +.
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && SQL_RE.test(n.getText(sf))) out.push(`${where(n)}: SQL built with +`);
      // Template literals holding SQL anywhere in the store: only allowlisted substitutions.
      if (ts.isTemplateExpression(n) && SQL_RE.test(n.getText(sf))) {
        for (const span of n.templateSpans) {
          const e = textOf(span.expression, sf);
          if (!(ALLOWED_SUBSTITUTIONS[rel] ?? []).includes(e)) out.push(`${where(n)}: SQL template interpolates ${e}`);
        }
      }
      // Calls of a local helper `name(...)`: collected, checked once its parameter is known.
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const list = helperCalls.get(n.expression.text) ?? [];
        list.push(n);
        helperCalls.set(n.expression.text, list);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);

  // A helper passing its parameter on as SQL (document-rows.ts: const all = (sql: string) => db.prepare(sql).all()): every call gives fixed text.
  if (helperParams.size) {
    const helpers: string[] = [];
    const findHelpers = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isArrowFunction(n.initializer)) {
        if (n.initializer.parameters.some((p) => ts.isIdentifier(p.name) && helperParams.has(p.name.text))) helpers.push(n.name.text);
      }
      ts.forEachChild(n, findHelpers);
    };
    findHelpers(sf);
    // statements.ts: prepared(db, sql) hands its parameter to .prepare; every call of it is checked above.
    const keeper = rel === 'electron/store/statements.ts' && /export function prepared\(db: Db, sql: string\)/.test(source);
    if (keeper) return out;
    if (helpers.length === 0) out.push(`${rel}: SQL passed by a name (${[...helperParams].join(', ')}) that is no helper's parameter`);
    for (const h of helpers) {
      const calls = helperCalls.get(h) ?? [];
      if (calls.length === 0) out.push(`${rel}: helper ${h} is never called`);
      for (const c of calls)
        if (!c.arguments[0] || !isFixedText(c.arguments[0])) out.push(`${where(c)}: ${h}() is given ${c.arguments[0] ? textOf(c.arguments[0], sf).slice(0, 60) : 'nothing'}, not fixed text`);
    }
  }
  return out;
}

const files = tsFiles(join(ROOT, 'electron')).map((p) => ({ rel: relative(ROOT, p).split('\\').join('/'), source: readFileSync(p, 'utf8') }));

describe('SQL only in electron/store, only prepared with parameters', () => {
  it('reads every TypeScript file of electron/ (the store among them)', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => f.rel.startsWith('electron/store/')).map((f) => f.rel)).toEqual(
      expect.arrayContaining(['electron/store/connection.ts', 'electron/store/document-rows.ts', 'electron/store/history.ts']),
    );
  });

  it('finds no SQL outside the store, and nothing but fixed text given to prepare, exec and pragma', () => {
    expect(files.flatMap((f) => sqlProblems(f.rel, f.source))).toEqual([]);
  });

  it('the store really does its SQL through those calls, with values as parameters', () => {
    const store = files
      .filter((f) => f.rel.startsWith('electron/store/'))
      .map((f) => f.source)
      .join('\n');
    expect((store.match(/\.prepare\(|\bprepared\(db, /g) ?? []).length).toBeGreaterThan(20);
    // INSERT and UPDATE statements take their values as ? parameters.
    for (const m of store.matchAll(/'(INSERT INTO [^']*|UPDATE [^']*)'/g)) expect(m[1], m[1]).toMatch(/\?/);
  });

  it('the allowlisted substitutions are fixed: constant table names, migration numbers, the application id', async () => {
    const rows = files.find((f) => f.rel === 'electron/store/document-rows.ts')!.source;
    expect(rows).toMatch(/for \(const t of VENDOR_TABLES_CHILD_FIRST\) prepared\(db, `DELETE FROM \$\{t\}`\)\.run\(\);/);
    const list = /const VENDOR_TABLES_CHILD_FIRST = \[([^\]]*)\];/.exec(rows)![1]!;
    // One name a line, the last followed by a comma (the formatter's style): the empty piece after it is no name.
    const names = list.split(',').flatMap((s) => (s.trim() === '' ? [] : [s.trim()]));
    expect(names.length).toBe(7);
    for (const name of names) expect(name).toMatch(/^'[a-z_]+'$/);
    const { MIGRATIONS } = await import('../../electron/store/migrations/index.js');
    for (const m of MIGRATIONS) {
      expect(Number.isSafeInteger(m.version)).toBe(true);
      expect(typeof m.sql).toBe('string');
    }
    // Each migration's sql is one literal with no substitution.
    for (const f of files.filter((x) => /^electron\/store\/migrations\/\d+-.*\.ts$/.test(x.rel))) {
      const sf = ts.createSourceFile(f.rel, f.source, ts.ScriptTarget.Latest, true);
      const sqls: ts.Node[] = [];
      const find = (n: ts.Node): void => {
        if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'sql') sqls.push(n.initializer);
        ts.forEachChild(n, find);
      };
      find(sf);
      expect(sqls.length, f.rel).toBe(1);
      expect(isFixedText(sqls[0]!), `${f.rel}: sql is fixed text`).toBe(true);
    }
    const { APPLICATION_ID } = await import('../../electron/store/connection.js');
    expect(APPLICATION_ID).toBe(0x54434f57);
    expect(files.find((f) => f.rel === 'electron/store/connection.ts')!.source).toMatch(/export const APPLICATION_ID = 0x[0-9a-f]+;/);
  });

  it('the checker bites: interpolated values, concatenation, a variable, SQL elsewhere', () => {
    const bad = [
      'const id = input.id; db.prepare(`SELECT * FROM vendors WHERE id = ${id}`).get();',
      "db.prepare('SELECT * FROM vendors WHERE id = ' + id).get();",
      "const q = 'SELECT 1'; db.exec(q);",
      'db.pragma(`user_version = ${input.version}`);',
      'prepared(db, `SELECT * FROM vendors WHERE id = ${id}`).get();',
      "prepared(db, 'SELECT * FROM vendors WHERE id = ' + id).get();",
      'const q = input.sql; prepared(db, q).run();',
    ];
    for (const src of bad) expect(sqlProblems('electron/store/document-rows.ts', src), src).not.toEqual([]);
    expect(sqlProblems('electron/services/x.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(sqlProblems('electron/services/x.ts', "const q = 'DELETE FROM vendors';")).toHaveLength(1);
    expect(sqlProblems('electron/services/x.ts', "import type { Db } from '../store/connection.js';")).toHaveLength(1);
    expect(sqlProblems('electron/store/document-rows.ts', "db.prepare('SELECT * FROM vendors WHERE id = ?').get(id);")).toEqual([]);
    expect(sqlProblems('electron/store/document-rows.ts', "prepared(db, 'SELECT * FROM vendors WHERE id = ?').get(id);")).toEqual([]);
    // Only statements.ts may pass a parameter to .prepare, and only as prepared(db, sql).
    expect(sqlProblems('electron/store/history.ts', 'export function prepared(db: Db, sql: string) { return db.prepare(sql); }')).not.toEqual([]);
  });
});
