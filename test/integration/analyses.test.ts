/**
 * The analyses thread (electron/services/analyses.ts) and workspace.edit: the analyses computed on
 * the worker are the engine's own numbers; an edit and its totals are answered while the worker is
 * busy, not after it; a computation, waiting or under way, is superseded by a newer one and by an
 * edit (the one under way stops at the worker's next check, and what it finished stays sound);
 * workspace.edit answers the state and the totals in one call and refuses as the edit does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../electron/api/document.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { EditOutput, WorkspaceState } from '../../electron/api/operations.js';
import { compute, computeJson } from '../../electron/engine/index.js';
import type { ComputeJson } from '../../electron/engine/result-json.js';
import { createApp, type App } from '../../electron/services/app.js';
import { computeWithScenarios } from '../../electron/services/scenarios.js';
import { benchWorkspace } from '../bench/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-analyses-'));
let app: App;
let handle: string;
const doc = benchWorkspace(10, 30, 60) as any;
// A flat-priced SMS route of vendor V3 (billed on sent): its price is what a keystroke changes.
const route = doc.vendors[3].quote.routes.findIndex((r: any) => r.price !== null && r.channel === 'sms');
const priced = (price: string) => {
  const d = structuredClone(doc);
  d.vendors[3].quote.routes[route].price = price;
  return d;
};

beforeAll(async () => {
  app = createApp({ dataDir: null, analysesThread: true });
  const made = (await app.dispatch('workspace.create', { path: join(dir, 'Bench.tcows'), from: doc })) as ApiResult<WorkspaceState>;
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  handle = made.value.handle;
}, 60_000);

afterAll(() => {
  app?.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const full = (h = handle) => app.dispatch('compute', { handle: h, draws: 500, seed: 3 }) as Promise<ApiResult<ComputeJson>>;
const edit = (price: string) => app.dispatch('workspace.edit', { handle, op: 'routes.update', input: { vendorId: 'V3', index: route, patch: { price } } }) as Promise<ApiResult<EditOutput>>;

describe('the analyses thread', () => {
  it('computes what the engine computes, and after an edit the new document', async () => {
    expect(route).toBeGreaterThanOrEqual(0);
    const first = await full();
    expect(first.ok).toBe(true);
    expect(first.ok && first.value).toEqual(computeJson(compute(readDocument(doc), { draws: 500, seed: 3 })));
    expect((await edit('0.0311')).ok).toBe(true);
    const second = await full();
    expect(second.ok && second.value).toEqual(computeJson(compute(readDocument(priced('0.0311')), { draws: 500, seed: 3 })));
  }, 60_000);

  it('answers an edit and its totals while the worker is still computing, and stops the computation the edit made stale', async () => {
    const order: string[] = [];
    // 200,000 draws keep the worker busy a second or more; the edit takes milliseconds.
    await edit('0.0312');
    const analysis = app.dispatch('compute', { handle, draws: 200_000, seed: 5 }).then((r) => {
      order.push('analyses');
      return r;
    });
    await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    const e = await edit('0.0313');
    order.push('edit');
    const editMs = performance.now() - t0;
    expect(e.ok).toBe(true);
    expect(e.ok && e.value.totals.ok && e.value.totals.value.vendors[3]!.tco!.nominal).toBe(computeJson(compute(readDocument(priced('0.0313')), { draws: 0 })).vendors[3]!.tco!.nominal);
    // 200,000 draws on the document before the edit: stopped, not finished (finished, it would answer ok).
    expect(await analysis).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'compute: the workspace was edited while it was computed' } });
    expect(order).toEqual(['edit', 'analyses']);
    console.log(`an edit with its totals while the worker computes: ${editMs.toFixed(1)} ms`);
  }, 60_000);

  it("a computation, waiting or under way, is superseded by a newer one and by an edit; the next one is the engine's", async () => {
    // The worker computes one at a time: the first is sent at once, the others wait (one a workspace).
    // The second stops the first at the worker's first check, and the third drops the second.
    const running = full();
    const superseded = full();
    const newest = full();
    const newer = { ok: false, error: { code: 'CANCELLED', message: 'compute: superseded by a newer computation of the same workspace' } };
    expect(await running).toEqual(newer);
    expect(await superseded).toEqual(newer);
    expect((await newest).ok).toBe(true);
    // The thread is busy with 200,000 draws of another workspace (a second or more) while the edit
    // commits: this workspace's next computation still waits. The edit drops it, and leaves the
    // other workspace's alone.
    const other = (await app.dispatch('workspace.create', {
      path: join(dir, 'Other.tcows'),
      from: JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')),
    })) as ApiResult<WorkspaceState>;
    if (!other.ok) throw new Error(JSON.stringify(other.error));
    const sent = app.dispatch('compute', { handle: other.value.handle, draws: 200_000, seed: 3 });
    const cancelled = full();
    await edit('0.0314');
    expect(await cancelled).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'compute: the workspace was edited before it started' } });
    expect((await sent).ok).toBe(true);
    // What the stopped ones had finished is kept in the worker's cache; the next answer is the engine's, whole.
    const after = await full();
    expect(after.ok && after.value).toEqual(computeJson(compute(readDocument(priced('0.0314')), { draws: 500, seed: 3 })));
  }, 60_000);

  it('the totals alone are computed on the main thread, as without the worker', async () => {
    const r = (await app.dispatch('compute', { handle, draws: 0, sensitivity: false, breakEven: false, monthly: false })) as ApiResult<ComputeJson>;
    expect(r.ok && r.value.vendors[3]!.uncertainty).toBe(null);
    expect(r.ok && r.value.vendors[3]!.tco!.nominal).toBe(computeJson(compute(readDocument(priced('0.0314')), { draws: 0 })).vendors[3]!.tco!.nominal);
  });

  it('an import is an edit like any other: it stops the computation under way, and the next one counts its pilot', async () => {
    const log = join(dir, 'pilot.csv');
    // Two messages to the US, one delivered: a pilot of 2 sent, 1 delivered on sms/US.
    writeFileSync(log, 'message_id,route,event,timestamp\nm1,sms/US,sent,2026-10-01T10:00:00Z\nm1,sms/US,delivered,2026-10-01T10:00:05Z\nm2,sms/US,sent,2026-10-01T10:01:00Z\n');
    // The thread is busy with 200,000 draws (a second or more) while the three-line import commits
    // (milliseconds): they are stopped, as an edit stops them.
    const sent = app.dispatch('compute', { handle, draws: 200_000, seed: 3 });
    const imported = await app.dispatch('import', { handle, path: log, vendorId: 'V3' });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(await sent).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'compute: the workspace was edited while it was computed' } });
    const withPilot = structuredClone(priced('0.0314'));
    withPilot.vendors[3].pilots.push({ channel: 'sms', country: 'US', class: null, sent: 2, delivered: 1, failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0 });
    const after = await full();
    expect(after.ok && after.value.vendors[3]!.tco!.nominal).toBe(computeJson(compute(readDocument(withPilot), { draws: 0 })).vendors[3]!.tco!.nominal);
  }, 60_000);
});

describe('workspace.edit', () => {
  const sample = () => JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8')) as any;

  it('commits the edit and answers the state and the totals in one call; undo takes it back', async () => {
    const s = (await app.dispatch('workspace.create', { path: join(dir, 'Sample.tcows'), from: sample() })) as ApiResult<WorkspaceState>;
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    const h = s.value.handle;
    const r = (await app.dispatch('workspace.edit', { handle: h, op: 'routes.update', input: { vendorId: 'A', index: 0, patch: { tiers: [{ from: 0, price: '0.0093' }] } } })) as ApiResult<EditOutput>;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const changed = sample();
    changed.vendors[0].quote.routes[0].tiers = [{ from: 0, price: '0.0093' }];
    changed.vendors[0].quote.routes[0].price = null;
    expect(r.value.state.document.vendors[0]!.quote.routes[0]!.tiers).toEqual([{ from: '0', price: '0.0093' }]);
    expect(r.value.state.history.canUndo).toBe(true);
    // The edit's totals carry the scenarios' totals too (the sample has two), without analyses.
    // The totals pass leaves price to win to the analyses after a pause in typing.
    expect(r.value.totals).toEqual({
      ok: true,
      value: computeJson(computeWithScenarios(readDocument(changed), { draws: 0, sensitivity: false, breakEven: false, priceToWin: false }), { monthly: false }),
    });
    expect(r.value.totals.ok && r.value.totals.value.vendors.map((v) => v.priceToWin)).toEqual([null, null, null]);
    // The same state as workspace.get: the edit is committed.
    const got = (await app.dispatch('workspace.get', { handle: h })) as ApiResult<WorkspaceState>;
    expect(got.ok && got.value).toEqual(r.value.state);
    const undone = (await app.dispatch('history.undo', { handle: h })) as ApiResult<WorkspaceState>;
    expect(undone.ok && undone.value.document).toEqual(s.value.document);
  });

  it('refuses an input as the edit itself does, and an invalid document as the edit does, committing nothing', async () => {
    const s = (await app.dispatch('workspace.create', { path: join(dir, 'Refused.tcows'), from: sample() })) as ApiResult<WorkspaceState>;
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    const h = s.value.handle;
    const direct = await app.dispatch('routes.update', { handle: h, vendorId: 'A', index: 0, patch: { tiers: [{ from: 0, price: 'cheap' }] } });
    const viaEdit = await app.dispatch('workspace.edit', { handle: h, op: 'routes.update', input: { vendorId: 'A', index: 0, patch: { tiers: [{ from: 0, price: 'cheap' }] } } });
    expect(viaEdit).toEqual(direct);
    expect(viaEdit).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '$.patch.tiers[0].price', field: 'price' } });
    const both = await app.dispatch('workspace.edit', { handle: h, op: 'routes.update', input: { vendorId: 'A', index: 1, patch: { price: '0.01', tiers: [{ from: 0, price: '0.01' }] } } });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_DOCUMENT', path: '$.vendors[0].quote.routes[1].tiers' } });
    expect(await app.dispatch('workspace.edit', { handle: h, op: 'compute', input: {} })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: '$.op', field: 'op' } });
    const got = (await app.dispatch('workspace.get', { handle: h })) as ApiResult<WorkspaceState>;
    expect(got.ok && got.value.history.canUndo).toBe(false);
  });

  it('a committed edit whose totals cannot be computed answers the state with the error beside it', async () => {
    const s = (await app.dispatch('workspace.create', { path: join(dir, 'Model.tcows'), from: sample() })) as ApiResult<WorkspaceState>;
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    // A quote in a currency the workspace has no rate for is a model error, not a document error.
    const r = (await app.dispatch('workspace.edit', { handle: s.value.handle, op: 'quote.update', input: { vendorId: 'A', patch: { currency: 'JPY' } } })) as ApiResult<EditOutput>;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.state.document.vendors[0]!.quote.currency).toBe('JPY');
    expect(r.value.state.history.canUndo).toBe(true);
    expect(r.value.totals).toMatchObject({ ok: false, error: { code: 'MODEL_ERROR' } });
  });
});
