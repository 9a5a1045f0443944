/**
 * The preload: with context isolation and the sandbox on, it is the renderer's only way out. It puts
 * one function per operation of the contract on `window.tco`, each invoking the one checked IPC
 * channel, and `onMenu` for the menu's commands. It never exposes ipcRenderer or an event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { OP_NAMES } from '../api/op-names.js';
import type { MenuPayload } from '../api/bridge.js';

export const INVOKE_CHANNEL = 'tco:invoke';
export const MENU_CHANNEL = 'tco:menu';

export function makeBridge(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const op of OP_NAMES) api[op] = (input: unknown) => renderer.invoke(INVOKE_CHANNEL, op, input);
  api.onMenu = (callback: (payload: MenuPayload) => void) => {
    const listener = (_event: IpcRendererEvent, payload: MenuPayload) => callback(payload);
    renderer.on(MENU_CHANNEL, listener);
    return () => renderer.removeListener(MENU_CHANNEL, listener);
  };
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld('tco', makeBridge(ipcRenderer));
