/**
 * The app's services: one dispatch over the handler table. Each transport (Electron IPC, the
 * browser host, the command line) makes one of these and passes calls to it untouched.
 */
import { createDispatch, type Dispatch } from './dispatch.js';
import { createHandlers, type ServiceOptions } from './handlers.js';

export interface App {
  dispatch: Dispatch;
  /** Close every open workspace (on quit). */
  closeAll(): void;
}

export function createApp(options: ServiceOptions): App {
  const handlers = createHandlers(options);
  return { dispatch: createDispatch(handlers), closeAll: handlers.closeAll };
}

export type { ServiceOptions };
