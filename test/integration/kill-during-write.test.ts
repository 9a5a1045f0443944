/**
 * A process killed (SIGKILL) in the middle of writing leaves a workspace file that passes
 * PRAGMA integrity_check and holds the last committed state: the edit the writer last reported
 * as committed, or the one after it when that commit completed before the kill.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { WorkspaceStore } from '../../electron/store/workspace-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = new URL('../..', import.meta.url).pathname;
const sample = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));

async function trial(t: number, delayMs: number): Promise<void> {
  const path = join(dir, `k${t}.tcows`);
  WorkspaceStore.create(path, sample).close();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-writer.ts', path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  // Wait until it is writing, then a random moment more, then kill it without warning.
  await new Promise<void>((ok) => {
    const poll = setInterval(() => {
      if (out.includes('\n')) {
        clearInterval(poll);
        setTimeout(ok, delayMs);
      }
    }, 5);
  });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  child.kill('SIGKILL');
  await exited;
  const reported = out.split('\n').filter(Boolean).map(Number);
  const last = reported.at(-1) ?? 0;
  expect(last).toBeGreaterThan(0);

  const db = new Database(path);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  const store = WorkspaceStore.open(path);
  const value = Number(store.document().vendors[0]!.quote.routes[0]!.passThrough);
  const held = Math.round(value * 1e6);
  expect([last, last + 1]).toContain(held);
  // The undo history holds exactly the committed edits.
  expect(store.history().undoLabel).toBe(`edit ${held}`);
  store.close();
}

describe('SIGKILL in the middle of writing', () => {
  it('leaves a sound file with the last committed edit (8 trials at random moments)', async () => {
    for (let t = 0; t < 8; t++) await trial(t, 20 + Math.floor(Math.random() * 180));
  }, 60_000);
});
