/**
 * The contract (electron/api/operations.ts) through the one dispatch: every operation refuses
 * malformed input with the JSON path and the field; edits that would break FORMAT.md are refused
 * with the document's path and leave the file as it was; every edit can be undone and redone.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import type { ApiResult } from '../../electron/api/errors.js';
import { OP_NAMES, operations, type WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-api-'));
const app = createApp({ dataDir: join(dir, 'data'), now: () => new Date('2026-11-23T12:00:00Z') });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const fresh = () => join(dir, `w${++n}.tcows`);
const sample = () => JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as any;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

async function ok<T>(op: string, input: unknown): Promise<T> {
  const r = (await app.dispatch(op, input)) as ApiResult<T>;
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function fails(op: string, input: unknown) {
  const r = await app.dispatch(op, input);
  expect(r.ok, `${op} should fail`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string; path?: string; field?: string } }).error;
}

describe('every operation refuses malformed input with the path and the field', () => {
  it.each(OP_NAMES)('%s', async (op) => {
    // Not an object at all.
    const notObject = await fails(op, 42);
    expect(notObject.code).toBe('INVALID_INPUT');
    expect(notObject.path).toBe('$');
    expect(notObject.message).toContain(op);
    // An unknown field.
    const unknown = await fails(op, { bogus: 1 });
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.path!.startsWith('$')).toBe(true);
    expect(unknown.message).toContain(op);
    // A wrong type for the first field of its input.
    const shape = (operations[op].input as any).shape ?? (operations[op].input as any).def?.in?.shape ?? {};
    const first = Object.keys(shape)[0];
    if (first) {
      const wrong = await fails(op, { [first]: { nested: [] } });
      expect(wrong.code).toBe('INVALID_INPUT');
      expect(wrong.path).toMatch(/^\$(\.|$)/);
    }
  });

  it('names an unknown operation', async () => {
    expect((await fails('vendors.explode', {})).code).toBe('UNKNOWN_OPERATION');
  });

  it('names the field deep in a patch', async () => {
    const s = await ok<WorkspaceState>('workspace.create', { path: fresh(), from: sample() });
    const e = await fails('routes.update', { handle: s.handle, vendorId: 'A', index: 0, patch: { tiers: [{ from: 0, price: 'cheap' }] } });
    expect(e).toMatchObject({ code: 'INVALID_INPUT', path: '$.patch.tiers[0].price', field: 'price' });
  });
});

describe('edits', () => {
  it('refuses an edit that would break FORMAT.md, with the document path, and leaves the file as it was', async () => {
    const path = fresh();
    const s = await ok<WorkspaceState>('workspace.create', { path, from: sample() });
    const before = sha(path);
    const both = await fails('routes.update', { handle: s.handle, vendorId: 'A', index: 1, patch: { price: '0.01', tiers: [{ from: 0, price: '0.01' }] } });
    expect(both).toMatchObject({ code: 'INVALID_DOCUMENT', path: '$.vendors[0].quote.routes[1].tiers' });
    const dup = await fails('streams.add', { handle: s.handle, stream: { id: 'cart-us', channel: 'email', monthlyVolume: 1 } });
    expect(dup).toMatchObject({ code: 'INVALID_DOCUMENT', path: '$.streams[4].id', field: 'id' });
    expect(sha(path)).toBe(before);
    expect((await ok<WorkspaceState>('workspace.get', { handle: s.handle })).document).toEqual(s.document);
  });

  it('names what is missing', async () => {
    const s = await ok<WorkspaceState>('workspace.create', { path: fresh(), from: sample() });
    expect(await fails('quote.update', { handle: s.handle, vendorId: 'Z', patch: { discount: 0.1 } })).toMatchObject({ code: 'NOT_FOUND', path: '$.vendorId', field: 'vendorId' });
    expect(await fails('fees.remove', { handle: s.handle, vendorId: 'A', index: 9 })).toMatchObject({ code: 'NOT_FOUND', path: '$.index' });
    expect(await fails('workspace.get', { handle: 'nope' })).toMatchObject({ code: 'NOT_FOUND', path: '$.handle' });
    expect(await fails('history.redo', { handle: s.handle })).toMatchObject({ code: 'NOTHING_TO_REDO' });
  });

  it('every kind of edit is undone back to the start and redone to the end, across reopening', async () => {
    const path = fresh();
    const start = await ok<WorkspaceState>('workspace.create', { path, from: sample() });
    const h = start.handle;
    const steps: [string, Record<string, unknown>][] = [
      ['settings.update', { patch: { horizonMonths: 24, discountRate: '0.08' } }],
      ['fx.set', { rate: { currency: 'GBP', rate: '1.27', asOf: '2026-11-20' } }],
      ['fx.remove', { currency: 'KES' }],
      ['defaults.set', { channel: 'push', rates: { deliveryRate: 0.9, engagementRate: 0.05 } }],
      ['defaults.remove', { channel: 'email' }],
      ['streams.add', { stream: { id: 'push-all', channel: 'push', monthlyVolume: 50000 } }],
      ['streams.update', { id: 'alerts-ke', patch: { monthlyVolume: '70000', name: 'Alerts KE' } }],
      ['streams.remove', { id: 'push-all' }],
      ['vendors.add', { vendor: { id: 'D', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.0001' }] } } }],
      ['vendors.update', { id: 'D', patch: { name: 'Vendor D' } }],
      ['quote.update', { vendorId: 'C', patch: { discount: '0.12', minimumMonthlyCommit: '500' } }],
      ['routes.add', { vendorId: 'C', route: { channel: 'sms', country: 'KE', price: '0.009' } }],
      [
        'routes.update',
        {
          vendorId: 'C',
          index: 0,
          patch: {
            tiers: [
              { from: 0, price: '0.0071' },
              { from: 100000, price: '0.0065' },
            ],
            tierMode: 'volume',
          },
        },
      ],
      ['routes.remove', { vendorId: 'C', index: 2 }],
      ['fees.add', { vendorId: 'C', fee: { name: 'Onboarding', amount: '1500', per: 'once', category: 'setup' } }],
      ['fees.update', { vendorId: 'C', index: 1, patch: { amount: '1800', month: 2 } }],
      ['fees.remove', { vendorId: 'C', index: 1 }],
      ['internal.update', { vendorId: 'C', patch: { setupHours: 220 } }],
      ['pilots.add', { vendorId: 'C', pilot: { channel: 'sms', country: 'US', sent: 1000, delivered: 950, engaged: 40 } }],
      ['pilots.update', { vendorId: 'C', index: 0, patch: { delivered: 960 } }],
      ['pilots.remove', { vendorId: 'C', index: 0 }],
      ['vendors.remove', { id: 'D' }],
    ];
    const seen = [start.document];
    for (const [op, input] of steps) {
      const s = await ok<WorkspaceState>(op, { handle: h, ...input });
      expect(s.history.canUndo).toBe(true);
      seen.push(s.document);
    }
    expect(seen.at(-1)).not.toEqual(start.document);
    await ok('workspace.close', { handle: h });
    const again = await ok<WorkspaceState>('workspace.open', { path });
    expect(again.document).toEqual(seen.at(-1));
    for (let i = seen.length - 2; i >= 0; i--) {
      const s = await ok<WorkspaceState>('history.undo', { handle: again.handle });
      expect(s.document, `undo to step ${i}`).toEqual(seen[i]);
    }
    expect((await fails('history.undo', { handle: again.handle })).code).toBe('NOTHING_TO_UNDO');
    for (let i = 1; i < seen.length; i++) {
      const s = await ok<WorkspaceState>('history.redo', { handle: again.handle });
      expect(s.document, `redo to step ${i}`).toEqual(seen[i]);
    }
  });

  it('a renamed vendor takes its holdout with it; a vendor that measured a holdout cannot be removed', async () => {
    const s = await ok<WorkspaceState>('workspace.create', { path: fresh(), from: sample() });
    const renamed = await ok<WorkspaceState>('vendors.update', { handle: s.handle, id: 'A', patch: { id: 'Alpha' } });
    expect(renamed.document.streams[0]!.benefits!.holdout!.vendor).toBe('Alpha');
    expect(await fails('vendors.remove', { handle: s.handle, id: 'Alpha' })).toMatchObject({ code: 'INVALID_INPUT', path: '$.id' });
  });
});

describe('files and analyses through the API', () => {
  it('computes an open workspace as it computes its document', async () => {
    const s = await ok<WorkspaceState>('workspace.create', { path: fresh(), from: sample() });
    const a = await ok('compute', { handle: s.handle, draws: 300, seed: 4 });
    const b = await ok('compute', { document: sample(), draws: 300, seed: 4 });
    expect(a).toEqual(b);
  });

  it('exports the document, refuses an existing file on create, and keeps recent files', async () => {
    const path = fresh();
    const s = await ok<WorkspaceState>('workspace.create', { path, from: sample() });
    const out = join(dir, 'out.json');
    await ok('workspace.exportDocument', { handle: s.handle, path: out });
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toEqual(canonicalDocument(readDocument(sample())));
    expect((await fails('workspace.create', { path })).code).toBe('FILE_ERROR');
    expect((await ok<{ files: string[] }>('workspace.recent', {})).files[0]).toBe(path);
  });

  it('names a document error inside an input by its path there', async () => {
    const doc = sample();
    doc.vendors[1].quote.currency = 'eur';
    expect(await fails('compute', { document: doc })).toMatchObject({ code: 'INVALID_DOCUMENT', path: '$.document.vendors[1].quote.currency', field: 'currency' });
    expect(await fails('workspace.create', { path: fresh(), from: doc })).toMatchObject({ code: 'INVALID_DOCUMENT', path: '$.from.vendors[1].quote.currency' });
  });

  it('gives a model error with its path', async () => {
    const doc = sample();
    doc.fx = [];
    expect(await fails('compute', { document: doc, draws: 0 })).toMatchObject({ code: 'MODEL_ERROR', path: '$.vendors[1].quote.currency' });
  });
});
