/**
 * The exports' slice: the business-case report (export.pdf), the TCO sheet (export.xlsx) and the
 * CSV tables (export.csv) of the open workspace. The desktop app asks where in the system's save
 * dialog; in a browser the page asks for a path. One export runs at a time; the last one's file
 * (or its error) is kept to be shown.
 */
import type { StateCreator } from 'zustand';
import type { ApiError, ApiResult } from '../../../../electron/api/errors.js';
import { call, chooseExportPath, hasSaveDialog } from '../../api/client';
import { EXPORT_FORMATS, type ExportFormat } from '../export-formats';
import type { Store } from '../store';

export interface ExportDone {
  format: ExportFormat;
  path: string;
  pages?: number;
}

export interface ExportSlice {
  /** The export running, if one is. */
  exportRunning: ExportFormat | null;
  /** The last export's file. */
  exportDone: ExportDone | null;
  /** Why the last export failed. */
  exportError: ApiError | null;
  /** The desktop app's save dialog is there to ask where. */
  saveDialog: boolean;
  /** Export to `path`, or (no path, desktop) where the save dialog says. */
  exportTo(format: ExportFormat, path?: string): Promise<void>;
  dismissExport(): void;
}

/** The one call of an export format, answered with its file (and, for the report, its pages). */
async function exported(format: ExportFormat, handle: string, path: string): Promise<ApiResult<{ path: string; pages?: number }>> {
  if (format === 'pdf') return call('export.pdf', { handle, path });
  if (format === 'xlsx') return call('export.xlsx', { handle, path });
  return call('export.csv', { handle, path, table: format === 'csv-compare' ? 'compare' : 'monthly' });
}

export const createExportSlice: StateCreator<Store, [], [], ExportSlice> = (set, get) => ({
  exportRunning: null,
  exportDone: null,
  exportError: null,
  saveDialog: hasSaveDialog(),
  dismissExport: () => set({ exportDone: null, exportError: null }),
  exportTo: async (format, given) => {
    const ws = get().workspace;
    if (!ws || get().exportRunning) return;
    const path = given ?? (await chooseExportPath(EXPORT_FORMATS[format].kind));
    if (!path) return;
    set({ exportRunning: format, exportError: null, exportDone: null });
    const r = await exported(format, ws.handle, path);
    if (r.ok) set({ exportRunning: null, exportDone: { format, path: r.value.path, ...(r.value.pages === undefined ? {} : { pages: r.value.pages }) } });
    else set({ exportRunning: null, exportError: r.error });
  },
});
