/**
 * A document as its changes from an earlier one (electron/api/document-changes.ts), what
 * workspace.edit answers given `since`, and the renderer's structural sharing (renderer/src/state/share.ts)
 * that keeps the parts an answer did not change: rebuilt, the document equals the new one, its
 * unchanged parts are the earlier document's own objects, and only the changed parts are sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentChanges, resultChanges, sameJson, withChanges } from '../../electron/api/document-changes.js';
import type { ComputeJson } from '../../electron/engine/result-json.js';
import type { WorkspaceDocument } from '../../electron/api/document.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { EditChangesOutput, EditOutput, WorkspaceState } from '../../electron/api/operations.js';
import { createApp } from '../../electron/services/app.js';
import { share } from '../../renderer/src/state/share.js';
import { benchWorkspace } from '../bench/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'tco-changes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('documentChanges and withChanges', () => {
  const prev = benchWorkspace(3, 4, 12) as WorkspaceDocument;
  it('one vendor changed: only it is sent (the others null), and the rebuilt document is the new one with the old parts', () => {
    const v1 = { ...prev.vendors[1]!, name: 'Renamed' };
    const next = { ...prev, vendors: prev.vendors.map((v, i) => (i === 1 ? v1 : v)) };
    const c = documentChanges(prev, next, 4);
    expect(c).toEqual({ since: 4, keys: Object.keys(next), set: {}, lists: { vendors: [null, v1, null] } });
    const back = withChanges(prev, JSON.parse(JSON.stringify(c)));
    expect(back).toEqual(next);
    expect(back.vendors[0]).toBe(prev.vendors[0]);
    expect(back.streams).toBe(prev.streams);
  });
  it('a vendor removed, one added, a key set and a key gone: every change is carried, in the order of the keys', () => {
    const { riskAdjustment: _gone, ...rest } = prev;
    void _gone;
    const added = { ...prev.vendors[0]!, id: 'Z' };
    const next: WorkspaceDocument = { ...rest, name: 'Other', vendors: [prev.vendors[0]!, prev.vendors[2]!, added] };
    const c = documentChanges(prev, next, 1);
    expect(c.lists.vendors).toEqual([null, prev.vendors[2], added]);
    expect(c.set).toEqual({ name: 'Other' });
    const back = withChanges(prev, JSON.parse(JSON.stringify(c)));
    expect(back).toEqual(next);
    expect(Object.keys(back)).toEqual(Object.keys(next));
    expect(back).not.toHaveProperty('riskAdjustment');
  });
});

describe('sameJson and resultChanges', () => {
  it('compares JSON by value: keys in any order, lists item by item, scalars by type', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x', d: null }] }, { b: [1, { d: null, c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson({ tco: { nominal: '12.5' } }, { tco: { nominal: '12.50' } })).toBe(false);
  });

  it('totals made afresh: the vendors equal by value are left out, the rest sent whole, and rebuilt they are the new totals', () => {
    const vendor = (id: string, nominal: string) => ({ id, tco: { nominal, npv: nominal }, rates: [{ route: 'sms/US', deliveryRate: 0.95 }], uncertainty: null });
    type Totals = { name: string; vendors: ReturnType<typeof vendor>[]; cheapest: string; scenarios: string[] };
    const prev: Totals = { name: 'W', vendors: [vendor('A', '100'), vendor('B', '200'), vendor('C', '300')], cheapest: 'A', scenarios: [] };
    // A new computation: new objects throughout; B's price typed moves B's TCO and the cheapest.
    const next: Totals = { name: 'W', vendors: [vendor('A', '100'), vendor('B', '90'), vendor('C', '300')], cheapest: 'B', scenarios: [] };
    const c = resultChanges(prev, next, 7);
    expect(c).toEqual({ since: 7, keys: ['name', 'vendors', 'cheapest', 'scenarios'], set: { cheapest: 'B' }, lists: { vendors: [null, vendor('B', '90'), null] } });
    const back = withChanges(prev, JSON.parse(JSON.stringify(c)));
    expect(back).toEqual(next);
    expect(back.vendors[0]).toBe(prev.vendors[0]);
  });
});

describe('workspace.edit with since', () => {
  it("answers the changes from the document it tagged last; an older tag gets the whole document; the rebuilt one is the app's", async () => {
    const app = createApp({ dataDir: join(dir, 'data') });
    const made = (await app.dispatch('workspace.create', { path: join(dir, 'b.tcows'), from: benchWorkspace(3, 4, 12) })) as ApiResult<WorkspaceState>;
    if (!made.ok) throw new Error(made.error.message);
    const handle = made.value.handle;
    const edit = async (price: string, since?: number) => {
      const r = await app.dispatch('workspace.edit', { handle, op: 'routes.update', input: { vendorId: 'V1', index: 0, patch: { price } }, ...(since === undefined ? {} : { since }) });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as EditOutput | EditChangesOutput;
    };
    const a = await edit('0.011');
    if ('changes' in a.state) throw new Error('the first answer is whole');
    const b = await edit('0.012', a.tag);
    if (!('changes' in b.state)) throw new Error('given the last tag, the answer carries changes');
    expect(b.state.changes.since).toBe(a.tag);
    expect(Object.keys(b.state.changes.set)).toEqual([]);
    expect(b.state.changes.lists.vendors!.map((v) => (v === null ? null : v.id))).toEqual([null, 'V1', null]);
    const rebuilt = withChanges(a.state.document, JSON.parse(JSON.stringify(b.state.changes)));
    const whole = (await app.dispatch('workspace.get', { handle })) as ApiResult<WorkspaceState>;
    if (!whole.ok) throw new Error(whole.error.message);
    expect(rebuilt).toEqual(whole.value.document);
    expect(b.state.history).toEqual(whole.value.history);
    // The totals: whole in the first answer, then their changes, V1's alone (its price moved only its numbers).
    if (!a.totals.ok || 'changes' in a.totals) throw new Error('the first answer has the totals whole');
    if (!b.totals.ok || !('changes' in b.totals)) throw new Error('given the last tag, the totals are changes');
    expect(b.totals.changes.since).toBe(a.tag);
    expect(b.totals.changes.lists.vendors!.map((v) => (v === null ? null : v.id))).toEqual([null, 'V1', null]);
    const totals = (await app.dispatch('compute', { handle, draws: 0, sensitivity: false, breakEven: false, monthly: false, priceToWin: false })) as ApiResult<ComputeJson>;
    if (!totals.ok) throw new Error(totals.error.message);
    const rebuiltTotals = withChanges(a.totals.value, JSON.parse(JSON.stringify(b.totals.changes)));
    expect(rebuiltTotals).toEqual(totals.value);
    // V1 spends under its annual commit: the true-up keeps its nominal TCO, and the price moves when it is paid (the NPV).
    expect(rebuiltTotals.vendors[1]!.tco!.nominal).toBe(a.totals.value.vendors[1]!.tco!.nominal);
    expect(rebuiltTotals.vendors[1]!.tco!.npv).not.toBe(a.totals.value.vendors[1]!.tco!.npv);
    // A tag that is not the last one answered: the whole document.
    const c = await edit('0.013', a.tag);
    expect('changes' in c.state).toBe(false);
    expect(c.totals.ok && 'value' in c.totals).toBe(true);
    expect(c.tag).toBeGreaterThan(b.tag);
    app.closeAll();
  });
});

describe('share', () => {
  it('keeps every part equal to the previous one as the previous object, and makes new ones only where something differs', () => {
    const prev = { a: [{ x: 1 }, { y: [2, 3] }], b: { c: 'd' }, e: null as null | number };
    const same = JSON.parse(JSON.stringify(prev));
    expect(share(prev, same)).toBe(prev);
    const next = { a: [{ x: 1 }, { y: [2, 4] }], b: { c: 'd' }, e: 5 };
    const s = share<any>(prev, next);
    expect(s).toEqual(next);
    expect(s.a[0]).toBe(prev.a[0]);
    expect(s.b).toBe(prev.b);
    expect(s.a[1]).not.toBe(prev.a[1]);
    expect(share<any>({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    expect(share<any>({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(share<any>({ a: 1, b: 2 }, { a: 1, c: 2 })).toEqual({ a: 1, c: 2 });
    expect(share<any>([1, 2, 3], [1, 2])).toEqual([1, 2]);
    expect(share<any>([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(share<any>([{ a: 1 }], { 0: { a: 1 } })).toEqual({ 0: { a: 1 } });
  });
});
