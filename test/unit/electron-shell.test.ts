/**
 * The Electron shell with electron mocked: security settings, the checked IPC channel, the menu,
 * window state, the preload's bridge, and the main process's wiring (single instance, files passed
 * on the command line, every window locked down).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OP_NAMES } from '../../electron/api/op-names.js';
import { INVOKE_CHANNEL, REFUSED, registerIpc } from '../../electron/main/ipc.js';
import { menuTemplate } from '../../electron/main/menu.js';
import { APP_ORIGIN, CSP, isTrustedSender, lockDown, secureSession, webPreferences } from '../../electron/main/security.js';
import { clampToDisplays, filesFromArgv, loadWindowState, saveWindowState, DEFAULT_STATE } from '../../electron/main/window-state.js';

// The whole electron module, as far as the main process and the preload use it.
const h = vi.hoisted(() => {
  const handlers: Record<string, (...a: any[]) => any> = {};
  const ipcHandlers: Record<string, (...a: any[]) => any> = {};
  const windows: any[] = [];
  class BrowserWindow {
    options: any;
    webContents: any;
    handlers: Record<string, (...a: any[]) => void> = {};
    constructor(options: any) {
      this.options = options;
      const frame = { url: 'app://tco/index.html', parent: null };
      this.webContents = { send: vi.fn(), once: (ev: string, f: () => void) => (this.handlers[`wc:${ev}`] = f), mainFrame: frame };
      windows.push(this);
    }
    static getAllWindows = () => windows;
    once(ev: string, f: () => void) { this.handlers[ev] = f; }
    on(ev: string, f: () => void) { this.handlers[ev] = f; }
    loadURL = vi.fn(async () => {});
    maximize = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 1, y: 2, width: 800, height: 600 });
  }
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      getPath: vi.fn(() => ''),
      quit: vi.fn(),
      on: (ev: string, f: (...a: any[]) => any) => (handlers[ev] = f),
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (ch: string, f: (...a: any[]) => any) => (ipcHandlers[ch] = f) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 1 })), on: vi.fn(), removeListener: vi.fn() },
  };
  return { electron, handlers, ipcHandlers, windows };
});
vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

const dir = mkdtempSync(join(tmpdir(), 'tco-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('security settings', () => {
  it('windows run sandboxed and isolated, without node', () => {
    const p = webPreferences('/x/preload.cjs');
    expect(p).toMatchObject({ preload: '/x/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
  });

  it('sends a strict CSP with every response and denies every permission', () => {
    let headers: any;
    let permission: any;
    const session: any = {
      webRequest: { onHeadersReceived: (f: any) => f({ responseHeaders: { A: ['b'] } }, (r: any) => (headers = r.responseHeaders)) },
      setPermissionRequestHandler: (f: any) => f(null, 'camera', (allowed: boolean) => (permission = allowed)),
      setPermissionCheckHandler: vi.fn(),
    };
    secureSession(session);
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(headers.A).toEqual(['b']);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toMatch(/script-src 'self';/);
    expect(permission).toBe(false);
    expect(session.setPermissionCheckHandler.mock.calls[0][0]()).toBe(false);
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const on: Record<string, (...a: any[]) => void> = {};
    let openHandler: any;
    lockDown({ on: (ev: string, f: any) => (on[ev] = f), setWindowOpenHandler: (f: any) => (openHandler = f) } as any);
    const away = { preventDefault: vi.fn() };
    on['will-navigate']!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    on['will-navigate']!(inside, `${APP_ORIGIN}/index.html#vendors`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    on['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('trusts only the main frame of one of its windows on the app origin', () => {
    const main = { url: `${APP_ORIGIN}/index.html`, parent: null };
    const wc = [{ mainFrame: main }] as any;
    expect(isTrustedSender(main as any, wc)).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null } as any, [{ mainFrame: { url: 'https://evil.example/' } }] as any)).toBe(false);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/frame.html`, parent: main } as any, wc)).toBe(false);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null } as any, wc)).toBe(false); // not one of our windows' frames
    expect(isTrustedSender(null, wc)).toBe(false);
  });
});

describe('the IPC channel', () => {
  it('passes a trusted call to dispatch untouched and refuses others', async () => {
    let handler: any;
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    const frame = { url: `${APP_ORIGIN}/index.html`, parent: null };
    registerIpc({ handle: (ch: string, f: any) => ch === INVOKE_CHANNEL && (handler = f) } as any, dispatch, () => [{ mainFrame: frame }] as any);
    const input = { handle: 'h', patch: { horizonMonths: 24 } };
    expect(await handler({ senderFrame: frame }, 'settings.update', input)).toEqual({ ok: true, value: 'done' });
    expect(dispatch).toHaveBeenCalledWith('settings.update', input);
    expect(await handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'workspace.open', { path: '/etc/passwd' })).toEqual(REFUSED);
    expect(await handler({ senderFrame: { url: `${APP_ORIGIN}/x`, parent: frame } }, 'compute', {})).toEqual(REFUSED);
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});

describe('the menu', () => {
  const actions = { command: vi.fn(), openRecent: vi.fn(), quit: vi.fn() };
  const items = (t: any[]): any[] => t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
  const find = (t: any[], label: string) => items(t).find((i) => i.label === label);

  it.each(['darwin', 'linux', 'win32'] as const)('has every command with %s shortcuts', (platform) => {
    const t = menuTemplate(platform, actions, ['/w/a.tcows']);
    const mac = platform === 'darwin';
    expect(find(t, 'New Workspace…').accelerator).toBe('CmdOrCtrl+N');
    expect(find(t, 'Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(find(t, 'Open Recent').submenu[0].label).toBe('/w/a.tcows');
    expect(find(t, 'Save As…').accelerator).toBe('Shift+CmdOrCtrl+S');
    expect(find(t, 'Import Events…')).toBeDefined();
    expect(find(t, 'Export Sheet…')).toBeDefined();
    expect(find(t, 'Export Report…')).toBeDefined();
    expect(find(t, 'Undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(find(t, 'Redo').accelerator).toBe(mac ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y');
    expect(find(t, mac ? 'Quit Messaging TCO' : 'Quit').accelerator).toBe(mac ? 'Cmd+Q' : 'Ctrl+Q');
    // Undo is the workspace's history, not a text field's role; copy and paste keep their roles.
    expect(find(t, 'Undo').role).toBeUndefined();
    expect(items(t).some((i) => i.role === 'paste')).toBe(true);
    find(t, 'Undo').click();
    expect(actions.command).toHaveBeenCalledWith('undo');
    find(t, '/w/a.tcows').click();
    expect(actions.openRecent).toHaveBeenCalledWith('/w/a.tcows');
  });

  it('says when there are no recent workspaces', () => {
    expect(find(menuTemplate('linux', actions, []), 'Open Recent').submenu).toEqual([{ label: 'No recent workspaces', enabled: false }]);
  });
});

describe('window state', () => {
  it('round-trips, and falls back to the default for a broken file', () => {
    const f = join(dir, 'window.json');
    saveWindowState(f, { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    expect(loadWindowState(f)).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    writeFileSync(f, '{oops');
    expect(loadWindowState(f)).toEqual(DEFAULT_STATE);
  });

  it('brings a window saved off-screen back onto a display', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(clampToDisplays({ x: 100, y: 100, width: 1000, height: 700 }, screen)).toEqual({ x: 100, y: 100, width: 1000, height: 700 });
    // Saved on a second monitor that is gone: centred on the first.
    expect(clampToDisplays({ x: 3000, y: 200, width: 1000, height: 700 }, screen)).toEqual({ x: 460, y: 190, width: 1000, height: 700 });
    // Larger than the display: shrunk to it.
    expect(clampToDisplays({ x: 5000, y: 0, width: 4000, height: 3000 }, screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('picks workspace files and documents from a command line', () => {
    const exists = (p: string) => p !== '/gone.tcows';
    expect(filesFromArgv(['/app', '--flag', '/w/a.tcows', '/w/b.json', '/gone.tcows', '/w/c.txt'], exists)).toEqual(['/w/a.tcows', '/w/b.json']);
  });
});

describe('the preload bridge', () => {
  beforeEach(() => vi.resetModules());

  it('exposes one function per operation and onMenu, never ipcRenderer', async () => {
    await import('../../electron/preload/index.js');
    const [[name, api]] = h.electron.contextBridge.exposeInMainWorld.mock.calls as any;
    expect(name).toBe('tco');
    expect(Object.keys(api).sort()).toEqual([...OP_NAMES, 'onMenu'].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    await api['routes.update']({ handle: 'h' });
    expect(h.electron.ipcRenderer.invoke).toHaveBeenCalledWith('tco:invoke', 'routes.update', { handle: 'h' });
    const seen: unknown[] = [];
    const off = api.onMenu((p: unknown) => seen.push(p));
    const [channel, listener] = (h.electron.ipcRenderer.on as any).mock.calls[0];
    expect(channel).toBe('tco:menu');
    listener({ sender: 'the event must not reach the page' }, { command: 'undo' });
    expect(seen).toEqual([{ command: 'undo' }]);
    off();
    expect(h.electron.ipcRenderer.removeListener).toHaveBeenCalledWith('tco:menu', listener);
  });
});

describe('the main process wiring', () => {
  it('locks every window down, registers the one channel and opens files passed to a second instance', async () => {
    const ws = join(dir, 'second.tcows');
    const { createApp } = await import('../../electron/services/app.js');
    const seed = createApp({ dataDir: null });
    const made = await seed.dispatch('workspace.create', { path: ws });
    expect(made.ok).toBe(true);
    seed.closeAll();
    h.electron.app.getPath.mockReturnValue(dir);
    await import('../../electron/main/index.js');
    await new Promise((r) => setTimeout(r, 20));
    expect(h.electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(h.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(Object.keys(h.ipcHandlers)).toEqual(['tco:invoke']);
    const win = h.windows[0];
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.loadURL).toHaveBeenCalledWith('app://tco/index.html');
    // Every web contents created gets the navigation lock.
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    h.handlers['web-contents-created']!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    // A second instance started with a workspace file: it opens here and the window is focused.
    h.handlers['second-instance']!({}, ['/app', ws]);
    await new Promise((r) => setTimeout(r, 50));
    expect(win.focus).toHaveBeenCalled();
    const sent = win.webContents.send.mock.calls.find((c: any[]) => c[1]?.command === 'opened');
    expect(sent[0]).toBe('tco:menu');
    expect(sent[1].state.path).toBe(ws);
    h.handlers['before-quit']!();
  });
});
