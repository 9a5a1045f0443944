/**
 * Typing a value into a field of the window is one step to undo, not one a keystroke: edits sent
 * as `workspace.edit` (the window's path) with the same label, changing the same places, within
 * TYPING_FOLD_MS of each other, fold into one undo entry. The other operations (the command line,
 * scripts) keep one entry an edit. Vendor A's route 1 of the sample RFP is priced 0.0095.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { TYPING_FOLD_MS } from '../../electron/services/handlers.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-undo-typing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The fold window is measured on this clock: a test moves it on instead of sleeping past the window.
let elapsed = 0;
const app = createApp({ dataDir: null, now: () => new Date('2026-11-23T12:00:00Z'), elapsedMs: () => elapsed });
const sample = () => JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as unknown;
let n = 0;

async function ok<T>(op: string, input: unknown): Promise<T> {
  const r = await app.dispatch(op, input);
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function open(): Promise<{ path: string; handle: string }> {
  const path = join(dir, `w${++n}.tcows`);
  const s = await ok<WorkspaceState>('workspace.create', { path, from: sample() });
  return { path, handle: s.handle };
}
const type = (handle: string, price: string) => ok<{ state: WorkspaceState }>('workspace.edit', { handle, op: 'routes.update', input: { vendorId: 'A', index: 1, patch: { price } } });
const priceOf = (s: WorkspaceState) => s.document.vendors[0]!.quote.routes[1]!.price;
const historyRows = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('typing in a field is one undo step', () => {
  it('"0", "0.", "0.0", "0.01" typed into a price: one entry; one undo gives 0.0095 back', async () => {
    const { path, handle } = await open();
    for (const p of ['0', '0.', '0.0', '0.01'].filter((x) => /^\d+(\.\d+)?$/.test(x))) await type(handle, p);
    expect(historyRows(path)).toBe(1);
    const undone = await ok<WorkspaceState>('history.undo', { handle });
    expect(priceOf(undone)).toBe('0.0095');
    expect(undone.history.canUndo).toBe(false);
    const redone = await ok<WorkspaceState>('history.redo', { handle });
    expect(priceOf(redone)).toBe('0.01');
  });

  it('the window is 1.5 s from the last keystroke: a key at exactly 1,500 ms folds, one at 1,501 ms does not', async () => {
    const { path, handle } = await open();
    await type(handle, '0.01');
    elapsed += TYPING_FOLD_MS; // the window's edge: still the same step
    await type(handle, '0.012');
    expect(historyRows(path)).toBe(1);
    elapsed += TYPING_FOLD_MS + 1; // past it, counted from the last key
    await type(handle, '0.0125');
    expect(historyRows(path)).toBe(2);
    expect(priceOf(await ok<WorkspaceState>('history.undo', { handle }))).toBe('0.012');
  });

  it('typed back to where it was: no entry is left', async () => {
    const { path, handle } = await open();
    await type(handle, '0.01');
    await type(handle, '0.0095');
    expect(historyRows(path)).toBe(0);
    expect((await ok<WorkspaceState>('workspace.get', { handle })).history.canUndo).toBe(false);
  });

  it('another field, an undo in between, or a pause longer than the window: separate steps', async () => {
    const { path, handle } = await open();
    await type(handle, '0.01');
    await ok('workspace.edit', { handle, op: 'routes.update', input: { vendorId: 'A', index: 1, patch: { passThrough: '0.002' } } });
    expect(historyRows(path)).toBe(2);
    await ok('history.undo', { handle });
    await type(handle, '0.02');
    // The undone pass-through edit is dropped; the price edits are two steps (an undo came between).
    expect(historyRows(path)).toBe(2);
    elapsed += TYPING_FOLD_MS + 1;
    await type(handle, '0.03');
    expect(historyRows(path)).toBe(3);
    expect(priceOf(await ok<WorkspaceState>('history.undo', { handle }))).toBe('0.02');
  });

  it('the operations themselves (the command line, scripts) keep one entry an edit', async () => {
    const { path, handle } = await open();
    for (const price of ['0.01', '0.02', '0.03']) await ok('routes.update', { handle, vendorId: 'A', index: 1, patch: { price } });
    expect(historyRows(path)).toBe(3);
  });
});
