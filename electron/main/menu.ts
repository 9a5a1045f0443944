/**
 * The native menu, as a template built from the platform, the actions and the recent files (so it
 * is tested without electron). Undo and Redo are the workspace's history, sent to the page, not a
 * text field's role; Cut, Copy, Paste and Select All keep their roles so text fields work.
 */
import type { FileFilter, MenuItemConstructorOptions } from 'electron';

export type MenuCommand = 'new' | 'open' | 'save-as' | 'import-events' | 'export-sheet' | 'export-report' | 'undo' | 'redo';

export interface MenuActions {
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  quit(): void;
}

export const APP_NAME = 'Messaging TCO';

/** Shortcuts per platform: Redo is Shift+Cmd+Z on macOS and Ctrl+Y on Windows and Linux. */
export function accelerators(platform: NodeJS.Platform): Record<MenuCommand | 'quit', string | undefined> {
  const mac = platform === 'darwin';
  return {
    new: 'CmdOrCtrl+N',
    open: 'CmdOrCtrl+O',
    'save-as': 'Shift+CmdOrCtrl+S',
    'import-events': 'CmdOrCtrl+I',
    'export-sheet': 'CmdOrCtrl+E',
    'export-report': 'Shift+CmdOrCtrl+E',
    undo: 'CmdOrCtrl+Z',
    redo: mac ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y',
    quit: mac ? 'Cmd+Q' : 'Ctrl+Q',
  };
}

export function buildMenuTemplate(platform: NodeJS.Platform, actions: MenuActions, recentFiles: readonly string[]): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const keys = accelerators(platform);
  const item = (id: MenuCommand, label: string): MenuItemConstructorOptions => ({
    id,
    label,
    ...(keys[id] ? { accelerator: keys[id] } : {}),
    click: () => actions.command(id),
  });
  const quit: MenuItemConstructorOptions = { id: 'quit', label: mac ? `Quit ${APP_NAME}` : 'Quit', accelerator: keys.quit, click: () => actions.quit() };
  const recent: MenuItemConstructorOptions[] = recentFiles.length
    ? recentFiles.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent workspaces', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      item('new', 'New Workspace…'),
      item('open', 'Open…'),
      { id: 'open-recent', label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      item('save-as', 'Save As…'),
      { type: 'separator' },
      item('import-events', 'Import Events…'),
      item('export-sheet', 'Export Sheet…'),
      item('export-report', 'Export Report…'),
      ...(mac ? [] : [{ type: 'separator' } as const, quit]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [item('undo', 'Undo'), item('redo', 'Redo'), { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  if (!mac) return [file, edit, view];
  const appMenu: MenuItemConstructorOptions = {
    label: APP_NAME,
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit],
  };
  return [appMenu, file, edit, view, { role: 'windowMenu' }];
}

/** The same, by the name it first had. */
export const menuTemplate = buildMenuTemplate;

/** Dialog filters. */
export const FILTERS = {
  workspace: [{ name: 'Messaging TCO workspace', extensions: ['tcows'] }],
  document: [{ name: 'Workspace document (JSON)', extensions: ['json'] }],
  events: [{ name: 'Event logs', extensions: ['csv', 'jsonl', 'ndjson', 'json'] }],
  sheet: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  report: [{ name: 'PDF report', extensions: ['pdf'] }],
} satisfies Record<string, FileFilter[]>;
