/**
 * The command line's fuzz, run in a child process by test/fuzz/cli.test.ts with a temporary folder
 * as its working directory (so that `tco new x` or `tco export … --json y` with a generated relative
 * path writes there, and nowhere else): runCli (electron/cli/run.ts) with an in-memory io and a
 * stand-in report printer, on RUNS generated argument lists. Each is a valid command line mutated
 * (tokens replaced, inserted, deleted, swapped, duplicated, `--flag value` joined into
 * `--flag=value`) or a list of random tokens: commands, flags, values at the edges (numbers,
 * fractions, probabilities), the folder's files (documents, workspaces, event logs, a mapping, an
 * empty, a binary and a broken file, a folder, a missing one) and random text. Every run must exit 0
 * or 2 (never 1, an unexpected failure), and a 2 must say why in one line that is not a built-in
 * error's text; never slowly.
 *
 *     node --import <tsx> test/fuzz/cli-child.ts RUNS SEED    (cwd: an empty temporary folder)
 *
 * Prints one line of JSON: { runs, codes, slowestMs, failure } (failure: fast-check's report or null).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sep } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../electron/cli/run.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { BUILTIN_ERROR_TEXT } from './mutate.js';

const fixtures = new URL('../fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));

/** The files a command line may name, made in the working directory. */
function setUp(): void {
  const doc = fixture('worked-example.json');
  writeFileSync('doc.json', doc);
  writeFileSync('sample.json', fixture('sample-rfp.json'));
  WorkspaceStore.create('ws.tcows', canonicalDocument(readDocument(JSON.parse(doc.toString('utf8'))))).close();
  copyFileSync('ws.tcows', 'pristine.tcows');
  copyFileSync(new URL('workspace-v1.tcows', fixtures), 'old.tcows');
  copyFileSync(new URL('events/pilot.csv', fixtures), 'events.csv');
  copyFileSync(new URL('events/custom-semicolon.csv', fixtures), 'custom.csv');
  copyFileSync(new URL('events/sendgrid-events.jsonl', fixtures), 'events.jsonl');
  writeFileSync(
    'mapping.json',
    JSON.stringify({
      columns: { messageId: 'Message ID', recipient: 'Phone', cohort: 'Group', event: 'Status', failureReason: 'Reason', timestamp: 'Time' },
      events: { SENT: 'sent', DLVRD: 'delivered', UNDELIV: 'failed', CLICK: 'clicked', CTRL: 'held_out', CONV: 'converted', EXPIRED: null },
      cohorts: { test: 'exposed', control: 'holdout' },
      defaults: { route: 'sms/US' },
    }),
  );
  writeFileSync('empty', '');
  writeFileSync('binary.bin', Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) & 255)));
  writeFileSync('broken.json', doc.subarray(0, doc.length >> 1));
  writeFileSync('fake.tcows', '%PDF-1.4 not a workspace');
  mkdirSync('folder');
}

const COMMANDS = ['compute', 'new', 'export', 'import', 'segments', 'holdout', 'sample-size', 'help', '--help', '-h', 'version', 'COMPUTE', ''];
const FLAGS = [
  '--json',
  '--draws',
  '--seed',
  '--from',
  '--xlsx',
  '--pdf',
  '--csv',
  '--table',
  '--vendor',
  '--format',
  '--mapping',
  '--kind',
  '--exposed',
  '--holdout',
  '--p0',
  '--lift',
  '--alpha',
  '--power',
  '--',
  '-',
  '-j',
  '--nope',
  '--json=',
  '--draws=5',
  '--seed=-1',
  '--JSON',
];
const FILES = [
  'doc.json',
  'sample.json',
  'ws.tcows',
  'imp.tcows',
  'old.tcows',
  'events.csv',
  'custom.csv',
  'events.jsonl',
  'mapping.json',
  'empty',
  'binary.bin',
  'broken.json',
  'fake.tcows',
  'folder',
  'missing.json',
  'missing.tcows',
  './doc.json',
  'folder/x.tcows',
  'nope/x.tcows',
  'new.tcows',
  'out.json',
  'out.xlsx',
  'out.csv',
  'out.pdf',
];
const VALUES = [
  '0',
  '1',
  '-1',
  '5',
  '20',
  '1000000',
  '1000001',
  '4294967295',
  '4294967296',
  '99999999999999999999',
  '1e3',
  '0x10',
  '1.5',
  '.5',
  '5.',
  ' 7',
  '7 ',
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '412/9000',
  '31/1000',
  '0/1',
  '1/0',
  '5/3',
  '-1/5',
  '1/-5',
  '1.5/3',
  '9999999999999999999/99999999999999999999',
  '/',
  '3/',
  '/3',
  ' 1/2 ',
  '0.031',
  '0.01',
  '0.05',
  '0.8',
  '0.5',
  '0.99999999',
  '1',
  '0',
  '1e-300',
  '0.9999999999999999',
  'A',
  'B',
  'Z',
  'events-csv',
  'events-jsonl',
  'twilio-messages-csv',
  'twilio-bulkexport-jsonl',
  'sendgrid-events-jsonl',
  'custom',
  'csv',
  'jsonl',
  'compare',
  'monthly',
  'weekly',
  'Your code is 123456 😀',
  'é'.repeat(100),
  'x'.repeat(200),
  'y'.repeat(250),
  'z'.repeat(300),
  '{}',
  '[]',
  '"',
  "'",
  '\\',
  '\t',
  '\n',
  'line\nbreak',
];

/** Random text, kept inside the working directory when it lands where a path goes (no absolute path, no `..`, no NUL: a shell passes none). */
const randomText = fc.string({ maxLength: 24, unit: 'binary' }).map((s) =>
  s
    .replace(/\0/g, '')
    .replace(/^[/~]+/, '_')
    .replace(/\.\./g, '_.'),
);

const token = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 4, arbitrary: fc.constantFrom(...FILES) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: randomText },
);

/** Valid command lines: what the mutations start from. */
const TEMPLATES: string[][] = [
  ['compute', 'doc.json', '--draws', '20', '--seed', '3'],
  ['compute', 'ws.tcows', '--json', '--draws', '10'],
  ['compute', 'doc.json'],
  ['compute', 'sample.json', '--draws', '0'],
  ['new', 'new.tcows', '--from', 'doc.json'],
  ['new', 'empty-new.tcows'],
  ['export', 'ws.tcows', '--json', 'out.json'],
  ['export', 'doc.json', '--csv', 'out.csv', '--table', 'monthly'],
  ['export', 'ws.tcows', '--xlsx', 'out.xlsx'],
  ['export', 'doc.json', '--pdf', 'out.pdf'],
  ['import', 'imp.tcows', 'events.csv', '--vendor', 'A', '--json'],
  ['import', 'imp.tcows', 'custom.csv', '--vendor', 'A', '--mapping', 'mapping.json'],
  ['import', 'imp.tcows', 'events.jsonl', '--vendor', 'A', '--format', 'sendgrid-events-jsonl'],
  ['segments', 'Your code is 123456 😀'],
  ['segments', '--json', 'plain text'],
  ['holdout', '--exposed', '412/9000', '--holdout', '31/1000', '--json'],
  ['holdout', '--exposed', '0/10', '--holdout', '0/10'],
  ['sample-size', '--p0', '0.031', '--lift', '0.01', '--alpha', '0.05', '--power', '0.8'],
  ['sample-size', '--p0', '0.5', '--lift', '0.4', '--json'],
  ['help'],
];

type Mutation =
  | { kind: 'replace'; at: number; token: string }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'dupe'; at: number }
  | { kind: 'join'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), token }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('dupe' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('join' as const), at: fc.nat() }),
);

function mutate(argv: string[], ms: readonly Mutation[]): string[] {
  const a = [...argv];
  for (const m of ms) {
    const i = (x: number) => (a.length ? x % a.length : 0);
    if (m.kind === 'replace' && a.length) a[i(m.at)] = m.token;
    else if (m.kind === 'insert') a.splice(a.length ? m.at % (a.length + 1) : 0, 0, m.token);
    else if (m.kind === 'delete' && a.length) a.splice(i(m.at), 1);
    else if (m.kind === 'swap' && a.length > 1) [a[i(m.a)], a[i(m.b)]] = [a[i(m.b)]!, a[i(m.a)]!];
    else if (m.kind === 'dupe' && a.length) a.splice(i(m.at), 0, a[i(m.at)]!);
    else if (m.kind === 'join' && a.length > 1) {
      const k = i(m.at) % (a.length - 1);
      if (a[k]!.startsWith('--')) a.splice(k, 2, `${a[k]}=${a[k + 1]}`);
    }
  }
  return a;
}

export const argvArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...TEMPLATES), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => mutate(t, ms)) },
  { weight: 1, arbitrary: fc.constantFrom(...TEMPLATES) },
  { weight: 1, arbitrary: fc.array(token, { maxLength: 7 }) },
);

/** A one-page PDF, for export --pdf without Chromium. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const printer = { print: async () => new Uint8Array(PDF) };

async function main(runs: number, seed: number): Promise<void> {
  setUp();
  const codes: Record<string, number> = {};
  let slowest = 0;
  let slowestArgv: string[] = [];
  let n = 0;
  const result = await fc.check(
    fc.asyncProperty(argvArb, async (argv) => {
      // The workspace imports go into is put back now and then, so it does not grow without end.
      if (n++ % 200 === 0) copyFileSync('pristine.tcows', 'imp.tcows');
      const out: string[] = [];
      const err: string[] = [];
      const t = performance.now();
      const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), progress: () => {} }, { printer });
      const ms = performance.now() - t;
      if (ms > slowest) [slowest, slowestArgv] = [ms, argv];
      codes[String(code)] = (codes[String(code)] ?? 0) + 1;
      const said = JSON.stringify({ code, out: out.join('\n').slice(0, 200), err });
      if (code !== 0 && code !== 2) throw new Error(`exit ${code}: ${said}`);
      if (ms > 5000) throw new Error(`took ${ms.toFixed(0)} ms: ${said}`);
      for (const s of [...out, ...err]) if (typeof s !== 'string') throw new Error(`printed a ${typeof s}`);
      if (code === 2 && argv.length > 0) {
        if (err.length !== 1 || err[0]!.trim() === '' || err[0]!.includes('\n')) throw new Error(`exit 2 without one line saying why: ${said}`);
        const line = err[0]!;
        if (BUILTIN_ERROR_TEXT.test(line) || /unexpected (error|failure)/i.test(line)) throw new Error(`a built-in error's text: ${said}`);
        // An engine RangeError that got past the command's own checks: `tco holdout: holdoutStats: …`.
        if (/\b(normalCdf|normalQuantile|wilsonInterval|newcombeInterval|holdoutStats|sampleSize): /.test(line)) throw new Error(`an engine RangeError: ${said}`);
      }
      if (code === 0 && out.length === 0 && err.length === 0) throw new Error(`exit 0 and nothing said: ${said}`);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  const failure = result.failed ? `${fc.defaultReportMessage(result) ?? 'failed'}\n${String(result.errorInstance)}` : null;
  process.stdout.write(`${JSON.stringify({ runs: result.numRuns, codes, slowestMs: Math.round(slowest), slowestArgv, failure })}\n`);
}

// Generated paths are written relative to the working directory: only ever a temporary folder.
const cwd = realpathSync(process.cwd());
if (![realpathSync(tmpdir()), '/dev/shm'].some((t) => cwd.startsWith(t + sep)) || readdirSync(cwd).length > 0) {
  process.stderr.write(`cli-child: run me in an empty temporary folder, not ${cwd}\n`);
  process.exit(2);
}
const [runs, seed] = process.argv.slice(2).map(Number);
await main(runs ?? 100, seed ?? 1);
