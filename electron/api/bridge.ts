/** The bridge the preload puts on `window.tco`: one function per operation, and menu commands. */
import type { ApiResult } from './errors.js';
import type { OpInput, OpName, OpOutput, WorkspaceState } from './operations.js';

export type MenuPayload = { command: 'opened'; state: WorkspaceState } | { command: 'save-as' | 'import-events' | 'export-sheet' | 'export-report'; path: string } | { command: 'undo' | 'redo' };

export type TcoBridge = { [K in OpName]: (input: OpInput<K>) => Promise<ApiResult<OpOutput<K>>> } & {
  onMenu(callback: (payload: MenuPayload) => void): () => void;
  /** The path on disk of a file the user picked or dropped on the page (Electron's webUtils). */
  pathForFile(file: Blob): string;
  /** Ask where to write an export, in the system's save dialog; null when the user cancels. */
  chooseExportPath(kind: ExportKind): Promise<string | null>;
};

/** What an export writes: the business-case report (.pdf), the TCO sheet (.xlsx), a CSV table (.csv). */
export const EXPORT_KINDS = ['report', 'sheet', 'csv'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
