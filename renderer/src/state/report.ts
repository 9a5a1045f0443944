/**
 * The report's settings of the open workspace: "prepared for" and "prepared by" on the business
 * case's title page (report.settings). They are kept in the workspace file beside the document and
 * saved at once as typed; they are not undo steps (electron/store/README.md says why).
 */
import { create } from 'zustand';
import type { ApiError } from '../../../electron/api/errors.js';
import { call } from '../api/client';

export type ReportSettingField = 'preparedFor' | 'preparedBy';

interface ReportSettingsStore {
  /** The workspace the settings below are of (null: not loaded yet). */
  handle: string | null;
  preparedFor: string;
  preparedBy: string;
  error: ApiError | null;
  /** Read the settings of a workspace (again, if another was loaded). */
  load(handle: string): Promise<void>;
  /** Save one setting; resolves to the error that refused it, or null. */
  save(handle: string, field: ReportSettingField, value: string): Promise<ApiError | null>;
}

export const useReportSettings = create<ReportSettingsStore>((set, get) => ({
  handle: null,
  preparedFor: '',
  preparedBy: '',
  error: null,
  load: async (handle) => {
    const r = await call('report.settings', { handle });
    if (r.ok) set({ handle, ...r.value, error: null });
    else set({ handle, preparedFor: '', preparedBy: '', error: r.error });
  },
  save: async (handle, field, value) => {
    const r = await call('report.settings', { handle, [field]: value });
    if (!r.ok) return r.error;
    if (get().handle === handle) set({ ...r.value, error: null });
    return null;
  },
}));
