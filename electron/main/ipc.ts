/**
 * One IPC channel for the whole API. The preload's bridge invokes `tco:invoke` with an operation
 * name and its input; the handler checks the sender's frame first, then hands both to the one
 * dispatch untouched and returns its ApiResult as it is. The menu talks back on `tco:menu`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EXPORT_KINDS, type ExportKind } from '../api/bridge.js';
import type { ApiResult } from '../api/errors.js';
import type { Dispatch } from '../services/dispatch.js';
import { APP_ORIGIN, isTrustedSender } from './security.js';

export const INVOKE_CHANNEL = 'tco:invoke';
export const MENU_CHANNEL = 'tco:menu';
/** The page's export buttons ask for a save dialog here (answered with the chosen path, or null). */
export const SAVE_DIALOG_CHANNEL = 'tco:save-dialog';
/** The preload reports the path of a file picked or dropped on the page (webUtils), for the grants. */
export const PICKED_CHANNEL = 'tco:picked';

/** What a call from anywhere but the app's own page gets (an answer, not a throw: the page sees an ApiResult like any other). */
export const REFUSED: ApiResult<never> = Object.freeze({
  ok: false as const,
  error: Object.freeze({ code: 'INTERNAL' as const, message: 'refused: the call did not come from the app' }),
});

/** Our windows' web contents, as they are at the time of a call. */
export type Windows = () => readonly Pick<WebContents, 'mainFrame'>[];

/** Called after each trusted call (the menu's Open Recent follows the files the page opens). */
export type AfterCall = (op: string, result: ApiResult<unknown>) => void;

/**
 * The handler of `tco:invoke`: refuse unless `event.senderFrame` is the main frame of one of our
 * windows showing a page of the app's origin; otherwise `dispatch(op, input)`, answered untouched.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, windows: Windows, after?: AfterCall, origin: string = APP_ORIGIN): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, op: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, windows(), origin)) return REFUSED;
    const name = typeof op === 'string' ? op : String(op);
    const result = await dispatch(name, input);
    after?.(name, result);
    return result;
  });
}

/**
 * The handler of `tco:save-dialog`: for a trusted sender (as above), the save dialog of an export
 * kind ('report', 'sheet', 'csv'); the chosen path, or null when cancelled, refused or of an unknown kind.
 */
export function registerSaveDialog(ipcMain: Pick<IpcMain, 'handle'>, choose: (kind: ExportKind) => Promise<string | null>, windows: Windows, origin: string = APP_ORIGIN): void {
  ipcMain.handle(SAVE_DIALOG_CHANNEL, async (event: IpcMainInvokeEvent, kind: unknown) => {
    if (!isTrustedSender(event.senderFrame, windows(), origin)) return null;
    if (!(EXPORT_KINDS as readonly unknown[]).includes(kind)) return null;
    return choose(kind as ExportKind);
  });
}

/** The handler of `tco:picked`: for a trusted sender (as above), the path of a picked or dropped file is granted. */
export function registerPicked(ipcMain: Pick<IpcMain, 'handle'>, grant: (path: string) => void, windows: Windows, origin: string = APP_ORIGIN): void {
  ipcMain.handle(PICKED_CHANNEL, (event: IpcMainInvokeEvent, path: unknown) => {
    if (!isTrustedSender(event.senderFrame, windows(), origin)) return false;
    if (typeof path !== 'string' || path === '') return false;
    grant(path);
    return true;
  });
}
