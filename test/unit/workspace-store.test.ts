/**
 * The renderer's store (renderer/src/state/store.ts: its workspace slice, slices/workspace.ts) against a fake desktop bridge:
 * a keystroke is one workspace.edit whose totals land in one update; the analyses are asked for
 * only after a pause, never while an edit is on its way, and an answer overtaken by a newer edit
 * is dropped; a refused edit leaves the state and asks for its analyses again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Json = any;
interface Pending {
  op: string;
  input: Json;
  resolve(v: Json): void;
}

const calls: Pending[] = [];
const bridge = new Proxy(
  {},
  {
    get: (_t, op: string) => (op === 'onMenu' ? () => () => {} : (input: Json) => new Promise((resolve) => calls.push({ op, input, resolve }))),
  },
);
(globalThis as Json).window = { tco: bridge };

// The renderer's modules resolve as the bundler does (imports without extensions): loaded by vitest,
// not followed by this project's type check.
const storeModule = '../../renderer/src/state/store.ts';
const { useStore } = (await import(/* @vite-ignore */ storeModule)) as { useStore: { getState(): Json; setState(s: Json): void } };

const doc = (price: string) => ({ name: 'W', vendors: [{ id: 'A', quote: { routes: [{ price }] } }] });
const stateOf = (price: string) => ({ handle: 'h', path: '/w.tcows', readOnly: false, document: doc(price), history: { canUndo: true, canRedo: false, undoLabel: 'Change price', redoLabel: null } });
const totals = (tco: string, full = false) => ({ vendors: [{ id: 'A', tco: { nominal: tco }, uncertainty: full ? { pCheapest: 1 } : null }], baseCurrency: 'USD' });
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const take = (op: string) => {
  const i = calls.findIndex((c) => c.op === op);
  expect(i, `a call of ${op}`).toBeGreaterThanOrEqual(0);
  return calls.splice(i, 1)[0]!;
};

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  useStore.setState({ workspace: stateOf('0.01'), result: totals('100', true), full: totals('100', true), analysesPending: false, error: null });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the workspace store', () => {
  it('a keystroke: one workspace.edit, its totals at once, the analyses after a pause', async () => {
    const done = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.02' } });
    await flush();
    const e = take('workspace.edit');
    expect(e.input).toEqual({ handle: 'h', op: 'routes.update', input: { vendorId: 'A', index: 0, patch: { price: '0.02' } } });
    e.resolve({ ok: true, value: { state: stateOf('0.02'), totals: { ok: true, value: totals('200') } } });
    expect(await done).toBe(null);
    const st = useStore.getState();
    expect(st.workspace!.document.vendors[0]!.quote.routes[0]!.price).toBe('0.02');
    expect(st.result!.vendors[0]!.tco.nominal).toBe('200');
    expect(st.analysesPending).toBe(true);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(349);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const a = take('compute');
    expect(a.input).toMatchObject({ handle: 'h', draws: 2000 });
    a.resolve({ ok: true, value: totals('200', true) });
    await flush();
    expect(useStore.getState()).toMatchObject({ analysesPending: false, full: { vendors: [{ uncertainty: { pCheapest: 1 } }] } });
  });

  it('keys typed within the pause ask for the analyses of the last state only, once', async () => {
    for (const price of ['0.02', '0.021', '0.0215']) {
      const done = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price } });
      await flush();
      take('workspace.edit').resolve({ ok: true, value: { state: stateOf(price), totals: { ok: true, value: totals(price) } } });
      await done;
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.map((c) => c.op)).toEqual(['compute']);
  });

  it('analyses answered after a newer edit are dropped; none are asked for while an edit is on its way', async () => {
    const first = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.02' } });
    await flush();
    take('workspace.edit').resolve({ ok: true, value: { state: stateOf('0.02'), totals: { ok: true, value: totals('200') } } });
    await first;
    await vi.advanceTimersByTimeAsync(350);
    const stale = take('compute');
    // A key goes down while the analyses are computed; its edit is slow to answer.
    const second = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.03' } });
    await flush();
    stale.resolve({ ok: true, value: totals('200', true) });
    await flush();
    expect(useStore.getState().result!.vendors[0]!.uncertainty).toBe(null);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => c.op)).toEqual(['workspace.edit']);
    take('workspace.edit').resolve({ ok: true, value: { state: stateOf('0.03'), totals: { ok: true, value: totals('300') } } });
    await second;
    expect(useStore.getState().result!.vendors[0]!.tco.nominal).toBe('300');
    await vi.advanceTimersByTimeAsync(350);
    expect(calls.map((c) => c.op)).toEqual(['compute']);
  });

  it('a refused edit keeps the state shown and asks for its analyses again', async () => {
    const ok = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.02' } });
    await flush();
    take('workspace.edit').resolve({ ok: true, value: { state: stateOf('0.02'), totals: { ok: true, value: totals('200') } } });
    await ok;
    await vi.advanceTimersByTimeAsync(100);
    const refused = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.02x' } });
    await flush();
    const error = { code: 'INVALID_INPUT', message: 'routes.update: $.patch.price: must be a decimal' };
    take('workspace.edit').resolve({ ok: false, error });
    expect(await refused).toEqual(error);
    expect(useStore.getState().workspace!.document.vendors[0]!.quote.routes[0]!.price).toBe('0.02');
    expect(useStore.getState().result!.vendors[0]!.tco.nominal).toBe('200');
    await vi.advanceTimersByTimeAsync(350);
    expect(calls.map((c) => c.op)).toEqual(['compute']);
  });

  it('opening a workspace: its totals, then its analyses at once (nobody is typing yet)', async () => {
    const opening = useStore.getState().open('/w.tcows');
    await flush();
    take('workspace.open').resolve({ ok: true, value: stateOf('0.01') });
    await flush();
    const t = take('compute');
    expect(t.input).toMatchObject({ handle: 'h', draws: 0, sensitivity: false });
    t.resolve({ ok: true, value: totals('100') });
    await opening;
    expect(useStore.getState()).toMatchObject({ analysesPending: true, result: { vendors: [{ tco: { nominal: '100' } }] } });
    await vi.advanceTimersByTimeAsync(0);
    expect(take('compute').input).toMatchObject({ handle: 'h', draws: 2000 });
  });

  it('undo computes the state again and asks for its analyses after the pause, as an edit does', async () => {
    const undone = useStore.getState().undo();
    await flush();
    take('history.undo').resolve({ ok: true, value: stateOf('0.005') });
    await flush();
    take('compute').resolve({ ok: true, value: totals('50') });
    await undone;
    await vi.advanceTimersByTimeAsync(349);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(take('compute').input).toMatchObject({ handle: 'h', draws: 2000 });
  });

  it('totals that cannot be computed show the error, the edit stands', async () => {
    const done = useStore.getState().edit('quote.update', { vendorId: 'A', patch: { currency: 'JPY' } });
    await flush();
    const error = { code: 'MODEL_ERROR', message: 'no rate for JPY' };
    take('workspace.edit').resolve({ ok: true, value: { state: stateOf('0.05'), totals: { ok: false, error } } });
    expect(await done).toBe(null);
    expect(useStore.getState()).toMatchObject({ result: null, error, analysesPending: false });
    expect(useStore.getState().workspace!.document.vendors[0]!.quote.routes[0]!.price).toBe('0.05');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
  });

  it('an edit made from the document is made when it is sent: two quick edits of one list both stay', async () => {
    // Tier 2's "from" and then its price, typed before the first answer: the second patch rewrites
    // the tiers from the document as the first edit left it (from 50000), not as the screen drew it (from 1000).
    const drawn = [
      { from: '0', price: '0.008' },
      { from: '1000', price: '0.008' },
    ];
    const withTiers = (tiers: Json) => ({ ...stateOf('0.01'), document: { name: 'W', vendors: [{ id: 'A', quote: { routes: [{ tiers }] } }] } });
    useStore.setState({ workspace: withTiers(drawn) });
    const tiersOf = (d: Json) => d.vendors[0].quote.routes[0].tiers as Json[];
    const patch = (k: number, field: string, value: string) => (d: Json) => ({ vendorId: 'A', index: 0, patch: { tiers: tiersOf(d).map((t, j) => (j === k ? { ...t, [field]: value } : t)) } });
    const first = useStore.getState().edit('routes.update', patch(1, 'from', '50000'));
    const second = useStore.getState().edit('routes.update', patch(1, 'price', '0.006'));
    await flush();
    const e1 = take('workspace.edit');
    expect(e1.input.input.patch.tiers).toEqual([
      { from: '0', price: '0.008' },
      { from: '50000', price: '0.008' },
    ]);
    expect(calls).toEqual([]); // the second waits for the first
    const after1 = [
      { from: '0', price: '0.008' },
      { from: '50000', price: '0.008' },
    ];
    e1.resolve({ ok: true, value: { state: withTiers(after1), totals: { ok: true, value: totals('100') } } });
    expect(await first).toBe(null);
    await flush();
    const e2 = take('workspace.edit');
    expect(e2.input.input.patch.tiers).toEqual([
      { from: '0', price: '0.008' },
      { from: '50000', price: '0.006' },
    ]);
    e2.resolve({ ok: true, value: { state: withTiers(e2.input.input.patch.tiers), totals: { ok: true, value: totals('90') } } });
    expect(await second).toBe(null);
  });
});
