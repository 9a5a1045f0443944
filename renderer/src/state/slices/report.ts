/**
 * The report settings' slice: "prepared for" and "prepared by" on the business case's title page
 * of the open workspace (report.settings). They are kept in the workspace file beside the document
 * and saved at once as typed; they are not undo steps (electron/store/README.md says why).
 */
import type { StateCreator } from 'zustand';
import type { ApiError } from '../../../../electron/api/errors.js';
import { call } from '../../api/client';
import type { Store } from '../store';

export type ReportSettingField = 'preparedFor' | 'preparedBy';

export interface ReportSlice {
  /** The workspace the settings below are of (null: not loaded yet). */
  reportHandle: string | null;
  preparedFor: string;
  preparedBy: string;
  reportError: ApiError | null;
  /** Read the settings of a workspace (again, if another was loaded). */
  loadReportSettings(handle: string): Promise<void>;
  /** Save one setting; resolves to the error that refused it, or null. */
  saveReportSetting(handle: string, field: ReportSettingField, value: string): Promise<ApiError | null>;
}

export const createReportSlice: StateCreator<Store, [], [], ReportSlice> = (set, get) => ({
  reportHandle: null,
  preparedFor: '',
  preparedBy: '',
  reportError: null,
  loadReportSettings: async (handle) => {
    const r = await call('report.settings', { handle });
    if (r.ok) set({ reportHandle: handle, ...r.value, reportError: null });
    else set({ reportHandle: handle, preparedFor: '', preparedBy: '', reportError: r.error });
  },
  saveReportSetting: async (handle, field, value) => {
    const r = await call('report.settings', { handle, [field]: value });
    if (!r.ok) return r.error;
    if (get().reportHandle === handle) set({ ...r.value, reportError: null });
    return null;
  },
});
