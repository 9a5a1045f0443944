/**
 * Faults: 100 trials of SIGKILL at random moments while a child process (test/fixtures/fault-writer.ts,
 * `node --import tsx`) writes through the app's dispatch: 40 during pilot imports, 40 during edits,
 * 20 during exports (`tco export --json`, `export.xlsx`, `export.csv`). After each kill the
 * workspace passes PRAGMA integrity_check, opens through the app and holds the last committed state
 * (an import is all or nothing: the vendor has the import's pilots in full, with their counts, or
 * the workspace is as before it), with one undo entry per committed step; an export's file is
 * absent or whole. Then a full disk (the child under `ulimit -f`, so a write past the limit fails
 * with EFBIG, Node ignoring SIGXFSZ): a clear FILE_ERROR naming the file, nothing committed lost,
 * the workspace usable afterwards, the previous export untouched.
 *
 * (Read-only files: test/integration/store.test.ts opens them as an unprivileged user through the
 * store and the dispatch: `readOnly: true`, edits refused with READ_ONLY, the file unchanged.)
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { generateEvents } from '../bench/generate-events.js';
import { EXPORT_DRAWS, FAULT_NOW, faultPrice } from '../fixtures/fault-writer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'test/fixtures/fault-writer.ts';
const dir = mkdtempSync(join(tmpdir(), 'tco-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
// The kill moments are drawn from a seeded generator (FAULT_SEED=n replays another run's, printed
// with a failure): a red run can be run again with the same moments, though the moment a process
// reaches still depends on the machine's speed.
const FAULT_SEED = Number(process.env.FAULT_SEED ?? 20261206);
let state = FAULT_SEED >>> 0;
const next = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
};
const random = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
let n = 0;
const fresh = () => mkdtempSync(join(dir, 't'));

/** A workspace holding `doc` (the sample unless given), closed: WAL mode, no -wal left. */
function workspace(folder: string, doc: WorkspaceDocument = sample): string {
  const path = join(folder, `w${++n}.tcows`);
  WorkspaceStore.create(path, doc).close();
  return path;
}

interface Run {
  /** The step lines printed after `ready`, in order. */
  steps: string[];
  ready: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Run the writer; with `kill`, SIGKILL it once it is ready and has reported `after` steps, `delayMs`
 * later. With `limitKb`, it runs under `ulimit -f` (1 KiB blocks in bash).
 */
function runWriter(args: string[], o: { kill?: { after: number; delayMs: number }; limitKb?: number; timeoutMs?: number } = {}): Promise<Run> {
  const node = [process.execPath, '--import', 'tsx', FIXTURE, ...args];
  const child =
    o.limitKb === undefined
      ? spawn(node[0]!, node.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('bash', ['-c', `ulimit -f ${o.limitKb} && exec "$0" "$@"`, ...node], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<Run>((resolve, reject) => {
    let armed = false;
    const limit = o.timeoutMs ?? 30_000;
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer (${args.join(' ')}) did not finish in ${limit} ms; stdout: ${out.slice(-300)}; stderr: ${stderr}`));
    }, limit);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (o.kill && !armed) {
        const lines = out.split('\n').slice(0, -1);
        if (lines[0] === 'ready' && lines.length - 1 >= o.kill.after) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), o.kill.delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(giveUp);
      const lines = out.split('\n').slice(0, -1); // a line counts only with its newline
      resolve({ ready: lines[0] === 'ready', steps: lines.slice(1), code, signal, stderr });
    });
  });
}

/** The file as the kill left it: sound, read through a read-only connection (its -wal included). */
function integrity(path: string): { history: number; applied: number; seqs: number[] } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const history = (db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
    const applied = (db.prepare('SELECT applied FROM history_cursor WHERE id = 1').get() as { applied: number }).applied;
    const seqs = (db.prepare('SELECT seq FROM history ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    return { history, applied, seqs };
  } finally {
    db.close();
  }
}

/** Open through the app (as the window does) and return the document; the file must open writable. */
async function openedDocument(path: string): Promise<WorkspaceDocument> {
  const app = createApp({ dataDir: null, now: () => FAULT_NOW });
  try {
    const r = (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) throw new Error('not opened');
    expect(r.value.readOnly).toBe(false);
    return r.value.document;
  } finally {
    app.closeAll();
  }
}

const withPrice = (price: string): WorkspaceDocument => ({
  ...sample,
  vendors: sample.vendors.map((v, i) => (i === 0 ? { ...v, quote: { ...v.quote, routes: v.quote.routes.map((r, j) => (j === 1 ? { ...r, price } : r)) } } : v)),
});
const ORIGINAL_PRICE = sample.vendors[0]!.quote.routes[1]!.price as string;

/** Run `tasks` with at most `width` at a time (2 cores: one child runs while the next one starts). */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// What an import and the exports give, worked out once in this process.

const EVENTS_NOW = FAULT_NOW.getTime();
let events: string;
/** The document after k imports of `events` into vendor C: its pilots k times over. */
let afterImports: (k: number) => WorkspaceDocument;
let importPilots = 0;
const reference: { csv?: Buffer; xlsxSheets?: string[]; json?: unknown } = {};

beforeAll(async () => {
  events = join(dir, 'events.csv');
  generateEvents(events, { events: 4000, seed: 11, now: EVENTS_NOW });
  const app = createApp({ dataDir: null, now: () => FAULT_NOW });
  try {
    const path = workspace(fresh());
    const s = (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    const h = s.value.handle;
    const one = await app.dispatch('import', { handle: h, path: events, vendorId: 'C' });
    if (!one.ok) throw new Error(JSON.stringify(one.error));
    const doc1 = (one.value as { state: WorkspaceState }).state.document;
    const before = sample.vendors.find((v) => v.id === 'C')!.pilots ?? [];
    const c1 = doc1.vendors.find((v) => v.id === 'C')!.pilots!;
    const added = c1.slice(before.length);
    importPilots = added.length;
    afterImports = (k) => (k === 0 ? sample : { ...doc1, vendors: doc1.vendors.map((v) => (v.id === 'C' ? { ...v, pilots: [...before, ...Array.from({ length: k }, () => added).flat()] } : v)) });
    // A second import gives exactly that (the holdouts it sets do not change again).
    const two = await app.dispatch('import', { handle: h, path: events, vendorId: 'C' });
    if (!two.ok) throw new Error(JSON.stringify(two.error));
    expect((two.value as { state: WorkspaceState }).state.document).toEqual(afterImports(2));

    const csv = join(dir, 'reference.csv');
    const xlsx = join(dir, 'reference.xlsx');
    const fresh1 = (await app.dispatch('workspace.open', { path: workspace(fresh()) })) as ApiResult<WorkspaceState>;
    if (!fresh1.ok) throw new Error(JSON.stringify(fresh1.error));
    const c = await app.dispatch('export.csv', { handle: fresh1.value.handle, path: csv, table: 'monthly', draws: EXPORT_DRAWS, seed: 1 });
    const x = await app.dispatch('export.xlsx', { handle: fresh1.value.handle, path: xlsx, draws: EXPORT_DRAWS, seed: 1 });
    expect(c.ok && x.ok, JSON.stringify([c, x])).toBe(true);
    reference.csv = readFileSync(csv);
    reference.xlsxSheets = await sheetsOf(xlsx);
    reference.json = sample;
  } finally {
    app.closeAll();
  }
  expect(importPilots).toBeGreaterThan(0);
}, 60_000);

async function sheetsOf(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((w) => w.name);
}

// ---------------------------------------------------------------------------------------------
// The trials

type Kind = 'edits' | 'import' | 'export-json' | 'export-xlsx' | 'export-csv';
interface Outcome {
  kind: Kind;
  reported: number;
  held: number;
}

async function trial(kind: Kind): Promise<Outcome> {
  const folder = fresh();
  const path = workspace(folder);
  const out = join(folder, `out.${kind.replace('export-', '')}`);
  const args = kind === 'import' ? [kind, path, events] : kind.startsWith('export') ? [kind, path, out] : [kind, path];
  // A random moment: after 0 to a few reported steps, then 0 to a few tens of milliseconds.
  const kill =
    kind === 'edits' ? { after: random(0, 25), delayMs: random(0, 15) } : kind === 'import' ? { after: random(0, 3), delayMs: random(0, 60) } : { after: random(0, 3), delayMs: random(0, 40) };
  const run = await runWriter(args, { kill });
  expect(run.stderr).toBe('');
  expect(run.signal).toBe('SIGKILL');
  expect(run.ready).toBe(true);
  expect(run.steps.length).toBeGreaterThanOrEqual(kill.after);
  run.steps.forEach((s, k) => expect(s).toBe(String(k + 1)));
  const last = run.steps.length;

  const { history, applied, seqs } = integrity(path);
  const doc = await openedDocument(path);
  let held: number;
  if (kind === 'edits') {
    // The last price reported as committed, or the next one (committed, not yet printed).
    const price = doc.vendors[0]!.quote.routes[1]!.price as string;
    const candidates = [last, last + 1];
    held = candidates.find((i) => (i === 0 ? ORIGINAL_PRICE : faultPrice(i)) === price) ?? -1;
    expect(held, `price ${price} after ${last} reported edits`).toBeGreaterThanOrEqual(0);
    expect(doc).toEqual(held === 0 ? sample : withPrice(faultPrice(held)));
  } else if (kind === 'import') {
    // Whole imports only: the vendor's pilots are k full sets, k the imports reported or one more.
    const pilots = (doc.vendors.find((v) => v.id === 'C')!.pilots ?? []).length - (sample.vendors.find((v) => v.id === 'C')!.pilots ?? []).length;
    expect(pilots % importPilots, `${pilots} pilots added: not whole imports of ${importPilots}`).toBe(0);
    held = pilots / importPilots;
    expect([last, last + 1]).toContain(held);
    expect(doc).toEqual(afterImports(held));
  } else {
    // An export changes nothing in the workspace, and its file is absent or whole.
    held = 0;
    expect(doc).toEqual(sample);
    if (existsSync(out)) {
      if (kind === 'export-json') expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(reference.json);
      if (kind === 'export-csv') expect(readFileSync(out).equals(reference.csv!)).toBe(true);
      if (kind === 'export-xlsx') expect(await sheetsOf(out)).toEqual(reference.xlsxSheets);
    } else expect(last).toBe(0);
    // Beside it: the workspace (with its -wal/-shm) and at most one temporary file the kill cut short.
    const others = readdirSync(folder).filter((f) => !f.startsWith(`w${path.match(/w(\d+)\.tcows$/)![1]}.tcows`) && f !== `out.${kind.replace('export-', '')}`);
    expect(others.length, others.join(', ')).toBeLessThanOrEqual(1);
    for (const f of others) expect(f).toMatch(new RegExp(`^\\.out\\.${kind.replace('export-', '')}\\..*tmp$`));
  }
  // One undo entry per committed step, all in effect, numbered 1..held.
  expect(history).toBe(held);
  expect(applied).toBe(held);
  expect(seqs).toEqual(Array.from({ length: held }, (_, k) => k + 1));
  return { kind, reported: last, held };
}

const PLAN: Kind[] = [
  ...Array<Kind>(40).fill('import'),
  ...Array<Kind>(40).fill('edits'),
  ...Array<Kind>(7).fill('export-json'),
  ...Array<Kind>(7).fill('export-xlsx'),
  ...Array<Kind>(6).fill('export-csv'),
];

describe('SIGKILL at random moments while writing', () => {
  it(`${PLAN.length} trials (40 imports, 40 edits, 20 exports): the file is sound, opens and holds the last committed state`, async () => {
    const started = Date.now();
    // Interleaved, so a slow stretch of the machine does not fall on one kind alone.
    const order = PLAN.map((k, i) => ({ k, key: (i * 37) % PLAN.length }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.k);
    const results = await pool(
      order.map((k) => () => trial(k)),
      2,
    );
    expect(results).toHaveLength(100);
    const by = (k: Kind) => results.filter((r) => r.kind === k);
    expect(by('import')).toHaveLength(40);
    expect(by('edits')).toHaveLength(40);
    expect(results.filter((r) => r.kind.startsWith('export'))).toHaveLength(20);
    // The kills fell at various points: some before any commit, most after several.
    expect(by('edits').some((r) => r.held >= 5)).toBe(true);
    expect(by('import').some((r) => r.held >= 1)).toBe(true);
    const seconds = (Date.now() - started) / 1000;
    const between = results.filter((r) => r.held === r.reported + 1).length;
    console.log(
      `faults (FAULT_SEED=${FAULT_SEED}): ${results.length} SIGKILL trials in ${seconds.toFixed(1)} s (${between} killed after a commit and before its report); imports held ${by('import')
        .map((r) => r.held)
        .join(',')}; edits held ${by('edits')
        .map((r) => r.held)
        .join(',')}`,
    );
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------
// A full disk

describe('a full disk (writes past `ulimit -f` fail)', () => {
  const limited = async (args: string[], limitKb: number) => {
    const run = await runWriter(args, { limitKb });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.ready).toBe(true);
    return run.steps.map((s) =>
      s.startsWith('fail ') ? { ok: false as const, error: JSON.parse(s.slice(5)) as { code: string | number; message: string; file?: string } } : { ok: true as const, i: Number(s.slice(3)) },
    );
  };

  it('edits: the first that does not fit fails with FILE_ERROR naming the file; every committed edit is kept; the file goes on working', async () => {
    const path = workspace(fresh());
    const steps = await limited(['full-edits', path], Math.ceil(statSync(path).size / 1024) + 160);
    const oks = steps.filter((s) => s.ok);
    const fails = steps.filter((s) => !s.ok);
    expect(oks.length).toBeGreaterThanOrEqual(1);
    expect(fails).toHaveLength(2);
    for (const f of fails) {
      expect(f.error).toMatchObject({ code: 'FILE_ERROR', file: path });
      expect(f.error.message).toContain(path);
      expect(f.error.message).toMatch(/could not be saved: .*(disk is full|disk may be full).*nothing of this change was written/);
    }
    const last = oks.length;
    const { history, applied } = integrity(path);
    expect([history, applied]).toEqual([last, last]);
    expect(await openedDocument(path)).toEqual(withPrice(faultPrice(last)));
    // With room again, the next edit is saved.
    const s = WorkspaceStore.open(path);
    s.commit('after', withPrice('0.5'), FAULT_NOW.toISOString());
    s.close();
    expect(await openedDocument(path)).toEqual(withPrice('0.5'));
  }, 60_000);

  it('an import that does not fit fails with FILE_ERROR and adds nothing; with room it goes in whole', async () => {
    const path = workspace(fresh());
    const steps = await limited(['full-import', path, events], 40);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ ok: false, error: { code: 'FILE_ERROR', file: path } });
    expect((steps[0] as { error: { message: string } }).error.message).toMatch(/could not be saved/);
    expect(integrity(path)).toEqual({ history: 0, applied: 0, seqs: [] });
    expect(await openedDocument(path)).toEqual(sample);
    const again = await limited(['full-import', path, events], 100_000);
    expect(again).toEqual([{ ok: true, i: 1 }]);
    expect(await openedDocument(path)).toEqual(afterImports(1));
  }, 60_000);

  describe('an export that does not fit fails with FILE_ERROR naming it, and the previous file stays as it was', () => {
    // A workspace with a long message template, so its exports are larger than the -shm (32 KiB) the open needs.
    const big: WorkspaceDocument = { ...sample, streams: sample.streams.map((s, i) => (i === 0 ? { ...s, template: 'Your order has shipped. '.repeat(4000) } : s)) };
    it.each([
      ['export-json', 'json'],
      ['export-xlsx', 'xlsx'],
      ['export-csv', 'csv'],
    ])(
      '%s',
      async (mode, ext) => {
        const folder = fresh();
        // (The monthly CSV grows with the horizon.)
        const path = workspace(folder, ext === 'csv' ? { ...big, horizonMonths: 240 } : big);
        const out = join(folder, `out.${ext}`);
        // The size of this export with room to write it.
        const roomy = await limited([`full-${mode}`, path, out], 100_000);
        expect(roomy).toEqual([{ ok: true, i: 1 }]);
        const size = statSync(out).size;
        writeFileSync(out, 'the previous export');
        const before = sha(out);
        const workspaceBefore = sha(path);
        const limitKb = Math.max(36, Math.floor(size / 1024 / 2));
        if (size <= limitKb * 1024) throw new Error(`the ${ext} export (${size} bytes) fits in ${limitKb} KiB: make the workspace bigger`);
        const steps = await limited([`full-${mode}`, path, out], limitKb);
        expect(steps).toHaveLength(1);
        expect(steps[0]!.ok).toBe(false);
        const error = (steps[0] as { error: { code: string | number; message: string } }).error;
        // The command line exits 2 with one line; the API answers FILE_ERROR; both name the file.
        if (mode === 'export-json') expect(error.code).toBe(2);
        else expect(error.code).toBe('FILE_ERROR');
        expect(error.message).toContain(out);
        expect(error.message).toContain('could not be written (file too large, EFBIG)');
        expect(sha(out)).toBe(before);
        expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
        expect(sha(path)).toBe(workspaceBefore);
        expect(integrity(path).history).toBe(0);
      },
      60_000,
    );
  });
});
