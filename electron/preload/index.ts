/**
 * The preload: with context isolation and the sandbox on, it is the page's only way out. It puts on
 * `window.tco` one function per operation of the contract, each invoking the one checked IPC channel
 * with the operation's name and the input as given, `onMenu` for the menu's commands, and
 * `pathForFile` for a file the user picked or dropped (webUtils; the path is reported to the main
 * process, which lets the page name only such files: electron/main/paths.ts). It never
 * exposes ipcRenderer, and a menu listener gets the payload only, never the IPC event.
 *
 * A sandboxed preload cannot load other files, so scripts/build.mjs bundles this one (CommonJS).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import type { ExportKind, MenuPayload, TcoBridge } from '../api/bridge.js';
import { OP_NAMES } from '../api/op-names.js';

export const INVOKE_CHANNEL = 'tco:invoke';
export const MENU_CHANNEL = 'tco:menu';
export const SAVE_DIALOG_CHANNEL = 'tco:save-dialog';
/** The path of a file picked or dropped on the page, as webUtils knows it, for the main process's grants. */
export const PICKED_CHANNEL = 'tco:picked';
/** Commands that arrive before the page first listens are kept for it, up to this many. */
const EARLY_LIMIT = 32;

export function makeBridge(renderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, files?: Pick<WebUtils, 'getPathForFile'>): TcoBridge {
  const api: Record<string, unknown> = {};
  for (const op of OP_NAMES) api[op] = (input: unknown) => renderer.invoke(INVOKE_CHANNEL, op, input);

  // The page subscribes once React has mounted, which may be after the main process sent the first
  // command (a file given on the command line): until the first subscription, commands wait here.
  const subscribers = new Set<(payload: MenuPayload) => void>();
  let early: MenuPayload[] | null = [];
  const listener = (_event: IpcRendererEvent, payload: MenuPayload): void => {
    if (early) {
      if (early.length < EARLY_LIMIT) early.push(payload);
      return;
    }
    for (const s of [...subscribers]) s(payload);
  };
  renderer.on(MENU_CHANNEL, listener);
  let attached = true;

  api.onMenu = (callback: (payload: MenuPayload) => void): (() => void) => {
    if (typeof callback !== 'function') throw new TypeError('onMenu needs a function');
    const subscriber = (payload: MenuPayload) => callback(payload);
    subscribers.add(subscriber);
    if (!attached) {
      renderer.on(MENU_CHANNEL, listener);
      attached = true;
    }
    if (early) {
      const waiting = early;
      early = null;
      // After onMenu has returned, to whoever listens then (React may subscribe, unsubscribe and subscribe again).
      if (waiting.length) void Promise.resolve().then(() => waiting.forEach((p) => [...subscribers].forEach((s) => s(p))));
    }
    return () => {
      if (!subscribers.delete(subscriber)) return;
      if (subscribers.size === 0 && attached) {
        renderer.removeListener(MENU_CHANNEL, listener);
        attached = false;
      }
    };
  };
  // A file picked or dropped on the page: its path, for the import (the page cannot see it).
  api.pathForFile = (file: Blob): string => {
    if (!files) throw new Error('file paths are not available here');
    const path = files.getPathForFile(file as File);
    // A File the page made itself has no path (''): only a real pick or drop grants one.
    if (path !== '') void renderer.invoke(PICKED_CHANNEL, path);
    return path;
  };
  // The export buttons: the system's save dialog, answered with the chosen path or null.
  api.chooseExportPath = (kind: ExportKind): Promise<string | null> => renderer.invoke(SAVE_DIALOG_CHANNEL, kind);
  return Object.freeze(api) as TcoBridge;
}

contextBridge.exposeInMainWorld('tco', makeBridge(ipcRenderer, webUtils));
