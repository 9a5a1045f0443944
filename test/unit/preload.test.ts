/**
 * The preload with electron mocked: `window.tco` has exactly one function per operation plus
 * onMenu; each invokes the one channel with the operation's name and the input as given; onMenu
 * hands the page the payload only, never the IPC event, and its unsubscribe works; commands sent
 * before the page listens wait for it. And the bundle scripts/build.mjs makes requires nothing but
 * electron, as a sandboxed preload must.
 */
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { MenuPayload, TcoBridge } from '../../electron/api/bridge.js';
import type { ApiResult } from '../../electron/api/errors.js';
import type { makeBridge } from '../../electron/preload/index.js';
import { OP_NAMES } from '../../electron/api/op-names.js';
import type { OpInput, OpOutput } from '../../electron/api/operations.js';
import { INVOKE_CHANNEL as MAIN_INVOKE, MENU_CHANNEL as MAIN_MENU } from '../../electron/main/ipc.js';

const h = vi.hoisted(() => {
  const ipcRenderer = {
    invoke: vi.fn(async (..._a: unknown[]): Promise<unknown> => ({ ok: true, value: 'answer' })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  const webUtils = { getPathForFile: vi.fn((f: { name: string }) => `/picked/${f.name}`) };
  return { ipcRenderer, contextBridge, webUtils };
});
vi.mock('electron', () => ({ ...h, default: h }));

/** Load the preload afresh; the exposed api and the listener it put on `tco:menu`. */
async function load() {
  vi.resetModules();
  vi.clearAllMocks();
  const mod = await import('../../electron/preload/index.js');
  expect(h.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = h.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, any>];
  // Call every listener on `tco:menu` as ipcRenderer would: (event, payload).
  const deliver = (payload: MenuPayload) => {
    const active = new Map<(...a: unknown[]) => void, number>();
    for (const [ch, f] of h.ipcRenderer.on.mock.calls as [string, (...a: unknown[]) => void][]) if (ch === 'tco:menu') active.set(f, (active.get(f) ?? 0) + 1);
    for (const [ch, f] of h.ipcRenderer.removeListener.mock.calls as [string, (...a: unknown[]) => void][]) if (ch === 'tco:menu') active.set(f, (active.get(f) ?? 0) - 1);
    for (const [f, n] of active) for (let i = 0; i < n; i++) f({ sender: 'the IPC event', senderId: 0 }, payload);
  };
  return { name, api, mod, deliver };
}

describe('the bridge on window.tco', () => {
  beforeEach(() => vi.clearAllMocks());

  it('is exposed once, as `tco`, with exactly one function per operation plus onMenu, pathForFile and chooseExportPath', async () => {
    const { name, api } = await load();
    expect(name).toBe('tco');
    expect(Object.keys(api).sort()).toEqual([...OP_NAMES, 'onMenu', 'pathForFile', 'chooseExportPath'].sort());
    for (const [k, v] of Object.entries(api)) expect(typeof v, k).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('pathForFile gives the path webUtils knows for a picked file, and reports it to the main process (tco:picked), which lets the page name it', async () => {
    const { api } = await load();
    h.ipcRenderer.invoke.mockResolvedValueOnce(true);
    expect(api.pathForFile({ name: 'log.csv' })).toBe('/picked/log.csv');
    expect(h.webUtils.getPathForFile).toHaveBeenCalledTimes(1);
    expect(h.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith('tco:picked', '/picked/log.csv');
  });

  it('chooseExportPath asks the main process for the save dialog of an export, on its own channel', async () => {
    const { api } = await load();
    h.ipcRenderer.invoke.mockResolvedValueOnce('/w/report.pdf');
    expect(await api.chooseExportPath('report')).toBe('/w/report.pdf');
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith('tco:save-dialog', 'report');
  });

  it('never exposes ipcRenderer or any of its methods', async () => {
    const { api } = await load();
    const values = Object.values(api);
    for (const f of Object.values(h.ipcRenderer)) expect(values).not.toContain(f);
    expect(values).not.toContain(h.ipcRenderer);
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('each operation invokes tco:invoke with its name and the input unchanged, and returns the answer', async () => {
    const { api } = await load();
    expect(MAIN_INVOKE).toBe('tco:invoke');
    for (const op of OP_NAMES) {
      const input = { marker: op };
      const answer = { ok: true, value: op };
      h.ipcRenderer.invoke.mockResolvedValueOnce(answer);
      expect(await api[op](input)).toBe(answer);
      const call = h.ipcRenderer.invoke.mock.calls.at(-1)!;
      expect(call).toHaveLength(3);
      expect(call[0]).toBe('tco:invoke');
      expect(call[1]).toBe(op);
      expect(call[2]).toBe(input);
    }
    expect(h.ipcRenderer.invoke).toHaveBeenCalledTimes(OP_NAMES.length);
    expect(h.ipcRenderer.send).not.toHaveBeenCalled();
    expect(h.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});

describe('onMenu', () => {
  it('hands the callback the payload only, never the event, and unsubscribes', async () => {
    const { api, deliver } = await load();
    expect(MAIN_MENU).toBe('tco:menu');
    const seen: unknown[][] = [];
    const off = api.onMenu((...args: unknown[]) => seen.push(args));
    expect(typeof off).toBe('function');
    deliver({ command: 'undo' });
    deliver({ command: 'save-as', path: '/w/copy.tcows' });
    expect(seen).toEqual([[{ command: 'undo' }], [{ command: 'save-as', path: '/w/copy.tcows' }]]);
    off();
    deliver({ command: 'redo' });
    expect(seen).toHaveLength(2);
    // No one listens: the channel's listener is gone too.
    expect(h.ipcRenderer.removeListener).toHaveBeenCalledWith('tco:menu', h.ipcRenderer.on.mock.calls[0]![1]);
    off(); // twice is harmless
    expect(h.ipcRenderer.removeListener).toHaveBeenCalledTimes(1);
  });

  it('delivers to every subscriber, and listens again after the last one left', async () => {
    const { api, deliver } = await load();
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.onMenu(a);
    const offB = api.onMenu(b);
    deliver({ command: 'redo' });
    expect(a).toHaveBeenCalledWith({ command: 'redo' });
    expect(b).toHaveBeenCalledWith({ command: 'redo' });
    offA();
    offB();
    const c = vi.fn();
    api.onMenu(c);
    expect(h.ipcRenderer.on).toHaveBeenCalledTimes(2);
    deliver({ command: 'undo' });
    expect(c).toHaveBeenCalledWith({ command: 'undo' });
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('keeps commands sent before the page first listens, and gives them to it', async () => {
    const { api, deliver } = await load();
    const state: Extract<MenuPayload, { command: 'opened' }>['state'] = {
      handle: 'h',
      path: '/w/a.tcows',
      readOnly: false,
      document: { format: 'tco-workspace', version: 1, baseCurrency: 'USD', startMonth: '2027-01', streams: [], vendors: [] },
      history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
    };
    deliver({ command: 'opened', state });
    // React (StrictMode) subscribes, unsubscribes and subscribes again in one go.
    const first = vi.fn();
    api.onMenu(first)();
    const second = vi.fn();
    api.onMenu(second);
    expect(second).not.toHaveBeenCalled(); // not before onMenu has returned
    await Promise.resolve();
    expect(second).toHaveBeenCalledWith({ command: 'opened', state });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('refuses something that is not a function', async () => {
    const { api } = await load();
    expect(() => api.onMenu('nope')).toThrow(TypeError);
  });
});

describe('the types', () => {
  it('TcoBridge maps each operation to its input and its ApiResult', () => {
    type Bridge = ReturnType<typeof makeBridge>;
    expectTypeOf<Bridge>().toEqualTypeOf<TcoBridge>();
    expectTypeOf<Bridge['workspace.open']>().parameter(0).toEqualTypeOf<OpInput<'workspace.open'>>();
    expectTypeOf<Bridge['workspace.open']>().returns.toEqualTypeOf<Promise<ApiResult<OpOutput<'workspace.open'>>>>();
    expectTypeOf<Bridge['onMenu']>().returns.toEqualTypeOf<() => void>();
  });
});

describe('the bundle', () => {
  it('is self-contained: it requires electron and nothing else, as a sandboxed preload must', async () => {
    const out = await build({ entryPoints: ['electron/preload/index.ts'], bundle: true, platform: 'browser', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]!.text;
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
      ipcRenderer: { invoke: async () => null, on: () => {}, removeListener: () => {} },
      webUtils: { getPathForFile: () => '' },
    };
    const module = { exports: {} };
    // The sandbox's require knows electron only (and a few modules this bundle does not use).
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${id}`);
      },
      Promise,
    });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed.tco as object).sort()).toEqual([...OP_NAMES, 'onMenu', 'pathForFile', 'chooseExportPath'].sort());
  });
});
