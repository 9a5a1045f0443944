/**
 * One IPC channel for the whole API: the renderer's bridge calls `tco:invoke` with an operation
 * name and its input; the handler checks the sender, then passes both to the dispatch untouched.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiResult } from '../api/errors.js';
import type { Dispatch } from '../services/dispatch.js';
import { isTrustedSender } from './security.js';

export const INVOKE_CHANNEL = 'tco:invoke';
export const MENU_CHANNEL = 'tco:menu';

export const REFUSED: ApiResult<never> = { ok: false, error: { code: 'INTERNAL', message: 'refused: the call did not come from the app' } };

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, windows: () => readonly WebContents[]): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, op: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, windows())) return REFUSED;
    return dispatch(typeof op === 'string' ? op : String(op), input);
  });
}
