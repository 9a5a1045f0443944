/**
 * Scenarios through the API (issue 17 item 2), on real workspace files in a temp folder: add,
 * rename, remove, remove one change; the ordinary edits made IN a scenario (its `scenario` id)
 * become the scenario's patch against the base, and leave the base as it was; each is one undo
 * step in the file; the totals of workspace.edit carry the scenarios.
 *
 * The workspace is test/unit/decisions.test.ts's, worked by hand there (USD, 12 months, r = 0, one
 * SMS stream to the US of 100,000 a month, DR = 1 and ER = 0.1 assumed for every vendor):
 *   sent 1,200,000, effective 120,000 a vendor;
 *   A: flat 0.01                       TCO 12,000  per effective 0.1
 *   B: flat 0.006, monthly commit 900  TCO 10,800  per effective 0.09   ← cheapest
 *   C: flat 0.005, fee 1,000 a month   TCO 18,000  per effective 0.15
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiError, ApiResult } from '../../electron/api/errors.js';
import type { EditOutput, WorkspaceState } from '../../electron/api/operations.js';
import type { ComputeJson } from '../../electron/engine/result-json.js';
import { readDocument } from '../../electron/api/document.js';
import { describeChange } from '../../electron/api/scenario-words.js';
import { createApp } from '../../electron/services/app.js';
import { smsQuote, threeVendorDoc } from '../fixtures/docs.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-scenarios-'));
const app = createApp({ dataDir: join(dir, 'data'), now: () => new Date('2026-12-06T02:00:00Z') });
afterAll(() => {
  app.closeAll();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const fresh = () => join(dir, `w${++n}.tcows`);
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const fileState = (p: string) => `${sha(p)}/${existsSync(`${p}-wal`) ? sha(`${p}-wal`) : '-'}`;

const quote = smsQuote;
const doc = threeVendorDoc;

async function ok<T = WorkspaceState>(op: string, input: unknown): Promise<T> {
  const r = (await app.dispatch(op, input)) as ApiResult<T>;
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value;
}
async function fails(op: string, input: unknown): Promise<ApiError> {
  const r = await app.dispatch(op, input);
  expect(r.ok, `${op} should fail`).toBe(false);
  return (r as { ok: false; error: ApiError }).error;
}
const totals = async (handle: string) => ok<ComputeJson>('compute', { handle, draws: 0, sensitivity: false, breakEven: false, monthly: false });
const row = (j: ComputeJson, sc: string, v: string) => j.scenarios.find((s) => s.id === sc)!.vendors.find((x) => x.id === v)!;

const PRICE_A = '/vendors/0/quote/routes/0/price';
const VOLUME = '/streams/0/monthlyVolume';
// What an edit made in a scenario checks before each change (scenario-checks.ts): the entries on
// its path, so the change fails rather than land on another vendor, route or stream.
const CHECK_A = [
  { op: 'test', path: '/vendors/0/id', value: 'A' },
  { op: 'test', path: '/vendors/0/quote/routes/0/channel', value: 'sms' },
  { op: 'test', path: '/vendors/0/quote/routes/0/country', value: 'US' },
  { op: 'test', path: '/vendors/0/quote/routes/0/class', value: null },
];
const CHECK_US = [{ op: 'test', path: '/streams/0/id', value: 'us' }];

describe('scenarios through the API', () => {
  it('add, edit in it, compare, undo, redo, remove a change, rename, remove', async () => {
    const path = fresh();
    const s0 = await ok('workspace.create', { path, from: doc() });
    const handle = s0.handle;

    // Add: an id made from the name, no change yet; a second of the same name gets the next id.
    const s1 = await ok('scenarios.add', { handle, name: '  A cuts its price  ' });
    expect(s1.document.scenarios).toEqual([{ id: 'a-cuts-its-price', name: 'A cuts its price', patch: [] }]);
    expect(s1.history.undoLabel).toBe('Add scenario "A cuts its price"');
    const twin = await ok('scenarios.add', { handle, name: 'A cuts its price' });
    expect(twin.document.scenarios!.map((sc) => sc.id)).toEqual(['a-cuts-its-price', 'a-cuts-its-price-2']);
    await ok('history.undo', { handle });

    // An ordinary edit made in the scenario: the base keeps 0.01, the scenario's patch holds 0.008.
    const e1 = await ok<EditOutput>('workspace.edit', { handle, op: 'routes.update', input: { vendorId: 'A', index: 0, patch: { price: '0.008' }, scenario: 'a-cuts-its-price' } });
    expect(e1.state.document.vendors[0]!.quote.routes[0]!.price).toBe('0.01');
    expect(e1.state.document.scenarios![0]!.patch).toEqual([...CHECK_A, { op: 'replace', path: PRICE_A, value: '0.008' }]);
    expect(e1.state.scenario!.document!.vendors[0]!.quote.routes[0]!.price).toBe('0.008');
    expect(e1.state.scenario!.error).toBeNull();
    expect(e1.state.history.undoLabel).toBe('Change the price of Vendor A\'s route 1 in scenario "A cuts its price"');
    // The totals answered with the edit carry the scenario: A at 0.008 costs 12 × 100,000 × 0.008 = 9,600,
    // 9,600 / 120,000 = 0.08 an effective message < B's 0.09: the decision flips to A.
    expect(e1.totals.ok).toBe(true);
    const t1 = (e1.totals as { ok: true; value: ComputeJson }).value;
    expect(t1.cheapest).toBe('B');
    expect(t1.scenarios[0]!.cheapest).toBe('A');
    expect(row(t1, 'a-cuts-its-price', 'A').tco).toEqual({ nominal: '9600', npv: '9600' });
    expect(row(t1, 'a-cuts-its-price', 'A').costPerEffective).toBe('0.08');
    expect(row(t1, 'a-cuts-its-price', 'B').tco!.nominal).toBe('10800');
    // And the scenario's own totals, as if it were the base (what the editing screens show in it).
    const own = (e1.scenarioTotals as { ok: true; value: ComputeJson }).value;
    expect(own.cheapest).toBe('A');
    expect(own.vendors.map((v) => v.tco!.nominal)).toEqual(['9600', '10800', '18000']);
    expect(own.scenarios).toEqual([]);
    // The totals of a keystroke leave price to win to the analyses; compute gives it: A against B's 0.09:
    // 9,600·p ≤ 10,800 → p = 1.125 (headroom); B against A's 0.08: 12 × max(600·p, 900) ≤ 9,600 needs
    // 800 below the commit: none; C: 12,000 at p = 0 is 0.1 > 0.08: none.
    expect(own.vendors.map((v) => v.priceToWin)).toEqual([null, null, null]);
    const viaCompute = await ok<ComputeJson>('compute', { handle, scenario: 'a-cuts-its-price', draws: 0, sensitivity: false, breakEven: false, monthly: false });
    expect({ ...viaCompute, vendors: viaCompute.vendors.map((v) => ({ ...v, priceToWin: null })) }).toEqual(own);
    expect(viaCompute.vendors[0]!.priceToWin!).toBeLessThanOrEqual(1.125);
    expect(viaCompute.vendors[0]!.priceToWin!).toBeGreaterThanOrEqual(1.125 * (1 - 1e-6));
    expect(viaCompute.vendors.slice(1).map((v) => v.priceToWin)).toEqual([null, null]);
    expect(await fails('compute', { handle, scenario: 'nope', draws: 0 })).toMatchObject({ code: 'NOT_FOUND', field: 'scenario' });
    // The change in words, read against the base.
    expect(describeChange(e1.state.document, readDocument(e1.state.document).scenarios![0]!.patch.at(-1)!)).toBe("Vendor A's price on SMS to the US: 0.008 instead of 0.01");

    // A second edit in it, through its own operation: volume 130,000 a month.
    // A: 12 × 130,000 × 0.008 = 12,480, effective 156,000 → 0.08; B: 12 × max(780, 900) = 10,800 → 0.0692307…;
    // C: 12 × (650 + 1,000) = 19,800 → 0.126923…: B is the cheapest again.
    const s2 = await ok('streams.update', { handle, id: 'us', patch: { monthlyVolume: '130000' }, scenario: 'a-cuts-its-price' });
    expect(s2.document.streams[0]!.monthlyVolume).toBe('100000');
    const patch2 = s2.document.scenarios![0]!.patch;
    expect(patch2).toHaveLength(7); // the two changes, each after its checks
    expect(patch2).toContainEqual({ op: 'replace', path: PRICE_A, value: '0.008' });
    expect(patch2).toContainEqual({ op: 'replace', path: VOLUME, value: '130000' });
    expect(patch2).toContainEqual(CHECK_US[0]);
    let t = await totals(handle);
    expect(t.scenarios[0]!.cheapest).toBe('B');
    expect(row(t, 'a-cuts-its-price', 'A').tco!.nominal).toBe('12480');
    expect(row(t, 'a-cuts-its-price', 'B').tco!.nominal).toBe('10800');
    expect(row(t, 'a-cuts-its-price', 'C').tco!.nominal).toBe('19800');
    // The base is as it was: B 10,800, A 12,000.
    expect(t.vendors.map((v) => v.tco!.nominal)).toEqual(['12000', '10800', '18000']);

    // An edit back to the base's value leaves no change for it in the patch.
    const s3 = await ok('streams.update', { handle, id: 'us', patch: { monthlyVolume: '100000' }, scenario: 'a-cuts-its-price' });
    expect(s3.document.scenarios![0]!.patch).toEqual([...CHECK_A, { op: 'replace', path: PRICE_A, value: '0.008' }]);

    // Undo and redo are the file's, one step an edit; the scenario's document comes with the answer.
    const u = await ok('history.undo', { handle, scenario: 'a-cuts-its-price' });
    expect(u.document.scenarios![0]!.patch).toHaveLength(7);
    expect(u.scenario!.document!.streams[0]!.monthlyVolume).toBe('130000');
    const u2 = await ok('history.undo', { handle, scenario: 'a-cuts-its-price' });
    expect(u2.document.scenarios![0]!.patch).toEqual([...CHECK_A, { op: 'replace', path: PRICE_A, value: '0.008' }]);
    const r = await ok('history.redo', { handle, scenario: 'a-cuts-its-price' });
    expect(r.document.scenarios![0]!.patch).toHaveLength(7);

    // Remove one change (the price), its checks with it: the volume stays; A goes back to 0.01 in the scenario.
    const at = r.document.scenarios![0]!.patch.findIndex((o) => o.path === PRICE_A);
    const rm = await ok('scenarios.removeOperation', { handle, id: 'a-cuts-its-price', index: at });
    expect(rm.document.scenarios![0]!.patch).toEqual([...CHECK_US, { op: 'replace', path: VOLUME, value: '130000' }]);
    expect(rm.history.undoLabel).toBe('Remove a change from scenario "A cuts its price"');
    t = await totals(handle);
    // A: 12 × 130,000 × 0.01 = 15,600.
    expect(row(t, 'a-cuts-its-price', 'A').tco!.nominal).toBe('15600');

    // Rename keeps the id; remove takes the scenario and its changes; undo brings it back.
    const rn = await ok('scenarios.rename', { handle, id: 'a-cuts-its-price', name: 'Volume +30%' });
    expect(rn.document.scenarios![0]).toMatchObject({ id: 'a-cuts-its-price', name: 'Volume +30%' });
    const gone = await ok('scenarios.remove', { handle, id: 'a-cuts-its-price' });
    expect(gone.document.scenarios).toEqual([]);
    expect((await totals(handle)).scenarios).toEqual([]);
    const back = await ok('history.undo', { handle, scenario: 'a-cuts-its-price' });
    expect(back.scenario!.name).toBe('Volume +30%');

    // Everything is in the file: close, reopen, the scenario and the history are there.
    await ok('workspace.close', { handle });
    const again = await ok('workspace.open', { path });
    expect(again.document.scenarios).toEqual([{ id: 'a-cuts-its-price', name: 'Volume +30%', patch: [...CHECK_US, { op: 'replace', path: VOLUME, value: '130000' }] }]);
    expect(again.history.undoLabel).toBe('Rename scenario "A cuts its price"');
    await ok('workspace.close', { handle: again.handle });
  });

  it('refuses what it cannot do, naming the field, and leaves the file as it was', async () => {
    const path = fresh();
    const { handle } = await ok('workspace.create', { path, from: doc({ scenarios: [{ id: 'x', name: 'X', patch: [] }] }) });
    const before = fileState(path);
    expect(await fails('routes.update', { handle, vendorId: 'A', index: 0, patch: { price: '0.008' }, scenario: 'nope' })).toMatchObject({ code: 'NOT_FOUND', path: '$.scenario', field: 'scenario' });
    expect(await fails('scenarios.rename', { handle, id: 'nope', name: 'Y' })).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await fails('scenarios.removeOperation', { handle, id: 'x', index: 0 })).toMatchObject({ code: 'NOT_FOUND', field: 'index' });
    expect(await fails('scenarios.add', { handle, name: '   ' })).toMatchObject({ code: 'INVALID_INPUT', path: '$.name' });
    expect(await fails('workspace.get', { handle, scenario: 'nope' })).toMatchObject({ code: 'NOT_FOUND', field: 'scenario' });
    // An edit in the scenario that FORMAT.md refuses (a price and tiers both) is refused as on the base.
    const both = await fails('routes.update', { handle, vendorId: 'A', index: 0, patch: { price: '0.01', tiers: [{ from: 0, price: '0.01' }] }, scenario: 'x' });
    expect(both).toMatchObject({ code: 'INVALID_DOCUMENT', path: '$.vendors[0].quote.routes[0].tiers' });
    expect(fileState(path)).toBe(before);
    await ok('workspace.close', { handle });
  });

  it('a change another change rests on cannot be removed alone; a scenario the base no longer fits says which change fails', async () => {
    const path = fresh();
    const scenarios = [
      {
        id: 'd',
        name: 'D joins',
        patch: [
          { op: 'add', path: '/vendors/-', value: { id: 'D', name: 'Vendor D', quote: quote('0.004') } },
          { op: 'replace', path: '/vendors/3/quote/routes/0/price', value: '0.0045' },
        ],
      },
    ];
    const { handle } = await ok('workspace.create', { path, from: doc({ scenarios }) });
    // D: 12 × 100,000 × 0.0045 = 5,400 → 0.045 an effective message: D is the cheapest in the scenario.
    const t = await totals(handle);
    expect(t.scenarios[0]!.cheapest).toBe('D');
    expect(row(t, 'd', 'D').tco!.nominal).toBe('5400');
    const e = await fails('scenarios.removeOperation', { handle, id: 'd', index: 0 });
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'index' });
    expect(e.message).toContain('change 1 of this scenario cannot be removed alone');
    // The second alone can go.
    await ok('scenarios.removeOperation', { handle, id: 'd', index: 1 });

    // The base loses A's only route: a scenario changing it no longer applies, and says which change.
    await ok('scenarios.add', { handle, name: 'A cheaper' });
    await ok('routes.update', { handle, vendorId: 'A', index: 0, patch: { price: '0.008' }, scenario: 'a-cheaper' });
    await ok('routes.remove', { handle, vendorId: 'A', index: 0 });
    const view = (await ok('workspace.get', { handle, scenario: 'a-cheaper' })).scenario!;
    expect(view.document).toBeNull();
    // A is still there (its id checks out); its route is not: the check of the route's channel fails.
    expect(view.failedOperation).toBe(1);
    // Its one change can still be removed (the scenario did not apply before either), its checks with it, and then it applies.
    const fixed = await ok('scenarios.removeOperation', { handle, id: 'a-cheaper', index: 4 });
    expect(fixed.document.scenarios![1]!.patch).toEqual([]);
    await ok('workspace.close', { handle });
  });
});

describe('a scenario whose entries the base moves or removes (issue 17)', () => {
  it('fails loudly, alone, instead of changing another vendor; the base and the other scenarios are computed', async () => {
    const path = fresh();
    const { handle } = await ok('workspace.create', { path, from: doc() });
    await ok('scenarios.add', { handle, name: 'B drops its commit' });
    await ok('scenarios.add', { handle, name: 'Volume +30%' });
    // B without its commit: 12 × 100,000 × 0.006 = 7,200, 0.06 an effective message → B.
    await ok('quote.update', { handle, vendorId: 'B', patch: { minimumMonthlyCommit: '0' }, scenario: 'b-drops-its-commit' });
    await ok('streams.update', { handle, id: 'us', patch: { monthlyVolume: '130000' }, scenario: 'volume-30' });
    let t = await totals(handle);
    expect(row(t, 'b-drops-its-commit', 'B').tco!.nominal).toBe('7200');
    const patch = (await ok('workspace.get', { handle })).document.scenarios![0]!.patch;
    expect(patch).toEqual([
      { op: 'test', path: '/vendors/1/id', value: 'B' },
      { op: 'replace', path: '/vendors/1/quote/minimumMonthlyCommit', value: '0' },
    ]);
    // The base loses A: B is /vendors/0 now and C /vendors/1. Without the check the change would
    // quietly take C's commit (C has none: nothing would show); with it, the scenario says it no longer applies.
    await ok('vendors.remove', { handle, id: 'A' });
    const e = await ok<EditOutput>('workspace.edit', { handle, op: 'quote.update', input: { vendorId: 'C', patch: { discount: '0.5' } } });
    expect(e.totals.ok).toBe(true);
    t = (e.totals as { ok: true; value: ComputeJson }).value;
    // The base: B 10,800; C at half price 12 × (250 + 1,000) = 15,000.
    expect(t.vendors.map((v) => v.tco!.nominal)).toEqual(['10800', '15000']);
    expect(t.scenarios[0]).toMatchObject({ id: 'b-drops-its-commit', cheapest: null, vendors: [], error: { operation: 0, path: '$.scenarios[0].patch[0]' } });
    expect(t.scenarios[0]!.error!.message).toContain('expects "B" but the workspace holds "C"');
    // Volume +30%: B 12 × max(780, 900) = 10,800; C 12 × (325 + 1,000) = 15,900.
    expect(t.scenarios[1]!.error).toBeUndefined();
    expect(t.scenarios[1]!.vendors.map((v) => v.tco!.nominal)).toEqual(['10800', '15900']);
    // compute of the open workspace (the screens' analyses) answers the same, the broken one in its place.
    const c = await ok<ComputeJson>('compute', { handle, draws: 0, sensitivity: false, breakEven: false, monthly: false });
    expect(c.scenarios.map((sc) => sc.error?.operation ?? 'computed')).toEqual([0, 'computed']);
    // Removing its change (the check goes with it) makes it apply again: nothing changed, B 10,800.
    const fixed = await ok('scenarios.removeOperation', { handle, id: 'b-drops-its-commit', index: 1 });
    expect(fixed.document.scenarios![0]!.patch).toEqual([]);
    expect(row(await totals(handle), 'b-drops-its-commit', 'B').tco!.nominal).toBe('10800');
    await ok('workspace.close', { handle });
  });
});

describe('a scenario computed on the analyses thread (as the desktop app and the browser host do)', () => {
  it('gives the numbers the main thread gives, and follows an edit in the scenario', async () => {
    const threaded = createApp({ dataDir: null, analysesThread: true });
    try {
      const path = fresh();
      const scenarios = [{ id: 'cut', name: 'A cuts its price', patch: [{ op: 'replace', path: PRICE_A, value: '0.008' }] }];
      const made = (await threaded.dispatch('workspace.create', { path, from: doc({ scenarios }) })) as ApiResult<WorkspaceState>;
      if (!made.ok) throw new Error(made.error.message);
      const handle = made.value.handle;
      const run = async () => {
        const r = (await threaded.dispatch('compute', { handle, scenario: 'cut', draws: 50, seed: 1 })) as ApiResult<ComputeJson>;
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      let j = await run();
      // Every draw the same (assumed rates): A at 9,600 (0.08) is the cheapest in all of them;
      // regret B 10,800 − 120,000 × 0.08 = 1,200, C 18,000 − 9,600 = 8,400.
      expect(j.cheapest).toBe('A');
      expect(j.vendors.map((v) => v.uncertainty!.pCheapest)).toEqual([1, 0, 0]);
      expect(j.vendors[1]!.expectedRegret).toBeCloseTo(1200, 6);
      expect(j.vendors[2]!.expectedRegret).toBeCloseTo(8400, 6);
      expect(j.decisionRisk).toEqual({ leader: 'A', moreMessages: 0, pCheapest: 1 });
      // An edit in the scenario (A at 0.0095 → 11,400, 0.095 > B's 0.09): the thread sees the new scenario.
      const e = (await threaded.dispatch('routes.update', { handle, vendorId: 'A', index: 0, patch: { price: '0.0095' }, scenario: 'cut' })) as ApiResult<WorkspaceState>;
      expect(e.ok).toBe(true);
      j = await run();
      expect(j.vendors[0]!.tco!.nominal).toBe('11400');
      expect(j.cheapest).toBe('B');
    } finally {
      threaded.closeAll();
    }
  }, 60_000);
});
