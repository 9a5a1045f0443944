/**
 * The Electron main process: thin. It makes the window with the security settings of security.ts,
 * serves the renderer on the app:// origin, registers the one checked IPC channel over the one
 * dispatch, builds the native menu, shows dialogs, keeps a single instance that opens the files
 * it is given, and remembers the window's size and position.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, net, protocol, screen, session, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceState } from '../api/operations.js';
import { createApp } from '../services/app.js';
import { MENU_CHANNEL, registerIpc } from './ipc.js';
import { FILTERS, menuTemplate, type MenuCommand } from './menu.js';
import { APP_ORIGIN, APP_SCHEME, lockDown, secureSession, webPreferences } from './security.js';
import { clampToDisplays, filesFromArgv, loadWindowState, saveWindowState } from './window-state.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = resolve(here, '../renderer');
const preload = join(here, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const native = [join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'), resolve(here, '../native/better_sqlite3.node')].find((p) => existsSync(p));
  const services = createApp({ dataDir: app.getPath('userData'), nativeBinding: native });
  const stateFile = join(app.getPath('userData'), 'window.json');
  let win: BrowserWindow | null = null;
  const pending: string[] = filesFromArgv(process.argv, existsSync);

  const windows = (): WebContents[] => BrowserWindow.getAllWindows().map((w) => w.webContents);
  const send = (payload: unknown) => win?.webContents.send(MENU_CHANNEL, payload);

  const openPath = async (path: string) => {
    const r = await services.dispatch('workspace.open', { path });
    if (r.ok) send({ command: 'opened', state: r.value as WorkspaceState });
    else dialog.showErrorBox('Cannot open the workspace', r.error.message);
    rebuildMenu();
  };

  const command = async (c: MenuCommand) => {
    if (!win) return;
    switch (c) {
      case 'new': {
        const r = await dialog.showSaveDialog(win, { title: 'New workspace', filters: FILTERS.workspace, defaultPath: 'Workspace.tcows' });
        if (r.canceled || !r.filePath) return;
        const created = await services.dispatch('workspace.create', { path: r.filePath });
        if (created.ok) send({ command: 'opened', state: created.value });
        else dialog.showErrorBox('Cannot create the workspace', created.error.message);
        return rebuildMenu();
      }
      case 'open': {
        const r = await dialog.showOpenDialog(win, { title: 'Open a workspace', filters: FILTERS.workspace, properties: ['openFile'] });
        if (!r.canceled && r.filePaths[0]) await openPath(r.filePaths[0]);
        return;
      }
      case 'save-as': {
        const r = await dialog.showSaveDialog(win, { title: 'Save a copy as', filters: FILTERS.workspace });
        if (!r.canceled && r.filePath) send({ command: 'save-as', path: r.filePath });
        return;
      }
      case 'import-events': {
        const r = await dialog.showOpenDialog(win, { title: 'Import pilot events', filters: FILTERS.events, properties: ['openFile'] });
        if (!r.canceled && r.filePaths[0]) send({ command: 'import-events', path: r.filePaths[0] });
        return;
      }
      case 'export-sheet':
      case 'export-report': {
        const r = await dialog.showSaveDialog(win, { title: c === 'export-sheet' ? 'Export the TCO sheet' : 'Export the business-case report', filters: c === 'export-sheet' ? FILTERS.sheet : FILTERS.report });
        if (!r.canceled && r.filePath) send({ command: c, path: r.filePath });
        return;
      }
      case 'undo':
      case 'redo':
        send({ command: c });
    }
  };

  const rebuildMenu = async () => {
    const recent = await services.dispatch('workspace.recent', {});
    const files = recent.ok ? (recent.value as { files: string[] }).files : [];
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { command: (c) => void command(c), openRecent: (p) => void openPath(p), quit: () => app.quit() }, files)));
  };

  const createWindow = () => {
    const saved = loadWindowState(stateFile);
    const bounds = clampToDisplays(saved.bounds, screen.getAllDisplays().map((d) => d.workArea));
    win = new BrowserWindow({ ...bounds, show: false, title: 'Messaging TCO', backgroundColor: '#ffffff', webPreferences: webPreferences(preload) });
    if (saved.maximized) win.maximize();
    win.once('ready-to-show', () => win?.show());
    const keep = () => win && saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    win.on('resize', keep);
    win.on('move', keep);
    win.on('close', keep);
    win.on('closed', () => (win = null));
    win.webContents.once('did-finish-load', () => {
      for (const p of pending.splice(0)) void openPath(p);
    });
    void win.loadURL(`${APP_ORIGIN}/index.html`);
  };

  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  app.on('second-instance', (_e, argv) => {
    for (const p of filesFromArgv(argv, existsSync)) void openPath(p);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (win) void openPath(path);
    else pending.push(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => services.closeAll());

  void app.whenReady().then(() => {
    secureSession(session.defaultSession);
    protocol.handle(APP_SCHEME, (request) => {
      const url = new URL(request.url);
      const file = resolve(join(rendererRoot, decodeURIComponent(url.pathname)));
      if (url.host !== 'tco' || (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) || !existsSync(file)) {
        return new Response('not found', { status: 404 });
      }
      return net.fetch(pathToFileURL(file).toString());
    });
    registerIpc(ipcMain, services.dispatch, windows);
    void rebuildMenu();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}
