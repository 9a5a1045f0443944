/**
 * The Electron main process with electron mocked: the security settings (web preferences, CSP,
 * permissions, navigation, new windows), the checked IPC channel, the app:// protocol, the menu
 * per platform, the menu's commands and dialogs, window state, files on a command line, the
 * better-sqlite3 copy for Electron, and the wiring of index.ts (single instance, second instance,
 * macOS open-file, commands held until the page has loaded, quitting closes the workspaces).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL, MENU_CHANNEL, REFUSED, registerIpc } from '../../electron/main/ipc.js';
import { accelerators, buildMenuTemplate, FILTERS, type MenuActions } from '../../electron/main/menu.js';
import { NATIVE_FILE, nativeBindingCandidates, nativeBindingPath } from '../../electron/main/native.js';
import { rendererFile, serveRenderer } from '../../electron/main/protocol.js';
import { APP_ORIGIN, CSP, isTrustedSender, lockDown, secureSession, webPreferences } from '../../electron/main/security.js';
import { createCommands, withExtension, type CommandDeps } from '../../electron/main/commands.js';
import { clampToDisplays, DEFAULT_STATE, filesFromArgv, loadWindowState, saveWindowState, windowOptions } from '../../electron/main/window-state.js';

// ---------------------------------------------------------------------------------------------
// electron, as far as index.ts uses it; and the services, so the wiring test sees every dispatch.
const h = vi.hoisted(() => {
  const appHandlers: Record<string, (...a: any[]) => any> = {};
  const ipcHandlers: Record<string, (...a: any[]) => any> = {};
  const windows: any[] = [];
  let frameIds = 0;
  class BrowserWindow {
    options: any;
    events: Record<string, ((...a: any[]) => any)[]> = {};
    wcEvents: Record<string, ((...a: any[]) => any)[]> = {};
    webContents: any;
    minimized = false;
    constructor(options: any) {
      this.options = options;
      const mainFrame = { url: 'app://tco/index.html', parent: null, processId: 7, frameTreeNodeId: ++frameIds };
      const on = (ev: string, f: (...a: any[]) => any) => (this.wcEvents[ev] ??= []).push(f);
      this.webContents = {
        send: vi.fn(),
        on,
        once: on,
        mainFrame,
        executeJavaScript: vi.fn(async (_code: string): Promise<unknown> => ({ title: 'Business case' })),
        printToPDF: vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n', 'latin1')),
      };
      windows.push(this);
    }
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    destroyed = false;
    on(ev: string, f: (...a: any[]) => any) {
      (this.events[ev] ??= []).push(f);
      return this;
    }
    once(ev: string, f: (...a: any[]) => any) {
      return this.on(ev, f);
    }
    emit(ev: string, ...a: any[]) {
      for (const f of this.events[ev] ?? []) f(...a);
    }
    emitWc(ev: string, ...a: any[]) {
      for (const f of this.wcEvents[ev] ?? []) f(...a);
    }
    loadURL = vi.fn(async () => {});
    maximize = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => this.minimized;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 11, y: 22, width: 1001, height: 702 });
    destroy = vi.fn(() => {
      this.destroyed = true;
    });
    isDestroyed = () => this.destroyed;
  }
  const dispatch = vi.fn(async (op: string, input: any): Promise<any> => {
    if (op === 'workspace.recent') return { ok: true, value: { files: ['/w/recent.tcows'], folder: '/w' } };
    if (op === 'workspace.open') return { ok: true, value: { handle: 'h1', path: input.path, readOnly: false, document: {}, history: {} } };
    return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${op}` } };
  });
  const closeAll = vi.fn();
  const createApp = vi.fn((_options: unknown) => ({ dispatch, closeAll }));
  const electron = {
    app: {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      getPath: vi.fn((_name: string) => '/nowhere'),
      quit: vi.fn(),
      isReady: vi.fn(() => true),
      on: vi.fn((ev: string, f: (...a: any[]) => any) => (appHandlers[ev] = f)),
      whenReady: vi.fn(() => Promise.resolve()),
    },
    BrowserWindow,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: vi.fn((ch: string, f: (...a: any[]) => any) => (ipcHandlers[ch] = f)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
  };
  const reset = () => {
    for (const k of Object.keys(appHandlers)) delete appHandlers[k];
    for (const k of Object.keys(ipcHandlers)) delete ipcHandlers[k];
    windows.length = 0;
    vi.clearAllMocks();
    electron.app.requestSingleInstanceLock.mockReturnValue(true);
  };
  return { electron, appHandlers, ipcHandlers, windows, dispatch, closeAll, createApp, reset };
});
vi.mock('electron', () => ({ ...h.electron, default: h.electron }));
vi.mock('../../electron/services/app.js', () => ({ createApp: h.createApp }));

const dir = mkdtempSync(join(tmpdir(), 'tco-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tick = () => new Promise((r) => setTimeout(r, 0));

// ---------------------------------------------------------------------------------------------
describe('web preferences', () => {
  it('isolate and sandbox the page, without node, webviews or the remote module', () => {
    const p = webPreferences('/app/out/preload/index.js') as Record<string, unknown>;
    expect(p).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(p.webviewTag).not.toBe(true);
    expect(p).not.toHaveProperty('enableRemoteModule');
  });

  it('windowOptions keeps them and places the window where it was', () => {
    const o = windowOptions('/p.js', { x: 5, y: 6, width: 900, height: 700 });
    expect(o).toMatchObject({ x: 5, y: 6, width: 900, height: 700, show: false });
    expect(o.webPreferences).toEqual(webPreferences('/p.js'));
  });
});

describe('the session', () => {
  const fakeSession = () => {
    const s: any = { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    secureSession(s);
    return s;
  };

  it('sends a strict Content-Security-Policy with every response, replacing any the response had', () => {
    const s = fakeSession();
    const listener = s.webRequest.onHeadersReceived.mock.calls[0][0];
    let headers: Record<string, string[]> = {};
    listener({ responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"], 'X-Other': ['kept'] } }, (r: any) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['kept']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('the CSP: self by default, no eval and no inline script, no plugins or frames', () => {
    const directives = new Map(
      CSP.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('denies every permission request and check', () => {
    const s = fakeSession();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      s.setPermissionRequestHandler.mock.calls[0][0]({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(s.setPermissionCheckHandler.mock.calls[0][0]({}, 'media')).toBe(false);
  });
});

describe('navigation and new windows', () => {
  const locked = () => {
    const on: Record<string, (...a: any[]) => void> = {};
    const contents = { on: vi.fn((ev: string, f: any) => (on[ev] = f)), setWindowOpenHandler: vi.fn() };
    lockDown(contents as any);
    return { on, contents };
  };
  const navigate = (on: Record<string, (...a: any[]) => void>, ev: string, url: string) => {
    const details = { url, preventDefault: vi.fn() };
    on[ev]!(details, url);
    return details.preventDefault.mock.calls.length > 0;
  };

  it('blocks navigation and redirects to anything but the app', () => {
    const { on } = locked();
    for (const url of ['https://evil.example/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://other/index.html', 'app://tco@evil.example/', 'javascript:alert(1)', 'not a url']) {
      expect(navigate(on, 'will-navigate', url), url).toBe(true);
      expect(navigate(on, 'will-redirect', url), url).toBe(true);
    }
    expect(navigate(on, 'will-navigate', `${APP_ORIGIN}/index.html#/vendors`)).toBe(false);
  });

  it('denies window.open and webviews', () => {
    const { on, contents } = locked();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: unknown) => unknown;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    on['will-attach-webview']!(webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

// ---------------------------------------------------------------------------------------------
describe('the IPC channel', () => {
  const main = { url: `${APP_ORIGIN}/index.html`, parent: null, processId: 3, frameTreeNodeId: 1 };
  const wins = [{ mainFrame: main }] as any;

  it('trusts only the main frame of one of our windows showing the app', () => {
    expect(isTrustedSender(main as any, wins)).toBe(true);
    // The same frame reached through another wrapper object.
    expect(isTrustedSender({ ...main } as any, wins)).toBe(true);
    expect(isTrustedSender({ ...main, url: 'https://evil.example/' } as any, wins)).toBe(false);
    expect(isTrustedSender({ ...main, url: 'app://other/index.html' } as any, wins)).toBe(false);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/frame.html`, parent: main, processId: 3, frameTreeNodeId: 2 } as any, wins)).toBe(false);
    expect(isTrustedSender({ ...main, parent: main } as any, wins)).toBe(false); // a frame with a parent is never a main frame
    expect(isTrustedSender({ ...main, frameTreeNodeId: 9 } as any, wins)).toBe(false); // another window's frame
    expect(isTrustedSender({ url: main.url, parent: null } as any, wins)).toBe(false);
    expect(isTrustedSender(null, wins)).toBe(false);
    expect(isTrustedSender(main as any, [])).toBe(false);
  });

  const registered = (windows = wins) => {
    const handlers: Record<string, (...a: any[]) => any> = {};
    const dispatch = vi.fn(async (_op: string, _input: unknown): Promise<any> => ({ ok: true, value: { answer: 42 } }));
    const after = vi.fn();
    registerIpc({ handle: (ch: string, f: any) => (handlers[ch] = f) } as any, dispatch, () => windows, after);
    return { handler: handlers[INVOKE_CHANNEL]!, handlers, dispatch, after };
  };

  it('registers one channel, passes a trusted call to dispatch unchanged and returns its result untouched', async () => {
    const { handler, handlers, dispatch, after } = registered();
    expect(Object.keys(handlers)).toEqual(['tco:invoke']);
    const input = { handle: 'h', patch: { horizonMonths: 24 } };
    const answer = { ok: true, value: { answer: 42 } };
    dispatch.mockResolvedValueOnce(answer);
    const result = await handler({ senderFrame: main }, 'settings.update', input);
    expect(result).toBe(answer);
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch.mock.calls[0]![0]).toBe('settings.update');
    expect(dispatch.mock.calls[0]![1]).toBe(input);
    expect(after).toHaveBeenCalledWith('settings.update', answer);
  });

  it('refuses a sender from another origin, a subframe, or a frame that is gone', async () => {
    const { handler, dispatch } = registered();
    expect(await handler({ senderFrame: { ...main, url: 'https://evil.example/' } }, 'workspace.open', { path: '/etc/passwd' })).toEqual(REFUSED);
    expect(await handler({ senderFrame: { url: `${APP_ORIGIN}/x.html`, parent: main, processId: 3, frameTreeNodeId: 5 } }, 'compute', {})).toEqual(REFUSED);
    expect(await handler({ senderFrame: null }, 'compute', {})).toEqual(REFUSED);
    expect(REFUSED).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'refused: the call did not come from the app' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('checks against the windows as they are at the time of the call', async () => {
    const live: any[] = [];
    const { handler, dispatch } = registered(live);
    expect(await handler({ senderFrame: main }, 'segments', { text: 'a' })).toEqual(REFUSED);
    live.push({ mainFrame: main });
    expect(await handler({ senderFrame: main }, 'segments', { text: 'a' })).toEqual({ ok: true, value: { answer: 42 } });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the app:// protocol', () => {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');

  it('maps app://tco paths into the renderer folder and refuses traversal and other origins', () => {
    expect(rendererFile(root, 'app://tco/index.html')).toBe(join(root, 'index.html'));
    expect(rendererFile(root, 'app://tco/')).toBe(join(root, 'index.html'));
    expect(rendererFile(root, 'app://tco/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
    for (const url of [
      'app://tco/../secret.txt',
      'app://tco/%2e%2e/secret.txt',
      'app://tco/..%2fsecret.txt',
      'app://tco/assets/..%2f..%2fsecret.txt',
      'app://tco/%2e%2e%5csecret.txt',
      'app://tco/%E0%A4%A',
      'app://tco/a%00.js',
      'app://evil/index.html',
      'https://tco/index.html',
      'app://u:p@tco/index.html',
    ]) {
      const file = rendererFile(root, url);
      expect(file === null || file.startsWith(root + '/'), url).toBe(true);
      expect(file === join(dir, 'secret.txt'), url).toBe(false);
    }
    expect(rendererFile(root, 'app://evil/index.html')).toBeNull();
    expect(rendererFile(root, 'app://tco/%E0%A4%A')).toBeNull();
  });

  it('serves files with their type and the security headers; 404 outside, 405 for writes', async () => {
    const page = await serveRenderer(root, new Request('app://tco/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(await page.text()).toContain('<title>t</title>');
    const js = await serveRenderer(root, new Request('app://tco/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://tco/%2e%2e/secret.txt', 'app://tco/missing.js', 'app://tco/assets/', 'app://evil/index.html']) {
      const r = await serveRenderer(root, new Request(url));
      expect(r.status, url).toBe(404);
      expect(r.headers.get('content-security-policy')).toBe(CSP);
    }
    expect((await serveRenderer(root, { url: 'app://tco/index.html', method: 'POST' })).status).toBe(405);
    const head = await serveRenderer(root, { url: 'app://tco/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
describe('the menu', () => {
  const actions = (): MenuActions & { [k: string]: any } => ({ command: vi.fn(), openRecent: vi.fn(), quit: vi.fn() });
  const all = (t: any[]): any[] => t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? all(m.submenu) : [])]);
  const byId = (t: any[], id: string) => all(t).find((i) => i.id === id);
  const COMMANDS = ['new', 'open', 'save-as', 'import-events', 'export-sheet', 'export-report', 'undo', 'redo'] as const;

  it.each([
    ['darwin', 'Shift+CmdOrCtrl+Z', 'Cmd+Q'],
    ['win32', 'Ctrl+Y', 'Ctrl+Q'],
    ['linux', 'Ctrl+Y', 'Ctrl+Q'],
  ] as const)('has every item with the %s shortcuts', (platform, redo, quit) => {
    const a = actions();
    const t = buildMenuTemplate(platform, a, ['/w/a.tcows', '/w/b.tcows']);
    const expected: Record<string, string> = {
      new: 'CmdOrCtrl+N',
      open: 'CmdOrCtrl+O',
      'save-as': 'Shift+CmdOrCtrl+S',
      'import-events': 'CmdOrCtrl+I',
      'export-sheet': 'CmdOrCtrl+E',
      'export-report': 'Shift+CmdOrCtrl+E',
      undo: 'CmdOrCtrl+Z',
      redo,
      quit,
    };
    for (const [id, accelerator] of Object.entries(expected)) expect(byId(t, id)?.accelerator, id).toBe(accelerator);
    expect(accelerators(platform).redo).toBe(redo);
    const labels = all(t).map((i) => i.label);
    for (const label of ['New Workspace…', 'Open…', 'Open Recent', 'Save As…', 'Import Events…', 'Export Sheet…', 'Export Report…', 'Undo', 'Redo']) expect(labels).toContain(label);
    // Each command item sends its command; Undo and Redo are the app's, not a text field's role.
    for (const id of COMMANDS) {
      byId(t, id).click();
      expect(a.command).toHaveBeenLastCalledWith(id);
      expect(byId(t, id).role).toBeUndefined();
    }
    const roles = all(t)
      .map((i) => i.role)
      .filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
    expect(roles).not.toContain('undo');
    expect(roles).not.toContain('redo');
    // Open Recent lists the files and opens the one chosen.
    const recent = byId(t, 'open-recent').submenu;
    expect(recent.map((i: any) => i.label)).toEqual(['/w/a.tcows', '/w/b.tcows']);
    recent[1].click();
    expect(a.openRecent).toHaveBeenCalledWith('/w/b.tcows');
    // Quit: the app menu on macOS, the File menu elsewhere.
    byId(t, 'quit').click();
    expect(a.quit).toHaveBeenCalled();
    const home = t.find((m: any) => (m.submenu as any[])?.some((i) => i.id === 'quit'));
    expect(home?.label).toBe(platform === 'darwin' ? 'Messaging TCO' : '&File');
    if (platform === 'darwin') expect(t[0]!.label).toBe('Messaging TCO');
  });

  it('says when there are no recent workspaces', () => {
    expect(byId(buildMenuTemplate('linux', actions(), []), 'open-recent').submenu).toEqual([{ label: 'No recent workspaces', enabled: false }]);
  });

  it('has the dialog filters of each kind of file', () => {
    expect(FILTERS.workspace[0]!.extensions).toEqual(['tcows']);
    expect(FILTERS.document[0]!.extensions).toEqual(['json']);
    expect(FILTERS.events[0]!.extensions).toEqual(['csv', 'jsonl', 'ndjson', 'json']);
    expect(FILTERS.sheet[0]!.extensions).toEqual(['xlsx']);
    expect(FILTERS.report[0]!.extensions).toEqual(['pdf']);
  });
});

// ---------------------------------------------------------------------------------------------
describe("the menu's commands", () => {
  const opened = { handle: 'h9', path: '/w/new.tcows', readOnly: false, document: {}, history: {} };
  const setup = (over: Partial<CommandDeps> = {}) => {
    const dialog = {
      showOpenDialog: vi.fn(async (..._a: any[]) => ({ canceled: false, filePaths: ['/w/picked.tcows'] })),
      showSaveDialog: vi.fn(async (..._a: any[]) => ({ canceled: false, filePath: '/w/new' })),
      showErrorBox: vi.fn(),
    };
    const dispatch = vi.fn(async (op: string, input: any): Promise<any> => {
      if (op === 'workspace.recent') return { ok: true, value: { files: [], folder: '/home/me/Workspaces' } };
      if (op === 'workspace.create' || op === 'workspace.open') return { ok: true, value: { ...opened, path: input.path } };
      return { ok: false, error: { code: 'INTERNAL', message: 'no' } };
    });
    const send = vi.fn();
    const recentChanged = vi.fn();
    const commands = createCommands({ dispatch, dialog: dialog as any, window: () => ({ id: 1 }) as any, send, recentChanged, ...over });
    return { commands, dispatch, dialog, send, recentChanged };
  };
  const options = (m: any) => m.mock.calls.at(-1).at(-1);

  it('New: a save dialog for a .tcows file in the default folder, then workspace.create, and the page gets the workspace', async () => {
    const s = setup();
    await s.commands.command('new');
    expect(s.dialog.showSaveDialog.mock.calls[0]![0]).toEqual({ id: 1 });
    expect(options(s.dialog.showSaveDialog)).toMatchObject({ defaultPath: join('/home/me/Workspaces', 'Untitled.tcows'), filters: FILTERS.workspace });
    expect(s.dispatch).toHaveBeenCalledWith('workspace.create', { path: '/w/new.tcows', ifExists: 'replace' });
    expect(options(s.dialog.showSaveDialog).properties).toContain('showOverwriteConfirmation'); // it asked: 'replace' is safe
    expect(s.send).toHaveBeenCalledWith({ command: 'opened', state: { ...opened, path: '/w/new.tcows' } });
    expect(s.recentChanged).toHaveBeenCalled();
  });

  it('Open: an open dialog for workspaces and documents, then workspace.open', async () => {
    const s = setup();
    await s.commands.command('open');
    const o = options(s.dialog.showOpenDialog);
    expect(o.properties).toEqual(['openFile']);
    expect(o.filters.flatMap((f: any) => f.extensions)).toEqual(expect.arrayContaining(['tcows', 'json']));
    expect(s.dispatch).toHaveBeenCalledWith('workspace.open', { path: '/w/picked.tcows' });
    expect(s.send).toHaveBeenCalledWith({ command: 'opened', state: { ...opened, path: '/w/picked.tcows' } });
  });

  it('a cancelled dialog does nothing; a failure is shown, not sent', async () => {
    const s = setup();
    s.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await s.commands.command('open');
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await s.commands.command('new');
    expect(s.dispatch.mock.calls.filter(([op]) => op !== 'workspace.recent')).toEqual([]);
    s.dispatch.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_A_WORKSPACE', message: '/w/x.tcows: is not a workspace file' } });
    await s.commands.openPath('/w/x.tcows');
    expect(s.dialog.showErrorBox).toHaveBeenCalledWith('Cannot open the workspace', '/w/x.tcows: is not a workspace file');
    expect(s.send).not.toHaveBeenCalled();
  });

  it('a document (.json) becomes a new workspace file, where the user says', async () => {
    const doc = join(dir, 'rfp.json');
    writeFileSync(doc, JSON.stringify({ format: 'x', name: 'RFP' }));
    const s = setup();
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'rfp.tcows') });
    await s.commands.openPath(doc);
    expect(options(s.dialog.showSaveDialog).defaultPath).toBe(join(dir, 'rfp.tcows'));
    expect(s.dispatch).toHaveBeenCalledWith('workspace.create', { path: join(dir, 'rfp.tcows'), from: { format: 'x', name: 'RFP' }, ifExists: 'replace' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{oops');
    await s.commands.openPath(bad);
    expect(s.dialog.showErrorBox.mock.calls[0]![1]).toMatch(/bad\.json: not valid JSON/);
  });

  it('Save As, Import events, Export sheet and report send the chosen path to the page; Undo and Redo go to the page', async () => {
    const s = setup();
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/w/copy' });
    await s.commands.command('save-as');
    expect(options(s.dialog.showSaveDialog).filters).toEqual(FILTERS.workspace);
    s.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/w/pilot.csv'] });
    await s.commands.command('import-events');
    expect(options(s.dialog.showOpenDialog).filters).toEqual(FILTERS.events);
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/w/tco' });
    await s.commands.command('export-sheet');
    expect(options(s.dialog.showSaveDialog).filters).toEqual(FILTERS.sheet);
    s.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/w/case.PDF' });
    await s.commands.command('export-report');
    expect(options(s.dialog.showSaveDialog).filters).toEqual(FILTERS.report);
    await s.commands.command('undo');
    await s.commands.command('redo');
    expect(s.send.mock.calls.map((c) => c[0])).toEqual([
      { command: 'save-as', path: '/w/copy.tcows' },
      { command: 'import-events', path: '/w/pilot.csv' },
      { command: 'export-sheet', path: '/w/tco.xlsx' },
      { command: 'export-report', path: '/w/case.PDF' },
      { command: 'undo' },
      { command: 'redo' },
    ]);
    expect(s.dispatch.mock.calls.filter(([op]) => op.startsWith('history.'))).toEqual([]);
  });

  it('uses free-standing dialogs when there is no window', async () => {
    const s = setup({ window: () => null });
    await s.commands.command('open');
    expect(s.dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
    expect(withExtension('/a/b.TCOWS', 'tcows')).toBe('/a/b.TCOWS');
    expect(withExtension('/a/b.v2', 'tcows')).toBe('/a/b.v2.tcows');
  });
});

// ---------------------------------------------------------------------------------------------
describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('round-trips, and falls back to the default for a missing or broken file', () => {
    const f = join(dir, 'state', 'window.json');
    expect(loadWindowState(f)).toEqual(DEFAULT_STATE);
    saveWindowState(f, { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    expect(loadWindowState(f)).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    expect(loadWindowState(f, screen)).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    for (const junk of ['{oops', 'null', '{"bounds":{"x":"1","y":0,"width":10,"height":10}}', '{"bounds":{"x":0,"y":0,"width":-5,"height":10}}']) {
      writeFileSync(f, junk);
      expect(loadWindowState(f), junk).toEqual(DEFAULT_STATE);
    }
    // Never throws, even where it cannot write.
    expect(() => saveWindowState(join(f, 'under-a-file.json'), DEFAULT_STATE)).not.toThrow();
  });

  it('brings a window saved off-screen back onto a display', () => {
    const f = join(dir, 'offscreen.json');
    // Saved on a second monitor that is gone: centred on the one there is.
    saveWindowState(f, { bounds: { x: 3000, y: 200, width: 1000, height: 700 }, maximized: false });
    expect(loadWindowState(f, screen).bounds).toEqual({ x: 460, y: 190, width: 1000, height: 700 });
    expect(clampToDisplays({ x: -2000, y: -900, width: 800, height: 600 }, screen)).toEqual({ x: 560, y: 240, width: 800, height: 600 });
    // Still there: unchanged, on whichever display it is.
    const two = [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(loadWindowState(f, two).bounds).toEqual({ x: 3000, y: 200, width: 1000, height: 700 });
    // Larger than its display: shrunk to it, and inside it.
    expect(clampToDisplays({ x: 100, y: 50, width: 4000, height: 3000 }, screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(clampToDisplays({ x: 5000, y: 0, width: 4000, height: 3000 }, screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    // A title bar above the top of the work area cannot be grabbed.
    expect(clampToDisplays({ x: 100, y: -30, width: 800, height: 600 }, screen)).toEqual({ x: 560, y: 240, width: 800, height: 600 });
  });
});

describe('files on a command line', () => {
  it('picks existing .tcows and .json files, as absolute paths, skipping switches', () => {
    const exists = (p: string) => !p.endsWith('gone.tcows');
    const argv = ['/opt/app/messaging-tco', '--enable-logging', '.', '/w/a.tcows', 'rel/b.JSON', '/w/gone.tcows', '/w/c.txt', '--x=y.tcows', '/w/a.tcows'];
    expect(filesFromArgv(argv, exists, '/home/me')).toEqual(['/w/a.tcows', resolve('/home/me', 'rel/b.JSON')]);
    expect(filesFromArgv(['/app'], exists)).toEqual([]);
  });
});

describe('better-sqlite3 for Electron', () => {
  it('is looked for in the resources, then in out/native, and used only if present', () => {
    const c = nativeBindingCandidates('/opt/app/resources', '/src/out');
    expect(c).toEqual([join('/opt/app/resources', 'native', NATIVE_FILE), join('/src/out', 'native', NATIVE_FILE)]);
    expect(nativeBindingCandidates(undefined, '/src/out')).toEqual([join('/src/out', 'native', NATIVE_FILE)]);
    expect(nativeBindingPath(c, (p) => p.startsWith('/src'))).toBe(c[1]);
    expect(nativeBindingPath(c, () => false)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
describe('index.ts: the wiring', () => {
  const userData = join(dir, 'userData');
  const resources = join(dir, 'resources');

  beforeEach(() => {
    h.reset();
    vi.resetModules();
    h.electron.app.getPath.mockReturnValue(userData);
    delete (process as { resourcesPath?: string }).resourcesPath;
  });

  const boot = async () => {
    await import('../../electron/main/index.js');
    await tick();
    await tick();
    return h.windows[0];
  };

  it('sets up before ready: the app:// scheme, the sandbox, one instance; then the session, protocol, IPC, menu and window', async () => {
    const win = await boot();
    expect(h.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(h.electron.protocol.registerSchemesAsPrivileged.mock.calls[0]![0][0].privileges).not.toHaveProperty('corsEnabled');
    expect(h.electron.app.enableSandbox).toHaveBeenCalled();
    expect(h.electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(h.createApp).toHaveBeenCalledWith({ dataDir: userData, printer: expect.objectContaining({ print: expect.any(Function) }), analysesThread: true });
    expect(h.electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(h.electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(h.electron.protocol.handle.mock.calls[0]![0]).toBe('app');
    expect(Object.keys(h.ipcHandlers)).toEqual(['tco:invoke', 'tco:save-dialog', 'tco:picked']);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.js$/);
    expect(win.loadURL).toHaveBeenCalledWith('app://tco/index.html');
    // The menu lists the recent files.
    const template = h.electron.Menu.setApplicationMenu.mock.calls.at(-1)![0] as any[];
    expect(JSON.stringify(template)).toContain('/w/recent.tcows');
  });

  it('serves the renderer through the protocol, refusing traversal', async () => {
    await boot();
    const handler = h.electron.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    expect((await handler(new Request('app://tco/%2e%2e/main/index.ts'))).status).toBe(404);
    expect((await handler(new Request('app://tco/..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('quits at once when another instance holds the lock', async () => {
    h.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await boot();
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(h.createApp).not.toHaveBeenCalled();
    expect(h.windows).toHaveLength(0);
  });

  it('hands better-sqlite3 its Electron build when the app resources have one', async () => {
    mkdirSync(join(resources, 'native'), { recursive: true });
    writeFileSync(join(resources, 'native', NATIVE_FILE), '');
    (process as { resourcesPath?: string }).resourcesPath = resources;
    await boot();
    expect(h.createApp).toHaveBeenCalledWith({
      dataDir: userData,
      nativeBinding: join(resources, 'native', NATIVE_FILE),
      printer: expect.objectContaining({ print: expect.any(Function) }),
      analysesThread: true,
    });
  });

  it('locks down every web contents created', async () => {
    await boot();
    const on: Record<string, (...a: any[]) => any> = {};
    const contents = { on: (ev: string, f: any) => (on[ev] = f), setWindowOpenHandler: vi.fn() };
    h.appHandlers['web-contents-created']!({}, contents);
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
    on['will-navigate']!(away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    expect((contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown)()).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    on['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('answers IPC only from its window: trusted calls reach dispatch, a subframe is refused', async () => {
    const win = await boot();
    const handler = h.ipcHandlers['tco:invoke']!;
    const input = { text: 'hello' };
    h.dispatch.mockResolvedValueOnce({ ok: true, value: 'v' });
    expect(await handler({ senderFrame: win.webContents.mainFrame }, 'segments', input)).toEqual({ ok: true, value: 'v' });
    expect(h.dispatch).toHaveBeenLastCalledWith('segments', input);
    const calls = h.dispatch.mock.calls.length;
    expect(await handler({ senderFrame: { url: 'app://tco/index.html', parent: win.webContents.mainFrame, processId: 7, frameTreeNodeId: 999 } }, 'segments', input)).toEqual(REFUSED);
    expect(await handler({ senderFrame: { ...win.webContents.mainFrame, url: 'https://evil.example/' } }, 'segments', input)).toEqual(REFUSED);
    expect(h.dispatch.mock.calls.length).toBe(calls);
  });

  it('a second instance given a .tcows file: the file opens here and the window comes to the front', async () => {
    const ws = join(dir, 'second.tcows');
    writeFileSync(ws, '');
    const win = await boot();
    win.emitWc('did-finish-load');
    win.minimized = true;
    h.appHandlers['second-instance']!({}, ['/opt/app/messaging-tco', '--flag', 'second.tcows'], dir, {});
    await tick();
    expect(h.dispatch).toHaveBeenCalledWith('workspace.open', { path: ws });
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith(MENU_CHANNEL, { command: 'opened', state: expect.objectContaining({ handle: 'h1', path: ws }) });
    expect(h.windows).toHaveLength(1);
  });

  it('holds commands until the page has loaded, then delivers them in order', async () => {
    const ws = join(dir, 'early.tcows');
    writeFileSync(ws, '');
    const win = await boot();
    h.appHandlers['second-instance']!({}, ['/app', ws], dir, {});
    await tick();
    const template = h.electron.Menu.setApplicationMenu.mock.calls.at(-1)![0] as any[];
    const undo = template.flatMap((m) => m.submenu ?? []).find((i: any) => i.id === 'undo');
    undo.click();
    await tick();
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.emitWc('did-finish-load');
    expect(win.webContents.send.mock.calls.map((c: any[]) => [c[0], c[1].command])).toEqual([
      ['tco:menu', 'opened'],
      ['tco:menu', 'undo'],
    ]);
    // A reload holds them again.
    win.emitWc('did-start-loading');
    undo.click();
    await tick();
    expect(win.webContents.send).toHaveBeenCalledTimes(2);
    win.emitWc('did-finish-load');
    expect(win.webContents.send).toHaveBeenCalledTimes(3);
  });

  it('opens the files it was started with, and macOS open-file', async () => {
    const first = join(dir, 'argv.tcows');
    const second = join(dir, 'finder.tcows');
    writeFileSync(first, '');
    const argv = process.argv;
    process.argv = [argv[0]!, first];
    try {
      await boot();
    } finally {
      process.argv = argv;
    }
    expect(h.dispatch).toHaveBeenCalledWith('workspace.open', { path: first });
    const event = { preventDefault: vi.fn() };
    h.appHandlers['open-file']!(event, second);
    await tick();
    expect(event.preventDefault).toHaveBeenCalled();
    expect(h.dispatch).toHaveBeenCalledWith('workspace.open', { path: second });
  });

  it('keeps the window where it was: restores saved bounds onto a display and saves them on close', async () => {
    mkdirSync(userData, { recursive: true });
    writeFileSync(join(userData, 'window-state.json'), JSON.stringify({ bounds: { x: 5000, y: 5000, width: 1000, height: 700 }, maximized: true }));
    const win = await boot();
    expect(win.options).toMatchObject({ x: 460, y: 190, width: 1000, height: 700 });
    expect(win.maximize).toHaveBeenCalled();
    win.emit('close');
    expect(loadWindowState(join(userData, 'window-state.json'))).toEqual({ bounds: { x: 11, y: 22, width: 1001, height: 702 }, maximized: false });
  });

  it("export.pdf prints the report page in a hidden window with the main window's security settings, no preload, destroyed after", async () => {
    const main = await boot();
    const printer = (h.createApp.mock.calls[0]![0] as { printer: { print(p: unknown): Promise<Uint8Array> } }).printer;
    const payload = { format: 'tco-report', version: 1, marker: 'payload-7c1' };
    const bytes = await printer.print(payload);
    expect(Buffer.from(bytes).toString('latin1').startsWith('%PDF-')).toBe(true);
    expect(h.windows).toHaveLength(2);
    const w = h.windows[1];
    expect(w.options.show).toBe(false);
    const mainPrefs = { ...main.options.webPreferences };
    delete mainPrefs.preload;
    expect(w.options.webPreferences).toEqual({ ...mainPrefs, backgroundThrottling: false });
    expect(w.options.webPreferences).not.toHaveProperty('preload');
    expect(w.loadURL).toHaveBeenCalledWith('app://tco/report.html');
    const code = w.webContents.executeJavaScript.mock.calls[0]![0] as string;
    expect(code).toContain('window.tcoReport.render(');
    expect(code).toContain(JSON.stringify(payload));
    expect(w.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true }));
    expect(w.destroy).toHaveBeenCalled();
    expect(main.destroy).not.toHaveBeenCalled();
    // A page that cannot draw: a clear error, and the window is destroyed all the same.
    const failing = printer.print(payload);
    const w2 = h.windows[2];
    w2.webContents.executeJavaScript.mockRejectedValueOnce(new Error('boom'));
    await expect(failing).rejects.toThrow(/could not draw the report: boom/);
    expect(w2.destroy).toHaveBeenCalled();
  });

  it("the page's export button gets the save dialog, answered with the path; from our window only", async () => {
    const win = await boot();
    const handler = h.ipcHandlers['tco:save-dialog']!;
    h.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/w/business case' });
    expect(await handler({ senderFrame: win.webContents.mainFrame }, 'report')).toBe('/w/business case.pdf');
    expect(h.electron.dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({ filters: [{ extensions: ['pdf'] }] });
    h.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await handler({ senderFrame: win.webContents.mainFrame }, 'sheet')).toBeNull();
    const calls = h.electron.dialog.showSaveDialog.mock.calls.length;
    expect(await handler({ senderFrame: { ...win.webContents.mainFrame, url: 'https://evil.example/' } }, 'report')).toBeNull();
    expect(await handler({ senderFrame: win.webContents.mainFrame }, '../../etc')).toBeNull();
    expect(h.electron.dialog.showSaveDialog.mock.calls.length).toBe(calls);
  });

  it('closes every workspace before quitting', async () => {
    await boot();
    h.appHandlers['before-quit']!();
    expect(h.closeAll).toHaveBeenCalledTimes(1);
  });
});
