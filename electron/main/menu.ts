/**
 * The native menu. Commands that act on the open workspace go to the renderer on one channel
 * (`tco:menu`); Undo and Redo are the workspace's history, not a text field's.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuCommand = 'new' | 'open' | 'save-as' | 'import-events' | 'export-sheet' | 'export-report' | 'undo' | 'redo';

export interface MenuActions {
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  quit(): void;
}

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions, recent: readonly string[]): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      cmd('New Workspace…', 'new', 'CmdOrCtrl+N'),
      cmd('Open…', 'open', 'CmdOrCtrl+O'),
      {
        label: 'Open Recent',
        submenu: recent.length ? recent.map((p) => ({ label: p, click: () => actions.openRecent(p) })) : [{ label: 'No recent workspaces', enabled: false }],
      },
      { type: 'separator' },
      cmd('Save As…', 'save-as', 'Shift+CmdOrCtrl+S'),
      { type: 'separator' },
      cmd('Import Events…', 'import-events', 'CmdOrCtrl+I'),
      cmd('Export Sheet…', 'export-sheet', 'CmdOrCtrl+E'),
      cmd('Export Report…', 'export-report', 'Shift+CmdOrCtrl+E'),
      ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, { label: 'Quit', accelerator: 'Ctrl+Q', click: () => actions.quit() }]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      cmd('Undo', 'undo', 'CmdOrCtrl+Z'),
      cmd('Redo', 'redo', mac ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] };
  const appMenu: MenuItemConstructorOptions = {
    label: 'Messaging TCO',
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { label: 'Quit Messaging TCO', accelerator: 'Cmd+Q', click: () => actions.quit() }],
  };
  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }] : [file, edit, view];
}

export const FILTERS = {
  workspace: [{ name: 'Messaging TCO workspace', extensions: ['tcows'] }],
  document: [{ name: 'Workspace document', extensions: ['json'] }],
  events: [{ name: 'Event logs', extensions: ['csv', 'jsonl', 'ndjson', 'json'] }],
  sheet: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  report: [{ name: 'PDF report', extensions: ['pdf'] }],
};
