/**
 * The Electron main process, kept thin: it wires the pieces of this folder to electron's objects.
 * One window, served on app://tco from out/renderer with the security settings of security.ts; one
 * checked IPC channel over the one dispatch; the native menu; a single instance that opens the files
 * it is given (command line, second instance, macOS open-file); the window's size and position kept.
 *
 * Bundled by scripts/build.mjs into out/main/index.js (CommonJS, so that the scheme registration and
 * the single-instance lock run before the app is ready); `import.meta.url` is defined there.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuPayload } from '../api/bridge.js';
import { createApp } from '../services/app.js';
import { createCommands } from './commands.js';
import { MENU_CHANNEL, registerIpc, registerPicked, registerSaveDialog } from './ipc.js';
import { PathGrants, guardPaths } from './paths.js';
import { buildMenuTemplate } from './menu.js';
import { nativeBindingCandidates, nativeBindingPath } from './native.js';
import { serveRenderer } from './protocol.js';
import { createReportPrinter } from './report-window.js';
import { APP_ORIGIN, APP_SCHEME, lockDown, secureSession } from './security.js';
import { filesFromArgv, loadWindowState, saveWindowState, windowOptions } from './window-state.js';

/** out/main (bundled) or electron/main (tests): the renderer and the preload are beside it. */
const here = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(here, '..');
const RENDERER_ROOT = join(OUT, 'renderer');
const PRELOAD = join(OUT, 'preload', 'index.js');
/** Workspace ops after which the recent files (Open Recent) change. */
const CHANGES_RECENT = new Set(['workspace.open', 'workspace.create', 'workspace.saveAs']);

// Before the app is ready: the renderer's scheme, the sandbox for every renderer, the lock.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it gets our command line (second-instance) and opens the files.
  app.quit();
} else {
  start();
}

function start(): void {
  const nativeBinding = nativeBindingPath(nativeBindingCandidates(process.resourcesPath, OUT));
  // export.pdf prints the report page (report.html) in a hidden window: report-window.ts.
  const printer = createReportPrinter({ BrowserWindow, preload: PRELOAD });
  const services = createApp({ dataDir: app.getPath('userData'), ...(nativeBinding ? { nativeBinding } : {}), printer, analysesThread: true });
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  // The files the page may name: those the user chose or gave the app, and the app's own folder (paths.ts).
  const grants = new PathGrants([join(app.getPath('userData'), 'workspaces')]);
  const recentFiles = async (): Promise<string[]> => {
    const r = await services.dispatch('workspace.recent', {});
    return r.ok ? (r.value as { files: string[] }).files : [];
  };

  let win: BrowserWindow | null = null;
  /** The page has loaded (its preload listens): commands can be delivered. */
  let loaded = false;
  const outbox: MenuPayload[] = [];
  /** Files given before the app was ready. */
  const startupFiles: string[] = filesFromArgv(process.argv);

  const flush = (): void => {
    while (win && loaded && outbox.length) win.webContents.send(MENU_CHANNEL, outbox.shift());
  };
  const send = (payload: MenuPayload): void => {
    outbox.push(payload);
    flush();
  };

  const rebuildMenu = async (): Promise<void> => {
    const r = await services.dispatch('workspace.recent', {});
    const files = r.ok ? (r.value as { files: string[] }).files : [];
    const template = buildMenuTemplate(process.platform, { command: (c) => void commands.command(c), openRecent: (p) => void commands.openPath(p), quit: () => app.quit() }, files);
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const commands = createCommands({ dispatch: services.dispatch, dialog, window: () => win, send, recentChanged: () => void rebuildMenu(), grant: (p) => grants.grant(p) });

  const createWindow = (): BrowserWindow => {
    const saved = loadWindowState(
      stateFile,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    // The web preferences come from security.ts (webPreferences: contextIsolation, sandbox, no
    // auxclick), which electronegativity cannot follow into; they are checked on the window actually
    // made in test/unit/main.test.ts and test/unit/electronegativity.test.ts (see SECURITY.md).
    const w = new BrowserWindow(windowOptions(PRELOAD, saved.bounds)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    win = w;
    loaded = false;
    if (saved.maximized) w.maximize();
    w.once('ready-to-show', () => w.show());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const keep = (): void => saveWindowState(stateFile, { bounds: w.getNormalBounds(), maximized: w.isMaximized() });
    const keepSoon = (): void => {
      clearTimeout(timer);
      timer = setTimeout(keep, 400);
    };
    w.on('resize', keepSoon);
    w.on('move', keepSoon);
    w.on('maximize', keepSoon);
    w.on('unmaximize', keepSoon);
    w.on('close', () => {
      clearTimeout(timer);
      keep();
    });
    w.on('closed', () => {
      if (win === w) {
        win = null;
        loaded = false;
      }
    });
    w.webContents.on('did-start-loading', () => {
      loaded = false;
    });
    w.webContents.on('did-finish-load', () => {
      loaded = true;
      flush();
    });
    void w.loadURL(`${APP_ORIGIN}/index.html`);
    return w;
  };

  const showWindow = (): void => {
    if (!app.isReady()) return;
    const w = win ?? createWindow();
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };

  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of filesFromArgv(argv, undefined, workingDirectory)) void commands.openPath(path);
    showWindow();
  });

  // macOS: a file opened from the Finder or the Dock, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (!app.isReady()) {
      startupFiles.push(path);
      return;
    }
    showWindow();
    void commands.openPath(path);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => services.closeAll());

  void app.whenReady().then(() => {
    secureSession(session.defaultSession);
    protocol.handle(APP_SCHEME, (request) => serveRenderer(RENDERER_ROOT, request));
    registerIpc(
      ipcMain,
      guardPaths(services.dispatch, grants, recentFiles),
      () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      (op, result) => {
        if (result.ok && CHANGES_RECENT.has(op)) void rebuildMenu();
      },
    );
    registerSaveDialog(
      ipcMain,
      (kind) => commands.chooseExportPath(kind),
      () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    );
    registerPicked(
      ipcMain,
      (p) => grants.grant(p),
      () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    );
    void rebuildMenu();
    createWindow();
    for (const path of startupFiles.splice(0)) void commands.openPath(path);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}
