/** The bridge the preload puts on `window.tco`: one function per operation, and menu commands. */
import type { ApiResult } from './errors.js';
import type { OpInput, OpName, OpOutput, WorkspaceState } from './operations.js';

export type MenuPayload =
  | { command: 'opened'; state: WorkspaceState }
  | { command: 'save-as' | 'import-events' | 'export-sheet' | 'export-report'; path: string }
  | { command: 'undo' | 'redo' };

export type TcoBridge = { [K in OpName]: (input: OpInput<K>) => Promise<ApiResult<OpOutput<K>>> } & {
  onMenu(callback: (payload: MenuPayload) => void): () => void;
};
