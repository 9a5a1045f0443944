/**
 * Crash safety of the workspace file. A child process (test/fixtures/crash-writer.ts, run with
 * `node --import tsx`) opens a workspace through the app's dispatch and commits `routes.update`
 * edits in a loop, printing each price after its commit returned. The parent kills it with SIGKILL
 * after a random number of committed edits and a random delay, then checks that the file is sound
 * (PRAGMA integrity_check), opens, and holds the last edit reported as committed, or the one
 * after it when that commit had completed before the kill, with exactly as many undo entries.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';
import { crashPrice } from '../fixtures/crash-writer.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tco-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));
const ORIGINAL_PRICE = sample.vendors[0]!.quote.routes[1]!.price;

/** The sample with vendor A's route 1 priced at `price` (what the writer's edits produce). */
const withPrice = (price: string | number | null | undefined): WorkspaceDocument => ({
  ...sample,
  vendors: sample.vendors.map((v, i) => (i === 0 ? { ...v, quote: { ...v.quote, routes: v.quote.routes.map((r, j) => (j === 1 ? { ...r, price } : r)) } } : v)),
});

const random = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

interface Killed {
  /** The `i price` lines the child printed, in order. */
  reported: { i: number; price: string }[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Run the writer until it has reported `edits` commits, wait `delayMs` more, then SIGKILL it. */
function runAndKill(path: string, edits: number, delayMs: number): Promise<Killed> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-writer.ts', path, 'api'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<Killed>((resolve, reject) => {
    let armed = false;
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer reported ${out.split('\n').length - 1} edits in 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!armed && out.split('\n').length - 1 >= edits) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(giveUp);
      // A line is complete only with its newline (each is written whole, but be strict).
      const lines = out.split('\n').slice(0, -1);
      const reported = lines.map((l) => {
        const [i, price] = l.split(' ');
        return { i: Number(i), price: price! };
      });
      resolve({ reported, signal, stderr });
    });
  });
}

async function trial(t: number): Promise<{ last: number; held: number }> {
  const path = join(dir, `crash-${t}.tcows`);
  WorkspaceStore.create(path, sample).close();
  const edits = random(3, 40);
  const delayMs = random(0, 60);
  const { reported, signal, stderr } = await runAndKill(path, edits, delayMs);

  // It was killed (it never stops by itself), after at least the edits we waited for.
  expect(stderr).toBe('');
  expect(signal).toBe('SIGKILL');
  expect(reported.length).toBeGreaterThanOrEqual(edits);
  reported.forEach((r, k) => expect(r).toEqual({ i: k + 1, price: crashPrice(k + 1) }));
  const last = reported.at(-1)!.i;

  // The file as the kill left it (with its -wal): sound. Opening it read-write recovers the WAL
  // as the app's own open would.
  expect(existsSync(path)).toBe(true);
  const db = new Database(path);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const historyRows = (db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
  const applied = (db.prepare('SELECT applied FROM history_cursor WHERE id = 1').get() as { applied: number }).applied;
  const seqs = (db.prepare('SELECT seq FROM history ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
  db.close();

  // It holds the last price reported as committed, or the next one (committed, not yet printed).
  const store = WorkspaceStore.open(path);
  try {
    const doc = store.document();
    const price = doc.vendors[0]!.quote.routes[1]!.price as string;
    const held = [last, last + 1].find((i) => crashPrice(i) === price);
    expect(held, `price ${price} after the writer reported ${last} (${crashPrice(last)})`).toBeDefined();
    // Nothing else of the document changed, and FORMAT.md still accepts it.
    expect(doc).toEqual(withPrice(crashPrice(held!)));
    expect(() => readDocument(doc)).not.toThrow();
    // One undo entry per committed edit, all in effect, numbered 1..held.
    expect(historyRows).toBe(held);
    expect(applied).toBe(held);
    expect(seqs).toEqual(Array.from({ length: held! }, (_, k) => k + 1));
    expect(store.history()).toMatchObject({ canUndo: true, canRedo: false });
    // And the history works: one undo gives the price before.
    expect(store.undo()).not.toBeNull();
    expect(store.document()).toEqual(withPrice(held === 1 ? ORIGINAL_PRICE : crashPrice(held! - 1)));
    return { last, held: held! };
  } finally {
    store.close();
  }
}

describe('a writer killed with SIGKILL in the middle of committing edits', () => {
  it('leaves a sound file holding the last committed edit and its history (5 trials at random moments)', async () => {
    const results: { last: number; held: number }[] = [];
    for (let t = 0; t < 5; t++) results.push(await trial(t));
    // Each trial got well into its edits before the kill.
    for (const r of results) expect(r.held).toBeGreaterThanOrEqual(3);
  }, 45_000);

  it('the killed file opens through the app, with undo and redo', async () => {
    const path = join(dir, 'crash-app.tcows');
    WorkspaceStore.create(path, sample).close();
    const { reported } = await runAndKill(path, 10, random(0, 30));
    const last = reported.at(-1)!.i;
    const app = createApp({ dataDir: null });
    try {
      const opened = (await app.dispatch('workspace.open', { path })) as ApiResult<WorkspaceState>;
      expect(opened.ok, JSON.stringify(opened)).toBe(true);
      if (!opened.ok) return;
      const price = opened.value.document.vendors[0]!.quote.routes[1]!.price;
      expect([crashPrice(last), crashPrice(last + 1)]).toContain(price);
      expect(opened.value.readOnly).toBe(false);
      expect(opened.value.history.canUndo).toBe(true);
      const undone = (await app.dispatch('history.undo', { handle: opened.value.handle })) as ApiResult<WorkspaceState>;
      expect(undone.ok).toBe(true);
      const redone = (await app.dispatch('history.redo', { handle: opened.value.handle })) as ApiResult<WorkspaceState>;
      expect(redone.ok && redone.value.document).toEqual(opened.value.document);
    } finally {
      app.closeAll();
    }
  }, 20_000);
});
