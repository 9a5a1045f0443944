/**
 * The typed API (electron/api/operations.ts) through the app's one dispatch (createApp), on real
 * workspace files in a temp folder: every operation refuses malformed input with the JSON path and
 * the field; unknown operations, handles and ids are named; edits that would break FORMAT.md are
 * refused with the document's path and leave the file as it was; every edit can be undone to the
 * start and redone to the end, across closing and reopening; Save As; compute on an open workspace
 * equals compute on its document; create and exportDocument.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../electron/api/document.js';
import type { ApiError, ApiResult } from '../../electron/api/errors.js';
import { OP_NAMES, operations, type OpName, type WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-api-'));
const app = createApp({ dataDir: join(dir, 'app-data'), now: () => new Date('2026-11-23T12:00:00Z') });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

/** A path in a folder of its own. */
const fresh = (name = 'w.tcows') => join(mkdtempSync(join(dir, 'f')), name);
const sampleRaw = () => JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as any;
const workedRaw = () => JSON.parse(readFileSync(new URL('../fixtures/worked-example.json', import.meta.url), 'utf8')) as any;
const canonical = (raw: unknown): WorkspaceDocument => canonicalDocument(readDocument(raw));
const PILOT_CSV = fileURLToPath(new URL('../fixtures/events/pilot.csv', import.meta.url));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
/** The bytes of an open workspace: the file and its WAL (where committed edits first go). */
const fileState = (p: string) => `${sha(p)}/${existsSync(`${p}-wal`) ? sha(`${p}-wal`) : '-'}`;

async function call<T = unknown>(op: string, input: unknown): Promise<ApiResult<T>> {
  return (await app.dispatch(op, input)) as ApiResult<T>;
}

async function ok<T = WorkspaceState>(op: string, input: unknown): Promise<T> {
  const r = await call<T>(op, input);
  if (!r.ok) throw new Error(`${op} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function fails(op: string, input: unknown): Promise<ApiError> {
  const r = await call(op, input);
  expect(r.ok, `${op} ${JSON.stringify(input)} should fail`).toBe(false);
  return (r as { ok: false; error: ApiError }).error;
}

async function openSample(): Promise<{ path: string; state: WorkspaceState }> {
  const path = fresh();
  return { path, state: await ok('workspace.create', { path, from: sampleRaw() }) };
}

// ---------------------------------------------------------------------------------------------
// Malformed input

/** An input each operation's schema accepts (the handle and files are those of `ctx`). */
function validInputs(ctx: { handle: string; path: string; out: string }): Record<OpName, Record<string, unknown>> {
  const h = ctx.handle;
  return {
    'workspace.create': { path: ctx.out.replace(/\.json$/, '.tcows'), from: sampleRaw() },
    'workspace.open': { path: ctx.path },
    'workspace.close': { handle: h },
    'workspace.get': { handle: h },
    'workspace.saveAs': { handle: h, path: ctx.out.replace(/\.json$/, '-copy.tcows') },
    'workspace.exportDocument': { handle: h, path: ctx.out },
    'export.pdf': { handle: h, path: ctx.out.replace(/\.json$/, '.pdf') },
    'export.xlsx': { handle: h, path: ctx.out.replace(/\.json$/, '.xlsx') },
    'export.csv': { handle: h, path: ctx.out.replace(/\.json$/, '.csv'), table: 'compare' },
    'report.settings': { handle: h, preparedFor: 'Acme Retail' },
    'workspace.recent': {},
    'workspace.edit': { handle: h, op: 'settings.update', input: { patch: { name: 'renamed' } } },
    'history.undo': { handle: h },
    'history.redo': { handle: h },
    'settings.update': { handle: h, patch: { name: 'renamed' } },
    'fx.set': { handle: h, rate: { currency: 'GBP', rate: '1.27' } },
    'fx.remove': { handle: h, currency: 'EUR' },
    'defaults.set': { handle: h, channel: 'push', rates: { deliveryRate: 0.9 } },
    'defaults.remove': { handle: h, channel: 'sms' },
    'streams.add': { handle: h, stream: { id: 'new', channel: 'email', monthlyVolume: 10 } },
    'streams.update': { handle: h, id: 'cart-us', patch: { monthlyVolume: '1' } },
    'streams.remove': { handle: h, id: 'alerts-ke' },
    'vendors.add': { handle: h, vendor: { id: 'D', quote: { currency: 'USD', routes: [] } } },
    'vendors.update': { handle: h, id: 'A', patch: { name: 'Alpha' } },
    'vendors.remove': { handle: h, id: 'C' },
    'quote.update': { handle: h, vendorId: 'A', patch: { discount: '0.1' } },
    'routes.add': { handle: h, vendorId: 'C', route: { channel: 'sms', country: 'KE', price: '0.01' } },
    'routes.update': { handle: h, vendorId: 'A', index: 0, patch: { billedOn: 'delivered' } },
    'routes.remove': { handle: h, vendorId: 'A', index: 3 },
    'fees.add': { handle: h, vendorId: 'A', fee: { name: 'x', amount: '1', per: 'month', category: 'other' } },
    'fees.update': { handle: h, vendorId: 'A', index: 0, patch: { amount: '5' } },
    'fees.remove': { handle: h, vendorId: 'A', index: 0 },
    'internal.update': { handle: h, vendorId: 'A', patch: { setupHours: 1 } },
    'pilots.add': { handle: h, vendorId: 'C', pilot: { channel: 'sms', country: 'US', sent: 10, delivered: 9 } },
    'pilots.update': { handle: h, vendorId: 'A', index: 0, patch: { engaged: 400 } },
    'pilots.remove': { handle: h, vendorId: 'A', index: 1 },
    'scenarios.add': { handle: h, name: 'Volume +30%' },
    'scenarios.rename': { handle: h, id: 'volume-30', name: 'Volume up' },
    'scenarios.remove': { handle: h, id: 'volume-30' },
    'scenarios.removeOperation': { handle: h, id: 'volume-30', index: 0 },
    import: { handle: h, path: PILOT_CSV, vendorId: 'C' },
    'import.formats': {},
    'import.preview': { path: PILOT_CSV },
    'import.savePreset': { name: 'my log', kind: 'csv', mapping: { columns: { messageId: 'id', event: 'status', timestamp: 'at' }, defaults: { route: 'sms/US' } } },
    'import.removePreset': { name: 'my log' },
    'import.progress': { importId: 'import-1' },
    'import.cancel': { importId: 'import-1' },
    compute: { handle: h, draws: 10, seed: 1 },
    segments: { text: 'hello' },
    holdout: { exposed: [10, 100], holdout: [5, 100] },
    sampleSize: { p0: 0.1, lift: 0.02 },
  };
}

/** A value of another type than `v`. */
const wrongType = (v: unknown): unknown => (typeof v === 'string' ? 12345 : typeof v === 'number' ? 'twelve' : typeof v === 'boolean' ? 'yes' : 'not an object');

const shapeOf = (op: OpName): Record<string, { safeParse: (x: unknown) => { success: boolean } }> => (operations[op].input as any).shape;
const requiredFields = (op: OpName) => Object.keys(shapeOf(op)).filter((k) => !shapeOf(op)[k]!.safeParse(undefined).success);

describe('every operation refuses malformed input with the path and the field', () => {
  const ctx = { handle: 'set-below', path: '', out: '' };
  const ready = (async () => {
    const { path, state } = await openSample();
    ctx.handle = state.handle;
    ctx.path = path;
    ctx.out = join(dirname(path), 'out.json');
  })();

  it('the table and OP_NAMES list the same operations', () => {
    expect([...OP_NAMES].sort()).toEqual(Object.keys(operations).sort());
    expect(new Set(OP_NAMES).size).toBe(OP_NAMES.length);
  });

  it.each(OP_NAMES)('%s', async (op) => {
    await ready;
    const before = fileState(ctx.path);
    const valid = validInputs(ctx)[op];
    // The valid input is valid: whatever fails below fails for the malformation alone.
    expect(operations[op].input.safeParse(valid).success, `valid input of ${op}`).toBe(true);

    // 1. Not an object at all.
    for (const input of [42, 'text', [1, 2], true]) {
      const e = await fails(op, input);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toBe('$');
      expect(typeof e.field).toBe('string');
      expect(e.message.startsWith(`${op}: $`)).toBe(true);
    }

    // 2. An unknown field: alone, and beside a valid input (then it is the only issue).
    const alone = await fails(op, { bogus: 1 });
    expect(alone.code).toBe('INVALID_INPUT');
    expect(alone.path).toMatch(/^\$./);
    expect(typeof alone.field).toBe('string');
    expect(alone.message).toContain(op);
    const beside = await fails(op, { ...valid, bogus: 1 });
    expect(beside).toMatchObject({ code: 'INVALID_INPUT', path: '$.bogus', field: 'bogus' });
    expect(beside.message).toContain(op);
    expect(beside.message).toContain('bogus');

    // 3. A wrong type for each required field (compute has none required: its optional handle).
    const fields = requiredFields(op);
    if (op === 'compute') fields.push('handle', 'draws');
    if (op !== 'workspace.recent' && op !== 'import.formats') expect(fields.length).toBeGreaterThan(0); // these two take no field
    for (const field of fields) {
      const e = await fails(op, { ...valid, [field]: wrongType(valid[field]) });
      expect(e, `${op}.${field}`).toMatchObject({ code: 'INVALID_INPUT', path: `$.${field}`, field });
      expect(e.message.startsWith(`${op}: $.${field}`)).toBe(true);
    }

    // 4. A required field left out.
    for (const field of requiredFields(op)) {
      const rest = { ...valid };
      delete rest[field];
      const e = await fails(op, rest);
      expect(e, `${op} without ${field}`).toMatchObject({ code: 'INVALID_INPUT', path: `$.${field}`, field });
      expect(e.message).toMatch(/required|missing/);
    }

    // None of it touched the open workspace.
    expect(fileState(ctx.path)).toBe(before);
  });

  it('names the field deep inside an input', async () => {
    await ready;
    expect(await fails('routes.update', { handle: ctx.handle, vendorId: 'A', index: 0, patch: { tiers: [{ from: 0, price: 'cheap' }] } })).toMatchObject({
      code: 'INVALID_INPUT',
      path: '$.patch.tiers[0].price',
      field: 'price',
    });
    expect(await fails('streams.add', { handle: ctx.handle, stream: { id: 'x', channel: 'pigeon', monthlyVolume: 1 } })).toMatchObject({
      code: 'INVALID_INPUT',
      path: '$.stream.channel',
      field: 'channel',
    });
    expect(await fails('routes.update', { handle: ctx.handle, vendorId: 'A', index: -1, patch: { price: '1' } })).toMatchObject({ code: 'INVALID_INPUT', path: '$.index', field: 'index' });
    expect(await fails('routes.update', { handle: ctx.handle, vendorId: 'A', index: 0, patch: {} })).toMatchObject({ code: 'INVALID_INPUT', path: '$.patch', field: 'patch' });
    expect(await fails('settings.update', { handle: ctx.handle, patch: { bogus: 1 } })).toMatchObject({ code: 'INVALID_INPUT', path: '$.patch.bogus', field: 'bogus' });
  });

  it.each(['vendors.explode', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'Workspace.Open'])('an unknown operation %j is UNKNOWN_OPERATION', async (name) => {
    const e = await fails(name, {});
    expect(e.code).toBe('UNKNOWN_OPERATION');
    expect(e.message).toContain(JSON.stringify(name));
  });
});

// ---------------------------------------------------------------------------------------------
// Edits that would break FORMAT.md, and what is not found

describe('an edit that would break FORMAT.md is INVALID_DOCUMENT with the document path; the file is unchanged', () => {
  const cases: [string, string, Record<string, unknown>, string, string][] = [
    ['both a price and tiers', 'routes.update', { vendorId: 'A', index: 0, patch: { price: '0.01', tiers: [{ from: 0, price: '0.01' }] } }, '$.vendors[0].quote.routes[0].tiers', 'tiers'],
    ['neither a price nor tiers', 'routes.update', { vendorId: 'A', index: 1, patch: { price: null } }, '$.vendors[0].quote.routes[1].price', 'price'],
    ['tiers not starting from 0', 'routes.update', { vendorId: 'B', index: 0, patch: { tiers: [{ from: 5, price: '0.01' }] } }, '$.vendors[1].quote.routes[0].tiers[0].from', 'from'],
    ['a route priced twice', 'routes.add', { vendorId: 'A', route: { channel: 'sms', country: 'US', price: '0.01' } }, '$.vendors[0].quote.routes[4]', 'routes'],
    ['a duplicate stream id', 'streams.add', { stream: { id: 'cart-us', channel: 'email', monthlyVolume: 1 } }, '$.streams[4].id', 'id'],
    ['a stream renamed onto another', 'streams.update', { id: 'alerts-ke', patch: { id: 'cart-us' } }, '$.streams[1].id', 'id'],
    ['an SMS stream with no way to count segments', 'streams.update', { id: 'cart-us', patch: { template: null } }, '$.streams[0].segmentsPerMessage', 'segmentsPerMessage'],
    [
      'a holdout naming no vendor',
      'streams.update',
      { id: 'alerts-ke', patch: { benefits: { holdout: { exposed: [1, 10], holdout: [1, 10], vendor: 'Z' } } } },
      '$.streams[1].benefits.holdout.vendor',
      'vendor',
    ],
    ['a duplicate vendor id', 'vendors.update', { id: 'B', patch: { id: 'A' } }, '$.vendors[1].id', 'id'],
    ['a duplicate vendor added', 'vendors.add', { vendor: { id: 'C', quote: { currency: 'USD', routes: [] } } }, '$.vendors[3].id', 'id'],
    ['a rate for the base currency', 'fx.set', { rate: { currency: 'USD', rate: '1' } }, '$.fx[2].currency', 'currency'],
    ['a base currency that has a rate', 'settings.update', { patch: { baseCurrency: 'EUR' } }, '$.fx[0].currency', 'currency'],
    ['more delivered than sent', 'pilots.update', { vendorId: 'A', index: 0, patch: { delivered: 20000 } }, '$.vendors[0].pilots[0].delivered', 'delivered'],
    ['more engaged than delivered', 'pilots.add', { vendorId: 'C', pilot: { channel: 'sms', country: 'US', sent: 10, delivered: 5, engaged: 6 } }, '$.vendors[2].pilots[0].engaged', 'engaged'],
  ];

  it.each(cases)('%s (%s)', async (_what, op, input, path, field) => {
    const { path: file, state } = await openSample();
    // One edit first, so the refusal has a history to leave alone.
    await ok('settings.update', { handle: state.handle, patch: { name: 'Before the refused edit' } });
    const before = await ok('workspace.get', { handle: state.handle });
    const bytes = fileState(file);
    const e = await fails(op, { handle: state.handle, ...input });
    expect(e).toMatchObject({ code: 'INVALID_DOCUMENT', path, field });
    expect(e.message).toContain(path);
    const after = await ok('workspace.get', { handle: state.handle });
    expect(after.document).toEqual(before.document);
    expect(after.history).toEqual(before.history);
    expect(fileState(file)).toBe(bytes);
    // And the file, opened afresh, holds the document from before.
    await ok('workspace.close', { handle: state.handle });
    const again = await ok('workspace.open', { path: file });
    expect(again.document).toEqual(before.document);
    expect(again.history).toEqual(before.history);
    await ok('workspace.close', { handle: again.handle });
  });
});

describe('what is not there is NOT_FOUND, naming it; the file is unchanged', () => {
  it.each(OP_NAMES.filter((op) => 'handle' in shapeOf(op)))('%s with an unknown handle', async (op) => {
    const valid = validInputs({ handle: 'no-such-handle', path: fresh(), out: join(dir, 'never.json') })[op];
    const e = await fails(op, { ...valid, handle: 'no-such-handle' });
    expect(e).toMatchObject({ code: 'NOT_FOUND', path: '$.handle', field: 'handle' });
    expect(e.message).toContain('"no-such-handle"');
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('a closed handle is not found any more', async () => {
    const { state } = await openSample();
    await ok('workspace.close', { handle: state.handle });
    expect(await fails('workspace.get', { handle: state.handle })).toMatchObject({ code: 'NOT_FOUND', field: 'handle' });
  });

  it('missing ids, indexes, currencies and channels', async () => {
    const { path, state } = await openSample();
    const h = state.handle;
    const bytes = fileState(path);
    const byVendorId = OP_NAMES.filter((op) => 'vendorId' in shapeOf(op));
    expect(byVendorId.length).toBe(12);
    const ctx = { handle: h, path, out: join(dir, 'never.json') };
    for (const op of byVendorId) {
      const e = await fails(op, { ...validInputs(ctx)[op], vendorId: 'Z9' });
      expect(e, op).toMatchObject({ code: 'NOT_FOUND', path: '$.vendorId', field: 'vendorId' });
      expect(e.message, op).toContain('"Z9"');
    }
    for (const op of ['vendors.update', 'vendors.remove', 'streams.update', 'streams.remove'] as const) {
      const e = await fails(op, { ...validInputs(ctx)[op], id: 'Z9' });
      expect(e, op).toMatchObject({ code: 'NOT_FOUND', path: '$.id', field: 'id' });
      expect(e.message, op).toContain('"Z9"');
    }
    for (const op of ['routes.update', 'routes.remove', 'fees.update', 'fees.remove', 'pilots.update', 'pilots.remove'] as const) {
      const e = await fails(op, { ...validInputs(ctx)[op], vendorId: 'C', index: 7 });
      expect(e, op).toMatchObject({ code: 'NOT_FOUND', path: '$.index', field: 'index' });
      expect(e.message, op).toContain('7');
    }
    expect(await fails('fx.remove', { handle: h, currency: 'JPY' })).toMatchObject({ code: 'NOT_FOUND', path: '$.currency', field: 'currency' });
    expect(await fails('defaults.remove', { handle: h, channel: 'voice' })).toMatchObject({ code: 'NOT_FOUND', path: '$.channel', field: 'channel' });
    expect(await fails('history.undo', { handle: h })).toMatchObject({ code: 'NOTHING_TO_UNDO' });
    expect(await fails('history.redo', { handle: h })).toMatchObject({ code: 'NOTHING_TO_REDO' });
    expect(fileState(path)).toBe(bytes);
    expect((await ok('workspace.get', { handle: h })).history.canUndo).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Undo and redo of every edit

describe('undo and redo of every edit', () => {
  const steps: [OpName, Record<string, unknown>][] = [
    ['settings.update', { patch: { horizonMonths: 24, discountRate: '0.08', name: 'Edited RFP', hourlyRate: '0.00790000000000000000001' } }],
    ['fx.set', { rate: { currency: 'GBP', rate: '1.27', asOf: '2026-11-20' } }],
    ['fx.set', { rate: { currency: 'EUR', rate: '1.0900000000000000000001' } }],
    ['fx.remove', { currency: 'GBP' }],
    ['defaults.set', { channel: 'push', rates: { deliveryRate: 0.9, engagementRate: '0.05' } }],
    ['defaults.remove', { channel: 'push' }],
    ['streams.add', { stream: { id: 'push-all', channel: 'push', monthlyVolume: 50000 } }],
    ['streams.update', { id: 'alerts-ke', patch: { monthlyVolume: '70000', name: 'Alerts KE', seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, '1.5'] } }],
    ['streams.remove', { id: 'push-all' }],
    ['vendors.add', { vendor: { id: 'D', quote: { currency: 'USD', routes: [{ channel: 'email', price: '0.0001' }] } } }],
    ['vendors.update', { id: 'D', patch: { id: 'E', name: 'Vendor E' } }],
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
    ['routes.update', { vendorId: 'C', index: 0, patch: { price: '0.0069' } }],
    ['routes.remove', { vendorId: 'C', index: 2 }],
    ['fees.add', { vendorId: 'C', fee: { name: 'Onboarding', amount: '1500', per: 'once', category: 'setup' } }],
    ['fees.update', { vendorId: 'C', index: 1, patch: { amount: '1800', month: 2 } }],
    ['fees.remove', { vendorId: 'C', index: 1 }],
    ['internal.update', { vendorId: 'C', patch: { setupHours: 220, remediationPerFailure: '0.15' } }],
    ['pilots.add', { vendorId: 'C', pilot: { channel: 'sms', country: 'US', sent: 1000, delivered: 950, engaged: 40 } }],
    ['pilots.update', { vendorId: 'C', index: 0, patch: { delivered: 960, failed: { '30007': 40 } } }],
    ['pilots.remove', { vendorId: 'C', index: 0 }],
    ['scenarios.add', { name: 'Volume +30%' }],
    ['routes.update', { vendorId: 'C', index: 0, patch: { price: '0.0068' }, scenario: 'volume-30' }],
    ['streams.update', { id: 'alerts-ke', patch: { monthlyVolume: '91000' }, scenario: 'volume-30' }],
    ['scenarios.rename', { id: 'volume-30', name: 'Volume up' }],
    // The price change of C (after the checks of C's id and route: scenario-checks.ts).
    ['scenarios.removeOperation', { id: 'volume-30', index: 4 }],
    ['scenarios.add', { name: 'Volume +30%' }],
    ['scenarios.remove', { id: 'volume-30-2' }],
    ['import', { vendorId: 'B', path: PILOT_CSV }],
    ['vendors.update', { id: 'B', patch: { id: 'Beta' } }],
    ['vendors.remove', { id: 'E' }],
  ];

  it('the steps use every edit operation of the table', () => {
    // report.settings is saved outside the undo history (electron/store/README.md): not an edit.
    const editOps = OP_NAMES.filter((op) => !/^(workspace|history|import|export|report)\./.test(op) && !['compute', 'segments', 'holdout', 'sampleSize'].includes(op));
    expect(editOps.length).toBe(27);
    expect([...new Set(steps.map(([op]) => op))].sort()).toEqual([...editOps].sort());
  });

  it('every edit, then undo back to the start and redo to the end, with closing and reopening on the way', async () => {
    const { path, state: start } = await openSample();
    let handle = start.handle;
    const seen: WorkspaceDocument[] = [start.document];
    const labels: string[] = [];
    for (const [op, input] of steps) {
      const r = await call<any>(op, { handle, ...input });
      expect(r.ok, `${op}: ${JSON.stringify(r)}`).toBe(true);
      if (!r.ok) return;
      const s: WorkspaceState = op === 'import' ? r.value.state : r.value;
      expect(s.document, `${op} changed the document`).not.toEqual(seen.at(-1));
      // What the API gives back is the canonical document, and FORMAT.md accepts it.
      expect(canonical(s.document)).toEqual(s.document);
      expect(s.history).toMatchObject({ canUndo: true, canRedo: false });
      expect(s.history.undoLabel).toMatch(/\S/);
      labels.push(s.history.undoLabel!);
      seen.push(s.document);
    }
    // Spot checks of what the edits did.
    const last = seen.at(-1)!;
    expect(last.hourlyRate).toBe('0.00790000000000000000001');
    expect(last.fx).toEqual([
      { currency: 'EUR', rate: '1.0900000000000000000001', asOf: null },
      { currency: 'KES', rate: '0.00774', asOf: '2026-11-02' },
    ]);
    expect(last.vendors.map((v) => v.id)).toEqual(['A', 'Beta', 'C']);
    expect(last.streams[0]!.benefits!.holdout!.vendor).toBe('Beta'); // the import's holdout followed the rename
    expect(last.vendors[1]!.pilots!.length).toBe(3); // two of the sample's, one imported
    // The scenario kept the one change left after its price change was removed; the second was removed whole.
    const alerts = last.streams.findIndex((st) => st.id === 'alerts-ke');
    // (the sample's own two scenarios stay as they were, before it)
    expect(last.scenarios!.map((sc) => sc.id)).toEqual(['more-volume', 'b-at-a-prices', 'volume-30']);
    expect(last.scenarios!.at(-1)).toEqual({
      id: 'volume-30',
      name: 'Volume up',
      patch: [
        { op: 'test', path: `/streams/${alerts}/id`, value: 'alerts-ke' },
        { op: 'replace', path: `/streams/${alerts}/monthlyVolume`, value: '91000' },
      ],
    });

    // Close, reopen: the last document, with its history.
    await ok('workspace.close', { handle });
    let s = await ok('workspace.open', { path });
    handle = s.handle;
    expect(s.document).toEqual(last);
    expect(s.history).toEqual({ canUndo: true, canRedo: false, undoLabel: labels.at(-1), redoLabel: null });

    for (let i = seen.length - 2; i >= 0; i--) {
      s = await ok('history.undo', { handle });
      expect(s.document, `undo to step ${i}`).toEqual(seen[i]);
      expect(s.history.redoLabel).toBe(labels[i]);
      if (i === 12) {
        // Half-way back: the history and the redo stack survive closing.
        await ok('workspace.close', { handle });
        s = await ok('workspace.open', { path });
        handle = s.handle;
        expect(s.document).toEqual(seen[i]);
        expect(s.history).toMatchObject({ canUndo: true, canRedo: true, redoLabel: labels[i] });
      }
    }
    expect(s.document).toEqual(start.document);
    expect(s.document).toEqual(canonical(sampleRaw()));
    expect(await fails('history.undo', { handle })).toMatchObject({ code: 'NOTHING_TO_UNDO' });

    await ok('workspace.close', { handle });
    s = await ok('workspace.open', { path });
    handle = s.handle;
    for (let i = 1; i < seen.length; i++) {
      s = await ok('history.redo', { handle });
      expect(s.document, `redo to step ${i}`).toEqual(seen[i]);
      expect(s.history.undoLabel).toBe(labels[i - 1]);
    }
    expect(s.document).toEqual(last);
    expect(await fails('history.redo', { handle })).toMatchObject({ code: 'NOTHING_TO_REDO' });
    await ok('workspace.close', { handle });
    expect((await ok('workspace.open', { path })).document).toEqual(last);
  });

  it('undo after reopening works', async () => {
    const { path, state } = await openSample();
    await ok('routes.update', { handle: state.handle, vendorId: 'A', index: 1, patch: { price: '0.0101' } });
    await ok('workspace.close', { handle: state.handle });
    const again = await ok('workspace.open', { path });
    expect(again.document.vendors[0]!.quote.routes[1]!.price).toBe('0.0101');
    const undone = await ok('history.undo', { handle: again.handle });
    expect(undone.document).toEqual(state.document);
  });

  it('a new edit after undo drops the redo stack, for good', async () => {
    const { path, state } = await openSample();
    const h = state.handle;
    await ok('routes.update', { handle: h, vendorId: 'A', index: 1, patch: { price: '0.0101' } });
    const two = await ok('routes.update', { handle: h, vendorId: 'A', index: 1, patch: { price: '0.0102' } });
    await ok('history.undo', { handle: h });
    const undone = await ok('history.undo', { handle: h });
    expect(undone.history.canRedo).toBe(true);
    const three = await ok('settings.update', { handle: h, patch: { name: 'A new branch' } });
    expect(three.history).toMatchObject({ canUndo: true, canRedo: false, redoLabel: null });
    expect(await fails('history.redo', { handle: h })).toMatchObject({ code: 'NOTHING_TO_REDO' });
    await ok('workspace.close', { handle: h });
    const again = await ok('workspace.open', { path });
    expect(again.history.canRedo).toBe(false);
    expect(await fails('history.redo', { handle: again.handle })).toMatchObject({ code: 'NOTHING_TO_REDO' });
    const back = await ok('history.undo', { handle: again.handle });
    expect(back.document).toEqual(state.document);
    expect(back.document).not.toEqual(two.document);
    expect(await fails('history.undo', { handle: again.handle })).toMatchObject({ code: 'NOTHING_TO_UNDO' });
  });
});

// ---------------------------------------------------------------------------------------------
// Files

describe('Save As', () => {
  it('copies the file with its history; the session goes on in the copy; the original stays as it was', async () => {
    const { path, state } = await openSample();
    const h = state.handle;
    await ok('routes.update', { handle: h, vendorId: 'A', index: 1, patch: { price: '0.0101' } });
    const atSaveAs = await ok('routes.update', { handle: h, vendorId: 'A', index: 1, patch: { price: '0.0102' } });
    const copy = join(mkdtempSync(join(dir, 'saveas')), 'copy.tcows');
    const saved = await ok('workspace.saveAs', { handle: h, path: copy });
    expect(saved.handle).toBe(h);
    expect(saved.path).toBe(copy);
    expect(saved.document).toEqual(atSaveAs.document);
    expect(saved.history).toEqual(atSaveAs.history);
    const original = fileState(path);
    expect(existsSync(`${path}-wal`)).toBe(false); // the session let go of the original

    // Edits and undo go to the copy, back through the edits made before Save As.
    await ok('settings.update', { handle: h, patch: { name: 'The copy' } });
    await ok('history.undo', { handle: h });
    await ok('history.undo', { handle: h });
    const first = await ok('history.undo', { handle: h });
    expect(first.document).toEqual(state.document);
    await ok('history.redo', { handle: h });
    expect(fileState(path)).toBe(original);
    expect((await ok<{ files: string[] }>('workspace.recent', {})).files[0]).toBe(copy);

    // The original, opened again, is as it was at Save As, history included.
    const o = await ok('workspace.open', { path });
    expect(o.handle).not.toBe(h);
    expect(o.document).toEqual(atSaveAs.document);
    expect(o.history).toEqual(atSaveAs.history);
    const u = await ok('history.undo', { handle: o.handle });
    expect(u.document.vendors[0]!.quote.routes[1]!.price).toBe('0.0101');
    await ok('workspace.close', { handle: o.handle });
    await ok('workspace.close', { handle: h });
  });

  it('onto an existing file is refused, and the session stays where it was', async () => {
    const { path, state } = await openSample();
    const other = fresh('taken.tcows');
    writeFileSync(other, 'keep me');
    const e = await fails('workspace.saveAs', { handle: state.handle, path: other });
    expect(e).toMatchObject({ code: 'FILE_ERROR', file: other });
    expect(e.message).toContain(other);
    expect(readFileSync(other, 'utf8')).toBe('keep me');
    expect((await ok('workspace.get', { handle: state.handle })).path).toBe(path);
  });

  it('with ifExists "replace" (a save dialog that asked) writes over a file, but never over one open in the app', async () => {
    const { state } = await openSample();
    const other = fresh('taken.tcows');
    writeFileSync(other, 'keep me');
    writeFileSync(`${other}-journal`, 'a journal left by an earlier file');
    const saved = await ok('workspace.saveAs', { handle: state.handle, path: other, ifExists: 'replace' });
    expect(saved.path).toBe(other);
    expect(existsSync(`${other}-journal`)).toBe(false); // it must not be played into the new file
    expect(readFileSync(other).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await ok('workspace.close', { handle: state.handle });
    const reopened = await ok('workspace.open', { path: other });
    expect(reopened.document).toEqual(state.document);

    // `other` is open in the app now: another session's Save As onto it is refused.
    const second = await openSample();
    const e = await fails('workspace.saveAs', { handle: second.state.handle, path: other, ifExists: 'replace' });
    expect(e).toMatchObject({ code: 'FILE_ERROR', file: other, path: '$.path', field: 'path' });
    expect(e.message).toMatch(/is open in the app/);
    expect((await ok('workspace.get', { handle: second.state.handle })).path).toBe(second.path);
    // Save As onto its own file changes nothing: every change is already in it.
    expect((await ok('workspace.saveAs', { handle: reopened.handle, path: other, ifExists: 'replace' })).path).toBe(other);
    await ok('workspace.close', { handle: reopened.handle });
    await ok('workspace.close', { handle: second.state.handle });
  });
});

describe('workspace.create and workspace.exportDocument', () => {
  it('create refuses an existing file (a workspace or not), leaving it as it was', async () => {
    const { path, state } = await openSample();
    await ok('workspace.close', { handle: state.handle });
    const before = sha(path);
    for (const input of [{ path }, { path, from: sampleRaw() }]) {
      const e = await fails('workspace.create', input);
      expect(e).toMatchObject({ code: 'FILE_ERROR', file: path });
      expect(e.message).toContain(path);
      expect(e.message).toMatch(/already exists/);
    }
    expect(sha(path)).toBe(before);
    const text = fresh('notes.tcows');
    writeFileSync(text, 'my notes');
    expect(await fails('workspace.create', { path: text })).toMatchObject({ code: 'FILE_ERROR', file: text });
    expect(readFileSync(text, 'utf8')).toBe('my notes');
    expect(readdirSync(dirname(text))).toEqual(['notes.tcows']);
  });

  it('create with ifExists "rename" takes the next free name; "replace" writes a new workspace over the old file', async () => {
    const path = fresh('Sample RFP.tcows');
    const names: string[] = [];
    for (let n = 0; n < 3; n++) {
      const s = await ok('workspace.create', { path, from: sampleRaw(), ifExists: 'rename' });
      names.push(s.path);
      await ok('workspace.close', { handle: s.handle });
    }
    const folder = dirname(path);
    expect(names).toEqual([path, join(folder, 'Sample RFP 2.tcows'), join(folder, 'Sample RFP 3.tcows')]);
    expect(readdirSync(folder).sort()).toEqual(['Sample RFP 2.tcows', 'Sample RFP 3.tcows', 'Sample RFP.tcows']);

    const replaced = await ok('workspace.create', { path, ifExists: 'replace' });
    expect(replaced.path).toBe(path);
    expect(replaced.document).toMatchObject({ name: 'Sample RFP', vendors: [], streams: [] });
    // Open in the app now: not replaced, and left as it is.
    const e = await fails('workspace.create', { path, from: sampleRaw(), ifExists: 'replace' });
    expect(e).toMatchObject({ code: 'FILE_ERROR', file: path });
    expect((await ok('workspace.get', { handle: replaced.handle })).document.vendors).toEqual([]);
    await ok('workspace.close', { handle: replaced.handle });
    expect(readdirSync(folder).sort()).toEqual(['Sample RFP 2.tcows', 'Sample RFP 3.tcows', 'Sample RFP.tcows']);
    expect(await fails('workspace.create', { path, ifExists: 'overwrite' })).toMatchObject({ code: 'INVALID_INPUT', path: '$.ifExists', field: 'ifExists' });
  });

  it('create from a document FORMAT.md refuses names its path under $.from, and makes no file', async () => {
    const path = fresh();
    const doc = sampleRaw();
    doc.vendors[2].quote.routes[0].tiers = [{ from: 0, price: '0.01' }];
    const e = await fails('workspace.create', { path, from: doc });
    expect(e).toMatchObject({ code: 'INVALID_DOCUMENT', path: '$.from.vendors[2].quote.routes[0].tiers', field: 'tiers' });
    expect(readdirSync(dirname(path))).toEqual([]);
  });

  it('create without a document makes an empty workspace named after the file', async () => {
    const path = fresh('Q3 review.tcows');
    const s = await ok('workspace.create', { path });
    expect(s.document).toMatchObject({ name: 'Q3 review', baseCurrency: 'USD', streams: [], vendors: [] });
    expect(s.history.canUndo).toBe(false);
  });

  it('exportDocument writes a document readDocument accepts, equal to the workspace document (after edits too)', async () => {
    const { state } = await openSample();
    const h = state.handle;
    const out = join(mkdtempSync(join(dir, 'export')), 'rfp.json');
    expect(await ok<{ path: string }>('workspace.exportDocument', { handle: h, path: out })).toEqual({ path: out });
    const written = JSON.parse(readFileSync(out, 'utf8')) as unknown;
    expect(() => readDocument(written)).not.toThrow();
    expect(written).toEqual((await ok('workspace.get', { handle: h })).document);
    expect(written).toEqual(canonical(sampleRaw()));

    await ok('routes.update', { handle: h, vendorId: 'A', index: 1, patch: { price: '0.00790000000000000000001' } });
    const edited = await ok('workspace.get', { handle: h });
    await ok('workspace.exportDocument', { handle: h, path: out });
    const again = JSON.parse(readFileSync(out, 'utf8')) as any;
    expect(again).toEqual(edited.document);
    expect(again.vendors[0].quote.routes[1].price).toBe('0.00790000000000000000001');
    expect(canonical(again)).toEqual(again);
    expect(readdirSync(dirname(out))).toEqual(['rfp.json']); // no temp file left

    // A workspace made from the exported document holds the same document.
    const copy = await ok('workspace.create', { path: fresh(), from: again });
    expect(copy.document).toEqual(edited.document);
  });

  it('exportDocument into a folder that does not exist is FILE_ERROR naming the file', async () => {
    const { state } = await openSample();
    const out = join(dir, 'no-such-folder', 'rfp.json');
    const e = await fails('workspace.exportDocument', { handle: state.handle, path: out });
    expect(e).toMatchObject({ code: 'FILE_ERROR', file: out });
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('opening a file that is already open gives its session', async () => {
    const { path, state } = await openSample();
    const again = await ok('workspace.open', { path });
    expect(again.handle).toBe(state.handle);
  });
});

// ---------------------------------------------------------------------------------------------
// Compute

describe('compute on an open workspace equals compute on its document', () => {
  const options = { draws: 200, seed: 11, sensitivity: true, breakEven: true, monthly: true };

  it.each([
    ['sample-rfp.json', sampleRaw],
    ['worked-example.json', workedRaw],
  ])('%s, same seed', async (_name, raw) => {
    const s = await ok('workspace.create', { path: fresh(), from: raw() });
    const a = await call('compute', { handle: s.handle, ...options });
    const b = await call('compute', { document: raw(), ...options });
    expect(a.ok, JSON.stringify(a)).toBe(true);
    expect(a).toEqual(b);
    // The same seed gives the same output; another seed another one.
    expect(await call('compute', { handle: s.handle, ...options })).toEqual(a);
    expect(await call('compute', { handle: s.handle, ...options, seed: 12 })).not.toEqual(a);
  });

  it('after every kind of change, including undo and redo (the per-vendor cache follows the edits)', async () => {
    const s = await ok('workspace.create', { path: fresh(), from: sampleRaw() });
    const h = s.handle;
    const o = { draws: 60, seed: 5, sensitivity: true, breakEven: true };
    const check = async (what: string) => {
      const doc = (await ok('workspace.get', { handle: h })).document;
      const a = await call('compute', { handle: h, ...o });
      const b = await call('compute', { document: doc, ...o });
      expect(a.ok, `${what}: ${JSON.stringify(a)}`).toBe(true);
      expect(a, what).toEqual(b);
    };
    await check('as created');
    const edits: [OpName, Record<string, unknown>][] = [
      ['settings.update', { patch: { horizonMonths: 24 } }],
      ['settings.update', { patch: { discountRate: '0.2', riskAdjustment: '0.3' } }],
      ['settings.update', { patch: { startMonth: '2027-06', hourlyRate: '120' } }],
      ['fx.set', { rate: { currency: 'EUR', rate: '1.25' } }],
      ['defaults.set', { channel: 'email', rates: { deliveryRate: 0.5, engagementRate: 0.01 } }],
      ['streams.update', { id: 'cart-us', patch: { monthlyVolume: '240000' } }],
      ['routes.update', { vendorId: 'A', index: 1, patch: { price: '0.02' } }],
      ['quote.update', { vendorId: 'B', patch: { escalator: '0.1' } }],
      ['internal.update', { vendorId: 'C', patch: { monthlyHours: 40 } }],
      ['pilots.update', { vendorId: 'A', index: 0, patch: { delivered: 5000 } }],
      ['fees.add', { vendorId: 'C', fee: { name: 'Platform', amount: '900', per: 'month', category: 'platform' } }],
    ];
    for (const [op, input] of edits) {
      await ok(op, { handle: h, ...input });
      await check(`after ${op} ${JSON.stringify(input)}`);
    }
    for (let i = 0; i < 4; i++) {
      await ok('history.undo', { handle: h });
      await check(`after undo ${i + 1}`);
    }
    await ok('history.redo', { handle: h });
    await check('after redo');
  });
});
