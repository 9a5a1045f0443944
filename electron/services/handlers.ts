/**
 * The handlers behind the contract's table (electron/api/operations.ts), one typed table per domain
 * (handlers/): workspace files, editing, importing, exporting, analyses. Open workspaces by handle,
 * edits committed at once with their undo records, computation with the engine's per-vendor cache.
 */
import { createContext, type Handlers, type ServiceOptions } from './handlers/context.js';
import { analysesHandlers } from './handlers/analyses.js';
import { editingHandlers } from './handlers/editing.js';
import { exportingHandlers } from './handlers/exporting.js';
import { importingHandlers } from './handlers/importing.js';
import { workspaceHandlers } from './handlers/workspace.js';

export type { Handlers, ServiceOptions };
export { TYPING_FOLD_MS } from './handlers/editing.js';
export { DEFAULT_RATES, emptyDocument } from './handlers/workspace.js';
export { freeName } from './handlers/context.js';

export function createHandlers(options: ServiceOptions): Handlers & { closeAll(): void } {
  const ctx = createContext(options);
  // Every operation of the contract, each from the one domain that names it (a missing or extra one
  // fails to compile).
  const handlers: Handlers = {
    ...workspaceHandlers(ctx),
    ...editingHandlers(ctx),
    ...importingHandlers(ctx),
    ...exportingHandlers(ctx),
    ...analysesHandlers(ctx),
  };
  return {
    ...handlers,
    closeAll: () => {
      for (const s of ctx.sessions.values()) s.store.close();
      ctx.sessions.clear();
      ctx.analyses?.close();
    },
  };
}
