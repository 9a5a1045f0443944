/**
 * Exports of the open workspace: the business-case report (export.pdf), the TCO sheet
 * (export.xlsx) and the CSV tables (export.csv). The desktop app asks where in the system's save
 * dialog; in a browser the page asks for a path. One export runs at a time; the last one's file
 * (or its error) is kept to be shown.
 */
import { create } from 'zustand';
import type { ApiError } from '../../../electron/api/errors.js';
import { call, chooseExportPath, hasSaveDialog } from '../api/client';
import { EXPORT_FORMATS, type ExportFormat } from '../features/export/paths';
import { useWorkspace } from './workspace';

export { EXPORT_FORMATS, suggestedPath, type ExportFormat } from '../features/export/paths';

export interface ExportDone {
  format: ExportFormat;
  path: string;
  pages?: number;
}

interface ExportStore {
  running: ExportFormat | null;
  done: ExportDone | null;
  error: ApiError | null;
  /** The desktop app's save dialog is there to ask where. */
  dialog: boolean;
  /** Export to `path`, or (no path, desktop) where the save dialog says. */
  exportTo(format: ExportFormat, path?: string): Promise<void>;
  dismiss(): void;
}

export const useExport = create<ExportStore>((set, get) => ({
  running: null,
  done: null,
  error: null,
  dialog: hasSaveDialog(),
  dismiss: () => set({ done: null, error: null }),
  exportTo: async (format, given) => {
    const ws = useWorkspace.getState().workspace;
    if (!ws || get().running) return;
    const path = given ?? (await chooseExportPath(EXPORT_FORMATS[format].kind));
    if (!path) return;
    set({ running: format, error: null, done: null });
    const handle = ws.handle;
    const r =
      format === 'pdf'
        ? await call('export.pdf', { handle, path })
        : format === 'xlsx'
          ? await call('export.xlsx', { handle, path })
          : await call('export.csv', { handle, path, table: format === 'csv-compare' ? 'compare' : 'monthly' });
    if (r.ok) set({ running: null, done: { format, path: r.value.path, ...('pages' in r.value ? { pages: (r.value as { pages: number }).pages } : {}) } });
    else set({ running: null, error: r.error });
  },
}));
