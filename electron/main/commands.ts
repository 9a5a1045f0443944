/**
 * What the menu and the operating system ask of the app, apart from electron's objects: the dialogs
 * and the dispatch come in as arguments. New and Open are done here (dialog, then workspace.create
 * or workspace.open through the one dispatch) and the page gets the opened workspace; commands that
 * act on the page's workspace (Save As, Import, Export, Undo, Redo) go to the page on `tco:menu`
 * with the path the user chose.
 */
import type { BaseWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { ExportKind, MenuPayload } from '../api/bridge.js';
import type { WorkspaceState } from '../api/operations.js';
import type { Dispatch } from '../services/dispatch.js';
import { FILTERS, type MenuCommand } from './menu.js';

export type DialogLike = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>;

export interface CommandDeps {
  dispatch: Dispatch;
  dialog: DialogLike;
  /** The window dialogs belong to (none: free-standing dialogs). */
  window(): BaseWindow | null;
  /** Deliver a command to the page (index.ts holds it until the page has loaded). */
  send(payload: MenuPayload): void;
  /** The recent files changed: rebuild the menu. */
  recentChanged(): void;
  readFile?: (path: string) => string;
  /** A path the user chose or gave the app: the page may name it from now on (paths.ts). */
  grant?: (path: string) => void;
}

export interface Commands {
  /** Open a workspace file, or make a workspace from a document (.json), and show it. */
  openPath(path: string): Promise<void>;
  command(command: MenuCommand): Promise<void>;
  /** The page's export button: the save dialog of the File menu's Export item, answered with the path (null: cancelled). */
  chooseExportPath(kind: ExportKind): Promise<string | null>;
}

const EXPORTS: Record<ExportKind, { title: string; filters: FileFilter[]; ext: string }> = {
  report: { title: 'Export the business-case report', filters: FILTERS.report, ext: 'pdf' },
  sheet: { title: 'Export the TCO sheet', filters: FILTERS.sheet, ext: 'xlsx' },
  csv: { title: 'Export a CSV table', filters: [{ name: 'CSV table', extensions: ['csv'] }], ext: 'csv' },
};

/** Add the extension when the user typed a name without it (Linux's save dialog does not). */
export function withExtension(path: string, ext: string): string {
  return extname(path).toLowerCase() === `.${ext}` ? path : `${path}.${ext}`;
}

export function createCommands(deps: CommandDeps): Commands {
  const { dispatch, dialog } = deps;
  const read = deps.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const grant = deps.grant ?? (() => {});
  /** A command for the page: a path in it was chosen by the user in a dialog, so the page may name it. */
  const send = (payload: MenuPayload): void => {
    if ('path' in payload && typeof payload.path === 'string') grant(payload.path);
    deps.send(payload);
  };

  const openDialog = async (options: OpenDialogOptions): Promise<string | null> => {
    const w = deps.window();
    const r = await (w ? dialog.showOpenDialog(w, options) : dialog.showOpenDialog(options));
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const saveDialog = async (options: SaveDialogOptions): Promise<string | null> => {
    const w = deps.window();
    const r = await (w ? dialog.showSaveDialog(w, options) : dialog.showSaveDialog(options));
    return r.canceled || !r.filePath ? null : r.filePath;
  };

  const opened = (title: string, r: Awaited<ReturnType<Dispatch>>): void => {
    if (r.ok) deps.send({ command: 'opened', state: r.value as WorkspaceState });
    else dialog.showErrorBox(title, r.error.message);
    deps.recentChanged();
  };

  const defaultFolder = async (): Promise<string> => {
    const r = await dispatch('workspace.recent', {});
    return r.ok ? (r.value as { folder: string }).folder : '';
  };

  /** A document (.json): ask where its workspace file goes, then create it from the document. */
  const fromDocument = async (path: string): Promise<void> => {
    let doc: unknown;
    try {
      doc = JSON.parse(read(path));
    } catch (e) {
      dialog.showErrorBox('Cannot read the document', `${path}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message}`);
      return;
    }
    const target = await saveDialog({
      title: 'Save the new workspace as',
      buttonLabel: 'Create',
      defaultPath: join(dirname(path), `${basename(path, extname(path))}.tcows`),
      filters: FILTERS.workspace,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (!target) return;
    opened('Cannot create the workspace', await dispatch('workspace.create', { path: withExtension(target, 'tcows'), from: doc, ifExists: 'replace' }));
  };

  const openPath = async (path: string): Promise<void> => {
    grant(path);
    if (extname(path).toLowerCase() === '.json') return fromDocument(path);
    opened('Cannot open the workspace', await dispatch('workspace.open', { path }));
  };

  const command = async (c: MenuCommand): Promise<void> => {
    switch (c) {
      case 'new': {
        const folder = await defaultFolder();
        const path = await saveDialog({
          title: 'New workspace',
          buttonLabel: 'Create',
          defaultPath: folder ? join(folder, 'Untitled.tcows') : 'Untitled.tcows',
          filters: FILTERS.workspace,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        // The dialog has asked before an existing file is replaced.
        if (path) opened('Cannot create the workspace', await dispatch('workspace.create', { path: withExtension(path, 'tcows'), ifExists: 'replace' }));
        return;
      }
      case 'open': {
        const path = await openDialog({
          title: 'Open a workspace',
          filters: [{ name: 'Workspaces and documents', extensions: ['tcows', 'json'] }, ...FILTERS.workspace, ...FILTERS.document],
          properties: ['openFile'],
        });
        if (path) await openPath(path);
        return;
      }
      case 'save-as': {
        const path = await saveDialog({ title: 'Save a copy as', filters: FILTERS.workspace, properties: ['createDirectory', 'showOverwriteConfirmation'] });
        if (path) send({ command: 'save-as', path: withExtension(path, 'tcows') });
        return;
      }
      case 'import-events': {
        const path = await openDialog({ title: 'Import pilot events', filters: FILTERS.events, properties: ['openFile'] });
        if (path) send({ command: 'import-events', path });
        return;
      }
      case 'export-sheet': {
        const path = await saveDialog({ title: 'Export the TCO sheet', filters: FILTERS.sheet, properties: ['createDirectory', 'showOverwriteConfirmation'] });
        if (path) send({ command: 'export-sheet', path: withExtension(path, 'xlsx') });
        return;
      }
      case 'export-report': {
        const path = await saveDialog({ title: 'Export the business-case report', filters: FILTERS.report, properties: ['createDirectory', 'showOverwriteConfirmation'] });
        if (path) send({ command: 'export-report', path: withExtension(path, 'pdf') });
        return;
      }
      case 'undo':
      case 'redo':
        deps.send({ command: c });
        return;
    }
  };

  const chooseExportPath = async (kind: ExportKind): Promise<string | null> => {
    const e = Object.prototype.hasOwnProperty.call(EXPORTS, kind) ? EXPORTS[kind] : null;
    if (!e) return null;
    const path = await saveDialog({ title: e.title, filters: e.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
    if (!path) return null;
    grant(withExtension(path, e.ext));
    return withExtension(path, e.ext);
  };

  return { openPath, command, chooseExportPath };
}
