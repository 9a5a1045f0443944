/**
 * The renderer's one store made of slices (renderer/src/state/store.ts) against a fake desktop
 * bridge: the typed edit sends its operation and input as given (with the scenario's id in one,
 * never on a scenario's own edit) and the answer lands in the workspace slice; the export and the
 * report slices read the open workspace from the same store.
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

// Loaded by vitest as the bundler resolves them (imports without extensions), not followed by the type check.
const storeModule = '../../renderer/src/state/store.ts';
const { useStore } = (await import(/* @vite-ignore */ storeModule)) as { useStore: { getState(): Json; setState(s: Json): void } };

const doc = (price: string) => ({ name: 'W', vendors: [{ id: 'A', quote: { routes: [{ price }] } }] });
const stateOf = (price: string) => ({
  handle: 'h',
  path: '/w/rfp.tcows',
  readOnly: false,
  document: doc(price),
  history: { canUndo: true, canRedo: false, undoLabel: 'Change price', redoLabel: null },
});
const totals = (tco: string) => ({ vendors: [{ id: 'A', tco: { nominal: tco }, uncertainty: null }], baseCurrency: 'USD' });
const cheap = (price: string) => ({ id: 'cheap', name: 'Cheap', document: doc(price), error: null, failedOperation: null });
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
  useStore.setState({ workspace: stateOf('0.01'), base: doc('0.01'), scenario: null, result: totals('100'), baseResult: totals('100'), analysesPending: false, error: null });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the typed edit', () => {
  it('on the base: the operation and its input as given, with the handle', async () => {
    const done = useStore.getState().edit('fees.update', { vendorId: 'A', index: 2, patch: { per: 'month', included: '0' } });
    await flush();
    const e = take('workspace.edit');
    expect(e.input).toEqual({ handle: 'h', op: 'fees.update', input: { vendorId: 'A', index: 2, patch: { per: 'month', included: '0' } } });
    expect(calls).toEqual([]);
    // Edits go one after another: answered, the next may go.
    e.resolve({ ok: true, value: { state: stateOf('0.01'), totals: { ok: true, value: totals('100') } } });
    expect(await done).toBe(null);
  });

  it("in a scenario: an ordinary edit is made in it, and its answer shows the scenario's document and totals beside the base's", async () => {
    useStore.setState({ scenario: cheap('0.01') });
    const done = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.008' } });
    await flush();
    const e = take('workspace.edit');
    expect(e.input).toEqual({ handle: 'h', op: 'routes.update', input: { vendorId: 'A', index: 0, patch: { price: '0.008' }, scenario: 'cheap' } });
    // The base keeps 0.01; the scenario's document has 0.008; its own totals are 80, the base's 100.
    e.resolve({ ok: true, value: { state: { ...stateOf('0.01'), scenario: cheap('0.008') }, totals: { ok: true, value: totals('100') }, scenarioTotals: { ok: true, value: totals('80') } } });
    expect(await done).toBe(null);
    const st = useStore.getState();
    expect(st.workspace.document.vendors[0].quote.routes[0].price).toBe('0.008');
    expect(st.workspace.document.scenarios).toEqual([]);
    expect(st.base.vendors[0].quote.routes[0].price).toBe('0.01');
    expect(st.scenario.id).toBe('cheap');
    expect(st.result.vendors[0].tco.nominal).toBe('80');
    expect(st.baseResult.vendors[0].tco.nominal).toBe('100');
    expect(st.analysesPending).toBe(true);
  });

  it("in a scenario: the scenarios' own edits name their scenario themselves (no scenario added)", async () => {
    useStore.setState({ scenario: cheap('0.01') });
    const done = useStore.getState().edit('scenarios.rename', { id: 'cheap', name: 'Cheaper' });
    await flush();
    const e = take('workspace.edit');
    expect(e.input).toEqual({ handle: 'h', op: 'scenarios.rename', input: { id: 'cheap', name: 'Cheaper' } });
    e.resolve({ ok: false, error: { code: 'NOT_FOUND', message: 'no scenario cheap' } });
    expect(await done).toEqual({ code: 'NOT_FOUND', message: 'no scenario cheap' });
  });
});

describe("an edit's answer carries the document's changes since the one the store holds", () => {
  const two = (price: string) => ({
    name: 'W',
    vendors: [
      { id: 'A', quote: { routes: [{ price }] } },
      { id: 'B', quote: { routes: [{ price: '0.02' }] } },
    ],
  });
  it('the next edit names the tag of the document the last answer left (since); its changes land on that document, the parts unchanged the same objects', async () => {
    useStore.setState({ workspace: { ...stateOf('0.01'), document: two('0.01') }, base: two('0.01') });
    const first = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.008' } });
    await flush();
    const e1 = take('workspace.edit');
    // Nothing tagged yet (or a document since replaced): no since, the answer is whole.
    expect(e1.input).not.toHaveProperty('since');
    e1.resolve({ ok: true, value: { state: { ...stateOf('0.008'), document: two('0.008') }, tag: 7, totals: { ok: true, value: totals('80') } } });
    expect(await first).toBe(null);
    const held = useStore.getState().base;
    const second = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.007' } });
    await flush();
    const e2 = take('workspace.edit');
    expect(e2.input).toEqual({ handle: 'h', op: 'routes.update', input: { vendorId: 'A', index: 0, patch: { price: '0.007' } }, since: 7 });
    const { document: _d, ...rest } = stateOf('0.007');
    void _d;
    const changes = { since: 7, keys: ['name', 'vendors'], set: {}, lists: { vendors: [{ id: 'A', quote: { routes: [{ price: '0.007' }] } }, null] } };
    e2.resolve({ ok: true, value: { state: { ...rest, changes }, tag: 8, totals: { ok: true, value: totals('70') } } });
    expect(await second).toBe(null);
    const st = useStore.getState();
    expect(st.workspace.document).toEqual(two('0.007'));
    expect(st.base).toBe(st.workspace.document);
    expect(st.base.vendors[1]).toBe(held.vendors[1]);
    expect(st.result.vendors[0].tco.nominal).toBe('70');
  });

  it('after an undo (another document in the store) the edit names no tag, and gets the document whole', async () => {
    useStore.setState({ workspace: { ...stateOf('0.01'), document: two('0.01') }, base: two('0.01') });
    const first = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.008' } });
    await flush();
    take('workspace.edit').resolve({ ok: true, value: { state: { ...stateOf('0.008'), document: two('0.008') }, tag: 3, totals: { ok: true, value: totals('80') } } });
    await first;
    const undone = useStore.getState().undo();
    await flush();
    take('history.undo').resolve({ ok: true, value: { ...stateOf('0.01'), document: two('0.01') } });
    await flush();
    take('compute').resolve({ ok: true, value: totals('100') });
    await undone;
    const next = useStore.getState().edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.009' } });
    await flush();
    const e = take('workspace.edit');
    expect(e.input).not.toHaveProperty('since');
    e.resolve({ ok: true, value: { state: { ...stateOf('0.009'), document: two('0.009') }, tag: 5, totals: { ok: true, value: totals('90') } } });
    expect(await next).toBe(null);
    expect(useStore.getState().workspace.document).toEqual(two('0.009'));
  });
});

describe('the other slices read the open workspace from the same store', () => {
  it('an export: its call names the workspace of the workspace slice; its file lands in the export slice', async () => {
    const done = useStore.getState().exportTo('csv-monthly', '/w/rfp monthly.csv');
    await flush();
    expect(useStore.getState().exportRunning).toBe('csv-monthly');
    const e = take('export.csv');
    expect(e.input).toEqual({ handle: 'h', path: '/w/rfp monthly.csv', table: 'monthly' });
    e.resolve({ ok: true, value: { path: '/w/rfp monthly.csv' } });
    await done;
    expect(useStore.getState()).toMatchObject({ exportRunning: null, exportDone: { format: 'csv-monthly', path: '/w/rfp monthly.csv' }, exportError: null });
    expect(useStore.getState().exportDone).not.toHaveProperty('pages');
  });

  it("the report's pages are kept with its file", async () => {
    const done = useStore.getState().exportTo('pdf', '/w/rfp business case.pdf');
    await flush();
    take('export.pdf').resolve({ ok: true, value: { path: '/w/rfp business case.pdf', pages: 9 } });
    await done;
    expect(useStore.getState().exportDone).toEqual({ format: 'pdf', path: '/w/rfp business case.pdf', pages: 9 });
  });

  it('no export without an open workspace', async () => {
    useStore.setState({ workspace: null });
    await useStore.getState().exportTo('xlsx', '/w/x.xlsx');
    expect(calls).toEqual([]);
  });

  it("the report's settings: loaded for a workspace; a save answered after another workspace was loaded leaves that one's", async () => {
    const loading = useStore.getState().loadReportSettings('h');
    take('report.settings').resolve({ ok: true, value: { preparedFor: 'Retail', preparedBy: 'Ann' } });
    await loading;
    expect(useStore.getState()).toMatchObject({ reportHandle: 'h', preparedFor: 'Retail', preparedBy: 'Ann', reportError: null });
    const saving = useStore.getState().saveReportSetting('h', 'preparedBy', 'Bo');
    const other = useStore.getState().loadReportSettings('h2');
    take('report.settings').resolve({ ok: true, value: { preparedFor: 'Retail', preparedBy: 'Bo' } });
    take('report.settings').resolve({ ok: true, value: { preparedFor: '', preparedBy: '' } });
    expect(await saving).toBe(null);
    await other;
    expect(useStore.getState()).toMatchObject({ reportHandle: 'h2', preparedFor: '', preparedBy: '' });
  });
});
